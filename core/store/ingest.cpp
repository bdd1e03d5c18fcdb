#include "store/ingest.h"

#include "store/eventrow.h"
#include "store/sqliteingest.h"
#include "store/votefacts.h"

#include "common/json.h"

#include <QStringList>

namespace majlis::store {

QString toString(IngestStatus status)
{
    switch (status) {
    case IngestStatus::Accepted: return QStringLiteral("accepted");
    case IngestStatus::AlreadyKnown: return QStringLiteral("already_known");
    case IngestStatus::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

QString gapText(const QList<MissingSeqs> &gaps)
{
    QStringList parts;
    for (const MissingSeqs &g : gaps)
        parts << (g.first == g.last ? QStringLiteral("seq %1 missing").arg(g.first)
                                    : QStringLiteral("seq %1\u2013%2 missing").arg(g.first).arg(g.last));
    return parts.join(QStringLiteral(", "));
}

QString WorkstationProgress::gapText() const
{
    return store::gapText(gaps);
}

namespace {

QByteArray sql(const char *head, const char *tail)
{
    return QByteArray(head) + kEventColumns + tail;
}

} // namespace

struct SqliteIngestBackend::Statements
{
    explicit Statements(Database &db)
        : insert(db, sql("INSERT INTO events (", ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                                                  "ON CONFLICT DO NOTHING")
                         .constData()),
          byId(db, sql("SELECT ", " FROM events WHERE id = ?1").constData()),
          bySeq(db, "SELECT id FROM events WHERE workstation = ?1 AND seq = ?2"), facts(db)
    {
    }
    Status valid() const
    {
        for (const Statement *st : {&insert, &byId, &bySeq})
            if (!st->valid())
                return st->prepareError();
        return {};
    }
    Statement insert;
    Statement byId;
    Statement bySeq;
    VoteFactsWriter facts; // the projection, in the same transaction as the event
};

SqliteIngestBackend::SqliteIngestBackend(Database &db) : m_db(db), m_st(std::make_unique<Statements>(db)) {}

SqliteIngestBackend::~SqliteIngestBackend() = default;

Result<bool> SqliteIngestBackend::insertIfAbsent(const Event &e)
{
    if (Status s = m_st->valid(); !s)
        return s.error();
    Statement &ins = m_st->insert;
    ins.bind(1, e.id).bind(2, e.workstation).bind(3, e.seq).bind(4, e.kind).bind(5, e.packId);
    ins.bind(6, e.itemId).bindOptional(7, e.comparisonId).bind(8, e.annotator).bind(9, e.createdUtc);
    ins.bindOptional(10, e.supersedes).bindText(11, e.payload.dump());
    if (Status s = ins.run(); !s)
        return s.error();
    if (m_db.changes() != 1)
        return false;
    if (Status s = m_st->facts.add(e); !s)
        return s.error();
    return true;
}

Result<std::optional<Event>> SqliteIngestBackend::eventById(const QString &id)
{
    if (Status s = m_st->valid(); !s)
        return s.error();
    return readEventById(m_st->byId, id);
}

Result<std::optional<QString>> SqliteIngestBackend::seqHolder(const QString &workstation, qint64 seq)
{
    if (Status s = m_st->valid(); !s)
        return s.error();
    Statement &bySeq = m_st->bySeq;
    auto row = bySeq.bind(1, workstation).bind(2, seq).step();
    if (!row)
        return row.error();
    std::optional<QString> holder = *row ? std::optional<QString>(bySeq.columnText(0)) : std::nullopt;
    bySeq.reset();
    return holder;
}

Result<qint64> SqliteIngestBackend::acknowledgedHint(const QString &workstation)
{
    Statement hint(m_db, "SELECT contiguous_seq FROM workstation_seq WHERE workstation = ?1");
    if (!hint.valid())
        return hint.prepareError();
    auto row = hint.bind(1, workstation).step();
    if (!row)
        return row.error();
    return *row ? hint.columnInt(0) : qint64(0);
}

Status SqliteIngestBackend::visitSeqsAbove(const QString &workstation, qint64 after, const std::function<void(qint64)> &visit)
{
    Statement walk(m_db, "SELECT seq FROM events WHERE workstation = ?1 AND seq > ?2 ORDER BY seq");
    if (!walk.valid())
        return walk.prepareError();
    walk.bind(1, workstation).bind(2, after);
    for (;;) {
        auto row = walk.step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        visit(walk.columnInt(0));
    }
}

Status SqliteIngestBackend::raiseAcknowledgedHint(const QString &workstation, qint64 seq)
{
    Statement save(m_db, "INSERT INTO workstation_seq (workstation, contiguous_seq) VALUES (?1, ?2) "
                         "ON CONFLICT (workstation) DO UPDATE SET contiguous_seq = excluded.contiguous_seq "
                         "WHERE excluded.contiguous_seq > workstation_seq.contiguous_seq");
    return save.bind(1, workstation).bind(2, seq).run();
}

EventIngest::EventIngest(Database &db)
    : m_backend(std::make_unique<SqliteIngestBackend>(db)), m_procedure(std::make_unique<IngestProcedure>(*m_backend))
{}

EventIngest::~EventIngest() = default;

Result<IngestOutcome> EventIngest::add(const Event &event)
{
    return m_procedure->add(event);
}

Result<IngestReport> EventIngest::finish()
{
    return m_procedure->finish();
}

Result<WorkstationProgress> workstationProgress(Database &db, const QString &workstation)
{
    SqliteIngestBackend backend(db);
    return workstationProgress(backend, workstation, false);
}

Result<IngestReport> ingestEvents(Database &db, const bundle::EventSource &source)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    EventIngest ingest(db);
    std::optional<Error> storeError;
    Status delivered = source([&](const Event &e) -> Status {
        auto outcome = ingest.add(e);
        if (!outcome) {
            storeError = outcome.error();
            return outcome.error();
        }
        return {};
    });
    if (storeError)
        return *storeError;
    if (!delivered)
        return delivered.error();
    auto report = ingest.finish();
    if (!report)
        return report.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<QList<IngestReport>> ingestEventBatches(Database &db, const QList<QList<Event>> &batches)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    QList<IngestReport> reports;
    reports.reserve(batches.size());
    for (const QList<Event> &batch : batches) {
        EventIngest ingest(db);
        for (const Event &e : batch)
            if (auto outcome = ingest.add(e); !outcome)
                return outcome.error();
        auto report = ingest.finish();
        if (!report)
            return report.error();
        reports.append(std::move(*report));
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return reports;
}

} // namespace majlis::store
