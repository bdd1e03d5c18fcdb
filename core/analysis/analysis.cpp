#include "analysis/analysis.h"

#include "common/json.h"
#include "rating/leaderboardformat.h"
#include "rating/outcomecounts.h"
#include "store/eventstore.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace majlis::analysis {

namespace {

using nlohmann::json;

std::uint32_t sliceText(const LiveVoteList::Row &v, SliceBy by)
{
    switch (by) {
    case SliceBy::Dialect:
    case SliceBy::Region: return v.dialect;
    case SliceBy::Category: return v.category;
    case SliceBy::Group: return v.group;
    case SliceBy::None: break;
    }
    return {};
}

// The leaderboard keeps ratings, not log-strengths; the predicted matrix needs only their
// differences, so the offset (centring or anchor) does not matter.
std::vector<double> logStrengths(const rating::Leaderboard &board, const QStringList &models)
{
    std::vector<double> theta(std::size_t(models.size()), std::numeric_limits<double>::quiet_NaN());
    const double perPoint = std::log(board.scale.base) / board.scale.scale;
    for (const rating::LeaderboardRow &row : board.rows) {
        const qsizetype i = models.indexOf(row.model);
        if (i < 0)
            continue;
        if (row.status == rating::ModelStatus::Rated && row.rating)
            theta[std::size_t(i)] = (*row.rating - board.scale.initialRating) * perPoint;
        else if (row.status == rating::ModelStatus::UnboundedAbove)
            theta[std::size_t(i)] = std::numeric_limits<double>::infinity();
        else if (row.status == rating::ModelStatus::UnboundedBelow)
            theta[std::size_t(i)] = -std::numeric_limits<double>::infinity();
    }
    return theta;
}

std::vector<ModelFailures> tallyFailures(const std::vector<LiveFailure> &marks, const QStringList &models,
                                         int topExamples)
{
    std::map<QString, std::map<QString, FailureCategory>> byModel;
    for (const QString &m : models)
        byModel[m];
    for (const LiveFailure &f : marks) {
        FailureCategory &c = byModel[f.mark.model][f.mark.category];
        c.category = f.mark.category;
        ++c.count;
        c.weighted += f.mark.weight;
        ++c.bySeverity[f.mark.severity];
        c.examples.push_back(f);
    }
    std::vector<ModelFailures> out;
    for (auto &[model, categories] : byModel) {
        ModelFailures mf;
        mf.model = model;
        for (auto &[name, c] : categories) {
            // Stable: among equal weights the earlier mark stays first.
            std::stable_sort(c.examples.begin(), c.examples.end(),
                             [](const LiveFailure &x, const LiveFailure &y) { return x.mark.weight > y.mark.weight; });
            if (c.examples.size() > std::size_t(std::max(0, topExamples)))
                c.examples.resize(std::size_t(std::max(0, topExamples)));
            mf.count += c.count;
            mf.weighted += c.weighted;
            mf.categories.push_back(std::move(c));
        }
        std::stable_sort(mf.categories.begin(), mf.categories.end(),
                         [](const FailureCategory &x, const FailureCategory &y) { return x.count > y.count; });
        out.push_back(std::move(mf));
    }
    return out;
}

json jsonOrNull(const std::optional<double> &x)
{
    return x ? json(std::round(*x * 1e4) / 1e4) : json(nullptr);
}

json toJson(const std::vector<ModelFailures> &failures)
{
    json out = json::array();
    for (const ModelFailures &m : failures) {
        json categories = json::array();
        for (const FailureCategory &c : m.categories) {
            json severity = json::object();
            for (auto it = c.bySeverity.cbegin(); it != c.bySeverity.cend(); ++it)
                severity[toStd(it.key().isEmpty() ? QStringLiteral("unspecified") : it.key())] = it.value();
            json examples = json::array();
            for (const LiveFailure &f : c.examples)
                examples.push_back({{"event", f.eventId}, {"item", f.itemId}, {"annotator", f.annotator},
                                    {"severity", f.mark.severity}, {"weight", f.mark.weight}, {"quote", f.mark.quote}});
            categories.push_back({{"category", c.category}, {"count", c.count}, {"weighted", c.weighted},
                                  {"severity", std::move(severity)}, {"examples", std::move(examples)}});
        }
        out.push_back({{"model", m.model}, {"count", m.count}, {"weighted", m.weighted},
                       {"categories", std::move(categories)}});
    }
    return out;
}

} // namespace

QString toString(SliceBy slice)
{
    switch (slice) {
    case SliceBy::None: return QStringLiteral("none");
    case SliceBy::Dialect: return QStringLiteral("dialect");
    case SliceBy::Category: return QStringLiteral("category");
    case SliceBy::Group: return QStringLiteral("group");
    case SliceBy::Region: return QStringLiteral("region");
    }
    return {};
}

std::optional<SliceBy> sliceFromString(const QString &text)
{
    for (SliceBy s : {SliceBy::None, SliceBy::Dialect, SliceBy::Category, SliceBy::Group, SliceBy::Region})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

namespace {

Result<Analysis> analyseWith(const LiveVotes &live, const AnalysisOptions &options, const Analysis *overall);

} // namespace

Result<Analysis> analyse(const LiveVotes &live, const AnalysisOptions &options)
{
    return analyseWith(live, options, nullptr);
}

Result<Analysis> analyseSlices(const LiveVotes &live, const AnalysisOptions &options, const Analysis &overall)
{
    return analyseWith(live, options, &overall);
}

namespace {

Result<Analysis> analyseWith(const LiveVotes &live, const AnalysisOptions &options, const Analysis *overall)
{
    Analysis a;
    a.packId = options.packId;
    a.includePicked = options.includePicked;
    a.modelNames = live.modelNames;
    a.liveVotes = qint64(live.votes.size());
    a.supersededVotes = live.supersededVotes;
    a.unreadableVotes = live.unreadableVotes;
    a.sliceBy = options.slice;
    a.sliceMinVotes = options.sliceMinVotes;

    // Every model that appears anywhere (votes, exposure, failure marks), so the overall board,
    // the slices and the charts all list the same models.
    const LiveVoteList &votes = live.votes;
    QSet<QString> names;
    std::vector<bool> named(votes.textCount(), false); // the model texts already in `names`
    for (const LiveVoteList::Row &v : votes.rows()) {
        for (std::uint32_t model : {v.modelA, v.modelB})
            if (!named[model]) {
                named[model] = true;
                names.insert(votes.text(model));
            }
        if (!feedsRanking(v, options.includePicked))
            ++a.pickedLeftOut;
        if (v.selection == Selection::Imported)
            ++a.importedVotes;
    }
    for (const LiveFailure &f : live.failures)
        names.insert(f.mark.model);
    a.models = QStringList(names.cbegin(), names.cend());
    a.models.sort();
    a.rankingVotes = a.liveVotes - a.pickedLeftOut;

    if (live.unreadableVotes > 0)
        a.warnings << QStringLiteral("%1 votes could not be read and were left out (first: %2)")
                          .arg(live.unreadableVotes)
                          .arg(live.firstUnreadable);
    if (a.pickedLeftOut > 0)
        a.warnings << QStringLiteral("%1 votes on pairs picked by hand are left out of the ranking").arg(a.pickedLeftOut);

    rating::LeaderboardOptions boardOptions = options.leaderboard;
    if (!boardOptions.anchorModel.isEmpty() && !a.models.contains(boardOptions.anchorModel))
        return Error::validation(QStringLiteral("anchor model \"%1\" has no votes (models: %2)")
                                     .arg(boardOptions.anchorModel, a.models.join(QStringLiteral(", "))));

    // Every ranking vote becomes its battle once, with the index of its slice: the slices share
    // them (building each slice's set from the votes looked every model name up again, and a
    // million votes then cost seconds per slice).
    // Model and slice indices by text of the vote list, found on first use (-1: not yet).
    QHash<QString, int> modelByName;
    for (int i = 0; i < a.models.size(); ++i)
        modelByName.insert(a.models[i], i);
    std::vector<int> modelIndex(votes.textCount(), -1), sliceOfText(votes.textCount(), -1);
    std::map<QString, int> sliceIndex; // value -> index into sliceBattles, in the order of the values
    const auto modelOf = [&](std::uint32_t text) {
        int &i = modelIndex[text];
        if (i < 0)
            i = modelByName.value(votes.text(text));
        return i;
    };
    const auto sliceOfVote = [&](const LiveVoteList::Row &v) {
        const std::uint32_t text = sliceText(v, options.slice);
        int &i = sliceOfText[text];
        if (i < 0) {
            QString value(votes.text(text));
            if (options.slice == SliceBy::Dialect)
                value = options.dialects.canonical(value);
            else if (options.slice == SliceBy::Region)
                value = options.dialects.regionOf(value);
            i = sliceIndex.try_emplace(value, int(sliceIndex.size())).first->second;
        }
        return i;
    };
    std::vector<int> sliceOf;
    rating::BattleSet all{a.models, {}};
    all.battles.reserve(votes.size());
    for (const LiveVoteList::Row &v : votes.rows()) {
        if (!feedsRanking(v, options.includePicked))
            continue;
        all.battles.push_back({modelOf(v.modelA), modelOf(v.modelB), v.outcome});
        if (options.slice != SliceBy::None)
            sliceOf.push_back(sliceOfVote(v));
    }
    if (overall && overall->packId == a.packId && overall->includePicked == a.includePicked
        && overall->liveVotes == a.liveVotes && overall->rankingVotes == a.rankingVotes && overall->models == a.models) {
        a.board = overall->board;
        a.winRate = overall->winRate;
        a.predictedWin = overall->predictedWin;
    } else {
        overall = nullptr;
        auto board = rating::buildLeaderboard(all, boardOptions);
        if (!board)
            return board.error();
        a.board = std::move(*board);
        auto counts = rating::countOutcomes(all);
        if (!counts)
            return counts.error();
        a.winRate = rating::winRateMatrix(*counts, boardOptions.fit.bothBadAsTie);
        a.predictedWin = rating::predictedWinMatrix(logStrengths(a.board, a.models));
    }

    if (options.slice != SliceBy::None) {
        std::vector<rating::BattleSet> sliceBattles(sliceIndex.size(), rating::BattleSet{a.models, {}});
        for (std::size_t i = 0; i < all.battles.size(); ++i)
            sliceBattles[std::size_t(sliceOf[i])].battles.push_back(all.battles[i]);
        for (const auto &[value, index] : sliceIndex) {
            const rating::BattleSet &set = sliceBattles[std::size_t(index)];
            const auto votes = qint64(set.battles.size());
            auto sliceBoard = rating::buildLeaderboard(set, boardOptions);
            if (!sliceBoard)
                return sliceBoard.error();
            auto sliceCounts = rating::countOutcomes(set);
            if (!sliceCounts)
                return sliceCounts.error();
            SliceBoard s{value, votes, votes < options.sliceMinVotes, std::move(*sliceBoard),
                         rating::winRateMatrix(*sliceCounts, boardOptions.fit.bothBadAsTie)};
            if (s.tooFewVotes)
                s.board.warnings.prepend(QStringLiteral("only %1 votes in this slice (fewer than %2): too few for a "
                                                        "settled board")
                                             .arg(votes)
                                             .arg(options.sliceMinVotes));
            a.slices.push_back(std::move(s));
        }
    }

    if (overall) {
        a.leaks = overall->leaks;
        a.failures = overall->failures;
        return a;
    }
    for (const QString &m : std::as_const(a.models)) {
        const Exposure x = live.exposure.count(m) ? live.exposure.at(m) : Exposure{};
        LeakShare leak{m, x.shown, x.masked, std::nullopt};
        if (x.shown > 0)
            leak.share = double(x.masked) / double(x.shown);
        a.leaks.push_back(leak);
    }
    a.failures = tallyFailures(live.failures, a.models, options.topExamples);
    return a;
}

} // namespace

Result<Analysis> analyse(store::EventStore &store, const AnalysisOptions &options)
{
    auto live = collectLiveVotes(store, {options.packId, options.annotatorGroups, false});
    if (!live)
        return live.error();
    return analyse(*live, options);
}

nlohmann::json toJson(const Analysis &a)
{
    json names = json::object();
    for (const QString &m : a.models)
        names[toStd(m)] = a.displayName(m);
    json slices = nullptr;
    if (a.sliceBy != SliceBy::None) {
        json boards = json::array();
        for (const SliceBoard &s : a.slices)
            boards.push_back({{"value", s.value},
                              {"votes", s.votes},
                              {"tooFewVotes", s.tooFewVotes},
                              {"leaderboard", rating::toJson(s.board)},
                              {"winRate", rating::toJson(s.winRate, a.models)}});
        slices = {{"by", toString(a.sliceBy)}, {"minVotes", a.sliceMinVotes}, {"boards", std::move(boards)}};
    }
    json leaks = json::array();
    for (const LeakShare &l : a.leaks)
        leaks.push_back({{"model", l.model}, {"shown", l.shown}, {"masked", l.masked}, {"share", jsonOrNull(l.share)}});
    return {
        {"pack", a.packId.isEmpty() ? json(nullptr) : json(a.packId)},
        {"selection", a.includePicked ? "all" : "scheduled_random"},
        {"votes",
         {{"live", a.liveVotes},
          {"ranking", a.rankingVotes},
          {"pickedLeftOut", a.pickedLeftOut},
          {"imported", a.importedVotes},
          {"superseded", a.supersededVotes},
          {"unreadable", a.unreadableVotes}}},
        {"modelNames", std::move(names)},
        {"leaderboard", rating::toJson(a.board)},
        {"winRate", rating::toJson(a.winRate, a.models)},
        {"predictedWin", rating::toJson(a.predictedWin, a.models)},
        {"slices", std::move(slices)},
        {"identityLeaks", std::move(leaks)},
        {"failures", toJson(a.failures)},
        {"warnings", a.warnings},
    };
}

Result<nlohmann::json> leaderboardJson(store::EventStore &store, const AnalysisOptions &options)
{
    auto a = analyse(store, options);
    if (!a)
        return a.error();
    return toJson(*a);
}

rating::AgreementReport agreement(const LiveVotes &votes)
{
    // agreementInput keeps one label per (unit, annotator), so the table cannot be refused.
    auto table = rating::makeLabelTable(agreementInput(votes.votes));
    return table ? rating::measureAgreement(*table) : rating::AgreementReport{};
}

rating::PositionBiasReport positionBias(const LiveVotes &votes, double level)
{
    return rating::measurePositionBias(positionInput(votes.votes), level);
}

} // namespace majlis::analysis
