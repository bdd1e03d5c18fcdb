// Vote bundles through BundleVerifier over a QBuffer.
//
// Mutated bytes almost never keep a valid SHA-256 and signature, so besides verifying the input
// as it is, the target seals it: it drops a trailer line, swaps the fixtures' public key for
// this process's key, and appends a fresh trailer signed by that key. The header and event
// checks then see the mutations. Invariants:
//  - a bundle that verifies with full event parsing also verifies without it, and delivers all
//    its events; the events match the header (count, workstation, annotators, rising seq);
//  - delivering twice yields the same events;
//  - a verified bundle's events written again by BundleWriter verify and read back equal.
#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>

#include "bundle/bundleverifier.h"
#include "bundle/bundlewriter.h"
#include "bundle/sodium.h"
#include "bundle/workstationkey.h"
#include "fuzzsupport.h"

using namespace majlis;
using namespace majlis::bundle;

namespace {

struct Signer
{
    QTemporaryDir folder;
    std::optional<WorkstationKey> key;
    QByteArray fixtureKeyBase64;  // the key that signed tests/fixtures/bundles
};

Signer &signer()
{
    static Signer s = [] {
        Signer made;
        FUZZ_CHECK(ensureSodium().ok());
        FUZZ_CHECK(made.folder.isValid());
        auto key = WorkstationKey::loadOrCreate(made.folder.path());
        FUZZ_CHECK(key.ok());
        made.key.emplace(std::move(*key));
        QFile pub(QStringLiteral(MAJLIS_FIXTURES_DIR "/bundles/workstation.pub"));
        FUZZ_CHECK(pub.open(QIODevice::ReadOnly));
        made.fixtureKeyBase64 = pub.readAll().trimmed();
        return made;
    }();
    return s;
}

std::unique_ptr<QBuffer> bufferOf(const QByteArray &bytes)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(bytes);
    FUZZ_CHECK(buffer->open(QIODevice::ReadOnly));
    return buffer;
}

QByteArray sealed(QByteArray body)
{
    const qsizetype lastLineStart = body.endsWith('\n') ? body.lastIndexOf('\n', body.size() - 2) + 1
                                                        : body.lastIndexOf('\n') + 1;
    if (QByteArrayView(body).sliced(lastLineStart).startsWith(QByteArrayView(TrailerPrefix.data(), TrailerPrefix.size())))
        body.truncate(lastLineStart);
    Signer &s = signer();
    body.replace(s.fixtureKeyBase64, s.key->publicKeyBase64().toLatin1());
    return body + trailerLine(QCryptographicHash::hash(body, QCryptographicHash::Sha256), *s.key);
}

std::optional<QList<Event>> deliver(VerifiedBundle &bundle)
{
    QList<Event> events;
    const Status delivered = bundle.forEachEvent([&](const Event &e) {
        events.append(e);
        return Status{};
    });
    if (!delivered.ok())
        return std::nullopt;
    return events;
}

struct ReadBundle
{
    BundleSummary summary;
    QList<Event> events;
};

// Verifies `bytes` both ways and checks what they must agree on; the events when it delivers.
std::optional<ReadBundle> verifyAndRead(const QByteArray &bytes)
{
    const QString name = QStringLiteral("fuzz.majlisbundle");
    const BundleVerifier strict(nullptr, {KeyPolicy::TrustOnFirstUse, true});
    const BundleVerifier loose(nullptr, {KeyPolicy::TrustOnFirstUse, false});
    auto strictBuffer = bufferOf(bytes);
    const Result<BundleSummary> strictSummary = strict.verify(*strictBuffer, name);
    Result<VerifiedBundle> bundle = loose.open(bufferOf(bytes), name);
    if (strictSummary.ok()) {
        FUZZ_CHECK(bundle.ok());
        FUZZ_CHECK(bundle->summary().header == strictSummary->header);
        FUZZ_CHECK(bundle->summary().sha256 == strictSummary->sha256);
        FUZZ_CHECK(bundle->summary().gaps == strictSummary->gaps);
    }
    if (!bundle.ok())
        return std::nullopt;
    const std::optional<QList<Event>> events = deliver(*bundle);
    if (strictSummary.ok())
        FUZZ_CHECK(events.has_value());
    if (!events)
        return std::nullopt;

    const BundleHeader &header = bundle->summary().header;
    FUZZ_CHECK(events->size() == header.eventCount);
    qint64 lastSeq = header.seqFirst - 1;
    for (const Event &e : *events) {
        FUZZ_CHECK(e.workstation == header.workstation);
        FUZZ_CHECK(header.annotators.contains(e.annotator));
        FUZZ_CHECK(e.seq > lastSeq);
        FUZZ_CHECK(e.seq <= header.seqLast);
        lastSeq = e.seq;
    }
    const std::optional<QList<Event>> again = deliver(*bundle);
    FUZZ_CHECK(again && *again == *events);
    return ReadBundle{bundle->summary(), *events};
}

void checkRewrite(const ReadBundle &read)
{
    const BundleHeader &header = read.summary.header;
    if (read.events.isEmpty())
        return;
    const BundleWriter writer(*signer().key, header.workstation);
    QBuffer out;
    FUZZ_CHECK(out.open(QIODevice::WriteOnly));
    const EventSource source = [&](const EventSink &sink) {
        for (const Event &e : read.events)
            if (Status s = sink(e); !s.ok())
                return s;
        return Status{};
    };
    const Status written = writer.writeTo(
        out, source, {header.bundleId, QDateTime::fromString(header.createdUtc, Qt::ISODateWithMs)});
    FUZZ_CHECK(written.ok());
    const std::optional<ReadBundle> back = verifyAndRead(out.data());
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(back->events == read.events);
    FUZZ_CHECK(back->summary.header.bundleId == header.bundleId);
    FUZZ_CHECK(back->summary.header.workstation == header.workstation);
    FUZZ_CHECK(back->summary.header.eventCount == header.eventCount);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    // As it is, a mutated bundle almost never keeps its signature: the strict verifier alone
    // reads it (trailer and all), and the whole comparison runs when it verifies.
    {
        auto buffer = bufferOf(input);
        if (BundleVerifier(nullptr, {KeyPolicy::TrustOnFirstUse, true}).verify(*buffer, QStringLiteral("fuzz.majlisbundle")).ok())
            verifyAndRead(input);
    }
    if (const std::optional<ReadBundle> read = verifyAndRead(sealed(input)))
        checkRewrite(*read);
    return 0;
}
