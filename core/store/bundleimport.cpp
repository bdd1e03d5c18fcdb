#include "store/bundleimport.h"

#include "common/logging.h"
#include "store/eventstore.h"

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
    if (workstation.isEmpty())
        return Error::validation(QStringLiteral("a workstation key needs a workstation id"));
    if (publicKey.size() != 32)
        return Error::validation(QStringLiteral("an Ed25519 public key has 32 bytes, got %1").arg(publicKey.size()));
    auto existing = registeredKey(db, workstation);
    if (!existing)
        return existing.error();
    if (*existing) {
        if (**existing == publicKey)
            return {};
        return Error::conflict(QStringLiteral("workstation %1 already has another key registered (%2); "
                                              "a workstation keeps its key")
                                   .arg(workstation, QString::fromLatin1((*existing)->toBase64())));
    }
    Statement st(db, "INSERT INTO workstation_keys (workstation, public_key, registered_by, registered_utc) "
                     "VALUES (?1, ?2, ?3, ?4)");
    if (!st.valid())
        return st.prepareError();
    return st.bind(1, workstation).bind(2, publicKey.toBase64()).bind(3, registeredBy).bind(4, utcNow()).run();
}

Result<BundleImportReport> importBundle(Database &db, bundle::VerifiedBundle &bundle, const QString &registeredBy)
{
    BundleImportReport report;
    report.summary = bundle.summary();
    const bundle::BundleHeader &header = report.summary.header;
    const QString digest = QString::fromLatin1(report.summary.sha256.toHex());

    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    {
        Statement seen(db, "SELECT sha256, imported_utc FROM bundle_imports WHERE bundle_id = ?1");
        if (!seen.valid())
            return seen.prepareError();
        auto row = seen.bind(1, header.bundleId).step();
        if (!row)
            return row.error();
        if (*row) {
            if (seen.columnText(0) != digest)
                return Error::conflict(QStringLiteral("%1: a different bundle with the id %2 was imported on %3; "
                                                      "nothing imported")
                                           .arg(report.summary.source, header.bundleId, seen.columnText(1)));
            report.alreadyImported = true;
            return report;
        }
    }
    if (report.summary.keyTrust == bundle::KeyTrust::FirstUse) {
        if (Status s = registerKey(db, header.workstation, header.publicKey, registeredBy); !s)
            return s.error();
        report.keyRegistered = true;
    }

    EventIngest ingest(db);
    std::optional<Error> failure;
    Status delivered = bundle.forEachEvent([&](const Event &e) -> Status {
        auto outcome = ingest.add(e);
        if (!outcome)
            failure = outcome.error();
        else if (outcome->status == IngestStatus::Rejected)
            failure = Error::conflict(QStringLiteral("%1: seq %2: %3; nothing imported")
                                          .arg(report.summary.source)
                                          .arg(e.seq)
                                          .arg(outcome->reason));
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

    Statement record(db, "INSERT INTO bundle_imports (bundle_id, sha256, workstation, seq_first, seq_last, "
                         "event_count, accepted, already_known, imported_utc) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!record.valid())
        return record.prepareError();
    record.bind(1, header.bundleId).bind(2, digest).bind(3, header.workstation).bind(4, header.seqFirst);
    record.bind(5, header.seqLast).bind(6, header.eventCount).bind(7, report.ingest.accepted);
    record.bind(8, report.ingest.alreadyKnown).bind(9, utcNow());
    if (Status s = record.run(); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    qCInfo(lcBundle).noquote() << "imported bundle" << header.bundleId << "accepted" << report.ingest.accepted
                               << "already known" << report.ingest.alreadyKnown;
    return report;
}

Result<BundleImportReport> importBundleFile(Database &db, const QString &path, bool trustNewKey)
{
    bundle::VerifyOptions options;
    options.keyPolicy = trustNewKey ? bundle::KeyPolicy::TrustOnFirstUse : bundle::KeyPolicy::RegisteredOnly;
    bundle::BundleVerifier verifier(keyLookup(db), options);
    auto opened = verifier.open(path);
    if (!opened)
        return opened.error();
    return importBundle(db, *opened);
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
