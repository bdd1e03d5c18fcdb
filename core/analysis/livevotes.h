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
#include "model/votefacts.h"
#include "analysis/livevotelist.h"
#include "rating/agreement.h"
#include "rating/battle.h"
#include "rating/positionbias.h"

namespace majlis::store {
class EventStore;
}

namespace majlis::analysis {

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
    // false: the rows keep no event id, time or comparison id (a leaderboard reads none of them),
    // and a million votes touch 70 MB less; their LiveVote values then have those empty. The
    // exports, the agreement and the gallery keep them.
    bool identities = true;
};

// The fold of a store's events: what is live now. A vote or annotation named by a later event's
// `supersedes` (an undo, or a new vote on a pair picked again by hand) is dead. Votes are in the
// order they were cast (the store's created_utc, workstation, seq), which only Elo depends on.
struct LiveVotes
{
    LiveVoteList votes;              // every live vote, whatever its selection
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
    // Every item of the pack in one pass, as UTF-8 views valid during the visit, for a fold that
    // meets most of them. True when every item was visited (an item not visited has no facts);
    // false when the source cannot, or could not finish: the fold then asks item() for the rest.
    using ItemVisit = std::function<void(std::string_view itemId, std::string_view dialect, std::string_view category)>;
    virtual bool forEachItem(const QString &packId, const ItemVisit &visit)
    {
        Q_UNUSED(packId);
        Q_UNUSED(visit);
        return false;
    }
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
// What a backend with the vote-facts projection (store/votefacts.h) answers the fold: the same
// fold as over the events, without a vote payload parsed.
class FoldReader
{
public:
    virtual ~FoldReader() = default;
    // The stored votes of the pack (every pack when empty), in cast order.
    virtual Status forEachStoredVote(const std::function<void(const StoredVoteView &)> &visit, const QString &packId) = 0;
    // At least as many as the stored votes (the store's events, for one): room for the votes is
    // reserved once, and what is not used is never touched.
    virtual Result<qint64> eventCount() = 0;
    // Every id a `supersedes` of an event of the pack names.
    virtual Status forEachSupersededId(const std::function<void(const QString &)> &visit, const QString &packId) = 0;
    // The events of one kind of the pack, in cast order, with their payloads.
    virtual Status forEachEventOfKind(const QString &kind, const std::function<void(const Event &)> &visit,
                                      const QString &packId) = 0;
};
// A FoldReader over anything with those member functions (a store, a server storage).
template <typename Reader>
class FoldReaderOf final : public FoldReader
{
public:
    explicit FoldReaderOf(Reader &reader) : m_reader(reader) {}
    Status forEachStoredVote(const std::function<void(const StoredVoteView &)> &visit, const QString &packId) override
    {
        return m_reader.forEachStoredVote(visit, packId);
    }
    Result<qint64> eventCount() override { return m_reader.eventCount(); }
    Status forEachSupersededId(const std::function<void(const QString &)> &visit, const QString &packId) override
    {
        return m_reader.forEachSupersededId(visit, packId);
    }
    Status forEachEventOfKind(const QString &kind, const std::function<void(const Event &)> &visit,
                              const QString &packId) override
    {
        return m_reader.forEachEventOfKind(kind, visit, packId);
    }

private:
    Reader &m_reader;
};
// The fold over the projection; equal to collectLiveVotes over the same events (a test holds
// the two together).
Result<LiveVotes> collectLiveVotes(FoldReader &reader, PackFacts &packs, const CollectOptions &options = {});
// The same over a store's events and packs: through the projection, or over the events of a
// store opened read-only before schema 7.
Result<LiveVotes> collectLiveVotes(store::EventStore &store, const CollectOptions &options = {});
// The fold over the store's events themselves, every payload parsed: what the projection's fold
// must equal, and the path for a store without the projection.
Result<LiveVotes> collectLiveVotesFromEvents(store::EventStore &store, const CollectOptions &options = {});

// Which votes feed a ranking: randomly scheduled pairs and judgments imported from another
// evaluation (its pairs were its design's, not a Majlis annotator's pick), and pairs picked by
// hand only with `includePicked`, since those carry selection bias.
bool feedsRanking(const LiveVote &vote, bool includePicked);
bool feedsRanking(const LiveVoteList::Row &vote, bool includePicked);

// The battles of the votes that pass `keep`, in vote order; `models` fixes the model list (so
// every slice shares the same one), else it is every model of `votes`, sorted.
rating::BattleSet toBattleSet(const LiveVoteList &votes, bool includePicked,
                              const QStringList &models = {},
                              const std::function<bool(const LiveVote &)> &keep = {});

// Agreement input: unit = the pack and the comparison id, label = outcome in candidate terms (a,
// b, tie, both_bad).
// Where an annotator has two live votes on one comparison (two workstations), the later one counts.
std::vector<rating::Judgement> agreementInput(const LiveVoteList &votes);

// Position-bias input: whether the answer on the left won, from chosen_side. Imported judgments
// are left out: their order and side were their source's, never a random placement.
std::vector<rating::PlacedVote> positionInput(const LiveVoteList &votes);

QString outcomeLabel(rating::Outcome outcome); // a | b | tie | both_bad

} // namespace majlis::analysis
