#pragma once

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "common/result.h"
#include "rating/bradleyterry.h"

namespace majlis::rating {

struct BootstrapOptions
{
    int rounds = 1000;
    std::uint64_t seed = 42;
    int threads = 0; // 0: one per core. The result does not depend on it.
    // Each call adds its rounds to the total and counts each round done; cancel() stops the
    // rounds and bootstrap returns Error::Code::Cancelled. Several boards may share one.
    Progress *progress = nullptr;
};

// The fit repeated on resamples of the votes: multinomial counts over the unique outcomes
// (the same as resampling every vote with replacement), each round its own random stream, so
// the samples are the same for any thread count.
struct BootstrapSamples
{
    int rounds = 0;
    int modelCount = 0;
    // rounds x modelCount, row-major, centred like the point fit over its rated models.
    // +-inf where a model was unbounded in that round, NaN where it had no rating at all.
    std::vector<double> logStrength;

    double at(int round, int model) const
    {
        return logStrength[std::size_t(round) * std::size_t(modelCount) + std::size_t(model)];
    }
};

Result<BootstrapSamples> bootstrap(const OutcomeCounts &counts, const BradleyTerryFit &point,
                                   const BradleyTerryOptions &fitOptions, const BootstrapOptions &options);

// Per model, in log-strength units on the point fit's centring. Bounds may be +-inf (the votes
// do not bound the rating on that side) and are NaN where there is no interval at all.
struct LogStrengthIntervals
{
    std::vector<double> lower;
    std::vector<double> upper;
    std::vector<int> undefinedRounds; // bootstrap: rounds left out of a model's percentiles
};

// Percentile intervals; rounds in which a model had no rating are left out of its percentiles.
LogStrengthIntervals percentileIntervals(const BootstrapSamples &samples, const BradleyTerryFit &point,
                                         double level = 0.95);

// Wald intervals with the sandwich (robust) covariance H^-1 B H^-1: H the Fisher information,
// B the sum of outer products of per-vote scores. Robust to ties, which the model does not
// describe, and it costs one fit instead of hundreds.
Result<LogStrengthIntervals> sandwichIntervals(const OutcomeCounts &counts, const BradleyTerryFit &point,
                                               const BradleyTerryOptions &fitOptions, double level = 0.95);

} // namespace majlis::rating
