#pragma once

#include <QString>

#include <memory>

#include "sync/serverstorage.h"

namespace majlis::sync {

// The server's tables in PostgreSQL (through Qt's QPSQL driver), for deployments that outgrow
// one machine: several servers may share one database, since every ingest is one transaction of
// INSERT … ON CONFLICT DO NOTHING and the schema is migrated under an advisory lock.
class PgStorage final : public ServerStorage
{
public:
    // `url`: postgresql://user[:password]@host[:port]/dbname
    static Result<std::unique_ptr<PgStorage>> open(const QString &url);
    Q_DISABLE_COPY_MOVE(PgStorage)
    ~PgStorage() override;

    QString kind() const override { return QStringLiteral("postgresql"); }
    Result<store::IngestReport> ingestEvents(const QList<Event> &events) override;
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
    explicit PgStorage(QString connectionName);
    Status migrate();

    QString m_connection;  // the QSqlDatabase connection name, removed in the destructor
};

} // namespace majlis::sync
