#pragma once

#include <QString>

#include <nlohmann/json.hpp>

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

// The wire form shared by export, bundles and sync.
nlohmann::json toJson(const Event &event);
// Strict: every required field present with the right type; `where` prefixes messages.
Result<Event> eventFromJson(const nlohmann::json &j, const QString &where = {});

// Which side of the screen an answer was shown on, and what the annotator chose.
enum class Side { Left, Right };
enum class Choice { First, Second, Tie, BothBad };

QString toString(Side side);
QString toString(Choice choice);
std::optional<Choice> choiceFromString(const QString &text);

// How the pair came to the annotator. Only randomly scheduled pairs may feed a ranking
// without selection bias.
enum class Selection { ScheduledRandom, PickedByHand };
QString toString(Selection selection);

} // namespace majlis
