// majlisctl bundle … and workstation …: vote bundles on the command line (docs/formats.md).
#include "commands.h"
#include "options.h"
#include "progressline.h"

#include "bundle/bundlewriter.h"
#include "bundle/workstationkey.h"
#include "store/bundleexport.h"
#include "store/bundleimport.h"
#include "store/eventstore.h"
#include "store/workstationregistry.h"
#include "store/outbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>
#include <optional>

namespace majlis::ctl {

namespace {

QString seqRange(qint64 first, qint64 last)
{
    return first == last ? QStringLiteral("seq %1").arg(first) : QStringLiteral("seq %1\u2013%2").arg(first).arg(last);
}

void printProgress(Context &ctx, const store::IngestReport &report)
{
    for (const store::WorkstationProgress &p : report.workstations) {
        ctx.out << "workstation " << p.workstation << ": complete up to seq " << p.acknowledgedSeq;
        if (p.missingCount > 0)
            ctx.out << ", highest seq " << p.maxSeq << "; gaps: " << p.gapText();
        ctx.out << '\n';
    }
}

} // namespace

int bundleExport(Context &ctx)
{
    Options o(ctx.args);
    const bool sinceLast = o.takeFlag(QStringLiteral("--since-last"));
    const bool all = o.takeFlag(QStringLiteral("--all"));
    auto output = o.take(QStringLiteral("-o"));
    if (!output)
        output = o.take(QStringLiteral("--output"));
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (!output || !o.positional().isEmpty())
        return usageError(ctx, QStringLiteral("bundle export needs -o FILE and nothing else"));
    if (sinceLast && all)
        return usageError(ctx, QStringLiteral("bundle export takes --since-last or --all, not both"));
    // A store that is not there has no votes: say so, rather than create an empty one to export.
    if (!QFileInfo::exists(ctx.storePath))
        return fail(ctx, QStringLiteral("no store at %1: there are no votes to export (--store PATH names the store)")
                             .arg(ctx.storePath));

    auto store = store::EventStore::open(ctx.storePath);
    if (!store)
        return fail(ctx, store.error().message);
    auto key = store::workstationKey(**store);
    if (!key)
        return fail(ctx, key.error().message);
    auto plan = store::planBundleExport(**store, sinceLast);
    if (!plan)
        return fail(ctx, plan.error().message);
    if (plan->empty()) {
        ctx.out << "nothing to export: no events of this workstation after seq " << plan->afterSeq << "; no file written\n";
        return Ok;
    }
    Progress progress;
    std::optional<ProgressLine> line(std::in_place, ctx, progress);
    auto summary = store::writeWorkstationBundle(**store, *key, *plan, *output, &progress);
    line.reset();
    if (!summary)
        return fail(ctx, summary.error().message);
    store::Database &db = (*store)->database();
    if (Status s = store::recordExport(db, *summary, QFileInfo(*output).absoluteFilePath()); !s)
        return fail(ctx, QStringLiteral("%1 was written, but recording the export failed: %2")
                             .arg(*output, s.error().message));
    const bundle::BundleHeader &h = summary->header;
    ctx.out << "wrote " << *output << ": " << h.eventCount << " events, " << seqRange(h.seqFirst, h.seqLast)
            << ", bundle " << h.bundleId << ", sha256 " << summary->sha256.toHex() << '\n';
    return Ok;
}

// Exit codes of `bundle verify`: valid and signed by the key this store registered for the
// workstation (0), valid but signed by a key this store does not know, or with no store at all
// (3; 0 with --trust-new-key), invalid: damaged, forged, or signed by another key than the one
// registered (1). A coordinator who just received a bundle on a new machine can check it.
int bundleVerify(Context &ctx)
{
    constexpr int ValidUnknownKey = 3;
    Options o(ctx.args);
    const bool trustNewKey = o.takeFlag(QStringLiteral("--trust-new-key"));
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (o.positional().size() != 1)
        return usageError(ctx, QStringLiteral("bundle verify takes one FILE"));
    // No store is no registered key; the store is only read (never created) here.
    std::unique_ptr<store::EventStore> store;
    bundle::KeyLookup lookup = [](const QString &) { return std::optional<QByteArray>(); };
    if (QFileInfo::exists(ctx.storePath)) {
        auto opened = store::EventStore::open(ctx.storePath, store::EventStore::Mode::ReadOnly);
        if (!opened)
            return fail(ctx, opened.error().message);
        store = std::move(*opened);
        lookup = store::keyLookup(store->database());
    }
    bundle::VerifyOptions options;
    options.parseEvents = true;
    // The verdict on an unknown key is the exit code's; a key other than the registered one is
    // still refused by the verifier.
    options.keyPolicy = bundle::KeyPolicy::TrustOnFirstUse;
    Progress progress;
    options.progress = &progress;
    bundle::BundleVerifier verifier(lookup, options);
    std::optional<ProgressLine> line(std::in_place, ctx, progress);
    auto summary = verifier.verify(o.positional().first());
    line.reset();
    if (!summary)
        return fail(ctx, summary.error().message);
    const bundle::BundleHeader &h = summary->header;
    ctx.out << o.positional().first() << ": valid bundle " << h.bundleId << " from workstation " << h.workstation
            << ", " << h.eventCount << " events, " << seqRange(h.seqFirst, h.seqLast) << ", annotators "
            << h.annotators.join(QStringLiteral(", ")) << '\n';
    if (!summary->gaps.isEmpty())
        ctx.out << "gaps inside the bundle: " << summary->gapText() << '\n';
    ctx.out << "signing key " << QString::fromLatin1(h.publicKey.toBase64()) << " (fingerprint "
            << bundle::WorkstationKey::fingerprint(h.publicKey) << ")\n";
    if (summary->keyTrust == bundle::KeyTrust::Registered) {
        ctx.out << "trusted: " << ctx.storePath << " has this key registered for workstation " << h.workstation << '\n';
        return Ok;
    }
    ctx.out << "unknown key: " << (store ? QString(ctx.storePath + QStringLiteral(" has no key registered for workstation ") + h.workstation)
                                         : QString(QStringLiteral("there is no store at ") + ctx.storePath))
            << "; compare the fingerprint with `majlisctl workstation show` on that workstation before "
               "`bundle import --trust-new-key`\n";
    return trustNewKey ? Ok : ValidUnknownKey;
}

int bundleImport(Context &ctx)
{
    Options o(ctx.args);
    const bool trustNewKey = o.takeFlag(QStringLiteral("--trust-new-key"));
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (o.positional().size() != 1)
        return usageError(ctx, QStringLiteral("bundle import takes one FILE"));
    const QString path = o.positional().first();
    auto store = store::EventStore::open(ctx.storePath);
    if (!store)
        return fail(ctx, store.error().message);
    Progress progress;
    std::optional<ProgressLine> line(std::in_place, ctx, progress);
    auto report = store::importBundleFile((*store)->database(), path, trustNewKey, &progress);
    line.reset();
    if (!report) {
        QString message = report.error().message;
        if (message.contains(QLatin1String("unknown workstation")) && !trustNewKey)
            message += QStringLiteral(" (register its key with `majlisctl workstation trust ID KEY`, or pass "
                                      "--trust-new-key)");
        return fail(ctx, message);
    }
    const bundle::BundleHeader &h = report->summary.header;
    if (report->alreadyImported) {
        ctx.out << path << ": bundle " << h.bundleId << " already imported, nothing changed\n";
        return Ok;
    }
    if (report->keyRegistered)
        ctx.out << "registered the key of new workstation " << h.workstation << ": "
                << QString::fromLatin1(h.publicKey.toBase64()) << '\n';
    ctx.out << "imported " << path << ": bundle " << h.bundleId << ", " << h.eventCount << " events ("
            << report->ingest.accepted << " new, " << report->ingest.alreadyKnown << " already known), "
            << seqRange(h.seqFirst, h.seqLast) << '\n';
    if (!report->summary.gaps.isEmpty())
        ctx.out << "gaps inside the bundle: " << report->summary.gapText() << '\n';
    printProgress(ctx, report->ingest);
    return Ok;
}

int workstationShow(Context &ctx)
{
    Options o(ctx.args);
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (!o.positional().isEmpty())
        return usageError(ctx, QStringLiteral("workstation show takes no arguments"));
    auto store = store::EventStore::open(ctx.storePath);
    if (!store)
        return fail(ctx, store.error().message);
    auto key = store::workstationKey(**store);
    if (!key)
        return fail(ctx, key.error().message);
    ctx.out << "workstation  " << (*store)->workstationId() << '\n'
            << "public key   " << key->publicKeyBase64() << '\n'
            << "fingerprint  " << bundle::WorkstationKey::fingerprint(key->publicKey()) << '\n'
            << "secret key   " << key->secretKeyPath() << '\n';
    return Ok;
}

int workstationTrust(Context &ctx)
{
    Options o(ctx.args);
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (o.positional().size() != 2)
        return usageError(ctx, QStringLiteral("workstation trust takes a workstation ID and a KEY (base64 or a .pub file)"));
    const QString workstation = o.positional().at(0);
    QByteArray keyText = o.positional().at(1).toLatin1();
    if (QFile file(o.positional().at(1)); file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return fail(ctx, QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        keyText = file.readAll().trimmed();
    }
    auto decoded = QByteArray::fromBase64Encoding(keyText, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(ctx, QStringLiteral("the key is not base64"));
    auto store = store::EventStore::open(ctx.storePath);
    if (!store)
        return fail(ctx, store.error().message);
    if (Status s = store::registerKey((*store)->database(), workstation, *decoded, QStringLiteral("manual")); !s)
        return fail(ctx, s.error().message);
    ctx.out << "workstation " << workstation << " may now sign bundles with key " << keyText << '\n';
    return Ok;
}

} // namespace majlis::ctl
