#include "rating/bradleyterry.h"

#include <cmath>
#include <limits>

#include "rating/newtonsolver.h"

namespace majlis::rating {

double ratingPoints(double logStrength, const RatingScale &scale)
{
    return scale.scale * logStrength / std::log(scale.base);
}

double rating(double logStrength, const RatingScale &scale)
{
    return scale.initialRating + ratingPoints(logStrength, scale);
}

namespace detail {

Result<FitProblem> makeFitProblem(const OutcomeCounts &counts, const BradleyTerryOptions &options)
{
    if (!(options.tolerance > 0) || options.maxIterations < 1)
        return Error::validation(QStringLiteral("Bradley-Terry: tolerance must be > 0 and maxIterations >= 1"));
    FitProblem problem;
    problem.modelCount = counts.modelCount;
    for (const OutcomeRow &row : counts.rows) {
        if (row.modelA < 0 || row.modelB >= counts.modelCount || row.modelA >= row.modelB || row.count < 0)
            return Error::validation(QStringLiteral("outcome counts: row (%1, %2) is not canonical or out of range")
                                         .arg(row.modelA)
                                         .arg(row.modelB));
        double toI = 0.5, toJ = 0.5;
        if (row.outcome == Outcome::WinA)
            toI = 1, toJ = 0;
        else if (row.outcome == Outcome::WinB)
            toI = 0, toJ = 1;
        else if (row.outcome == Outcome::BothBad && !options.bothBadAsTie)
            continue;
        if (problem.pairs.empty() || problem.pairs.back().i != row.modelA || problem.pairs.back().j != row.modelB)
            problem.pairs.push_back({row.modelA, row.modelB, 0, 0});
        PairGames &pair = problem.pairs.back();
        pair.winsI += toI * double(row.count);
        pair.winsJ += toJ * double(row.count);
        problem.rows.push_back({int(problem.pairs.size() - 1), toI, toJ, row.count});
    }
    return problem;
}

void fillPairs(const FitProblem &problem, const std::vector<std::int64_t> &rowCounts, std::vector<PairGames> &pairs)
{
    pairs = problem.pairs;
    for (PairGames &p : pairs)
        p.winsI = p.winsJ = 0;
    for (std::size_t r = 0; r < problem.rows.size(); ++r) {
        const FitRow &row = problem.rows[r];
        PairGames &p = pairs[std::size_t(row.pair)];
        p.winsI += row.toI * double(rowCounts[r]);
        p.winsJ += row.toJ * double(rowCounts[r]);
    }
}

BradleyTerryFit solve(const FitProblem &problem, const std::vector<PairGames> &pairs, const BradleyTerryOptions &options,
                      const std::vector<double> &warmStart, int mainModel)
{
    GraphAnalysis graph = analyseComparisons(problem.modelCount, pairs, mainModel);
    NewtonResult newton = maximiseLikelihood(pairs, graph.status, warmStart, options.tolerance, options.maxIterations);

    BradleyTerryFit fit;
    fit.logStrength = std::move(newton.logStrength);
    for (std::size_t m = 0; m < graph.status.size(); ++m) {
        if (graph.status[m] == ModelStatus::UnboundedAbove)
            fit.logStrength[m] = std::numeric_limits<double>::infinity();
        else if (graph.status[m] == ModelStatus::UnboundedBelow)
            fit.logStrength[m] = -std::numeric_limits<double>::infinity();
    }
    fit.status = std::move(graph.status);
    fit.components = std::move(graph.components);
    fit.iterations = newton.iterations;
    fit.gradientNorm = newton.gradientNorm;
    fit.converged = newton.converged;
    return fit;
}

} // namespace detail

Result<BradleyTerryFit> fitBradleyTerry(const OutcomeCounts &counts, const BradleyTerryOptions &options)
{
    Result<detail::FitProblem> problem = detail::makeFitProblem(counts, options);
    if (!problem)
        return problem.error();
    return detail::solve(*problem, problem->pairs, options, {}, options.mainModel);
}

} // namespace majlis::rating
