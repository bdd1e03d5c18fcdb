#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include "common/result.h"

// The vote bundle format, version 1 (docs/formats.md, "Vote bundle"). JSON Lines:
//   line 1      header   {"annotators":[…],"bundle_id":…,"created":…,"event_count":K,"majlis_bundle":1,…}
//   lines 2…K+1 events   the Event wire form (model/event.h toJson), in increasing seq
//   last line   trailer  {"majlis_bundle_trailer":1,"sha256":hex,"signature":base64}
// Canonical bytes: nlohmann's compact dump() (keys sorted), every line ends with "\n".
namespace majlis::bundle {

inline constexpr int FormatVersion = 1;
// Bounds the memory a reader needs for one line; the writer refuses longer events.
inline constexpr qsizetype MaxLineBytes = 4 * 1024 * 1024;
// Every trailer line starts with these bytes; readers find the trailer without parsing events.
inline constexpr std::string_view TrailerPrefix = R"({"majlis_bundle_trailer":)";

struct BundleHeader
{
    QString bundleId;      // UUIDv7
    QString workstation;   // the id of the workstation whose events these are
    QByteArray publicKey;  // raw 32-byte Ed25519 key that signed the trailer
    QStringList annotators;  // sorted, unique: exactly the annotators of the events
    qint64 seqFirst = 0;
    qint64 seqLast = 0;
    qint64 eventCount = 0;
    QString createdUtc;    // ISO 8601 with milliseconds and Z

    friend bool operator==(const BundleHeader &, const BundleHeader &) = default;
};

struct BundleTrailer
{
    QByteArray sha256;     // raw 32 bytes: SHA-256 of every byte before the trailer line
    QByteArray signature;  // raw 64 bytes: Ed25519 over signedMessage(sha256)
};

nlohmann::json toJson(const BundleHeader &header);
// Strict: every field present with its type and range; no unknown fields. `where` prefixes
// messages ("votes.bundle:1").
Result<BundleHeader> headerFromJson(const nlohmann::json &j, const QString &where);

nlohmann::json toJson(const BundleTrailer &trailer);
Result<BundleTrailer> trailerFromJson(const nlohmann::json &j, const QString &where);

// What the workstation key signs: a fixed context string, then the 32 raw digest bytes. The
// context keeps a bundle signature from ever being valid for anything else the key may sign.
QByteArray signedMessage(QByteArrayView sha256);

class WorkstationKey;
// The canonical trailer line (with its "\n") for a body whose SHA-256 is `sha256`, signed by `key`.
QByteArray trailerLine(const QByteArray &sha256, const WorkstationKey &key);

// A compact, canonical JSON line with its "\n".
QByteArray jsonLine(const nlohmann::json &j);

} // namespace majlis::bundle
