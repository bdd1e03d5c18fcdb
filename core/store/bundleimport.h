#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "bundle/bundleverifier.h"
#include "common/result.h"
#include "store/ingest.h"
#include "store/sqlite.h"

namespace majlis::store {

// The workstation key registry: which Ed25519 key may sign which workstation's bundles.
Result<std::optional<QByteArray>> registeredKey(Database &db, const QString &workstation);
// A lookup for BundleVerifier. A storage error counts as "unknown", which refuses the bundle.
bundle::KeyLookup keyLookup(Database &db);
// Registers `publicKey` (32 raw bytes) for `workstation`. The same key again changes nothing;
// another key for a registered workstation is refused (Conflict): replacing a key is a
// deliberate act, not something an import does on the side.
Status registerKey(Database &db, const QString &workstation, const QByteArray &publicKey,
                   const QString &registeredBy);

struct BundleImportReport
{
    bundle::BundleSummary summary;
    bool alreadyImported = false;  // this very bundle (id and digest) was imported before
    bool keyRegistered = false;    // the bundle's key was registered now (trust on first use)
    IngestReport ingest;           // empty when alreadyImported
};

// Ingests a verified bundle in one transaction with its import record (and, under trust on
// first use, its key). All or nothing: an event the store contradicts (Rejected), a file that
// changed after verification or a storage error rolls everything back. A bundle whose id was
// imported before with the same digest is recognised and changes nothing; with another digest
// it is refused.
Result<BundleImportReport> importBundle(Database &db, bundle::VerifiedBundle &bundle,
                                        const QString &registeredBy = QStringLiteral("first_use"),
                                        Progress *progress = nullptr);

// Verifies `path` against the registry (trusting a new workstation's key only when asked) and
// imports it.
// `progress` sees "verifying" (bytes), then "storing" (events).
Result<BundleImportReport> importBundleFile(Database &db, const QString &path, bool trustNewKey,
                                            Progress *progress = nullptr);

// This workstation's bundle exports, for `bundle export --since-last`.
Result<qint64> lastExportedSeq(Database &db);
Status recordExport(Database &db, const bundle::BundleSummary &summary, const QString &path);

} // namespace majlis::store
