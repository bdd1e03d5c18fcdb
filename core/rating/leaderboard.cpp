#include "rating/leaderboard.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace majlis::rating {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

QString quoted(const QString &name)
{
    return QLatin1Char('"') + name + QLatin1Char('"');
}

// Where a row sorts among equal ranks: unbounded above first, then by rating.
double sortKey(const LeaderboardRow &row)
{
    if (row.status == ModelStatus::UnboundedAbove)
        return kInf;
    if (row.status == ModelStatus::UnboundedBelow)
        return -kInf;
    return row.rating.value_or(-kInf);
}

void assignRanks(std::vector<LeaderboardRow> &rows)
{
    for (LeaderboardRow &row : rows) {
        if (!row.ciUpper)
            continue;
        int above = 0;
        for (const LeaderboardRow &other : rows)
            if (other.ciLower && *other.ciLower > *row.ciUpper)
                ++above;
        row.rank = 1 + above;
    }
    std::stable_sort(rows.begin(), rows.end(), [](const LeaderboardRow &a, const LeaderboardRow &b) {
        const int ra = a.rank.value_or(std::numeric_limits<int>::max());
        const int rb = b.rank.value_or(std::numeric_limits<int>::max());
        if (ra != rb)
            return ra < rb;
        if (sortKey(a) != sortKey(b))
            return sortKey(a) > sortKey(b);
        return a.model < b.model;
    });
}

void warnAboutStatus(const QStringList &models, const BradleyTerryFit &fit, QStringList &warnings)
{
    for (std::size_t m = 0; m < fit.status.size(); ++m) {
        const QString name = quoted(models[qsizetype(m)]);
        switch (fit.status[m]) {
        case ModelStatus::UnboundedAbove:
            warnings << name + QStringLiteral(" never lost to the rated models, directly or through others: its rating is "
                                              "unbounded above and shown without a number");
            break;
        case ModelStatus::UnboundedBelow:
            warnings << name + QStringLiteral(" never beat or tied the rated models, directly or through others: its "
                                              "rating is unbounded below and shown without a number");
            break;
        case ModelStatus::Unidentified:
            warnings << name + QStringLiteral(" lies between unbounded models: the votes do not determine its rating");
            break;
        case ModelStatus::NoVotes:
            warnings << name + QStringLiteral(" has no counted votes");
            break;
        case ModelStatus::Rated:
        case ModelStatus::Disconnected:
            break;
        }
    }
}

} // namespace

QString toString(IntervalMethod method)
{
    switch (method) {
    case IntervalMethod::Bootstrap:
        return QStringLiteral("bootstrap");
    case IntervalMethod::Sandwich:
        return QStringLiteral("sandwich");
    case IntervalMethod::None:
        return QStringLiteral("none");
    }
    return {};
}

Result<Leaderboard> buildLeaderboard(const BattleSet &set, const LeaderboardOptions &options)
{
    if (!(options.level > 0 && options.level < 1))
        return Error::validation(QStringLiteral("leaderboard: level must be between 0 and 1"));
    if (!(options.scale.scale > 0) || !(options.scale.base > 1))
        return Error::validation(QStringLiteral("leaderboard: scale must be > 0 and base > 1"));
    int anchor = -1;
    if (!options.anchorModel.isEmpty()) {
        anchor = int(set.models.indexOf(options.anchorModel));
        if (anchor < 0)
            return Error::validation(QStringLiteral("leaderboard: anchor model %1 is not among the models").arg(quoted(options.anchorModel)));
    }
    Result<OutcomeCounts> counts = countOutcomes(set);
    if (!counts)
        return counts.error();

    BradleyTerryOptions fitOptions = options.fit;
    fitOptions.mainModel = anchor;
    Result<BradleyTerryFit> fitResult = fitBradleyTerry(*counts, fitOptions);
    if (!fitResult)
        return fitResult.error();
    const BradleyTerryFit &fit = *fitResult;

    Leaderboard board;
    board.battles = std::int64_t(set.battles.size());
    board.bothBadAsTie = fitOptions.bothBadAsTie;
    board.scale = options.scale;
    board.anchorModel = options.anchorModel;
    board.anchorRating = options.anchorRating;
    board.intervalMethod = options.intervals;
    board.level = options.level;
    board.converged = fit.converged;
    board.iterations = fit.iterations;
    board.gradientNorm = fit.gradientNorm;
    for (const OutcomeRow &row : counts->rows)
        if (row.outcome != Outcome::BothBad || fitOptions.bothBadAsTie)
            board.fittedVotes += row.count;

    LogStrengthIntervals intervals;
    if (options.intervals == IntervalMethod::Bootstrap) {
        Result<BootstrapSamples> samples = bootstrap(*counts, fit, fitOptions, options.bootstrap);
        if (!samples)
            return samples.error();
        intervals = percentileIntervals(*samples, fit, options.level);
        board.bootstrapRounds = options.bootstrap.rounds;
        board.seed = options.bootstrap.seed;
    } else if (options.intervals == IntervalMethod::Sandwich) {
        Result<LogStrengthIntervals> sandwich = sandwichIntervals(*counts, fit, fitOptions, options.level);
        if (!sandwich)
            return sandwich.error();
        intervals = std::move(*sandwich);
    } else {
        intervals.lower = intervals.upper = fit.logStrength; // a point: ranks follow the ratings
        intervals.undefinedRounds.assign(fit.logStrength.size(), 0);
    }

    double offset = options.scale.initialRating;
    if (anchor >= 0) {
        if (fit.status[std::size_t(anchor)] == ModelStatus::Rated)
            offset = options.anchorRating - ratingPoints(fit.logStrength[std::size_t(anchor)], options.scale);
        else
            board.warnings << QStringLiteral("anchor %1 has no finite rating (%2): ratings average %3 instead")
                                  .arg(quoted(options.anchorModel), toString(fit.status[std::size_t(anchor)]))
                                  .arg(options.scale.initialRating);
    }
    auto toRating = [&](double logStrength) -> std::optional<double> {
        if (std::isnan(logStrength))
            return std::nullopt;
        return offset + ratingPoints(logStrength, options.scale); // +-inf stays +-inf
    };

    EloOptions eloOptions;
    eloOptions.bothBadAsTie = fitOptions.bothBadAsTie;
    eloOptions.scale = options.scale.scale;
    eloOptions.base = options.scale.base;
    eloOptions.initialRating = options.scale.initialRating;
    const std::vector<double> elo = options.withElo ? onlineElo(set, eloOptions) : std::vector<double>{};
    const std::vector<ModelTally> tally = tallyModels(*counts);

    for (std::size_t m = 0; m < fit.status.size(); ++m) {
        LeaderboardRow row;
        row.model = set.models[qsizetype(m)];
        row.status = fit.status[m];
        if (row.status == ModelStatus::Rated)
            row.rating = toRating(fit.logStrength[m]);
        row.ciLower = toRating(intervals.lower[m]);
        row.ciUpper = toRating(intervals.upper[m]);
        row.votes = tally[m].votes;
        row.wins = tally[m].wins;
        row.losses = tally[m].losses;
        row.ties = tally[m].ties;
        row.bothBad = tally[m].bothBad;
        row.provisional = row.votes < options.provisionalBelowVotes;
        if (!elo.empty() && row.votes > 0)
            row.elo = elo[m];
        board.rows.push_back(std::move(row));
        if (intervals.undefinedRounds[m] > 0 && fit.status[m] == ModelStatus::Rated)
            board.warnings << QStringLiteral("%1 had no rating in %2 of %3 bootstrap rounds (too few votes); its interval "
                                             "comes from the others")
                                  .arg(quoted(set.models[qsizetype(m)]))
                                  .arg(intervals.undefinedRounds[m])
                                  .arg(options.bootstrap.rounds);
    }
    warnAboutStatus(set.models, fit, board.warnings);
    if (fit.disconnected()) {
        for (const std::vector<int> &component : fit.components) {
            QStringList names;
            for (int m : component)
                names << set.models[m];
            board.components.push_back(names);
        }
        QStringList outside;
        for (std::size_t c = 1; c < board.components.size(); ++c)
            outside << board.components[c];
        board.warnings << QStringLiteral("the comparison graph falls into %1 parts; only the one with %2 is rated (%3 "
                                         "models); not comparable with it: %4")
                              .arg(board.components.size())
                              .arg(anchor >= 0 ? QStringLiteral("the anchor") : QStringLiteral("the most votes"))
                              .arg(board.components.front().size())
                              .arg(outside.join(QStringLiteral(", ")));
    }
    if (!fit.converged)
        board.warnings << QStringLiteral("the fit stopped after %1 iterations with gradient norm %2 (tolerance %3)")
                              .arg(fit.iterations)
                              .arg(fit.gradientNorm)
                              .arg(fitOptions.tolerance);
    assignRanks(board.rows);
    return board;
}

} // namespace majlis::rating
