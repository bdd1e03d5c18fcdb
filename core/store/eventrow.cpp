#include "store/eventrow.h"

#include "store/schema.h"
#include "store/sqlite.h"

namespace majlis::store {

Result<Event> eventFromRow(const Statement &st, bool parsePayload)
{
    Event e;
    e.id = st.columnText(0);
    e.workstation = st.columnText(1);
    e.seq = st.columnInt(2);
    e.kind = st.columnText(3);
    e.packId = st.columnText(4);
    e.itemId = st.columnText(5);
    e.comparisonId = st.columnText(6);
    e.annotator = st.columnText(7);
    e.createdUtc = st.columnText(8);
    e.supersedes = st.columnText(9);
    if (!parsePayload)
        return e;
    const QByteArray payload = st.columnBytes(10);
    e.payload = nlohmann::json::parse(payload.cbegin(), payload.cend(), nullptr, false);
    if (e.payload.is_discarded())
        return Error::parse(QStringLiteral("stored event %1 has a payload that is not JSON").arg(e.id));
    return e;
}

Status visitEventRows(Statement &st, const std::function<Status(const Event &)> &visit,
                      const QSet<QString> *payloadKinds)
{
    return forEachRow(st, [&](const Statement &row) -> Status {
        const bool parse = !payloadKinds || payloadKinds->contains(row.columnText(3));
        auto parsed = eventFromRow(row, parse);
        if (!parsed)
            return parsed.error();
        return visit(*parsed);
    });
}

const char *eventsInCastOrderSql(bool ofPack, bool ofAnnotator)
{
    // One statement per filter, each with plain equalities: "(?1 IS NULL OR pack_id = ?1)" kept
    // SQLite from the indexes, and a pack's events then came through a sort of every row, payload
    // and all. A pack's events come in the order of events_in_cast_order; one annotator's from
    // events_by_annotator, sorted (a workstation's share of a pack).
    static const QByteArray select = QByteArray("SELECT ") + kEventColumns + " FROM events ";
    static const QByteArray order = " ORDER BY created_utc, workstation, seq";
    static const QByteArray all = select + order, pack = select + "WHERE pack_id = ?1" + order,
                            annotator = select + "WHERE annotator = ?2" + order,
                            both = select + "WHERE pack_id = ?1 AND annotator = ?2" + order;
    return (ofPack ? (ofAnnotator ? both : pack) : (ofAnnotator ? annotator : all)).constData();
}

Status forEachEvent(Database &db, const std::function<void(const Event &)> &visit, const QString &packId,
                    const QString &annotator, const QSet<QString> *payloadKinds)
{
    Statement st(db, eventsInCastOrderSql(!packId.isEmpty(), !annotator.isEmpty()));
    if (!st.valid())
        return st.prepareError();
    if (!packId.isEmpty())
        st.bind(1, packId);
    if (!annotator.isEmpty())
        st.bind(2, annotator);
    return visitEventRows(st, [&visit](const Event &e) {
        visit(e);
        return Status();
    }, payloadKinds);
}

Result<std::optional<Event>> readEventById(Statement &byId, const QString &id)
{
    auto row = byId.bind(1, id).step();
    if (!row)
        return row.error();
    if (!*row) {
        byId.reset();
        return std::optional<Event>();
    }
    auto stored = eventFromRow(byId);
    byId.reset();
    if (!stored)
        return stored.error();
    return std::optional<Event>(std::move(*stored));
}

Result<Event> eventById(Database &db, const QString &id)
{
    static const QByteArray sql = QByteArray("SELECT ") + kEventColumns + " FROM events WHERE id = ?1";
    Statement st(db, sql.constData());
    if (!st.valid())
        return st.prepareError();
    auto found = readEventById(st, id);
    if (!found)
        return found.error();
    if (!*found)
        return Error::notFound(QStringLiteral("no event %1 in the store").arg(id));
    return std::move(**found);
}

Result<QSet<QString>> supersededIds(Database &db, const QString &packId, const QString &annotator)
{
    Statement st(db, kSupersededIdsSql);
    st.bind(1, packId).bind(2, annotator);
    QSet<QString> out;
    if (Status s = forEachRow(st, [&](const Statement &row) { out.insert(row.columnText(0)); }); !s)
        return s.error();
    return out;
}

} // namespace majlis::store
