#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace majlis::rating {

struct Interval
{
    double lower = 0;
    double upper = 0;

    bool contains(double x) const { return lower <= x && x <= upper; }
    friend bool operator==(const Interval &, const Interval &) = default;
};

// z such that P(Z <= z) = p for a standard normal Z; 0 < p < 1.
double normalQuantile(double p);

// Wilson score interval for a binomial proportion, at two-sided confidence `level`.
// With no trials it is [0, 1].
Interval wilsonInterval(std::int64_t successes, std::int64_t trials, double level = 0.95);

// Linear-interpolation quantile (numpy's default) of sorted values, which may hold +-inf:
// an infinity next to the quantile's position wins over a finite neighbour, so an interval
// never looks bounded on a side where the resamples were not.
double sortedQuantile(const std::vector<double> &sorted, double q);

// One Binomial(n, p) draw: inversion when n * min(p, 1 - p) < 10, else Hoermann's BTRS
// (transformed rejection with squeeze, 1993). Ours rather than std::binomial_distribution, which
// is slow to set up for a fresh (n, p) (the bootstrap needs one per unique outcome) and differs
// between standard libraries, so bootstrap intervals would differ between platforms.
std::int64_t binomialSample(std::int64_t n, double p, std::mt19937_64 &engine);

} // namespace majlis::rating
