#include "store/eventrow.h"

#include "store/sqlite.h"

namespace majlis::store {

Result<Event> eventFromRow(const Statement &st)
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
    const QByteArray payload = st.columnBytes(10);
    e.payload = nlohmann::json::parse(payload.cbegin(), payload.cend(), nullptr, false);
    if (e.payload.is_discarded())
        return Error::parse(QStringLiteral("stored event %1 has a payload that is not JSON").arg(e.id));
    return e;
}

Status visitEventRows(Statement &st, const std::function<Status(const Event &)> &visit)
{
    for (;;) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        auto parsed = eventFromRow(st);
        if (!parsed)
            return parsed.error();
        if (Status s = visit(*parsed); !s) {
            st.reset();
            return s;
        }
    }
}

Status forEachEvent(Database &db, const std::function<void(const Event &)> &visit, const QString &packId,
                    const QString &annotator)
{
    static const QByteArray sql = QByteArray("SELECT ") + kEventColumns
                                  + " FROM events WHERE (?1 IS NULL OR pack_id = ?1) AND (?2 IS NULL OR annotator = ?2) "
                                    "ORDER BY created_utc, workstation, seq";
    Statement st(db, sql.constData());
    if (!st.valid())
        return st.prepareError();
    st.bindOptional(1, packId).bindOptional(2, annotator);
    return visitEventRows(st, [&visit](const Event &e) {
        visit(e);
        return Status();
    });
}

} // namespace majlis::store
