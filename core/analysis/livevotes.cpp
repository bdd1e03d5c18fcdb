#include "analysis/livevotes.h"

#include "common/json.h"
#include "store/eventstore.h"

#include <QSet>

#include <algorithm>

namespace majlis::analysis {

namespace {

using nlohmann::json;

std::optional<QString> stringField(const json &object, const char *key)
{
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return std::nullopt;
    return toQString(it->get<std::string>());
}

std::optional<Side> sideField(const json &payload, const char *key)
{
    const auto text = stringField(payload, key);
    if (!text)
        return std::nullopt;
    if (*text == QLatin1String("left"))
        return Side::Left;
    if (*text == QLatin1String("right"))
        return Side::Right;
    return std::nullopt;
}

struct CandidateRef
{
    int index = 0;
    QString model;
};

std::optional<CandidateRef> candidateField(const json &payload, const char *key)
{
    const auto it = payload.find(key);
    if (it == payload.end() || !it->is_object())
        return std::nullopt;
    const auto index = it->find("candidate");
    const auto model = stringField(*it, "model");
    if (index == it->end() || !index->is_number_integer() || !model || model->isEmpty())
        return std::nullopt;
    return CandidateRef{index->get<int>(), *model};
}

std::optional<rating::Outcome> outcomeField(const json &payload)
{
    const auto text = stringField(payload, "outcome");
    if (!text)
        return std::nullopt;
    for (auto o : {rating::Outcome::WinA, rating::Outcome::WinB, rating::Outcome::Tie, rating::Outcome::BothBad})
        if (outcomeLabel(o) == *text)
            return o;
    return std::nullopt;
}

struct ItemFacts
{
    QString dialect;
    QString category;
};

// Items are read once per (pack, item): a store with many votes per item would otherwise parse
// the same item JSON again for every vote.
class ItemCache
{
public:
    explicit ItemCache(store::EventStore &store) : m_store(store) {}

    const ItemFacts &facts(const QString &packId, const QString &itemId)
    {
        const QString key = packId + QChar(u'\x1f') + itemId;
        auto it = m_items.find(key);
        if (it == m_items.end()) {
            ItemFacts f;
            if (auto item = m_store.item(packId, itemId))
                f = {item->dialect, item->category};
            it = m_items.insert(key, f);
        }
        return *it;
    }

private:
    store::EventStore &m_store;
    QHash<QString, ItemFacts> m_items;
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

Result<LiveVotes> collectLiveVotes(store::EventStore &store, const CollectOptions &options)
{
    auto events = store.events(options.packId);
    if (!events)
        return events.error();

    // An event is dead as soon as any other event names it, whatever their order: merged
    // bundles and sync batches may bring the undo before the vote.
    QSet<QString> superseded;
    for (const Event &e : std::as_const(*events))
        if (!e.supersedes.isEmpty())
            superseded.insert(e.supersedes);

    LiveVotes live;
    ItemCache items(store);
    QSet<QString> packsSeen;
    auto noteUnreadable = [&](const Event &e, const QString &why) {
        if (live.unreadableVotes++ == 0)
            live.firstUnreadable = QStringLiteral("event %1: %2").arg(e.id, why);
    };

    for (const Event &e : std::as_const(*events)) {
        if (e.kind != EventKind::Vote && e.kind != EventKind::Annotation)
            continue;
        if (!packsSeen.contains(e.packId)) {
            packsSeen.insert(e.packId);
            if (auto header = store.packHeader(e.packId))
                for (const ModelInfo &m : std::as_const(header->models))
                    if (!m.name.isEmpty() && !live.modelNames.contains(m.id))
                        live.modelNames.insert(m.id, m.name);
        }
        if (superseded.contains(e.id)) {
            if (e.kind == EventKind::Vote)
                ++live.supersededVotes;
            continue;
        }
        const json &p = e.payload;

        if (e.kind == EventKind::Annotation) {
            // A removal ({"removed": true}) only kills the mark it supersedes.
            if (p.value("removed", false))
                continue;
            FailureMark f;
            f.eventId = e.id;
            f.itemId = e.itemId;
            f.annotator = e.annotator;
            f.model = stringField(p, "model").value_or(QString());
            f.category = stringField(p, "category").value_or(QString());
            if (f.model.isEmpty() || f.category.isEmpty())
                continue; // not a failure mark on one model's answer
            if (auto s = stringField(p, "severity"))
                f.severity = *s;
            else if (p.contains("severity") && p["severity"].is_number())
                f.severity = QString::number(p["severity"].get<double>());
            if (p.contains("weight") && p["weight"].is_number())
                f.weight = p["weight"].get<double>();
            f.quote = stringField(p, "quote").value_or(QString());
            live.failures.push_back(std::move(f));
            continue;
        }

        const auto a = candidateField(p, "candidate_a");
        const auto b = candidateField(p, "candidate_b");
        const auto outcome = outcomeField(p);
        if (!a || !b) {
            noteUnreadable(e, QStringLiteral("no candidate_a/candidate_b with a model"));
            continue;
        }
        if (!outcome) {
            noteUnreadable(e, QStringLiteral("field \"outcome\" is not a, b, tie or both_bad"));
            continue;
        }
        if (a->model == b->model) {
            noteUnreadable(e, QStringLiteral("both candidates are model \"%1\"").arg(a->model));
            continue;
        }
        LiveVote v;
        v.eventId = e.id;
        v.packId = e.packId;
        v.itemId = e.itemId;
        v.comparisonId = e.comparisonId;
        v.annotator = e.annotator;
        v.group = options.annotatorGroups.value(e.annotator);
        const ItemFacts &facts = items.facts(e.packId, e.itemId);
        v.dialect = facts.dialect;
        v.category = facts.category;
        v.modelA = a->model;
        v.modelB = b->model;
        v.candidateA = a->index;
        v.candidateB = b->index;
        v.outcome = *outcome;
        v.chosenSide = sideField(p, "chosen_side");
        v.firstSide = sideField(p, "first_side");
        v.selection = stringField(p, "selection").value_or(QString()) == QLatin1String("picked_by_hand")
                          ? Selection::PickedByHand
                          : Selection::ScheduledRandom;
        v.createdUtc = e.createdUtc;

        if (const auto masking = p.find("masking"); masking != p.end() && masking->is_array()) {
            for (const json &m : *masking) {
                const auto candidate = m.find("candidate");
                if (!m.is_object() || candidate == m.end() || !candidate->is_number_integer())
                    continue;
                const int index = candidate->get<int>();
                const QString model = index == v.candidateA ? v.modelA : index == v.candidateB ? v.modelB : QString();
                if (model.isEmpty())
                    continue;
                Exposure &x = live.exposure[model];
                ++x.shown;
                const auto count = m.find("count");
                if (count != m.end() && count->is_number() && count->get<double>() > 0)
                    ++x.masked;
            }
        }
        live.votes.push_back(std::move(v));
    }
    return live;
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
