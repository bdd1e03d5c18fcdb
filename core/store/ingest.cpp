#include "store/ingest.h"

#include "store/eventrow.h"

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

QString describeDifference(const Event &stored, const Event &incoming)
{
    const std::initializer_list<std::tuple<const char *, const QString &, const QString &>> fields{
        {"workstation", stored.workstation, incoming.workstation},
        {"kind", stored.kind, incoming.kind},
        {"pack", stored.packId, incoming.packId},
        {"item", stored.itemId, incoming.itemId},
        {"comparison", stored.comparisonId, incoming.comparisonId},
        {"annotator", stored.annotator, incoming.annotator},
        {"created", stored.createdUtc, incoming.createdUtc},
        {"supersedes", stored.supersedes, incoming.supersedes},
    };
    for (const auto &[name, a, b] : fields)
        if (a != b)
            return QStringLiteral("event %1 is already stored with a different \"%2\" (stored \"%3\", sent \"%4\"); "
                                  "events are immutable, an edit needs a new event")
                .arg(incoming.id, QLatin1String(name), a, b);
    if (stored.seq != incoming.seq)
        return QStringLiteral("event %1 is already stored with a different \"seq\" (stored %2, sent %3); "
                              "events are immutable, an edit needs a new event")
            .arg(incoming.id)
            .arg(stored.seq)
            .arg(incoming.seq);
    if (stored.payload != incoming.payload)
        return QStringLiteral("event %1 is already stored with a different \"payload\"; "
                              "events are immutable, an edit needs a new event")
            .arg(incoming.id);
    return {};
}

namespace {

// Shape checks the wire parser makes too; an Event built in code may skip them.
QByteArray sql(const char *head, const char *tail)
{
    return QByteArray(head) + kEventColumns + tail;
}

Result<WorkstationProgress> progress(Database &db, const QString &workstation, bool saveHint)
{
    WorkstationProgress p;
    p.workstation = workstation;
    {
        Statement hint(db, "SELECT contiguous_seq FROM workstation_seq WHERE workstation = ?1");
        if (!hint.valid())
            return hint.prepareError();
        auto row = hint.bind(1, workstation).step();
        if (!row)
            return row.error();
        if (*row)
            p.acknowledgedSeq = hint.columnInt(0);
    }
    const qint64 hinted = p.acknowledgedSeq;
    // One ordered walk over the seqs above the hint: first extend the contiguous prefix, then
    // collect the gaps above it. Usually only the events of the last batch are above the hint.
    Statement walk(db, "SELECT seq FROM events WHERE workstation = ?1 AND seq > ?2 ORDER BY seq");
    if (!walk.valid())
        return walk.prepareError();
    walk.bind(1, workstation).bind(2, p.acknowledgedSeq);
    bool inPrefix = true;
    qint64 previous = p.acknowledgedSeq;
    for (;;) {
        auto row = walk.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const qint64 seq = walk.columnInt(0);
        if (inPrefix && seq == p.acknowledgedSeq + 1) {
            p.acknowledgedSeq = seq;
        } else {
            inPrefix = false;
            if (seq > previous + 1) {
                p.missingCount += seq - previous - 1;
                if (p.gaps.size() < WorkstationProgress::MaxListedGaps)
                    p.gaps.append({previous + 1, seq - 1});
            }
        }
        previous = seq;
    }
    p.maxSeq = previous;
    if (saveHint && p.acknowledgedSeq > hinted) {
        Statement save(db, "INSERT INTO workstation_seq (workstation, contiguous_seq) VALUES (?1, ?2) "
                           "ON CONFLICT (workstation) DO UPDATE SET contiguous_seq = excluded.contiguous_seq "
                           "WHERE excluded.contiguous_seq > workstation_seq.contiguous_seq");
        if (Status s = save.bind(1, workstation).bind(2, p.acknowledgedSeq).run(); !s)
            return s.error();
    }
    return p;
}

} // namespace

struct EventIngest::Statements
{
    explicit Statements(Database &db)
        : insert(db, sql("INSERT INTO events (", ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                                                  "ON CONFLICT DO NOTHING")
                         .constData()),
          byId(db, sql("SELECT ", " FROM events WHERE id = ?1").constData()),
          bySeq(db, "SELECT id FROM events WHERE workstation = ?1 AND seq = ?2")
    {
    }
    Statement insert;
    Statement byId;
    Statement bySeq;
};

EventIngest::EventIngest(Database &db) : m_db(db), m_st(std::make_unique<Statements>(db)) {}

EventIngest::~EventIngest() = default;

Result<IngestOutcome> EventIngest::add(const Event &event)
{
    for (const Statement *st : {&m_st->insert, &m_st->byId, &m_st->bySeq})
        if (!st->valid())
            return st->prepareError();

    IngestOutcome outcome{event.id, event.seq, IngestStatus::Accepted, {}};
    auto decide = [&](IngestStatus status, QString reason = {}) {
        outcome.status = status;
        outcome.reason = std::move(reason);
        switch (status) {
        case IngestStatus::Accepted: ++m_report.accepted; break;
        case IngestStatus::AlreadyKnown: ++m_report.alreadyKnown; break;
        case IngestStatus::Rejected: ++m_report.rejected; break;
        }
        m_report.outcomes.append(outcome);
        return outcome;
    };

    if (QString problem = eventProblem(event); !problem.isEmpty())
        return decide(IngestStatus::Rejected, problem);
    if (!m_report.workstations.contains(event.workstation))
        m_report.workstations.insert(event.workstation, {});

    Statement &ins = m_st->insert;
    ins.bind(1, event.id).bind(2, event.workstation).bind(3, event.seq).bind(4, event.kind).bind(5, event.packId);
    ins.bind(6, event.itemId).bindOptional(7, event.comparisonId).bind(8, event.annotator).bind(9, event.createdUtc);
    ins.bindOptional(10, event.supersedes).bindText(11, event.payload.dump());
    if (Status s = ins.run(); !s)
        return s.error();
    if (m_db.changes() == 1)
        return decide(IngestStatus::Accepted);

    // Nothing inserted: the id or the (workstation, seq) is taken. Find out which, and whether
    // it is this very event.
    Statement &byId = m_st->byId;
    auto row = byId.bind(1, event.id).step();
    if (!row)
        return row.error();
    if (*row) {
        auto stored = eventFromRow(byId);
        byId.reset();
        if (!stored)
            return stored.error();
        const QString difference = describeDifference(*stored, event);
        return difference.isEmpty() ? decide(IngestStatus::AlreadyKnown) : decide(IngestStatus::Rejected, difference);
    }
    byId.reset();

    Statement &bySeq = m_st->bySeq;
    row = bySeq.bind(1, event.workstation).bind(2, event.seq).step();
    if (!row)
        return row.error();
    const QString holder = *row ? bySeq.columnText(0) : QString();
    bySeq.reset();
    if (holder.isEmpty())
        return Error::sql(QStringLiteral("event %1 was neither stored nor found after INSERT ... ON CONFLICT DO NOTHING")
                              .arg(event.id));
    return decide(IngestStatus::Rejected,
                  QStringLiteral("event %1: seq %2 of workstation %3 is already taken by event %4; a workstation "
                                 "never reuses a seq")
                      .arg(event.id)
                      .arg(event.seq)
                      .arg(event.workstation, holder));
}

Result<IngestReport> EventIngest::finish()
{
    for (auto it = m_report.workstations.begin(); it != m_report.workstations.end(); ++it) {
        auto p = progress(m_db, it.key(), true);
        if (!p)
            return p.error();
        *it = *p;
    }
    return m_report;
}

Result<WorkstationProgress> workstationProgress(Database &db, const QString &workstation)
{
    return progress(db, workstation, false);
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
