#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "bundle/format.h"
#include "bundle/hashchain.h"
#include "common/progress.h"
#include "common/result.h"
#include "model/event.h"

namespace majlis::bundle {

// The public key registered for a workstation id, or nullopt when the workstation is unknown.
using KeyLookup = std::function<std::optional<QByteArray>(const QString &workstationId)>;
// Receives one event; an error stops the delivery and is returned by forEachEvent.
using EventVisitor = std::function<Status(const Event &)>;

enum class KeyPolicy {
    RegisteredOnly,  // an unknown workstation is refused
    TrustOnFirstUse, // an unknown workstation's embedded key is accepted; the summary says so
};

// How the signing key was accepted.
enum class KeyTrust { Registered, FirstUse };

// Seq numbers missing inside a bundle's range, inclusive: {5, 7} is "seq 5–7 missing".
struct SeqGap
{
    qint64 first = 0;
    qint64 last = 0;
    friend bool operator==(const SeqGap &, const SeqGap &) = default;
};

struct BundleSummary
{
    QString source;        // the path or name the bundle was read from
    BundleHeader header;
    QByteArray sha256;     // raw digest of everything before the trailer
    qint64 sizeBytes = 0;  // the whole file, trailer included
    KeyTrust keyTrust = KeyTrust::Registered;
    // Gaps are information, not errors: a workstation may have exported the missing seq in
    // another bundle. Only the first MaxListedGaps are listed; missingSeqCount counts all.
    static constexpr qsizetype MaxListedGaps = 1000;
    QList<SeqGap> gaps;
    qint64 missingSeqCount = 0;

    // "seq 5–7 missing, seq 9 missing", or an empty string when there is no gap.
    QString gapText() const;
};

struct VerifyOptions
{
    KeyPolicy keyPolicy = KeyPolicy::RegisteredOnly;
    // Also parse every event into an Event (several times slower). Off, verify checks each
    // event line structurally only; forEachEvent parses fully either way.
    bool parseEvents = false;
    // Bytes read against the file's size while verifying ("verifying"), then events delivered by
    // forEachEvent ("storing"); cancel() stops either with Error::Code::Cancelled.
    Progress *progress = nullptr;
};

class VerifiedBundle;

// Verifies vote bundles in one streaming pass over raw bytes, in bounded memory.
//
// A bundle that verifies is intact and authentic: its bytes before the trailer hash to the
// trailer's SHA-256, the signature over that digest is valid for the key registered for the
// header's workstation (or, under TrustOnFirstUse, for the embedded key of an unknown
// workstation), the header is valid, and every event line is a JSON object with the header's
// workstation, a listed annotator and a seq that strictly increases from seq_first to seq_last,
// event_count lines in all. Field-by-field validation of each event (model/event.h) happens
// while events are delivered, unless VerifyOptions::parseEvents asks for it here.
//
// When several things are wrong, the most basic is reported: cut off, then damaged (checksum),
// then header, then key, then signature, then the first bad event line, then counts.
class BundleVerifier
{
public:
    explicit BundleVerifier(KeyLookup lookup, VerifyOptions options = {});

    Result<BundleSummary> verify(const QString &path) const;
    // `device` must be open for reading; a random-access device is read from its start.
    Result<BundleSummary> verify(QIODevice &device, const QString &name) const;

    // Verifies and keeps the bundle open: the only way to reach its events.
    Result<VerifiedBundle> open(const QString &path) const;
    Result<VerifiedBundle> open(std::unique_ptr<QIODevice> device, const QString &name) const;

private:
    struct Pass;
    Result<Pass> run(QIODevice &device, const QString &name) const;

    KeyLookup m_lookup;
    VerifyOptions m_options;
};

// A bundle that passed verification, held open. Nothing can be read from a bundle that did
// not verify, because this type is the only reader and only BundleVerifier makes one.
//
// The file may still change after verification. forEachEvent therefore reads it again in
// 1 MiB blocks and proves each block byte-identical to the verified bytes (HashChain) before it
// parses and delivers any event that ends in that block. Every event a visitor receives is
// authentic; if the file changed, delivery stops with an error at the first changed block.
// Callers that must take all or nothing ingest inside a transaction and commit only when
// forEachEvent returned ok (ingest is idempotent, so a retry is always safe).
class VerifiedBundle
{
public:
    VerifiedBundle(VerifiedBundle &&) noexcept;
    VerifiedBundle &operator=(VerifiedBundle &&) noexcept;
    VerifiedBundle(const VerifiedBundle &) = delete;
    VerifiedBundle &operator=(const VerifiedBundle &) = delete;
    ~VerifiedBundle();

    const BundleSummary &summary() const { return m_summary; }

    // Delivers the events in file (= seq) order, fully parsed. May be called again.
    Status forEachEvent(const EventVisitor &visit);

private:
    friend class BundleVerifier;
    VerifiedBundle(std::unique_ptr<QIODevice> device, BundleSummary summary, qint64 bodySize,
                   std::vector<HashChain::ChainingValue> checkpoints);
    Status deliverLine(std::string_view line, qint64 lineNumber, const EventVisitor &visit);

    std::unique_ptr<QIODevice> m_device;
    BundleSummary m_summary;
    qint64 m_bodySize = 0;  // bytes before the trailer line
    std::vector<HashChain::ChainingValue> m_checkpoints;
};

} // namespace majlis::bundle
