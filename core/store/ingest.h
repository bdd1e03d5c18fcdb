#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <memory>

#include "bundle/bundlewriter.h"
#include "common/result.h"
#include "model/event.h"
#include "store/sqlite.h"

namespace majlis::store {

class IngestProcedure;
class SqliteIngestBackend;

// Ingest is set union by event id: the one code path that takes events from elsewhere (a bundle,
// a sync batch) into a store, local or server. Idempotent and order-free: the same events twice
// change nothing the second time.
enum class IngestStatus {
    Accepted,      // new: stored now
    AlreadyKnown,  // stored before with exactly this content
    Rejected,      // contradicts what is stored; nothing of it was stored (see reason)
};
QString toString(IngestStatus status);  // "accepted", "already_known", "rejected"

struct IngestOutcome
{
    QString eventId;
    qint64 seq = 0;
    IngestStatus status = IngestStatus::Accepted;
    QString reason;  // empty unless rejected
};

// Seq numbers missing above a workstation's contiguous prefix, inclusive.
struct MissingSeqs
{
    qint64 first = 0;
    qint64 last = 0;
    friend bool operator==(const MissingSeqs &, const MissingSeqs &) = default;
};

// Where a workstation stands after the ingest, over everything stored (not only this batch).
struct WorkstationProgress
{
    QString workstation;
    // Every seq 1..acknowledgedSeq is stored: the high-water mark a sync client may forget up to.
    qint64 acknowledgedSeq = 0;
    qint64 maxSeq = 0;         // the highest seq stored
    qint64 missingCount = 0;   // seqs in (acknowledgedSeq, maxSeq] not stored
    static constexpr qsizetype MaxListedGaps = 100;
    QList<MissingSeqs> gaps;   // the first MaxListedGaps gaps, in seq order

    // "seq 5–7 missing, seq 9 missing", or an empty string.
    QString gapText() const;
};

struct IngestReport
{
    QList<IngestOutcome> outcomes;  // one per event, in the order received
    qint64 accepted = 0;
    qint64 alreadyKnown = 0;
    qint64 rejected = 0;
    QMap<QString, WorkstationProgress> workstations;  // every workstation the events named

    qint64 total() const { return accepted + alreadyKnown + rejected; }
};

// Why `incoming` is not the stored event with the same id: the first differing field, or an
// empty string when they are the same (ingestprocedure.cpp).
QString describeDifference(const Event &stored, const Event &incoming);
// "5–7" style gap text shared by reports.
QString gapText(const QList<MissingSeqs> &gaps);

// Adds events to a SQLite store inside a transaction the caller holds (so a bundle's import record
// or a server's bookkeeping commits with the events, or not at all). Statements are prepared once;
// the decisions are store::IngestProcedure's, shared with the server's PostgreSQL.
class EventIngest
{
public:
    explicit EventIngest(Database &db);
    Q_DISABLE_COPY_MOVE(EventIngest)
    ~EventIngest();

    // An error is a storage failure: the caller must roll back. A rejection is not an error.
    Result<IngestOutcome> add(const Event &event);
    // Advances the contiguous-seq hints and reports every workstation seen. Call once, last.
    Result<IngestReport> finish();

private:
    // The SQLite side of the one ingest procedure (store/ingestprocedure.h, sqliteingest.h).
    std::unique_ptr<SqliteIngestBackend> m_backend;
    std::unique_ptr<IngestProcedure> m_procedure;
};

// Progress of one workstation over what `db` stores; advances the workstation_seq hint.
Result<WorkstationProgress> workstationProgress(Database &db, const QString &workstation);

// Ingests every event of `source` in one transaction: all of them are decided (accepted, known,
// rejected) and committed together, or — when the source or the store fails — none.
Result<IngestReport> ingestEvents(Database &db, const bundle::EventSource &source);

// Several batches in one transaction ("group commit": one fsync for all of them), each decided
// as if ingested alone after the ones before it, with a report of its own. All are committed
// together, or none on a storage failure.
Result<QList<IngestReport>> ingestEventBatches(Database &db, const QList<QList<Event>> &batches);

} // namespace majlis::store
