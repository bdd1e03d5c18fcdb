#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

#include "common/result.h"
#include "rating/battle.h"
#include "rating/bradleyterry.h"
#include "rating/elo.h"
#include "rating/intervals.h"

namespace majlis::rating {

enum class IntervalMethod { Bootstrap, Sandwich, None };
QString toString(IntervalMethod method);

struct LeaderboardOptions
{
    BradleyTerryOptions fit; // fit.mainModel is taken from anchorModel
    RatingScale scale;
    // Empty: ratings average scale.initialRating over the rated models. Otherwise this model gets
    // anchorRating and everything, intervals included, shifts with it.
    QString anchorModel;
    double anchorRating = 1000;
    IntervalMethod intervals = IntervalMethod::Bootstrap;
    BootstrapOptions bootstrap;
    double level = 0.95;
    // A model with fewer votes than this is provisional: shown, but its place is not settled.
    std::int64_t provisionalBelowVotes = 100;
    bool withElo = true; // Elo follows fit.bothBadAsTie
};

struct LeaderboardRow
{
    QString model;
    ModelStatus status = ModelStatus::NoVotes;
    std::optional<double> rating;  // only for Rated models
    std::optional<double> ciLower; // may be -inf or +inf (see ModelStatus)
    std::optional<double> ciUpper;
    // 1 + the number of models whose lower bound is above this model's upper bound.
    std::optional<int> rank;
    std::int64_t votes = 0; // every battle of the model, "both bad" included
    std::int64_t wins = 0;
    std::int64_t losses = 0;
    std::int64_t ties = 0;
    std::int64_t bothBad = 0;
    bool provisional = false;
    std::optional<double> elo;

    friend bool operator==(const LeaderboardRow &, const LeaderboardRow &) = default;
};

struct Leaderboard
{
    std::vector<LeaderboardRow> rows; // by rank, then rating (unbounded above first), then name
    std::int64_t battles = 0;
    std::int64_t fittedVotes = 0; // battles that entered the fit
    bool bothBadAsTie = true;
    RatingScale scale;
    QString anchorModel;
    double anchorRating = 1000;
    IntervalMethod intervalMethod = IntervalMethod::Bootstrap;
    double level = 0.95;
    int bootstrapRounds = 0;
    std::uint64_t seed = 0;
    bool converged = false;
    int iterations = 0;
    double gradientNorm = 0;
    // Only when the comparison graph falls apart: its parts, the rated one first.
    std::vector<QStringList> components;
    QStringList warnings; // for people: unbounded, disconnected, unrated anchor, no convergence

    friend bool operator==(const Leaderboard &, const Leaderboard &) = default;
};

Result<Leaderboard> buildLeaderboard(const BattleSet &set, const LeaderboardOptions &options = {});

} // namespace majlis::rating
