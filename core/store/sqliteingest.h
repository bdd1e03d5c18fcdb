#pragma once

#include <memory>

#include "store/ingestprocedure.h"
#include "store/sqlite.h"

namespace majlis::store {

// The SQLite statements of the ingest procedure (store/ingestprocedure.h). The event statements
// are prepared once per backend (ingest.cpp); the bundle import's (bundleimport.cpp) when used.
class SqliteIngestBackend final : public BundleImportBackend
{
public:
    explicit SqliteIngestBackend(Database &db);
    Q_DISABLE_COPY_MOVE(SqliteIngestBackend)
    ~SqliteIngestBackend() override;

    Result<bool> insertIfAbsent(const Event &e) override;
    Result<std::optional<Event>> eventById(const QString &id) override;
    Result<std::optional<QString>> seqHolder(const QString &workstation, qint64 seq) override;
    Result<qint64> acknowledgedHint(const QString &workstation) override;
    Status visitSeqsAbove(const QString &workstation, qint64 after, const std::function<void(qint64)> &visit) override;
    Status raiseAcknowledgedHint(const QString &workstation, qint64 seq) override;

    Result<std::optional<PreviousImport>> previousImport(const QString &bundleId) override;
    Result<std::optional<QByteArray>> registeredKey(const QString &workstation) override;
    Result<bool> insertKeyIfAbsent(const QString &workstation, const QByteArray &publicKey, const QString &registeredBy) override;
    Status recordImport(const BundleImportReport &report) override;

private:
    struct Statements;
    Database &m_db;
    std::unique_ptr<Statements> m_st;  // the event statements, prepared in the constructor
};

}  // namespace majlis::store
