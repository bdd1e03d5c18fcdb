#include "rating/intervals.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include "rating/statistics.h"
#include "rating/symmetricsolve.h"

namespace majlis::rating {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Multinomial(total, counts / total) drawn as a chain of conditional binomials, in row order.
void resample(const detail::FitProblem &problem, std::int64_t total, std::mt19937_64 &engine,
              std::vector<std::int64_t> &out)
{
    out.assign(problem.rows.size(), 0);
    std::int64_t left = total;
    std::int64_t massLeft = total;
    for (std::size_t r = 0; r < problem.rows.size() && left > 0; ++r) {
        const std::int64_t c = problem.rows[r].count;
        const std::int64_t k = c < massLeft ? binomialSample(left, double(c) / double(massLeft), engine) : left;
        out[r] = k;
        left -= k;
        massLeft -= c;
    }
}

int mainModelOf(const BradleyTerryFit &point, const BradleyTerryOptions &options)
{
    if (options.mainModel >= 0)
        return options.mainModel;
    return point.components.empty() ? -1 : point.components.front().front();
}

} // namespace

Result<BootstrapSamples> bootstrap(const OutcomeCounts &counts, const BradleyTerryFit &point,
                                   const BradleyTerryOptions &fitOptions, const BootstrapOptions &options)
{
    if (options.rounds < 1)
        return Error::validation(QStringLiteral("bootstrap: rounds must be at least 1"));
    if (point.status.size() != std::size_t(counts.modelCount))
        return Error::validation(QStringLiteral("bootstrap: the point fit is for a different set of models"));
    Result<detail::FitProblem> problemResult = detail::makeFitProblem(counts, fitOptions);
    if (!problemResult)
        return problemResult.error();
    const detail::FitProblem &problem = *problemResult;

    std::int64_t total = 0;
    for (const detail::FitRow &row : problem.rows)
        total += row.count;

    BootstrapSamples samples;
    samples.rounds = options.rounds;
    samples.modelCount = counts.modelCount;
    samples.logStrength.assign(std::size_t(options.rounds) * std::size_t(counts.modelCount), kNaN);
    const int mainModel = mainModelOf(point, fitOptions);

    Progress *progress = options.progress;
    if (progress)
        progress->addTotal(options.rounds);
    std::atomic<int> nextRound{0};
    auto work = [&] {
        std::vector<std::int64_t> rowCounts;
        std::vector<detail::PairGames> pairs;
        for (int round = nextRound++; round < options.rounds; round = nextRound++) {
            if (cancelled(progress))
                return;
            std::mt19937_64 engine(splitMix64(options.seed ^ splitMix64(std::uint64_t(round))));
            resample(problem, total, engine, rowCounts);
            detail::fillPairs(problem, rowCounts, pairs);
            const BradleyTerryFit fit = detail::solve(problem, pairs, fitOptions, point.logStrength, mainModel);

            // Centre like the point fit: over its rated models, as far as they are finite here.
            double sum = 0;
            int n = 0;
            for (std::size_t m = 0; m < fit.logStrength.size(); ++m) {
                if (point.status[m] == ModelStatus::Rated && std::isfinite(fit.logStrength[m])) {
                    sum += fit.logStrength[m];
                    ++n;
                }
            }
            const double shift = n > 0 ? sum / n : 0;
            // data() + offset, not &v[offset]: with no models the vector is empty, and indexing an
            // empty vector is undefined even when nothing is written (UBSan reports it).
            double *out = samples.logStrength.data() + std::size_t(round) * std::size_t(counts.modelCount);
            for (std::size_t m = 0; m < fit.logStrength.size(); ++m)
                out[m] = fit.logStrength[m] - shift;
            if (progress)
                progress->advance();
        }
    };

    int threads = options.threads > 0 ? options.threads : int(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, options.rounds);
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
    if (cancelled(progress))
        return Error::cancelled(Progress::cancelledMessage());
    return samples;
}

LogStrengthIntervals percentileIntervals(const BootstrapSamples &samples, const BradleyTerryFit &point, double level)
{
    const auto models = std::size_t(samples.modelCount);
    LogStrengthIntervals result;
    result.lower.assign(models, kNaN);
    result.upper.assign(models, kNaN);
    result.undefinedRounds.assign(models, 0);
    const double tail = (1 - level) / 2;
    std::vector<double> values;
    for (std::size_t m = 0; m < models; ++m) {
        values.clear();
        for (int r = 0; r < samples.rounds; ++r) {
            const double v = samples.at(r, int(m));
            if (std::isnan(v))
                ++result.undefinedRounds[m];
            else
                values.push_back(v);
        }
        if (!values.empty()) {
            std::sort(values.begin(), values.end());
            result.lower[m] = sortedQuantile(values, tail);
            result.upper[m] = sortedQuantile(values, 1 - tail);
        } else if (m < point.status.size() && point.status[m] == ModelStatus::Unidentified) {
            result.lower[m] = -kInf;
            result.upper[m] = kInf;
        }
    }
    return result;
}

Result<LogStrengthIntervals> sandwichIntervals(const OutcomeCounts &counts, const BradleyTerryFit &point,
                                               const BradleyTerryOptions &fitOptions, double level)
{
    if (point.status.size() != std::size_t(counts.modelCount))
        return Error::validation(QStringLiteral("sandwich: the point fit is for a different set of models"));
    Result<detail::FitProblem> problemResult = detail::makeFitProblem(counts, fitOptions);
    if (!problemResult)
        return problemResult.error();
    const detail::FitProblem &problem = *problemResult;

    const auto models = std::size_t(counts.modelCount);
    LogStrengthIntervals result;
    result.lower.assign(models, kNaN);
    result.upper.assign(models, kNaN);
    result.undefinedRounds.assign(models, 0);

    std::vector<int> local(models, -1);
    std::vector<std::size_t> core;
    for (std::size_t m = 0; m < models; ++m) {
        switch (point.status[m]) {
        case ModelStatus::Rated:
            local[m] = int(core.size());
            core.push_back(m);
            break;
        case ModelStatus::UnboundedAbove:
            result.lower[m] = result.upper[m] = kInf;
            break;
        case ModelStatus::UnboundedBelow:
            result.lower[m] = result.upper[m] = -kInf;
            break;
        case ModelStatus::Unidentified:
            result.lower[m] = -kInf;
            result.upper[m] = kInf;
            break;
        case ModelStatus::Disconnected:
        case ModelStatus::NoVotes:
            break;
        }
    }
    const std::size_t k = core.size();
    if (k == 1)
        result.lower[core[0]] = result.upper[core[0]] = 0;
    if (k < 2)
        return result;

    // Fisher information and score outer products, both graph Laplacians over the core.
    std::vector<double> info(k * k, 0.0), scores(k * k, 0.0), games(k, 0.0);
    auto addEdge = [k](std::vector<double> &laplacian, std::size_t i, std::size_t j, double w) {
        laplacian[i * k + i] += w;
        laplacian[j * k + j] += w;
        laplacian[i * k + j] -= w;
        laplacian[j * k + i] -= w;
    };
    for (const detail::FitRow &row : problem.rows) {
        const detail::PairGames &pair = problem.pairs[std::size_t(row.pair)];
        const int i = local[std::size_t(pair.i)], j = local[std::size_t(pair.j)];
        if (i < 0 || j < 0)
            continue;
        const double x = point.logStrength[std::size_t(pair.i)] - point.logStrength[std::size_t(pair.j)];
        const double p = 1 / (1 + std::exp(-x));
        const double n = double(row.count);
        addEdge(info, std::size_t(i), std::size_t(j), n * p * (1 - p));
        const double residual = row.toI - p;
        addEdge(scores, std::size_t(i), std::size_t(j), n * residual * residual);
        games[std::size_t(i)] += n;
        games[std::size_t(j)] += n;
    }

    // Reduce by holding the most-played model fixed, then move the result to the mean-0 centring.
    const std::size_t fixed = std::size_t(std::max_element(games.begin(), games.end()) - games.begin());
    const std::size_t r = k - 1;
    auto reduce = [&](const std::vector<double> &full) {
        std::vector<double> out(r * r);
        for (std::size_t a = 0, ra = 0; a < k; ++a) {
            if (a == fixed)
                continue;
            for (std::size_t b = 0, rb = 0; b < k; ++b) {
                if (b == fixed)
                    continue;
                out[ra * r + rb++] = full[a * k + b];
            }
            ++ra;
        }
        return out;
    };
    const std::vector<double> h = reduce(info);
    std::vector<double> b = reduce(scores);
    detail::Cholesky cholesky;
    if (!cholesky.factorise(h, int(r)))
        return Error::internal(QStringLiteral("sandwich: the Fisher information is singular"));
    // Two passes of column solves give B H^-1, then H^-1 B H^-1. Each pass stores the transpose
    // of its product, which is what the next pass reads (and V is symmetric).
    std::vector<double> column(r);
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<double> next(r * r);
        for (std::size_t c = 0; c < r; ++c) {
            for (std::size_t i = 0; i < r; ++i)
                column[i] = b[i * r + c];
            cholesky.solve(column.data());
            for (std::size_t i = 0; i < r; ++i)
                next[c * r + i] = column[i];
        }
        b.swap(next);
    }

    std::vector<double> cov(k * k, 0.0);
    for (std::size_t a = 0, ra = 0; a < k; ++a) {
        if (a == fixed)
            continue;
        for (std::size_t c = 0, rc = 0; c < k; ++c) {
            if (c == fixed)
                continue;
            cov[a * k + c] = 0.5 * (b[ra * r + rc] + b[rc * r + ra]);
            ++rc;
        }
        ++ra;
    }
    std::vector<double> rowSum(k, 0.0);
    double totalSum = 0;
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t c = 0; c < k; ++c)
            rowSum[a] += cov[a * k + c];
        totalSum += rowSum[a];
    }
    const double z = normalQuantile(0.5 + level / 2);
    const double kk = double(k);
    for (std::size_t a = 0; a < k; ++a) {
        const double variance = cov[a * k + a] - 2 * rowSum[a] / kk + totalSum / (kk * kk);
        const double half = z * std::sqrt(std::max(variance, 0.0));
        const double theta = point.logStrength[core[a]];
        result.lower[core[a]] = theta - half;
        result.upper[core[a]] = theta + half;
    }
    return result;
}

} // namespace majlis::rating
