// majlisctl bundle … and workstation …: vote bundles on the command line (docs/formats.md).
#include "commands.h"
#include "options.h"

#include "bundle/bundlewriter.h"
#include "bundle/workstationkey.h"
#include "store/bundleimport.h"
#include "store/eventstore.h"
#include "store/workstationregistry.h"
#include "store/outbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

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

    auto store = store::EventStore::open(ctx.storePath);
    if (!store)
        return fail(ctx, store.error().message);
    store::Database &db = (*store)->database();
    const QString workstation = (*store)->workstationId();
    auto key = store::workstationKey(**store);
    if (!key)
        return fail(ctx, key.error().message);

    qint64 after = 0;
    if (sinceLast) {
        auto last = store::lastExportedSeq(db);
        if (!last)
            return fail(ctx, last.error().message);
        after = *last;
    }
    // Fixed before writing: the writer reads the source twice and both passes must agree.
    auto upTo = store::maxSeq(db, workstation);
    if (!upTo)
        return fail(ctx, upTo.error().message);
    if (*upTo <= after) {
        ctx.out << "nothing to export: no events of this workstation after seq " << after << "; no file written\n";
        return Ok;
    }
    const bundle::EventSource source = [&](const bundle::EventSink &sink) {
        return store::forEachWorkstationEvent(db, workstation, after, *upTo, sink);
    };
    bundle::BundleWriter writer(*key, workstation);
    auto summary = writer.write(*output, source);
    if (!summary)
        return fail(ctx, summary.error().message);
    if (Status s = store::recordExport(db, *summary, QFileInfo(*output).absoluteFilePath()); !s)
        return fail(ctx, QStringLiteral("%1 was written, but recording the export failed: %2")
                             .arg(*output, s.error().message));
    const bundle::BundleHeader &h = summary->header;
    ctx.out << "wrote " << *output << ": " << h.eventCount << " events, " << seqRange(h.seqFirst, h.seqLast)
            << ", bundle " << h.bundleId << ", sha256 " << summary->sha256.toHex() << '\n';
    return Ok;
}

int bundleVerify(Context &ctx)
{
    Options o(ctx.args);
    const bool trustNewKey = o.takeFlag(QStringLiteral("--trust-new-key"));
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (o.positional().size() != 1)
        return usageError(ctx, QStringLiteral("bundle verify takes one FILE"));
    auto store = store::EventStore::open(ctx.storePath, store::EventStore::Mode::ReadOnly);
    if (!store)
        return fail(ctx, store.error().message);
    bundle::VerifyOptions options;
    options.parseEvents = true;
    options.keyPolicy = trustNewKey ? bundle::KeyPolicy::TrustOnFirstUse : bundle::KeyPolicy::RegisteredOnly;
    bundle::BundleVerifier verifier(store::keyLookup((*store)->database()), options);
    auto summary = verifier.verify(o.positional().first());
    if (!summary)
        return fail(ctx, summary.error().message);
    const bundle::BundleHeader &h = summary->header;
    ctx.out << o.positional().first() << ": valid bundle " << h.bundleId << " from workstation " << h.workstation
            << ", " << h.eventCount << " events, " << seqRange(h.seqFirst, h.seqLast) << ", annotators "
            << h.annotators.join(QStringLiteral(", "));
    if (summary->keyTrust == bundle::KeyTrust::FirstUse)
        ctx.out << "; signed by a key this store has not registered";
    ctx.out << '\n';
    if (!summary->gaps.isEmpty())
        ctx.out << "gaps inside the bundle: " << summary->gapText() << '\n';
    return Ok;
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
    auto report = store::importBundleFile((*store)->database(), path, trustNewKey);
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
