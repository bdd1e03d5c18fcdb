#include "sync/pgvotefacts.h"

#include "store/votefacts.h"
#include "sync/pgevents.h"
#include "sync/pgquery.h"
#include "sync/pgstorage.h"


namespace majlis::sync::pg {

namespace {

constexpr const char *kInsertSql =
    "INSERT INTO vote_facts (pack_id, created_utc, workstation, seq, event_id, item_id, comparison_id, annotator, "
    "candidate_a, model_a, candidate_b, model_b, shown_first, first_side, outcome, selection, masked_a, masked_b, "
    "unreadable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qlonglong>());
}

QVariant optionalInt(const std::optional<int> &v)
{
    return v ? QVariant(qlonglong(*v)) : nullInt();
}

QVariant text(const char *spelling)
{
    return QVariant(QString::fromLatin1(spelling));
}

Status insert(const QSqlDatabase &db, const Event &e, const StoredVote &v)
{
    Query ins(db, QString::fromLatin1(kInsertSql));
    ins.bind(e.packId).bind(e.createdUtc).bind(e.workstation).bind(e.seq).bind(e.id).bind(e.itemId);
    ins.bind(nullable(e.comparisonId)).bind(e.annotator);
    const QVariant nullText = nullable(QString());
    if (const auto &f = v.facts) {
        ins.bind(qlonglong(f->candidateA)).bind(v.modelA);
        ins.bind(qlonglong(f->candidateB)).bind(v.modelB);
        ins.bind(f->shownFirst ? text(store::columnText(*f->shownFirst)) : nullText);
        ins.bind(f->firstSide ? text(store::columnText(*f->firstSide)) : nullText);
        ins.bind(text(store::columnText(f->outcome))).bind(text(store::columnText(f->selection)));
        ins.bind(optionalInt(f->maskedA)).bind(optionalInt(f->maskedB)).bind(nullText);
    } else {
        ins.bind(nullInt()).bind(nullText).bind(nullInt()).bind(nullText).bind(nullText).bind(nullText);
        ins.bind(nullText).bind(nullText).bind(nullInt()).bind(nullInt()).bind(v.unreadable);
    }
    return ins.exec();
}

std::optional<qint64> intColumn(const Query &q, int i)
{
    const QVariant v = q.value(i);
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

Status finished(const Query &q)
{
    // next() is false on an error too: a cut-off read must not pass for the whole.
    return q.failed() ? Status(q.error()) : Status();
}

}  // namespace

Status insertVoteFacts(const QSqlDatabase &db, const Event &e)
{
    if (e.kind != EventKind::Vote)
        return {};
    return insert(db, e, storedVoteOf(e));
}

Status fillVoteFacts(const QSqlDatabase &db)
{
    // Not forward-only: the inserts run on this connection while the votes are read (see
    // PgStorage::forEachEvent).
    Query votes(db, QStringLiteral("SELECT %1 FROM events WHERE kind = 'vote'").arg(QLatin1String(kEventColumns)));
    if (Status s = votes.exec(); !s)
        return s;
    while (votes.next()) {
        Event e = eventFieldsFromQuery(votes);
        const QByteArray payload = votes.value(10).toString().toUtf8();
        e.payload = nlohmann::json::parse(payload.cbegin(), payload.cend(), nullptr, false);
        // A payload that is not JSON (a row damaged in the database) is kept as an unreadable
        // vote, counted and named by the analyses; the migration does not stop on it.
        StoredVote v;
        if (e.payload.is_discarded())
            v.unreadable = QStringLiteral("the stored payload is not JSON");
        else
            v = storedVoteOf(e);
        if (Status s = insert(db, e, v); !s)
            return s;
    }
    return finished(votes);
}

Status forEachStoredVote(const QSqlDatabase &db, const std::function<void(const StoredVoteView &)> &visit,
                         const QString &packId)
{
    // A pack's votes are a range of the primary key, in cast order.
    Query q(db, QStringLiteral("SELECT event_id, pack_id, item_id, comparison_id, annotator, created_utc, candidate_a, "
                               "model_a, candidate_b, model_b, shown_first, first_side, outcome, selection, masked_a, "
                               "masked_b, unreadable FROM vote_facts %1 ORDER BY created_utc, workstation, seq")
                    .arg(packId.isEmpty() ? QString() : QStringLiteral("WHERE pack_id = ?")));
    if (!packId.isEmpty())
        q.bind(packId);
    if (Status s = q.exec(); !s)
        return s;
    // The texts as UTF-8, alive while the visitor reads their views.
    QByteArray text[14];
    StoredVoteView v;
    VoteFacts facts;
    const auto view = [](const QByteArray &b) { return std::string_view(b.constData(), std::size_t(b.size())); };
    while (q.next()) {
        for (int i : {0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13})
            text[i] = q.value(i).toString().toUtf8();
        v.eventId = view(text[0]);
        v.packId = view(text[1]);
        v.itemId = view(text[2]);
        v.comparisonId = view(text[3]);
        v.annotator = view(text[4]);
        v.createdUtc = view(text[5]);
        v.modelA = view(text[7]);
        v.modelB = view(text[9]);
        v.facts = nullptr;
        v.unreadable.clear();
        if (!q.value(16).isNull()) {
            v.unreadable = q.value(16).toString();
        } else {
            const store::VoteFactsColumns c{v.modelA,         v.modelB,         view(text[10]),  view(text[11]),
                                            view(text[12]),   view(text[13]),   intColumn(q, 6), intColumn(q, 8),
                                            intColumn(q, 14), intColumn(q, 15)};
            if (auto read = store::voteFactsFromColumns(c)) {
                facts = *read;
                v.facts = &facts;
            } else {
                v.unreadable = read.error().message;
            }
        }
        visit(v);
    }
    return finished(q);
}

Status forEachSupersededId(const QSqlDatabase &db, const std::function<void(const QString &)> &visit,
                           const QString &packId)
{
    Query q(db, QStringLiteral("SELECT supersedes FROM events WHERE supersedes IS NOT NULL %1")
                    .arg(packId.isEmpty() ? QString() : QStringLiteral("AND pack_id = ?")));
    if (!packId.isEmpty())
        q.bind(packId);
    if (Status s = q.exec(); !s)
        return s;
    while (q.next())
        visit(q.value(0).toString());
    return finished(q);
}

Status forEachEventOfKind(const QSqlDatabase &db, const QString &kind, const std::function<void(const Event &)> &visit,
                          const QString &packId)
{
    // Through events_of_kind: a pack's marks without a look at its million votes.
    Query q(db, QStringLiteral("SELECT %1 FROM events WHERE kind = ? %2 ORDER BY created_utc, workstation, seq")
                    .arg(QLatin1String(kEventColumns),
                         packId.isEmpty() ? QString() : QStringLiteral("AND pack_id = ?")));
    q.bind(kind);
    if (!packId.isEmpty())
        q.bind(packId);
    return visitEvents(q, visit);
}

}  // namespace majlis::sync::pg

namespace majlis::sync {

Status PgStorage::forEachStoredVote(const std::function<void(const StoredVoteView &)> &visit, const QString &packId)
{
    return pg::forEachStoredVote(QSqlDatabase::database(m_connection), visit, packId);
}

Status PgStorage::forEachSupersededId(const std::function<void(const QString &)> &visit, const QString &packId)
{
    return pg::forEachSupersededId(QSqlDatabase::database(m_connection), visit, packId);
}

Status PgStorage::forEachEventOfKind(const QString &kind, const std::function<void(const Event &)> &visit,
                                     const QString &packId)
{
    return pg::forEachEventOfKind(QSqlDatabase::database(m_connection), kind, visit, packId);
}

}  // namespace majlis::sync
