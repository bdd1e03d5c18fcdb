#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

#include "bundle/bundleverifier.h"
#include "common/result.h"
#include "model/event.h"
#include "store/bundleimport.h"
#include "store/ingest.h"

namespace majlis::store {

// The one ingest procedure. Every decision of an ingest — which events are accepted, known or
// rejected and with which message, how far a workstation is acknowledged, when a bundle is
// refused — is made here; a backend (SQLite in store/, PostgreSQL in sync/) supplies only its
// statements, so two backends cannot decide differently. Every call runs inside a transaction
// the caller holds; an error from a backend is a storage failure and the caller rolls back.
class IngestBackend
{
public:
    virtual ~IngestBackend() = default;

    // Stores `e` unless its id or its (workstation, seq) is taken; true when it was stored.
    virtual Result<bool> insertIfAbsent(const Event &e) = 0;
    virtual Result<std::optional<Event>> eventById(const QString &id) = 0;
    // The id of the event stored at (workstation, seq), if any.
    virtual Result<std::optional<QString>> seqHolder(const QString &workstation, qint64 seq) = 0;
    // The contiguous-seq hint saved before: every seq 1..hint is known to be stored (0: none).
    virtual Result<qint64> acknowledgedHint(const QString &workstation) = 0;
    // Every stored seq of `workstation` above `after`, in ascending order.
    virtual Status visitSeqsAbove(const QString &workstation, qint64 after, const std::function<void(qint64)> &visit) = 0;
    // Raises the hint to `seq`; never lowers it.
    virtual Status raiseAcknowledgedHint(const QString &workstation, qint64 seq) = 0;
};

// What a bundle import needs on top: its import records and the workstation key registry.
class BundleImportBackend : public IngestBackend
{
public:
    struct PreviousImport
    {
        QString sha256;  // hex
        QString importedUtc;
    };
    virtual Result<std::optional<PreviousImport>> previousImport(const QString &bundleId) = 0;
    virtual Result<std::optional<QByteArray>> registeredKey(const QString &workstation) = 0;
    // Stores the key unless the workstation has one; true when it was stored.
    virtual Result<bool> insertKeyIfAbsent(const QString &workstation, const QByteArray &publicKey,
                                           const QString &registeredBy) = 0;
    virtual Status recordImport(const BundleImportReport &report) = 0;
};

// Decides events one by one, counting into one report. Not copyable: it holds the backend.
class IngestProcedure
{
public:
    explicit IngestProcedure(IngestBackend &backend) : m_backend(backend) {}
    Q_DISABLE_COPY_MOVE(IngestProcedure)

    // An error is a storage failure: the caller must roll back. A rejection is not an error.
    Result<IngestOutcome> add(const Event &event);
    // Advances the contiguous-seq hints and reports every workstation seen. Call once, last.
    Result<IngestReport> finish();

private:
    IngestBackend &m_backend;
    IngestReport m_report;
};

// Where `workstation` stands over everything stored; with `saveHint`, raises the stored hint.
Result<WorkstationProgress> workstationProgress(IngestBackend &backend, const QString &workstation, bool saveHint);

// Registers `publicKey` (32 raw bytes) for `workstation`: the same key again changes nothing,
// another key for a registered workstation is a Conflict (store::registerKey's rules).
Status registerKey(BundleImportBackend &backend, const QString &workstation, const QByteArray &publicKey,
                   const QString &registeredBy);

// store::importBundle's rules, inside the caller's transaction: commit on success, roll back on
// an error (a Rejected event, a changed file, a storage failure all return one).
// `progress`, when given, counts the events stored ("storing"); cancel() stops with an error.
Result<BundleImportReport> importBundle(BundleImportBackend &backend, bundle::VerifiedBundle &bundle,
                                        const QString &registeredBy, Progress *progress = nullptr);

}  // namespace majlis::store
