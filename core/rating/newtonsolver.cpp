#include "rating/newtonsolver.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "rating/symmetricsolve.h"

namespace majlis::rating::detail {
namespace {

struct LocalPair
{
    int i;
    int j;
    double winsI;
    double winsJ;
};

class Likelihood
{
public:
    Likelihood(std::vector<LocalPair> pairs, int size) : m_pairs(std::move(pairs)), m_size(size) {}

    int size() const { return m_size; }

    // Log-likelihood and its gradient; the negative Hessian too when `hessian` is not null.
    double evaluate(const std::vector<double> &theta, std::vector<double> &gradient, std::vector<double> *hessian) const
    {
        const auto n = std::size_t(m_size);
        gradient.assign(n, 0.0);
        if (hessian)
            hessian->assign(n * n, 0.0);
        double logLikelihood = 0;
        for (const LocalPair &p : m_pairs) {
            const double x = theta[std::size_t(p.i)] - theta[std::size_t(p.j)];
            const double e = std::exp(-std::abs(x));
            const double softplus = std::log1p(e);
            const double probI = x >= 0 ? 1 / (1 + e) : e / (1 + e);
            // log(p) = -softplus(-x), log(1 - p) = -softplus(x), written without overflow.
            if (p.winsI > 0)
                logLikelihood -= p.winsI * (std::max(-x, 0.0) + softplus);
            if (p.winsJ > 0)
                logLikelihood -= p.winsJ * (std::max(x, 0.0) + softplus);
            const double games = p.winsI + p.winsJ;
            const double residual = p.winsI - games * probI;
            gradient[std::size_t(p.i)] += residual;
            gradient[std::size_t(p.j)] -= residual;
            if (hessian) {
                const double w = games * probI * (1 - probI);
                auto &h = *hessian;
                const auto i = std::size_t(p.i), j = std::size_t(p.j);
                h[i * n + i] += w;
                h[j * n + j] += w;
                h[i * n + j] -= w;
                h[j * n + i] -= w;
            }
        }
        return logLikelihood;
    }

private:
    std::vector<LocalPair> m_pairs;
    int m_size;
};

double norm(const std::vector<double> &v)
{
    double s = 0;
    for (double x : v)
        s += x * x;
    return std::sqrt(s);
}

// Newton direction on all coordinates but `fixed`; false if no damping made the system solvable.
bool newtonDirection(const std::vector<double> &negHessian, const std::vector<double> &gradient, int fixed,
                     std::vector<double> &direction)
{
    const int n = int(gradient.size());
    const int m = n - 1;
    std::vector<double> reduced(std::size_t(m) * std::size_t(m));
    std::vector<double> rhs(static_cast<std::size_t>(m));
    double trace = 0;
    for (int r = 0, rr = 0; r < n; ++r) {
        if (r == fixed)
            continue;
        rhs[std::size_t(rr)] = gradient[std::size_t(r)];
        for (int c = 0, cc = 0; c < n; ++c) {
            if (c == fixed)
                continue;
            reduced[std::size_t(rr) * std::size_t(m) + std::size_t(cc)] = negHessian[std::size_t(r) * std::size_t(n) + std::size_t(c)];
            ++cc;
        }
        trace += reduced[std::size_t(rr) * std::size_t(m) + std::size_t(rr)];
        ++rr;
    }
    Cholesky cholesky;
    double damping = 0;
    const double scale = std::max(trace / std::max(m, 1), std::numeric_limits<double>::min());
    while (!cholesky.factorise(reduced, m, damping)) {
        damping = damping == 0 ? 1e-10 * scale : damping * 10;
        if (damping > 1e10 * scale)
            return false;
    }
    cholesky.solve(rhs.data());
    direction.assign(std::size_t(n), 0.0);
    for (int r = 0, rr = 0; r < n; ++r) {
        if (r == fixed)
            continue;
        direction[std::size_t(r)] = rhs[std::size_t(rr++)];
    }
    return true;
}

} // namespace

NewtonResult maximiseLikelihood(const std::vector<PairGames> &pairs, const std::vector<ModelStatus> &status,
                                const std::vector<double> &start, double tolerance, int maxIterations)
{
    const auto modelCount = status.size();
    NewtonResult result;
    result.logStrength.assign(modelCount, std::numeric_limits<double>::quiet_NaN());

    std::vector<int> local(modelCount, -1);
    std::vector<int> core;
    for (std::size_t m = 0; m < modelCount; ++m) {
        if (status[m] == ModelStatus::Rated) {
            local[m] = int(core.size());
            core.push_back(int(m));
        }
    }
    const int k = int(core.size());
    if (k == 0) {
        result.converged = true; // nothing to fit
        return result;
    }

    std::vector<LocalPair> localPairs;
    std::vector<double> games(std::size_t(k), 0.0);
    for (const PairGames &p : pairs) {
        const int i = local[std::size_t(p.i)], j = local[std::size_t(p.j)];
        if (i < 0 || j < 0 || p.winsI + p.winsJ <= 0)
            continue;
        localPairs.push_back({i, j, p.winsI, p.winsJ});
        games[std::size_t(i)] += p.winsI + p.winsJ;
        games[std::size_t(j)] += p.winsI + p.winsJ;
    }
    const Likelihood likelihood(std::move(localPairs), k);
    // Holding the most-played model fixed keeps the reduced Hessian best conditioned.
    const int fixed = int(std::max_element(games.begin(), games.end()) - games.begin());

    std::vector<double> theta(std::size_t(k), 0.0);
    for (int c = 0; c < k; ++c) {
        const auto m = std::size_t(core[std::size_t(c)]);
        if (m < start.size() && std::isfinite(start[m]))
            theta[std::size_t(c)] = start[m];
    }

    // Larger steps than this only happen far from the optimum, where the quadratic model lies.
    constexpr double maxStep = 10;
    std::vector<double> gradient, hessian, direction, trial, trialGradient;
    double logLikelihood = likelihood.evaluate(theta, gradient, &hessian);
    double gradientNorm = norm(gradient);
    int iteration = 0;
    while (gradientNorm > tolerance && iteration < maxIterations && k > 1) {
        if (!newtonDirection(hessian, gradient, fixed, direction))
            break;
        double largest = 0;
        double slope = 0;
        for (std::size_t c = 0; c < direction.size(); ++c) {
            largest = std::max(largest, std::abs(direction[c]));
            slope += gradient[c] * direction[c];
        }
        double step = largest > maxStep ? maxStep / largest : 1.0;
        bool accepted = false;
        for (int halving = 0; halving < 50 && !accepted; ++halving, step *= 0.5) {
            trial = theta;
            for (std::size_t c = 0; c < trial.size(); ++c)
                trial[c] += step * direction[c];
            const double trialLikelihood = likelihood.evaluate(trial, trialGradient, nullptr);
            // Armijo on the likelihood; near the optimum the likelihood no longer resolves the
            // gain, and a smaller gradient is the better judge.
            accepted = trialLikelihood >= logLikelihood + 1e-4 * step * slope || norm(trialGradient) < gradientNorm;
        }
        if (!accepted)
            break;
        theta.swap(trial);
        ++iteration;
        logLikelihood = likelihood.evaluate(theta, gradient, &hessian);
        gradientNorm = norm(gradient);
    }

    double mean = 0;
    for (double t : theta)
        mean += t;
    mean /= k;
    for (int c = 0; c < k; ++c)
        result.logStrength[std::size_t(core[std::size_t(c)])] = theta[std::size_t(c)] - mean;
    result.iterations = iteration;
    result.gradientNorm = gradientNorm;
    result.converged = gradientNorm <= tolerance;
    return result;
}

} // namespace majlis::rating::detail
