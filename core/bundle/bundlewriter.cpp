#include "bundle/bundlewriter.h"

#include "bundle/eventlinescan.h"
#include "bundle/format.h"
#include "bundle/hashchain.h"
#include "bundle/posixfile.h"
#include "bundle/sodium.h"
#include "common/json.h"
#include "common/logging.h"
#include "common/uuid.h"

#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <set>
#include <unistd.h>

namespace majlis::bundle {

namespace {

constexpr qsizetype FlushBytes = 1 << 20;

// Follows the events through a pass: checks each against the rules and fingerprints the
// sequence, so the writing pass can prove it saw what the planning pass saw.
class EventTrack
{
public:
    explicit EventTrack(const QString &workstation) : m_workstation(workstation)
    {
        crypto_generichash_init(&m_fingerprint, nullptr, 0, Fingerprint{}.size());
    }

    Status take(const Event &e)
    {
        const QString what = QStringLiteral("event %1 (seq %2)").arg(e.id.isEmpty() ? QStringLiteral("without id") : e.id).arg(e.seq);
        if (e.workstation != m_workstation)
            return Error::validation(QStringLiteral("%1 was made on workstation \"%2\", not on this one (\"%3\"); a bundle "
                                                    "holds one workstation's events")
                                         .arg(what, e.workstation, m_workstation));
        if (e.seq <= m_lastSeq)
            return Error::validation(QStringLiteral("%1 comes after seq %2: events must come in increasing seq order")
                                         .arg(what)
                                         .arg(m_lastSeq));
        if (e.id.isEmpty())
            return Error::validation(QStringLiteral("%1 has no id").arg(what));
        if (!e.payload.is_object())
            return Error::validation(QStringLiteral("%1: its payload is not a JSON object").arg(what));
        if (m_count == 0)
            m_firstSeq = e.seq;
        m_lastSeq = e.seq;
        ++m_count;
        const std::array<unsigned char, 8> seq = {
            quint8(e.seq), quint8(e.seq >> 8), quint8(e.seq >> 16), quint8(e.seq >> 24),
            quint8(e.seq >> 32), quint8(e.seq >> 40), quint8(e.seq >> 48), quint8(e.seq >> 56)};
        crypto_generichash_update(&m_fingerprint, seq.data(), seq.size());
        for (const QString &text : {e.id, e.annotator}) {
            const QByteArray utf8 = text.toUtf8();
            crypto_generichash_update(&m_fingerprint, reinterpret_cast<const unsigned char *>(utf8.constData()),
                                      size_t(utf8.size()) + 1);  // with the terminating NUL as separator
        }
        m_annotators.insert(e.annotator.toStdString());
        return {};
    }

    using Fingerprint = std::array<unsigned char, 32>;
    Fingerprint finish()
    {
        Fingerprint out{};
        crypto_generichash_final(&m_fingerprint, out.data(), out.size());
        return out;
    }

    qint64 count() const { return m_count; }
    qint64 firstSeq() const { return m_firstSeq; }
    qint64 lastSeq() const { return m_lastSeq; }
    const std::set<std::string> &annotators() const { return m_annotators; }

private:
    QString m_workstation;
    crypto_generichash_state m_fingerprint;
    qint64 m_count = 0;
    qint64 m_firstSeq = 0;
    qint64 m_lastSeq = 0;
    std::set<std::string> m_annotators;  // UTF-8 byte order, as the header requires
};

} // namespace

struct BundleWriter::Plan
{
    qint64 count = 0;
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
    QStringList annotators;
    EventTrack::Fingerprint fingerprint{};
};

BundleWriter::BundleWriter(const WorkstationKey &key, QString workstationId)
    : m_key(key), m_workstation(std::move(workstationId))
{
}

Result<BundleWriter::Plan> BundleWriter::plan(const EventSource &source) const
{
    if (Status s = ensureSodium(); !s)
        return s.error();
    if (m_workstation.isEmpty())
        return Error::validation(QStringLiteral("the workstation id is empty"));
    EventTrack track(m_workstation);
    if (Status s = source([&](const Event &e) { return track.take(e); }); !s)
        return s.error();
    if (track.count() == 0)
        return Error::validation(QStringLiteral("nothing to export: there are no events to put in a bundle"));
    Plan plan;
    plan.count = track.count();
    plan.firstSeq = track.firstSeq();
    plan.lastSeq = track.lastSeq();
    for (const std::string &a : track.annotators())
        plan.annotators << toQString(a);
    plan.fingerprint = track.finish();
    return plan;
}

Status BundleWriter::writeTo(QIODevice &out, const EventSource &source, const BundleWriteOptions &options) const
{
    Result<Plan> p = plan(source);
    if (!p)
        return p.error();
    return stream(out, *p, source, options);
}

Status BundleWriter::stream(QIODevice &out, const Plan &plan, const EventSource &source,
                            const BundleWriteOptions &options) const
{
    BundleHeader header;
    header.bundleId = options.bundleId.isEmpty() ? makeUuidV7() : options.bundleId;
    header.workstation = m_workstation;
    header.publicKey = m_key.publicKey();
    header.annotators = plan.annotators;
    header.seqFirst = plan.firstSeq;
    header.seqLast = plan.lastSeq;
    header.eventCount = plan.count;
    header.createdUtc = (options.created.isValid() ? options.created : QDateTime::currentDateTimeUtc())
                            .toUTC()
                            .toString(Qt::ISODateWithMs);

    HashChain chain;
    std::string pending;
    pending.reserve(size_t(FlushBytes) + 4096);
    auto flush = [&]() -> Status {
        chain.update(pending.data(), qint64(pending.size()));
        if (out.write(pending.data(), qint64(pending.size())) != qint64(pending.size()))
            return Error::io(QStringLiteral("writing the bundle failed: %1").arg(out.errorString()));
        pending.clear();
        return {};
    };

    pending = toJson(header).dump();
    pending.push_back('\n');
    EventTrack track(m_workstation);
    Status streamed = source([&](const Event &e) -> Status {
        if (Status s = track.take(e); !s)
            return s;
        const std::size_t start = pending.size();
        pending += toJson(e).dump();
        const std::string_view line(pending.data() + start, pending.size() - start);
        if (qsizetype(line.size()) >= MaxLineBytes)
            return Error::validation(QStringLiteral("event %1 (seq %2) is longer than a bundle line may be (%3 bytes)")
                                         .arg(e.id)
                                         .arg(e.seq)
                                         .arg(MaxLineBytes));
        if (const EventLineScan scan = scanEventLine(line); scan.problem)
            return Error::validation(QStringLiteral("event %1 (seq %2) cannot be written: %3").arg(e.id).arg(e.seq).arg(*scan.problem));
        pending.push_back('\n');
        if (qsizetype(pending.size()) >= FlushBytes)
            return flush();
        return {};
    });
    if (!streamed)
        return streamed;
    if (track.count() != plan.count || track.finish() != plan.fingerprint)
        return Error::internal(QStringLiteral("the event source yielded other events on its second pass than on its first"));
    if (Status s = flush(); !s)
        return s;
    const QByteArray trailer = trailerLine(chain.finish(), m_key);
    if (out.write(trailer) != trailer.size())
        return Error::io(QStringLiteral("writing the bundle failed: %1").arg(out.errorString()));
    return {};
}

Result<BundleSummary> BundleWriter::write(const QString &path, const EventSource &source,
                                          const BundleWriteOptions &options) const
{
    if (QFileInfo::exists(path))
        return Error::conflict(QStringLiteral("%1 already exists; a bundle is never overwritten").arg(path));
    Result<Plan> p = plan(source);
    if (!p)
        return p.error();

    const QString temporary = posix::temporarySibling(path);
    posix::UnlinkGuard guard(temporary);
    posix::FileDescriptor fd(
        ::open(posix::nativePath(temporary).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd.isOpen())
        return Error::io(QStringLiteral("%1: cannot create: %2").arg(temporary, posix::errnoText(errno)));
    {
        QFile file;
        if (!file.open(fd.get(), QIODevice::WriteOnly | QIODevice::Unbuffered, QFileDevice::DontCloseHandle))
            return Error::io(QStringLiteral("%1: %2").arg(temporary, file.errorString()));
        if (Status s = stream(file, *p, source, options); !s)
            return Error{s.error().code, QStringLiteral("%1: %2").arg(path, s.error().message)};
    }
    // QSaveFile would fsync too, but it replaces an existing file and never syncs the folder.
    if (Status s = posix::syncFile(fd.get(), temporary); !s)
        return s.error();
    // Best effort: drop the cached pages so the read-back below comes from the device itself
    // (a failing USB stick shows here, not at the coordinator's desk).
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_DONTNEED);
    if (Status s = fd.close(temporary); !s)
        return s.error();

    const QByteArray ownKey = m_key.publicKey();
    const QString workstation = m_workstation;
    const BundleVerifier verifier(
        [&](const QString &id) { return id == workstation ? std::optional<QByteArray>(ownKey) : std::nullopt; },
        VerifyOptions{KeyPolicy::RegisteredOnly, true});
    Result<BundleSummary> summary = verifier.verify(temporary);
    if (!summary)
        return Error::io(QStringLiteral("%1: the bundle did not read back intact, so it was not kept: %2")
                             .arg(path, summary.error().message));
    if (Status s = posix::renameNoReplace(temporary, path); !s)
        return s.error();
    guard.release();
    if (Status s = posix::syncFolder(QFileInfo(path).absolutePath()); !s)
        return Error::io(QStringLiteral("%1 was written and verified, but %2; unmount the device before removing it")
                             .arg(path, s.error().message));
    summary->source = path;
    qCInfo(lcBundle).noquote() << "wrote bundle" << path << summary->header.bundleId
                               << QStringLiteral("(%1 events, seq %2–%3, sha256 %4)")
                                      .arg(summary->header.eventCount)
                                      .arg(summary->header.seqFirst)
                                      .arg(summary->header.seqLast)
                                      .arg(QString::fromLatin1(summary->sha256.toHex()));
    return summary;
}

} // namespace majlis::bundle
