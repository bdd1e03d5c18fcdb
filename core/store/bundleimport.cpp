#include "store/bundleimport.h"

#include "common/logging.h"
#include "store/eventstore.h"
#include "store/sqliteingest.h"

namespace majlis::store {

Result<std::optional<QByteArray>> registeredKey(Database &db, const QString &workstation)
{
    Statement st(db, "SELECT public_key FROM workstation_keys WHERE workstation = ?1");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, workstation).step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(QByteArray::fromBase64(st.columnBytes(0)));
}

bundle::KeyLookup keyLookup(Database &db)
{
    return [&db](const QString &workstation) -> std::optional<QByteArray> {
        auto key = registeredKey(db, workstation);
        if (!key) {
            qCWarning(lcBundle) << "key lookup failed:" << key.error().message;
            return std::nullopt;
        }
        return *key;
    };
}

Status registerKey(Database &db, const QString &workstation, const QByteArray &publicKey,
                   const QString &registeredBy)
{
    SqliteIngestBackend backend(db);
    return registerKey(backend, workstation, publicKey, registeredBy);
}

Result<BundleImportReport> importBundle(Database &db, bundle::VerifiedBundle &bundle, const QString &registeredBy,
                                        Progress *progress)
{
    LargeCacheScope cache(db);
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    SqliteIngestBackend backend(db);
    auto report = importBundle(backend, bundle, registeredBy, progress);
    if (!report || report->alreadyImported)
        return report;
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

// The bundle import's statements of SqliteIngestBackend (the events' are in ingest.cpp).
Result<std::optional<BundleImportBackend::PreviousImport>> SqliteIngestBackend::previousImport(const QString &bundleId)
{
    Statement seen(m_db, "SELECT sha256, imported_utc FROM bundle_imports WHERE bundle_id = ?1");
    if (!seen.valid())
        return seen.prepareError();
    auto row = seen.bind(1, bundleId).step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<PreviousImport>();
    return std::optional<PreviousImport>(PreviousImport{seen.columnText(0), seen.columnText(1)});
}

Result<std::optional<QByteArray>> SqliteIngestBackend::registeredKey(const QString &workstation)
{
    return store::registeredKey(m_db, workstation);
}

Result<bool> SqliteIngestBackend::insertKeyIfAbsent(const QString &workstation, const QByteArray &publicKey,
                                                    const QString &registeredBy)
{
    Statement st(m_db, "INSERT INTO workstation_keys (workstation, public_key, registered_by, registered_utc) "
                       "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    if (!st.valid())
        return st.prepareError();
    if (Status s = st.bind(1, workstation).bind(2, publicKey.toBase64()).bind(3, registeredBy).bind(4, utcNow()).run(); !s)
        return s.error();
    return m_db.changes() == 1;
}

Status SqliteIngestBackend::recordImport(const BundleImportReport &report)
{
    const bundle::BundleHeader &header = report.summary.header;
    Statement record(m_db, "INSERT INTO bundle_imports (bundle_id, sha256, workstation, seq_first, seq_last, "
                           "event_count, accepted, already_known, imported_utc) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!record.valid())
        return record.prepareError();
    record.bind(1, header.bundleId).bind(2, QString::fromLatin1(report.summary.sha256.toHex()));
    record.bind(3, header.workstation).bind(4, header.seqFirst).bind(5, header.seqLast).bind(6, header.eventCount);
    record.bind(7, report.ingest.accepted).bind(8, report.ingest.alreadyKnown).bind(9, utcNow());
    return record.run();
}

Result<BundleImportReport> importBundleFile(Database &db, const QString &path, bool trustNewKey, Progress *progress)
{
    bundle::VerifyOptions options;
    options.progress = progress;
    options.keyPolicy = trustNewKey ? bundle::KeyPolicy::TrustOnFirstUse : bundle::KeyPolicy::RegisteredOnly;
    bundle::BundleVerifier verifier(keyLookup(db), options);
    auto opened = verifier.open(path);
    if (!opened)
        return opened.error();
    return importBundle(db, *opened, QStringLiteral("first_use"), progress);
}

Result<qint64> lastExportedSeq(Database &db)
{
    return db.queryInt("SELECT COALESCE(MAX(seq_last), 0) FROM bundle_exports");
}

Status recordExport(Database &db, const bundle::BundleSummary &summary, const QString &path)
{
    Statement st(db, "INSERT INTO bundle_exports (bundle_id, seq_first, seq_last, event_count, path, exported_utc) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st.valid())
        return st.prepareError();
    const bundle::BundleHeader &h = summary.header;
    return st.bind(1, h.bundleId).bind(2, h.seqFirst).bind(3, h.seqLast).bind(4, h.eventCount).bind(5, path)
        .bind(6, utcNow())
        .run();
}

} // namespace majlis::store
