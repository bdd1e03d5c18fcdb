// The fold's outputs as the analyses read them: the battles of a ranking, the judgements of the
// agreement figures, the placed votes of the position bias (declared in analysis/livevotes.h).
#include "analysis/livevotes.h"

#include <QHash>
#include <QSet>

#include <map>

namespace majlis::analysis {

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

bool feedsRanking(Selection selection, bool includePicked)
{
    return includePicked || selection != Selection::PickedByHand;
}

} // namespace

bool feedsRanking(const LiveVote &vote, bool includePicked)
{
    return feedsRanking(vote.selection, includePicked);
}

bool feedsRanking(const LiveVoteList::Row &vote, bool includePicked)
{
    return feedsRanking(vote.selection, includePicked);
}

rating::BattleSet toBattleSet(const LiveVoteList &votes, bool includePicked, const QStringList &models,
                              const std::function<bool(const LiveVote &)> &keep)
{
    rating::BattleSet set;
    if (models.isEmpty()) {
        QSet<QString> names;
        for (const LiveVoteList::Row &v : votes.rows()) {
            names.insert(votes.text(v.modelA));
            names.insert(votes.text(v.modelB));
        }
        set.models = QStringList(names.cbegin(), names.cend());
        set.models.sort();
    } else {
        set.models = models;
    }
    // The index in set.models of each model text of the list, -1 for a model not in it, found
    // on its first vote (-2: not yet).
    std::vector<int> index(votes.textCount(), -2);
    QHash<QString, int> byName;
    for (int i = 0; i < set.models.size(); ++i)
        byName.insert(set.models[i], i);
    const auto modelIndex = [&](std::uint32_t text) {
        int &i = index[text];
        if (i == -2)
            i = byName.value(votes.text(text), -1);
        return i;
    };
    const LiveVoteList::Rows &rows = votes.rows();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const LiveVoteList::Row &v = rows[i];
        if (!feedsRanking(v, includePicked) || (keep && !keep(votes[i])))
            continue;
        const int a = modelIndex(v.modelA), b = modelIndex(v.modelB);
        if (a < 0 || b < 0)
            continue;
        set.battles.push_back({a, b, v.outcome});
    }
    return set;
}

std::vector<rating::Judgement> agreementInput(const LiveVoteList &votes)
{
    // Votes are in cast order, so the last one written per (comparison, annotator) is the latest.
    // A comparison is named within its pack: two packs built from the same data share item ids,
    // and their votes are two units, not one (a board over several packs merged them).
    std::map<std::pair<QString, QString>, QString> latest;
    for (const LiveVoteList::Row &v : votes.rows())
        latest[{votes.text(v.pack) + QLatin1Char('\n') + votes.comparisonId(v), votes.text(v.annotator)}] = outcomeLabel(v.outcome);
    std::vector<rating::Judgement> out;
    out.reserve(latest.size());
    for (const auto &[key, label] : latest)
        out.push_back({key.first, key.second, label});
    return out;
}

std::vector<rating::PlacedVote> positionInput(const LiveVoteList &votes)
{
    std::vector<rating::PlacedVote> out;
    out.reserve(votes.size());
    for (const LiveVoteList::Row &v : votes.rows()) {
        // An imported judgment's order and side were its source's, not a random placement.
        if (v.selection == Selection::Imported)
            continue;
        rating::PlacedOutcome o = rating::PlacedOutcome::NoWinner;
        if (v.chosenSide && (v.outcome == rating::Outcome::WinA || v.outcome == rating::Outcome::WinB))
            o = *v.chosenSide == Side::Left ? rating::PlacedOutcome::LeftWon : rating::PlacedOutcome::RightWon;
        out.push_back({votes.text(v.annotator), o});
    }
    return out;
}

} // namespace majlis::analysis
