#include "sync/pgstorage.h"

#include "store/eventstore.h"
#include "store/ingest.h"
#include "sync/pgevents.h"
#include "sync/pgquery.h"
#include "sync/pgworkstations.h"

#include <optional>

// PgStorage::ingestEvents and ::importBundle: the ingest of event batches and bundles.
namespace majlis::sync {

using pg::eventFromQuery;
using pg::kEventColumns;
using pg::nullable;
using pg::PgTransaction;
using pg::Query;

namespace {

Result<Event> eventById(const QSqlDatabase &db, const QString &id, bool *found)
{
    Query q(db, QStringLiteral("SELECT %1 FROM events WHERE id = ?").arg(QLatin1String(kEventColumns)));
    if (Status s = q.bind(id).exec(); !s)
        return s.error();
    *found = q.next();
    if (!*found)
        return Event{};
    return eventFromQuery(q);
}

// The same decisions as store::EventIngest, in PostgreSQL.
class PgIngest
{
public:
    explicit PgIngest(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<store::IngestOutcome> add(const Event &e)
    {
        store::IngestOutcome outcome{e.id, e.seq, store::IngestStatus::Accepted, {}};
        auto decide = [&](store::IngestStatus status, QString reason = {}) {
            outcome.status = status;
            outcome.reason = std::move(reason);
            switch (status) {
            case store::IngestStatus::Accepted: ++m_report.accepted; break;
            case store::IngestStatus::AlreadyKnown: ++m_report.alreadyKnown; break;
            case store::IngestStatus::Rejected: ++m_report.rejected; break;
            }
            m_report.outcomes.append(outcome);
            return outcome;
        };
        if (QString problem = eventProblem(e); !problem.isEmpty())
            return decide(store::IngestStatus::Rejected, problem);
        if (!m_report.workstations.contains(e.workstation))
            m_report.workstations.insert(e.workstation, {});
        Query ins(m_db, QStringLiteral("INSERT INTO events (id, workstation, seq, kind, pack_id, item_id, "
                                       "comparison_id, annotator, created_utc, supersedes, payload) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
        ins.bind(e.id).bind(e.workstation).bind(e.seq).bind(e.kind).bind(e.packId).bind(e.itemId);
        ins.bind(nullable(e.comparisonId)).bind(e.annotator).bind(e.createdUtc).bind(nullable(e.supersedes));
        ins.bind(QString::fromStdString(e.payload.dump()));
        if (Status s = ins.exec(); !s)
            return s.error();
        if (ins.rowsAffected() == 1)
            return decide(store::IngestStatus::Accepted);

        bool found = false;
        auto stored = eventById(m_db, e.id, &found);
        if (!stored)
            return stored.error();
        if (found) {
            const QString difference = store::describeDifference(*stored, e);
            return difference.isEmpty() ? decide(store::IngestStatus::AlreadyKnown)
                                        : decide(store::IngestStatus::Rejected, difference);
        }
        Query bySeq(m_db, QStringLiteral("SELECT id FROM events WHERE workstation = ? AND seq = ?"));
        if (Status s = bySeq.bind(e.workstation).bind(e.seq).exec(); !s)
            return s.error();
        if (!bySeq.next())
            return Error::sql(QStringLiteral("event %1 was neither stored nor found after INSERT ... ON CONFLICT DO "
                                             "NOTHING")
                                  .arg(e.id));
        return decide(store::IngestStatus::Rejected,
                      QStringLiteral("event %1: seq %2 of workstation %3 is already taken by event %4; a workstation "
                                     "never reuses a seq")
                          .arg(e.id)
                          .arg(e.seq)
                          .arg(e.workstation, bySeq.value(0).toString()));
    }

    Result<store::IngestReport> finish()
    {
        for (auto it = m_report.workstations.begin(); it != m_report.workstations.end(); ++it) {
            auto p = progress(it.key());
            if (!p)
                return p.error();
            *it = *p;
        }
        return m_report;
    }

private:
    // store/ingest.cpp's walk from the workstation_seq hint.
    Result<store::WorkstationProgress> progress(const QString &workstation)
    {
        store::WorkstationProgress p;
        p.workstation = workstation;
        Query hint(m_db, QStringLiteral("SELECT contiguous_seq FROM workstation_seq WHERE workstation = ?"));
        if (Status s = hint.bind(workstation).exec(); !s)
            return s.error();
        if (hint.next())
            p.acknowledgedSeq = hint.value(0).toLongLong();
        const qint64 hinted = p.acknowledgedSeq;
        Query walk(m_db, QStringLiteral("SELECT seq FROM events WHERE workstation = ? AND seq > ? ORDER BY seq"));
        if (Status s = walk.bind(workstation).bind(p.acknowledgedSeq).exec(); !s)
            return s.error();
        bool inPrefix = true;
        qint64 previous = p.acknowledgedSeq;
        while (walk.next()) {
            const qint64 seq = walk.value(0).toLongLong();
            if (inPrefix && seq == p.acknowledgedSeq + 1) {
                p.acknowledgedSeq = seq;
            } else {
                inPrefix = false;
                if (seq > previous + 1) {
                    p.missingCount += seq - previous - 1;
                    if (p.gaps.size() < store::WorkstationProgress::MaxListedGaps)
                        p.gaps.append({previous + 1, seq - 1});
                }
            }
            previous = seq;
        }
        p.maxSeq = previous;
        if (p.acknowledgedSeq > hinted) {
            Query save(m_db, QStringLiteral("INSERT INTO workstation_seq (workstation, contiguous_seq) VALUES (?, ?) "
                                            "ON CONFLICT (workstation) DO UPDATE SET contiguous_seq = "
                                            "GREATEST(workstation_seq.contiguous_seq, excluded.contiguous_seq)"));
            if (Status s = save.bind(workstation).bind(p.acknowledgedSeq).exec(); !s)
                return s.error();
        }
        return p;
    }

    QSqlDatabase m_db;
    store::IngestReport m_report;
};

}  // namespace

Result<store::IngestReport> PgStorage::ingestEvents(const QList<Event> &events)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s.error();
    PgIngest ingest(db);
    for (const Event &e : events)
        if (auto outcome = ingest.add(e); !outcome)
            return outcome.error();
    auto report = ingest.finish();
    if (!report)
        return report.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<store::BundleImportReport> PgStorage::importBundle(bundle::VerifiedBundle &bundle, const QString &registeredBy)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    store::BundleImportReport report;
    report.summary = bundle.summary();
    const bundle::BundleHeader &header = report.summary.header;
    const QString digest = QString::fromLatin1(report.summary.sha256.toHex());

    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s.error();
    Query seen(db, QStringLiteral("SELECT sha256, imported_utc FROM bundle_imports WHERE bundle_id = ?"));
    if (Status s = seen.bind(header.bundleId).exec(); !s)
        return s.error();
    if (seen.next()) {
        if (seen.value(0).toString() != digest)
            return Error::conflict(QStringLiteral("%1: a different bundle with the id %2 was imported on %3; "
                                                  "nothing imported")
                                       .arg(report.summary.source, header.bundleId, seen.value(1).toString()));
        report.alreadyImported = true;
        return report;
    }
    if (report.summary.keyTrust == bundle::KeyTrust::FirstUse) {
        Query reg(db, QStringLiteral("INSERT INTO workstation_keys (workstation, public_key, registered_by, "
                                     "registered_utc) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
        reg.bind(header.workstation).bind(QString::fromLatin1(header.publicKey.toBase64())).bind(registeredBy);
        if (Status s = reg.bind(store::utcNow()).exec(); !s)
            return s.error();
        if (reg.rowsAffected() != 1) {
            // Bound meanwhile (the API binds a workstation before it imports its first bundle):
            // fine when it is this very key.
            auto bound = pg::findWorkstation(db, header.workstation);
            if (!bound)
                return bound.error();
            if (!*bound || (*bound)->publicKey != header.publicKey)
                return Error::conflict(QStringLiteral("workstation %1 registered a key while this bundle was checked; "
                                                      "send it again")
                                           .arg(header.workstation));
        }
        report.keyRegistered = true;
    }
    PgIngest ingest(db);
    std::optional<Error> failure;
    Status delivered = bundle.forEachEvent([&](const Event &e) -> Status {
        auto outcome = ingest.add(e);
        if (!outcome)
            failure = outcome.error();
        else if (outcome->status == store::IngestStatus::Rejected)
            failure = Error::conflict(
                QStringLiteral("%1: seq %2: %3; nothing imported").arg(report.summary.source).arg(e.seq).arg(outcome->reason));
        return failure ? Status(*failure) : Status();
    });
    if (failure)
        return *failure;
    if (!delivered)
        return Error{delivered.error().code, delivered.error().message + QStringLiteral("; nothing imported")};
    auto ingested = ingest.finish();
    if (!ingested)
        return ingested.error();
    report.ingest = std::move(*ingested);
    Query record(db, QStringLiteral("INSERT INTO bundle_imports (bundle_id, sha256, workstation, seq_first, seq_last, "
                                    "event_count, accepted, already_known, imported_utc) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    record.bind(header.bundleId).bind(digest).bind(header.workstation).bind(header.seqFirst).bind(header.seqLast);
    record.bind(header.eventCount).bind(report.ingest.accepted).bind(report.ingest.alreadyKnown).bind(store::utcNow());
    if (Status s = record.exec(); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

}  // namespace majlis::sync
