#pragma once

#include <cstdint>
#include <vector>

#include "common/result.h"
#include "rating/comparisongraph.h"
#include "rating/outcomecounts.h"

namespace majlis::rating {

struct BradleyTerryOptions
{
    // A tie counts half a win each way (as Chatbot Arena does); "both bad" is a tie unless this
    // is false, when those votes are left out of the fit.
    bool bothBadAsTie = true;
    // On the Euclidean norm of the gradient of the log-likelihood summed over votes.
    double tolerance = 1e-8;
    int maxIterations = 100;
    // The component holding this model is the one rated when the graph falls apart (-1: the
    // component with the most votes). The leaderboard passes its anchor.
    int mainModel = -1;
};

struct BradleyTerryFit
{
    // Natural log of each model's strength, mean 0 over the Rated models; +inf / -inf for
    // UnboundedAbove / UnboundedBelow, NaN for Unidentified, Disconnected and NoVotes.
    std::vector<double> logStrength;
    std::vector<ModelStatus> status;
    // Connected components of the comparison graph among models with votes, the rated one
    // first. More than one means the votes cannot place all models on one scale.
    std::vector<std::vector<int>> components;
    int iterations = 0;
    double gradientNorm = 0;
    bool converged = false;

    bool disconnected() const { return components.size() > 1; }
};

// Maximum-likelihood Bradley-Terry fit of P(i beats j) = s_i / (s_i + s_j).
Result<BradleyTerryFit> fitBradleyTerry(const OutcomeCounts &counts, const BradleyTerryOptions &options = {});

// rating = initialRating + scale * log_base(strength), i.e. 1000 + 400 log10(s) by default:
// a 400-point gap is 10:1 odds.
struct RatingScale
{
    double scale = 400;
    double base = 10;
    double initialRating = 1000;

    friend bool operator==(const RatingScale &, const RatingScale &) = default;
};
double ratingPoints(double logStrength, const RatingScale &scale); // a difference, no offset
double rating(double logStrength, const RatingScale &scale);

namespace detail {

// Shared by the point fit and the bootstrap. One row per unique outcome that enters the fit,
// mapped to its pair and to how one such vote is split between the pair's two models.
struct FitRow
{
    int pair = 0;
    double toI = 0;
    double toJ = 0;
    std::int64_t count = 0;
};

struct FitProblem
{
    int modelCount = 0;
    std::vector<PairGames> pairs; // with the observed counts
    std::vector<FitRow> rows;
};

Result<FitProblem> makeFitProblem(const OutcomeCounts &counts, const BradleyTerryOptions &options);
// The pairs' games for other counts of the same rows (a bootstrap resample).
void fillPairs(const FitProblem &problem, const std::vector<std::int64_t> &rowCounts, std::vector<PairGames> &pairs);
BradleyTerryFit solve(const FitProblem &problem, const std::vector<PairGames> &pairs, const BradleyTerryOptions &options,
                      const std::vector<double> &warmStart, int mainModel);

} // namespace detail
} // namespace majlis::rating
