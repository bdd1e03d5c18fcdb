#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

#include "bundle/bundleverifier.h"
#include "common/result.h"
#include "model/event.h"
#include "model/votefacts.h"
#include "store/bundleimport.h"
#include "store/ingest.h"
#include "store/workstationregistry.h"
#include "sync/tokens.h"

namespace majlis::sync {

struct TokenOwner
{
    QString name;
    Role role = Role::Annotator;
};

struct PublishedPack
{
    QString id;
    QString title;
    qint64 itemCount = 0;
    QString sha256;  // hex, of the file as published
    QString publishedBy;
    QString publishedUtc;
};

// What the server keeps, whatever holds it. SQLite (one file, the default) and PostgreSQL keep
// the same tables; both ingest by INSERT … ON CONFLICT DO NOTHING in one transaction per call.
// Called from one thread.
class ServerStorage
{
public:
    virtual ~ServerStorage() = default;

    virtual QString kind() const = 0;  // "sqlite" or "postgresql"

    // One transaction: every event decided and committed together, or nothing on error.
    virtual Result<store::IngestReport> ingestEvents(const QList<Event> &events) = 0;
    // Several batches at once, each with its own report (store::ingestEventBatches' rules). The
    // default takes them one transaction each; SQLite commits them together.
    virtual Result<QList<store::IngestReport>> ingestEventBatches(const QList<QList<Event>> &batches);
    // One transaction with the import record; all or nothing (store::importBundle's rules).
    virtual Result<store::BundleImportReport> importBundle(bundle::VerifiedBundle &bundle,
                                                           const QString &registeredBy) = 0;
    virtual Result<std::optional<QByteArray>> workstationKey(const QString &workstation) = 0;

    // Workstation identity (store/workstationregistry.h: the same rules on both backends).
    virtual Result<std::optional<store::WorkstationBinding>> findWorkstation(const QString &workstation) = 0;
    virtual Result<QList<store::WorkstationBinding>> workstations() = 0;
    virtual Result<store::WorkstationBinding> bindWorkstation(const store::WorkstationBinding &binding,
                                                              const QString &actor) = 0;
    virtual Status replaceWorkstation(const store::WorkstationBinding &binding, const QString &actor) = 0;
    virtual Status revokeWorkstation(const QString &workstation, const QString &actor) = 0;
    virtual Result<QList<store::WorkstationAuditEntry>> workstationAudit() = 0;
    virtual Status addEnrollmentCode(const QString &codeHash, const QString &owner, const QString &createdBy,
                                     const QString &expiresUtc) = 0;
    virtual Result<std::optional<QString>> redeemEnrollmentCode(const QString &codeHash, const QString &workstation) = 0;
    virtual Result<qint64> eventCount() = 0;
    // Every event, of one pack when given, in the order they were cast (created_utc,
    // workstation, seq): what the leaderboard folds.
    virtual Status forEachEvent(const std::function<void(const Event &)> &visit, const QString &packId = {}) = 0;
    // The fold's reads through the vote-facts projection (store/votefacts.h), which every
    // backend writes at ingest: what the leaderboard folds (analysis::FoldReader).
    virtual Status forEachStoredVote(const std::function<void(const StoredVoteView &)> &visit, const QString &packId = {}) = 0;
    virtual Status forEachSupersededId(const std::function<void(const QString &)> &visit, const QString &packId = {}) = 0;
    virtual Status forEachEventOfKind(const QString &kind, const std::function<void(const Event &)> &visit,
                                      const QString &packId = {}) = 0;

    virtual Status addToken(const QString &hash, const QString &name, Role role) = 0;
    virtual Result<std::optional<TokenOwner>> tokenOwner(const QString &hash) = 0;

    virtual Result<QList<PublishedPack>> packs() = 0;
    virtual Result<std::optional<QByteArray>> packFile(const QString &id) = 0;
    // Publishes a pack; the same file again changes nothing (returns false), another file
    // under a published id is a Conflict.
    virtual Result<bool> publishPack(const PublishedPack &pack, const QByteArray &file) = 0;
};

// "sqlite:PATH" (or a bare path) or "postgresql://user@host:port/dbname". Migrates the schema.
Result<std::unique_ptr<ServerStorage>> openServerStorage(const QString &spec);

} // namespace majlis::sync
