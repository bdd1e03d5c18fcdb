#include "bundle/bundleverifier.h"

#include "bundle/bundlescan.h"
#include "bundle/eventlinescan.h"
#include "bundle/sodium.h"
#include "bundle/workstationkey.h"
#include "common/json.h"
#include "common/logging.h"
#include "model/eventquickread.h"

#include <QFile>

#include <algorithm>
#include <cstring>
#include <map>

namespace majlis::bundle {

QString BundleSummary::gapText() const
{
    QStringList parts;
    for (const SeqGap &gap : gaps)
        parts << (gap.first == gap.last ? QStringLiteral("seq %1 missing").arg(gap.first)
                                        : QStringLiteral("seq %1–%2 missing").arg(gap.first).arg(gap.last));
    if (missingSeqCount > 0 && gaps.size() == MaxListedGaps)
        parts << QStringLiteral("%1 seq missing in all").arg(missingSeqCount);
    return parts.join(QStringLiteral(", "));
}

struct BundleVerifier::Pass
{
    BundleSummary summary;
    qint64 bodySize = 0;
    std::vector<HashChain::ChainingValue> checkpoints;
};

BundleVerifier::BundleVerifier(KeyLookup lookup, VerifyOptions options)
    : m_lookup(std::move(lookup)), m_options(options)
{
}

Result<BundleSummary> BundleVerifier::verify(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error::io(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    return verify(file, path);
}

Result<BundleSummary> BundleVerifier::verify(QIODevice &device, const QString &name) const
{
    Result<Pass> pass = run(device, name);
    if (!pass)
        return pass.error();
    return std::move(pass->summary);
}

Result<VerifiedBundle> BundleVerifier::open(const QString &path) const
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error::io(QStringLiteral("%1: cannot open: %2").arg(path, file->errorString()));
    return open(std::move(file), path);
}

Result<VerifiedBundle> BundleVerifier::open(std::unique_ptr<QIODevice> device, const QString &name) const
{
    if (!device || device->isSequential())
        return Error::internal(QStringLiteral("%1: a bundle can only be opened from a file or buffer").arg(name));
    Result<Pass> pass = run(*device, name);
    if (!pass)
        return pass.error();
    return VerifiedBundle(std::move(device), std::move(pass->summary), pass->bodySize, std::move(pass->checkpoints));
}

Result<BundleVerifier::Pass> BundleVerifier::run(QIODevice &device, const QString &name) const
{
    if (Status s = ensureSodium(); !s)
        return s.error();
    if (!device.isSequential() && !device.seek(0))
        return Error::io(QStringLiteral("%1: cannot read from the start: %2").arg(name, device.errorString()));

    BundleScan scan(name, m_options.parseEvents);
    HashChain chain;
    constexpr qsizetype ChunkBytes = 1 << 20;
    const qint64 known = device.isSequential() ? ChunkBytes : std::clamp<qint64>(device.size() + 1, 1, ChunkBytes);
    std::vector<char> buffer(static_cast<size_t>(known));
    qsizetype filled = 0;
    qsizetype begin = 0;
    qsizetype hashFrom = 0;
    bool hashing = true;
    bool atEnd = false;
    qint64 total = 0;
    Progress *progress = m_options.progress;
    if (progress)
        progress->setPhase("verifying", Progress::Unit::Bytes, device.isSequential() ? 0 : device.size());
    for (;;) {
        while (const void *found = std::memchr(buffer.data() + begin, '\n', size_t(filled - begin))) {
            const qsizetype end = static_cast<const char *>(found) - buffer.data();
            const LineKind kind = scan.onLine(std::string_view(buffer.data() + begin, size_t(end - begin)), true);
            if (scan.fatal)
                return *scan.fatal;
            if (kind == LineKind::Trailer && hashing) {
                chain.update(buffer.data() + hashFrom, begin - hashFrom);
                hashing = false;
            }
            begin = end + 1;
        }
        if (atEnd) {
            if (begin < filled) {
                scan.onLine(std::string_view(buffer.data() + begin, size_t(filled - begin)), false);
                if (scan.fatal)
                    return *scan.fatal;
            }
            break;
        }
        if (hashing)
            chain.update(buffer.data() + hashFrom, begin - hashFrom);
        std::memmove(buffer.data(), buffer.data() + begin, size_t(filled - begin));
        filled -= begin;
        begin = 0;
        hashFrom = 0;
        if (filled == qsizetype(buffer.size())) {
            if (filled > MaxLineBytes)
                return Error::parse(QStringLiteral("%1: line longer than %2 bytes; not a Majlis bundle line")
                                        .arg(scan.where(scan.lineCount() + 1))
                                        .arg(MaxLineBytes));
            buffer.resize(size_t(std::min<qsizetype>(filled * 2, MaxLineBytes + 1)));
        }
        const qint64 n = device.read(buffer.data() + filled, qint64(buffer.size()) - filled);
        if (n < 0)
            return Error::io(QStringLiteral("%1: reading failed: %2").arg(name, device.errorString()));
        atEnd = n == 0;
        filled += qsizetype(n);
        total += n;
        if (progress) {
            if (progress->cancelled())
                return Error::cancelled(Progress::cancelledMessage());
            progress->setDone(total);
        }
    }

    if (auto problem = scan.framingProblem(total))
        return *problem;
    if (scan.trailerProblem())
        return *scan.trailerProblem();
    const qint64 bodySize = chain.size();
    const QByteArray digest = chain.finish();
    const BundleTrailer &trailer = *scan.trailer();
    if (digest != trailer.sha256)
        return Error::crypto(QStringLiteral("%1: checksum mismatch: the %2 bytes before the trailer (line %3) hash to "
                                            "%4, but the trailer says %5; the bundle was changed or damaged after it "
                                            "was written")
                                 .arg(name)
                                 .arg(bodySize)
                                 .arg(scan.trailerLine())
                                 .arg(QString::fromLatin1(digest.toHex()), QString::fromLatin1(trailer.sha256.toHex())));
    if (scan.headerProblem())
        return *scan.headerProblem();
    const BundleHeader &header = *scan.header();

    KeyTrust trust = KeyTrust::Registered;
    const std::optional<QByteArray> registered = m_lookup ? m_lookup(header.workstation) : std::nullopt;
    const QString embedded = QString::fromLatin1(header.publicKey.toBase64());
    if (!registered && m_options.keyPolicy == KeyPolicy::RegisteredOnly)
        return Error{Error::Code::Auth,
                     QStringLiteral("%1: unknown workstation \"%2\" (key %3): register its public key before "
                                    "importing its bundles, or import trusting the key on first use")
                         .arg(name, header.workstation, embedded)};
    if (registered && *registered != header.publicKey)
        return Error{Error::Code::Auth,
                     QStringLiteral("%1: key mismatch: the bundle is signed with key %2, but workstation \"%3\" is "
                                    "registered with key %4")
                         .arg(name, embedded, header.workstation, QString::fromLatin1(registered->toBase64()))};
    if (!registered)
        trust = KeyTrust::FirstUse;
    if (!WorkstationKey::verify(header.publicKey, signedMessage(digest), trailer.signature))
        return Error::crypto(QStringLiteral("%1: bad signature: the trailer (line %2) was not signed by workstation "
                                            "\"%3\"'s key %4")
                                 .arg(name)
                                 .arg(scan.trailerLine())
                                 .arg(header.workstation, embedded));
    if (auto problem = scan.contentProblem())
        return *problem;

    Pass pass;
    pass.summary.source = name;
    pass.summary.header = header;
    pass.summary.sha256 = digest;
    pass.summary.sizeBytes = total;
    pass.summary.keyTrust = trust;
    pass.summary.gaps = scan.gaps();
    pass.summary.missingSeqCount = scan.missingSeqCount();
    pass.bodySize = bodySize;
    pass.checkpoints = chain.checkpoints();
    qCInfo(lcBundle).noquote() << "verified bundle" << name << header.bundleId << "from workstation"
                               << header.workstation << QStringLiteral("(%1 events, seq %2–%3%4%5)")
                                                            .arg(header.eventCount)
                                                            .arg(header.seqFirst)
                                                            .arg(header.seqLast)
                                                            .arg(trust == KeyTrust::FirstUse
                                                                     ? QStringLiteral(", key trusted on first use")
                                                                     : QString())
                                                            .arg(pass.summary.gaps.isEmpty()
                                                                     ? QString()
                                                                     : QStringLiteral(", ") + pass.summary.gapText());
    return pass;
}

} // namespace majlis::bundle
