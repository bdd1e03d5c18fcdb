#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "common/result.h"
#include "model/event.h"
#include "model/pack.h"
#include "model/payloads.h"
#include "rating/agreement.h"
#include "rating/battle.h"
#include "rating/positionbias.h"

namespace majlis::store {
class EventStore;
}

namespace majlis::analysis {

// One live vote, flattened with what the slices need. Sides are those of the screen; the outcome
// is in terms of the comparison's candidates (candidate_a, candidate_b), so it does not depend
// on where each answer was shown.
struct LiveVote
{
    QString eventId;
    QString packId;
    QString itemId;
    QString comparisonId;
    QString annotator;
    QString group;    // from the caller's annotator -> group map; empty when not given
    QString dialect;  // requested dialect of the item
    QString category; // category of the item
    QString modelA;   // model id of candidate_a
    QString modelB;   // model id of candidate_b
    int candidateA = 0;
    int candidateB = 0;
    rating::Outcome outcome = rating::Outcome::Tie;
    std::optional<Side> chosenSide; // none for tie and both bad
    std::optional<Side> firstSide;  // where "A" was shown
    Selection selection = Selection::ScheduledRandom;
    QString createdUtc;

    friend bool operator==(const LiveVote &, const LiveVote &) = default;
};

// One live failure mark (kind "annotation", model/payloads.h) and where it was made.
struct LiveFailure
{
    QString eventId;
    QString itemId;
    QString annotator;
    FailureMark mark;

    friend bool operator==(const LiveFailure &, const LiveFailure &) = default;
};

// How often a model's answers were shown with at least one masked name.
struct Exposure
{
    qint64 shown = 0;
    qint64 masked = 0;

    friend bool operator==(const Exposure &, const Exposure &) = default;
};

struct CollectOptions
{
    QString packId; // empty: every pack in the store
    // Annotator -> group, for the "group" slice; annotators not in the map have no group.
    QHash<QString, QString> annotatorGroups;
};

// The fold of a store's events: what is live now. A vote or annotation named by a later event's
// `supersedes` (an undo, or a new vote on a pair picked again by hand) is dead. Votes are in the
// order they were cast (the store's created_utc, workstation, seq), which only Elo depends on.
struct LiveVotes
{
    std::vector<LiveVote> votes;     // every live vote, whatever its selection
    std::vector<LiveFailure> failures;
    std::map<QString, Exposure> exposure; // model id -> answers shown / with a masked name
    QHash<QString, QString> modelNames;   // model id -> display name from the pack headers
    qint64 supersededVotes = 0;
    qint64 unreadableVotes = 0; // payload without usable candidates or outcome: left out
    QString firstUnreadable;    // "event <id>: <why>", for the warning
};

// What the fold needs to know about packs besides the events: the store's packs table on a
// workstation, the published pack files on the server.
using ItemFacts = majlis::ItemFacts; // model/pack.h

class PackFacts
{
public:
    virtual ~PackFacts() = default;
    // Model id -> display name from the pack's header; empty for a pack it does not have.
    virtual QHash<QString, QString> modelNames(const QString &packId) = 0;
    // Empty facts for an item it does not have (its votes then fall in the empty slice).
    virtual ItemFacts item(const QString &packId, const QString &itemId) = 0;
};

// The fold, in one pass over `events` (model/event.h) that keeps only what the analysis needs
// (never the events themselves). The source yields the events in the order they were cast (the
// store's created_utc, workstation, seq); those of other packs than options.packId are passed over,
// so a source may narrow to the pack or not.
Result<LiveVotes> collectLiveVotes(const EventSource &events, PackFacts &packs, const CollectOptions &options = {});
// A source over a visitor-style reader (store or server storage: forEachEvent(visit, packId)).
// The first error a sink returns skips the remaining events and is returned.
template <typename Reader>
EventSource eventSourceOf(Reader &reader, const QString &packId)
{
    return [&reader, packId](const EventSink &sink) -> Status {
        Status first;
        Status read = reader.forEachEvent(
            [&](const Event &e) {
                if (first)
                    if (Status s = sink(e); !s)
                        first = s;
            },
            packId);
        return read ? first : read;
    };
}
// The same over a store's events and packs.
Result<LiveVotes> collectLiveVotes(store::EventStore &store, const CollectOptions &options = {});

// Which votes feed a ranking: only randomly scheduled pairs unless `includePicked`, since pairs
// picked by hand carry selection bias.
bool feedsRanking(const LiveVote &vote, bool includePicked);

// The battles of the votes that pass `keep`, in vote order; `models` fixes the model list (so
// every slice shares the same one), else it is every model of `votes`, sorted.
rating::BattleSet toBattleSet(const std::vector<LiveVote> &votes, bool includePicked,
                              const QStringList &models = {},
                              const std::function<bool(const LiveVote &)> &keep = {});

// Agreement input: unit = comparison id, label = outcome in candidate terms (a, b, tie, both_bad).
// Where an annotator has two live votes on one comparison (two workstations), the later one counts.
std::vector<rating::Judgement> agreementInput(const std::vector<LiveVote> &votes);

// Position-bias input: whether the answer on the left won, from chosen_side.
std::vector<rating::PlacedVote> positionInput(const std::vector<LiveVote> &votes);

QString outcomeLabel(rating::Outcome outcome); // a | b | tie | both_bad

} // namespace majlis::analysis
