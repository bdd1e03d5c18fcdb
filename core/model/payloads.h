#pragma once

#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "common/result.h"
#include "model/event.h"
#include "text/invisible.h"
#include "text/offsets.h"

namespace majlis {

// What each kind of event holds: the contract of docs/formats.md ("Event payloads"), in types.
// The session writes these, the analysis and the review read them, every ingest validates them.
//
// Versions. A payload carries "version": 2. A payload without "version" is version 1 — what
// every release before this contract wrote, with some facts up to four times; it is read by a
// converting reader and never written. A version above PayloadVersion is a newer client's: it is
// stored and passed on untouched (set union does not need to understand an event to keep it),
// and counted as unreadable by the analyses of this version.
inline constexpr int PayloadVersion = 2;

// The version a payload declares: 1 when it has no "version"; nullopt when "version" is not an
// integer from 1 up.
std::optional<int> payloadVersion(const nlohmann::json &payload);

// One of a comparison's two candidates, by the comparison's own order (candidate_a,
// candidate_b in the pack), never by the screen's.
enum class Letter : std::uint8_t { A, B };
QString toString(Letter letter);  // "a" | "b"
constexpr Letter other(Letter l)
{
    return l == Letter::A ? Letter::B : Letter::A;
}

// A candidate of the item: its index in the item's candidates and its model id. The model is
// kept beside the index so that an event counts without the pack (an outsider holding only a
// bundle recomputes the leaderboard).
struct CandidateRef
{
    int candidate = 0;
    QString model;
    friend bool operator==(const CandidateRef &, const CandidateRef &) = default;
};

enum class VoteOutcome { A, B, Tie, BothBad };
QString toString(VoteOutcome outcome);  // "a" | "b" | "tie" | "both_bad"

// A model's name found in an answer and shown masked: code points of the model's own output.
struct MaskedName
{
    qsizetype start = 0;
    qsizetype length = 0;
    QString term;      // the name or alias that matched
    QString original;  // what the output held there ("text" on the wire)
    friend bool operator==(const MaskedName &, const MaskedName &) = default;
};

// Where the schedule put the pair: its position in the annotator's order and the annotator's
// seed (hexadecimal), from which order and sides are reproduced (blind/schedule.h).
struct Placement
{
    qint64 position = 0;
    QString seed;
    friend bool operator==(const Placement &, const Placement &) = default;
};

// Where an imported judgment came from (selection "imported"): which evaluation's data, by the
// name `majlisctl votes import --from` takes (arena, pandalm, mt-bench-human, long), and the
// record's own key there, so that the same file imported twice adds nothing.
struct ImportedFrom
{
    QString source;
    QString record;
    friend bool operator==(const ImportedFrom &, const ImportedFrom &) = default;
};

// kind "vote". Each fact once; everything else is derived.
struct VotePayload
{
    CandidateRef candidateA;
    CandidateRef candidateB;
    // Which candidate was shown as "A" (first in reading order), and on which side of the screen
    // "A" was. Always present from version 2 for a vote cast in Majlis; a version-1 payload may
    // lack them, and an imported judgment has them only where its source records them.
    std::optional<Letter> shownFirst;
    std::optional<Side> firstSide;
    VoteOutcome outcome = VoteOutcome::Tie;
    Selection selection = Selection::ScheduledRandom;
    std::optional<Placement> placement;
    std::optional<ImportedFrom> imported;  // present exactly when selection is Imported
    // The names masked in each candidate's answer; nullopt: not recorded.
    std::optional<std::vector<MaskedName>> maskingA, maskingB;
    // The invisible characters of each candidate's output (text/invisible.h); nullopt: not recorded.
    std::optional<text::InvisibleCounts> invisibleA, invisibleB;
    QString uiLanguage;  // the interface language the vote was cast in; empty: not recorded

    const CandidateRef &candidate(Letter l) const { return l == Letter::A ? candidateA : candidateB; }
    // Derived: what was pressed (A better / B better / tie / both bad), the winner, and the side
    // of the screen the winner was on. nullopt where the payload does not tell.
    std::optional<Choice> choice() const;
    std::optional<CandidateRef> winner() const;
    std::optional<Side> chosenSide() const;
    // Derived: the schedule showed candidate b first.
    std::optional<bool> swapped() const;

    friend bool operator==(const VotePayload &, const VotePayload &) = default;
};

// kind "skip": the pair was put aside, to come back once everything else is done.
struct SkipPayload
{
    Selection selection = Selection::ScheduledRandom;
    std::optional<qint64> position;
    friend bool operator==(const SkipPayload &, const SkipPayload &) = default;
};

// kind "undo": takes back the vote or skip its `supersedes` names; nothing else to say.
struct UndoPayload
{
    friend bool operator==(const UndoPayload &, const UndoPayload &) = default;
};

// kind "annotation": a failure marked on one candidate's answer. With a span it marks a stretch
// of the model's own output (code points, quote beside it); without one it flags the whole
// answer. An edit is a new mark whose `supersedes` names the old one.
struct FailureMark
{
    int candidate = 0;
    QString model;
    QString category;
    QString severity;
    double weight = 1;  // the severity's weight in the pack's taxonomy when it was marked
    QString comment;
    std::optional<text::CodePointSpan> span;  // nullopt: the whole answer (an answer flag)
    QString quote;                            // what the span covers; empty for an answer flag

    bool isAnswerFlag() const { return !span.has_value(); }
    friend bool operator==(const FailureMark &, const FailureMark &) = default;
};

// kind "annotation" with "removed": true: takes away the mark its `supersedes` names.
struct MarkRemoval
{
    int candidate = 0;
    friend bool operator==(const MarkRemoval &, const MarkRemoval &) = default;
};
using AnnotationPayload = std::variant<FailureMark, MarkRemoval>;

// kind "dialect_judgment": which variety one candidate's answer is written in, and whether that
// is the variety the item asked for (the item's dialect, in the pack).
struct DialectJudgmentPayload
{
    int candidate = 0;
    QString model;
    QString variety;
    bool matchesRequest = false;
    friend bool operator==(const DialectJudgmentPayload &, const DialectJudgmentPayload &) = default;
};

// kind "adjudication" is reserved for review sessions; its payload is not defined yet and is
// stored as it comes.

// The wire form (version 2).
nlohmann::json toJson(const VotePayload &p);
nlohmann::json toJson(const SkipPayload &p);
nlohmann::json toJson(const UndoPayload &p);
nlohmann::json toJson(const FailureMark &p);
nlohmann::json toJson(const MarkRemoval &p);
nlohmann::json toJson(const DialectJudgmentPayload &p);

// Readers of versions 1 and 2. Version 2 is read strictly: a missing or ill-typed field is an
// error naming it ("payload field \"candidate_a.model\" …"); unknown fields are ignored. Version 1
// is read as the analyses always read it (defaults where a field is missing). A newer version is
// an error.
Result<VotePayload> votePayloadFromJson(const nlohmann::json &payload);
Result<SkipPayload> skipPayloadFromJson(const nlohmann::json &payload);
Result<UndoPayload> undoPayloadFromJson(const nlohmann::json &payload);
Result<AnnotationPayload> annotationPayloadFromJson(const nlohmann::json &payload);
Result<DialectJudgmentPayload> dialectJudgmentPayloadFromJson(const nlohmann::json &payload);

// Why the payload of an event of `kind` may not be stored, or an empty string. Version 2 is
// checked against the contract; version 1 payloads (older stores and bundles) and newer
// versions pass, as does any payload of a kind without a defined payload (adjudication).
QString payloadProblem(const QString &kind, const nlohmann::json &payload);

}  // namespace majlis
