#include "bundle/bundleverifier.h"

#include "bundle/eventlinescan.h"
#include "common/jsonparse.h"
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

namespace {

std::string canonicalToken(const QString &text)
{
    return nlohmann::json(toStd(text)).dump();
}

QString fromToken(std::string_view token)
{
    const auto j = nlohmann::json::parse(token, nullptr, false);
    return j.is_string() ? toQString(j.get_ref<const std::string &>()) : QString::fromUtf8(token.data(), qsizetype(token.size()));
}

std::optional<nlohmann::json> parseLine(std::string_view line, QString *problem)
{
    auto parsed = parseJson(line, JsonSource{QStringLiteral("line"), 0});
    if (!parsed) {
        // "line: not valid JSON at column 9: …" -> "not valid JSON at column 9: …": the caller names the line.
        QString message = parsed.error().message;
        *problem = message.startsWith(QLatin1String("line: ")) ? message.mid(6) : message;
        return std::nullopt;
    }
    return std::move(*parsed);
}

enum class LineKind { Body, Trailer, AfterTrailer };

// The state of one verify pass, fed one line at a time. Problems that follow from damage are
// remembered, not returned, so the pass can reach the trailer and report the damage itself.
class BundleScan
{
public:
    BundleScan(QString name, bool parseEvents) : m_name(std::move(name)), m_parseEvents(parseEvents) {}

    LineKind onLine(std::string_view line, bool hasNewline);
    std::optional<Error> fatal;

    qint64 lineCount() const { return m_lineCount; }
    QString where(qint64 line) const { return QStringLiteral("%1:%2").arg(m_name).arg(line); }

    // After the last line: the first problem in order of precedence, else nothing.
    std::optional<Error> framingProblem(qint64 totalBytes) const;
    const std::optional<Error> &trailerProblem() const { return m_trailerError; }
    const std::optional<Error> &headerProblem() const { return m_headerError; }
    std::optional<Error> contentProblem() const;

    const std::optional<BundleHeader> &header() const { return m_header; }
    const std::optional<BundleTrailer> &trailer() const { return m_trailer; }
    qint64 trailerLine() const { return m_trailerLine; }
    const QList<SeqGap> &gaps() const { return m_gaps; }
    qint64 missingSeqCount() const { return m_missing; }

private:
    void onHeader(std::string_view line);
    void onTrailer(std::string_view line);
    void onEvent(std::string_view line);
    void eventProblem(const QString &problem)
    {
        m_eventError = Error::validation(QStringLiteral("%1: event %2: %3").arg(where(m_lineCount)).arg(m_events).arg(problem));
    }

    QString m_name;
    bool m_parseEvents = false;
    qint64 m_lineCount = 0;
    bool m_lastHadNewline = true;
    LineKind m_lastKind = LineKind::Body;

    std::optional<BundleHeader> m_header;
    std::optional<Error> m_headerError;
    std::string m_workstationToken;
    std::map<std::string, bool, std::less<>> m_annotatorSeen;

    qint64 m_events = 0;
    qint64 m_lastSeq = 0;
    QList<SeqGap> m_gaps;
    qint64 m_missing = 0;
    std::optional<Error> m_eventError;

    qint64 m_trailerLine = 0;
    qint64 m_afterTrailerLine = 0;
    std::optional<BundleTrailer> m_trailer;
    std::optional<Error> m_trailerError;
};

LineKind BundleScan::onLine(std::string_view line, bool hasNewline)
{
    ++m_lineCount;
    m_lastHadNewline = hasNewline;
    if (m_trailerLine != 0) {
        if (m_afterTrailerLine == 0)
            m_afterTrailerLine = m_lineCount;
        return m_lastKind = LineKind::AfterTrailer;
    }
    if (m_lineCount == 1) {
        onHeader(line);
        return m_lastKind = LineKind::Body;
    }
    if (line.substr(0, TrailerPrefix.size()) == TrailerPrefix) {
        m_trailerLine = m_lineCount;
        onTrailer(line);
        return m_lastKind = LineKind::Trailer;
    }
    onEvent(line);
    return m_lastKind = LineKind::Body;
}

void BundleScan::onHeader(std::string_view line)
{
    QString problem;
    const std::optional<nlohmann::json> j = parseLine(line, &problem);
    if (!j) {
        m_headerError = Error::validation(QStringLiteral("%1: the header is %2").arg(where(1), problem));
        return;
    }
    auto version = j->is_object() ? j->find("majlis_bundle") : j->end();
    if (!j->is_object() || version == j->end()) {
        fatal = Error::parse(QStringLiteral("%1: not a Majlis vote bundle (line 1 has no \"majlis_bundle\" field)")
                                 .arg(m_name));
        return;
    }
    if (version->is_number_integer() && version->get<qint64>() != FormatVersion) {
        fatal = Error::validation(QStringLiteral("%1: unknown bundle format version %2; this Majlis reads version %3")
                                      .arg(where(1))
                                      .arg(version->get<qint64>())
                                      .arg(FormatVersion));
        return;
    }
    Result<BundleHeader> header = headerFromJson(*j, where(1));
    if (!header) {
        m_headerError = header.error();
        return;
    }
    m_header = *header;
    m_workstationToken = canonicalToken(m_header->workstation);
    for (const QString &annotator : m_header->annotators)
        m_annotatorSeen.emplace(canonicalToken(annotator), false);
}

void BundleScan::onTrailer(std::string_view line)
{
    QString problem;
    const std::optional<nlohmann::json> j = parseLine(line, &problem);
    if (!j) {
        m_trailerError = Error::validation(QStringLiteral("%1: the trailer is %2").arg(where(m_lineCount), problem));
        return;
    }
    Result<BundleTrailer> trailer = trailerFromJson(*j, where(m_lineCount));
    if (!trailer)
        m_trailerError = trailer.error();
    else
        m_trailer = *trailer;
}

void BundleScan::onEvent(std::string_view line)
{
    ++m_events;
    if (!m_header || m_eventError)
        return;
    const EventLineScan scan = scanEventLine(line);
    if (scan.problem)
        return eventProblem(*scan.problem);
    const EventLineFacts &facts = scan.facts;
    if (facts.workstation != m_workstationToken)
        return eventProblem(QStringLiteral("made on workstation \"%1\", but the bundle is workstation \"%2\"'s")
                                .arg(fromToken(facts.workstation), m_header->workstation));
    const auto annotator = m_annotatorSeen.find(facts.annotator);
    if (annotator == m_annotatorSeen.end())
        return eventProblem(QStringLiteral("annotator \"%1\" is not listed in the header").arg(fromToken(facts.annotator)));
    annotator->second = true;
    if (m_events == 1 && facts.seq != m_header->seqFirst)
        return eventProblem(QStringLiteral("seq %1, but the header's seq_first is %2").arg(facts.seq).arg(m_header->seqFirst));
    if (m_events > 1 && facts.seq <= m_lastSeq)
        return eventProblem(QStringLiteral("seq %1 after seq %2: events must be in increasing seq order (lines "
                                           "reordered or repeated?)")
                                .arg(facts.seq)
                                .arg(m_lastSeq));
    if (facts.seq > m_header->seqLast)
        return eventProblem(QStringLiteral("seq %1 is beyond the header's seq_last %2").arg(facts.seq).arg(m_header->seqLast));
    if (m_events > 1 && facts.seq > m_lastSeq + 1) {
        m_missing += facts.seq - m_lastSeq - 1;
        if (m_gaps.size() < BundleSummary::MaxListedGaps)
            m_gaps.append({m_lastSeq + 1, facts.seq - 1});
    }
    m_lastSeq = facts.seq;
    // The quick check accepts only what the full parse accepts; the full parse words any problem.
    if (m_parseEvents && !quickEventCheck(line)) {
        QString problem;
        const std::optional<nlohmann::json> j = parseLine(line, &problem);
        if (!j)
            return eventProblem(problem);
        if (Result<Event> event = eventFromJson(*j); !event)
            return eventProblem(event.error().message);
    }
}

std::optional<Error> BundleScan::framingProblem(qint64 totalBytes) const
{
    if (totalBytes == 0)
        return Error::parse(QStringLiteral("%1: the file is empty").arg(m_name));
    if (!m_lastHadNewline) {
        if (m_lastKind == LineKind::Trailer)
            return Error::parse(QStringLiteral("%1: cut off: the trailer (line %2) has no line end; the file is "
                                               "incomplete")
                                    .arg(m_name)
                                    .arg(m_lineCount));
        return Error::parse(QStringLiteral("%1: cut off: line %2 ends without a line end; the file is incomplete")
                                .arg(m_name)
                                .arg(m_lineCount));
    }
    if (m_trailerLine == 0)
        return Error::parse(QStringLiteral("%1: cut off: no trailer after line %2; the file is incomplete")
                                .arg(m_name)
                                .arg(m_lineCount));
    if (m_afterTrailerLine != 0)
        return Error::parse(QStringLiteral("%1: unexpected data after the trailer").arg(where(m_afterTrailerLine)));
    return std::nullopt;
}

std::optional<Error> BundleScan::contentProblem() const
{
    if (m_eventError)
        return m_eventError;
    const BundleHeader &h = *m_header;
    if (m_events != h.eventCount)
        return Error::validation(QStringLiteral("%1: the header says event_count %2, but the bundle holds %3 events")
                                     .arg(m_name)
                                     .arg(h.eventCount)
                                     .arg(m_events));
    if (m_lastSeq != h.seqLast)
        return Error::validation(QStringLiteral("%1: the last event has seq %2, but the header's seq_last is %3")
                                     .arg(m_name)
                                     .arg(m_lastSeq)
                                     .arg(h.seqLast));
    for (const auto &[token, seen] : m_annotatorSeen)
        if (!seen)
            return Error::validation(QStringLiteral("%1: the header lists annotator \"%2\", who has no event in it")
                                         .arg(m_name, fromToken(token)));
    return std::nullopt;
}

} // namespace

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
