#pragma once

#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>

#include "common/result.h"

namespace majlis {

// Event kinds. Kinds are strings on the wire so that an older server or bundle reader passes
// a newer kind through untouched (set union does not need to understand an event to keep it).
namespace EventKind {
inline const QString Vote = QStringLiteral("vote");
inline const QString Skip = QStringLiteral("skip");
inline const QString Undo = QStringLiteral("undo");
inline const QString Annotation = QStringLiteral("annotation");
inline const QString DialectJudgment = QStringLiteral("dialect_judgment");
inline const QString Adjudication = QStringLiteral("adjudication");
} // namespace EventKind

// One immutable fact. Never updated or deleted: an undo or an edit is a new event whose
// `supersedes` names the one it replaces. The current state is a fold over events.
struct Event
{
    QString id;            // UUIDv7, made by the client
    QString kind;
    QString packId;
    QString itemId;
    QString comparisonId;  // empty for events about a whole item
    QString annotator;
    QString workstation;
    qint64 seq = 0;        // per-workstation, gap-free, from 1
    QString createdUtc;    // ISO 8601 with milliseconds and Z
    QString supersedes;    // empty unless this event replaces another
    nlohmann::json payload = nlohmann::json::object();

    friend bool operator==(const Event &, const Event &) = default;
};

// Takes one event; an error stops the source, which returns it.
using EventSink = std::function<Status(const Event &)>;
// Hands its events to the sink one at a time and returns the first error the sink returned (or
// its own). Bundle writing, ingest and the analyses' fold all read events through this one type;
// each source documents its order (a store: created_utc, workstation, seq; a bundle: seq).
using EventSource = std::function<Status(const EventSink &)>;

// The largest seq a workstation may use: 2^53 - 1, so that every JSON reader (JavaScript's too)
// holds it exactly.
inline constexpr qint64 MaxSeq = (qint64(1) << 53) - 1;
// The longest id, pack, item, comparison, annotator or workstation name an event may carry.
inline constexpr qsizetype MaxEventNameLength = 256;

// The kinds this version writes and accepts from others.
bool isKnownEventKind(const QString &kind);

// Why `e` may not be stored, or an empty string: what every ingest (a workstation's bundle
// import, the server's batches and bundles, SQLite or PostgreSQL) checks before it stores an
// event. The id is a UUIDv7, the kind a known one, `created` an ISO 8601 UTC time with "Z",
// seq within 1..MaxSeq, names non-empty, without control characters, at most
// MaxEventNameLength characters, the payload an object, and a version-2 payload one that keeps
// the contract of its kind (model/payloads.h: payloadProblem).
QString eventProblem(const Event &e);

// The wire form shared by export, bundles and sync.
nlohmann::json toJson(const Event &event);
// Strict: every required field present with the right type; `where` prefixes messages.
Result<Event> eventFromJson(const nlohmann::json &j, const QString &where = {});

// Which side of the screen an answer was shown on, and what the annotator chose.
enum class Side : std::uint8_t { Left, Right };
enum class Choice { First, Second, Tie, BothBad };

QString toString(Side side);
QString toString(Choice choice);

// How the pair came to the annotator. Only randomly scheduled pairs may feed a ranking
// without selection bias. Imported: a judgment another evaluation made and recorded (PandaLM,
// MT-Bench, Chatbot Arena …), taken in by `majlisctl votes import`; the pair was that
// evaluation's choice, and the screen's order and side are only what its data records.
enum class Selection : std::uint8_t { ScheduledRandom, PickedByHand, Imported };
QString toString(Selection selection);

} // namespace majlis
