#pragma once

#include <vector>

#include "rating/comparisongraph.h"

namespace majlis::rating::detail {

struct NewtonResult
{
    std::vector<double> logStrength; // every model; mean 0 over the core, NaN outside it
    int iterations = 0;
    double gradientNorm = 0;
    bool converged = false;
};

// Maximises the Bradley-Terry log-likelihood over the core (status Rated) by Newton's method on
// the log-strengths, one of them held fixed. The core is strongly connected, so the reduced
// Hessian is negative definite and the maximum is unique and finite. Steps are capped and
// backtracked; a numerically singular Hessian is damped (Levenberg-Marquardt).
// `start` (may be empty) warm-starts from an earlier solution; non-finite entries start at 0.
NewtonResult maximiseLikelihood(const std::vector<PairGames> &pairs, const std::vector<ModelStatus> &status,
                                const std::vector<double> &start, double tolerance, int maxIterations);

} // namespace majlis::rating::detail
