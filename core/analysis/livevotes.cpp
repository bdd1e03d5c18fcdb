#include "analysis/livevotes.h"

#include "common/json.h"
#include "common/logging.h"
#include "store/eventstore.h"

#include <QSet>

#include <algorithm>

namespace majlis::analysis {

namespace {

rating::Outcome ratingOutcome(VoteOutcome o)
{
    switch (o) {
    case VoteOutcome::A: return rating::Outcome::WinA;
    case VoteOutcome::B: return rating::Outcome::WinB;
    case VoteOutcome::Tie: return rating::Outcome::Tie;
    case VoteOutcome::BothBad: return rating::Outcome::BothBad;
    }
    return rating::Outcome::Tie;
}

// Facts from the store, each item read once: a store with many votes per item would otherwise
// parse the same item JSON again for every vote.
class StorePackFacts final : public PackFacts
{
public:
    explicit StorePackFacts(store::EventStore &store) : m_store(store) {}

    QHash<QString, QString> modelNames(const QString &packId) override
    {
        QHash<QString, QString> names;
        if (auto header = m_store.packHeader(packId))
            for (const ModelInfo &m : std::as_const(header->models))
                if (!m.name.isEmpty())
                    names.insert(m.id, m.name);
        return names;
    }

    // A pack's facts are read in one pass on its first item (one statement, not one per item).
    ItemFacts item(const QString &packId, const QString &itemId) override
    {
        auto pack = m_packs.find(packId);
        if (pack == m_packs.end()) {
            auto facts = m_store.itemFacts(packId);
            if (!facts)
                qCWarning(lcStore).noquote() << "leaderboard: cannot read the items of pack" << packId << ":"
                                             << facts.error().message;
            pack = m_packs.insert(packId, facts ? std::move(*facts) : QHash<QString, ItemFacts>());
        }
        return pack->value(itemId);
    }

private:
    store::EventStore &m_store;
    QHash<QString, QHash<QString, ItemFacts>> m_packs;
};

// Facts asked once per item: keyed by pack, then item, so a vote costs two lookups and no key
// made for it (a million votes made a million concatenated keys).
class ItemCache
{
public:
    explicit ItemCache(PackFacts &packs) : m_packs(packs) {}

    const ItemFacts &facts(const QString &packId, const QString &itemId)
    {
        if (!m_last || m_lastPack != packId) {
            m_last = &m_items[packId];
            m_lastPack = packId;
        }
        auto it = m_last->find(itemId);
        if (it == m_last->end())
            it = m_last->insert(itemId, m_packs.item(packId, itemId));
        return *it;
    }

private:
    PackFacts &m_packs;
    QHash<QString, QHash<QString, ItemFacts>> m_items;
    QHash<QString, ItemFacts> *m_last = nullptr; // the inner map of m_lastPack
    QString m_lastPack;
};

} // namespace

QString outcomeLabel(rating::Outcome outcome)
{
    switch (outcome) {
    case rating::Outcome::WinA: return QStringLiteral("a");
    case rating::Outcome::WinB: return QStringLiteral("b");
    case rating::Outcome::Tie: return QStringLiteral("tie");
    case rating::Outcome::BothBad: return QStringLiteral("both_bad");
    }
    return {};
}

namespace {

// One pass over the events in cast order. An event is dead as soon as any other event names it,
// whatever their order (merged bundles and sync batches may bring the undo before the vote), so
// what is read is kept apart until the end: small records, never the events themselves.
class LiveVoteCollector
{
public:
    LiveVoteCollector(PackFacts &packs, const CollectOptions &options) : m_packs(packs), m_items(packs), m_options(options) {}

    void add(const Event &e)
    {
        if (!e.supersedes.isEmpty())
            m_superseded.insert(e.supersedes);
        if (e.kind != EventKind::Vote && e.kind != EventKind::Annotation)
            return;
        if (!m_options.packId.isEmpty() && e.packId != m_options.packId)
            return;
        noteModelNames(e.packId);

        if (e.kind == EventKind::Annotation) {
            // A removal only kills the mark it supersedes; a payload that is not a mark on one
            // model's answer is not a failure.
            auto annotation = annotationPayloadFromJson(e.payload);
            if (!annotation)
                return;
            if (auto *mark = std::get_if<FailureMark>(&*annotation))
                m_failures.push_back({e.id, e.itemId, e.annotator, std::move(*mark)});
            return;
        }

        auto vote = votePayloadFromJson(e.payload);
        if (!vote) {
            m_unreadable.push_back({e.id, vote.error().message});
            return;
        }
        if (vote->candidateA.model == vote->candidateB.model) {
            m_unreadable.push_back({e.id, QStringLiteral("both candidates are model \"%1\"").arg(vote->candidateA.model)});
            return;
        }
        Pending v;
        v.vote.eventId = e.id;
        v.vote.packId = e.packId;
        v.vote.itemId = e.itemId;
        v.vote.comparisonId = e.comparisonId;
        v.vote.annotator = e.annotator;
        v.vote.group = m_options.annotatorGroups.value(e.annotator);
        const ItemFacts &facts = m_items.facts(e.packId, e.itemId);
        v.vote.dialect = facts.dialect;
        v.vote.category = facts.category;
        v.vote.modelA = vote->candidateA.model;
        v.vote.modelB = vote->candidateB.model;
        v.vote.candidateA = vote->candidateA.candidate;
        v.vote.candidateB = vote->candidateB.candidate;
        v.vote.outcome = ratingOutcome(vote->outcome);
        v.vote.chosenSide = vote->chosenSide();
        v.vote.firstSide = vote->firstSide;
        v.vote.selection = vote->selection;
        v.vote.createdUtc = e.createdUtc;
        // An answer counts as shown when its masking was recorded, as masked when a name was.
        for (int which : {0, 1}) {
            const auto &masking = which == 0 ? vote->maskingA : vote->maskingB;
            v.shown[which] = masking.has_value();
            v.masked[which] = masking && !masking->empty();
        }
        m_votes.push_back(std::move(v));
    }

    LiveVotes finish()
    {
        LiveVotes live;
        live.modelNames = std::move(m_modelNames);
        for (const auto &[id, why] : m_unreadable)
            if (!m_superseded.contains(id) && live.unreadableVotes++ == 0)
                live.firstUnreadable = QStringLiteral("event %1: %2").arg(id, why);
        live.votes.reserve(m_votes.size());
        for (Pending &v : m_votes) {
            if (m_superseded.contains(v.vote.eventId)) {
                ++live.supersededVotes;
                continue;
            }
            for (int which : {0, 1}) {
                if (!v.shown[which])
                    continue;
                Exposure &x = live.exposure[which == 0 ? v.vote.modelA : v.vote.modelB];
                ++x.shown;
                if (v.masked[which])
                    ++x.masked;
            }
            live.votes.push_back(std::move(v.vote));
        }
        for (LiveFailure &f : m_failures)
            if (!m_superseded.contains(f.eventId))
                live.failures.push_back(std::move(f));
        return live;
    }

private:
    struct Pending
    {
        LiveVote vote;
        bool shown[2] = {false, false}; // candidate a, b: masking recorded for its answer
        bool masked[2] = {false, false};
    };

    void noteModelNames(const QString &packId)
    {
        if (m_packsSeen.contains(packId))
            return;
        m_packsSeen.insert(packId);
        const QHash<QString, QString> names = m_packs.modelNames(packId);
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            if (!m_modelNames.contains(it.key()))
                m_modelNames.insert(it.key(), it.value());
    }

    PackFacts &m_packs;
    ItemCache m_items;
    const CollectOptions &m_options;
    QSet<QString> m_superseded;
    QSet<QString> m_packsSeen;
    QHash<QString, QString> m_modelNames;
    std::vector<Pending> m_votes;
    std::vector<LiveFailure> m_failures;
    std::vector<std::pair<QString, QString>> m_unreadable; // event id, why
};

} // namespace

Result<LiveVotes> collectLiveVotes(const EventSource &forEachEvent, PackFacts &packs, const CollectOptions &options)
{
    LiveVoteCollector collector(packs, options);
    if (Status s = forEachEvent([&](const Event &e) -> Status {
            collector.add(e);
            return {};
        });
        !s)
        return s.error();
    return collector.finish();
}

Result<LiveVotes> collectLiveVotes(store::EventStore &store, const CollectOptions &options)
{
    StorePackFacts packs(store);
    return collectLiveVotes(eventSourceOf(store, options.packId), packs, options);
}

bool feedsRanking(const LiveVote &vote, bool includePicked)
{
    return includePicked || vote.selection == Selection::ScheduledRandom;
}

rating::BattleSet toBattleSet(const std::vector<LiveVote> &votes, bool includePicked, const QStringList &models,
                              const std::function<bool(const LiveVote &)> &keep)
{
    rating::BattleSet set;
    if (models.isEmpty()) {
        QSet<QString> names;
        for (const LiveVote &v : votes) {
            names.insert(v.modelA);
            names.insert(v.modelB);
        }
        set.models = QStringList(names.cbegin(), names.cend());
        set.models.sort();
    } else {
        set.models = models;
    }
    QHash<QString, int> index;
    for (int i = 0; i < set.models.size(); ++i)
        index.insert(set.models[i], i);
    for (const LiveVote &v : votes) {
        if (!feedsRanking(v, includePicked) || (keep && !keep(v)))
            continue;
        const int a = index.value(v.modelA, -1), b = index.value(v.modelB, -1);
        if (a < 0 || b < 0)
            continue;
        set.battles.push_back({a, b, v.outcome});
    }
    return set;
}

std::vector<rating::Judgement> agreementInput(const std::vector<LiveVote> &votes)
{
    // Votes are in cast order, so the last one written per (comparison, annotator) is the latest.
    std::map<std::pair<QString, QString>, QString> latest;
    for (const LiveVote &v : votes)
        latest[{v.comparisonId, v.annotator}] = outcomeLabel(v.outcome);
    std::vector<rating::Judgement> out;
    out.reserve(latest.size());
    for (const auto &[key, label] : latest)
        out.push_back({key.first, key.second, label});
    return out;
}

std::vector<rating::PlacedVote> positionInput(const std::vector<LiveVote> &votes)
{
    std::vector<rating::PlacedVote> out;
    out.reserve(votes.size());
    for (const LiveVote &v : votes) {
        rating::PlacedOutcome o = rating::PlacedOutcome::NoWinner;
        if (v.chosenSide && (v.outcome == rating::Outcome::WinA || v.outcome == rating::Outcome::WinB))
            o = *v.chosenSide == Side::Left ? rating::PlacedOutcome::LeftWon : rating::PlacedOutcome::RightWon;
        out.push_back({v.annotator, o});
    }
    return out;
}

} // namespace majlis::analysis
