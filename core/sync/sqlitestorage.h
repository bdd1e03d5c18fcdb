#pragma once

#include <QLockFile>

#include <memory>

#include "store/sqlite.h"
#include "sync/serverstorage.h"

namespace majlis::sync {

// The server's tables in one SQLite file, with the store's own schema, migrations and ingest
// code: a server database is a store that no workstation writes to.
class SqliteStorage final : public ServerStorage
{
public:
    static Result<std::unique_ptr<SqliteStorage>> open(const QString &path);
    Q_DISABLE_COPY_MOVE(SqliteStorage)
    ~SqliteStorage() override;

    QString kind() const override { return QStringLiteral("sqlite"); }
    Result<store::IngestReport> ingestEvents(const QList<Event> &events) override;
    Result<QList<store::IngestReport>> ingestEventBatches(const QList<QList<Event>> &batches) override;
    Result<store::BundleImportReport> importBundle(bundle::VerifiedBundle &bundle, const QString &registeredBy) override;
    Result<std::optional<QByteArray>> workstationKey(const QString &workstation) override;
    Result<std::optional<store::WorkstationBinding>> findWorkstation(const QString &workstation) override;
    Result<QList<store::WorkstationBinding>> workstations() override;
    Result<store::WorkstationBinding> bindWorkstation(const store::WorkstationBinding &binding,
                                                      const QString &actor) override;
    Status replaceWorkstation(const store::WorkstationBinding &binding, const QString &actor) override;
    Status revokeWorkstation(const QString &workstation, const QString &actor) override;
    Result<QList<store::WorkstationAuditEntry>> workstationAudit() override;
    Status addEnrollmentCode(const QString &codeHash, const QString &owner, const QString &createdBy,
                             const QString &expiresUtc) override;
    Result<std::optional<QString>> redeemEnrollmentCode(const QString &codeHash, const QString &workstation) override;
    Result<qint64> eventCount() override;
    Status forEachEvent(const std::function<void(const Event &)> &visit, const QString &packId = {}) override;
    Status forEachStoredVote(const std::function<void(const StoredVoteView &)> &visit, const QString &packId = {}) override;
    Status forEachSupersededId(const std::function<void(const QString &)> &visit, const QString &packId = {}) override;
    Status forEachEventOfKind(const QString &kind, const std::function<void(const Event &)> &visit,
                              const QString &packId = {}) override;
    Status addToken(const QString &hash, const QString &name, Role role) override;
    Result<std::optional<TokenOwner>> tokenOwner(const QString &hash) override;
    Result<QList<PublishedPack>> packs() override;
    Result<std::optional<QByteArray>> packFile(const QString &id) override;
    Result<bool> publishPack(const PublishedPack &pack, const QByteArray &file) override;

private:
    SqliteStorage(store::Database db, std::unique_ptr<QLockFile> lock);

    store::Database m_db;
    std::unique_ptr<QLockFile> m_lock;  // one writer per file: a second server on it is refused
};

} // namespace majlis::sync
