#include "rating/statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace majlis::rating {
namespace {

double uniform01(std::mt19937_64 &engine)
{
    return double(engine() >> 11) * 0x1.0p-53;
}

// log(k!): exact sums below 16, the Stirling series (error < 1e-15) above.
double logFactorial(double k)
{
    static const std::array<double, 16> small = [] {
        std::array<double, 16> t{};
        for (std::size_t i = 2; i < t.size(); ++i)
            t[i] = t[i - 1] + std::log(double(i));
        return t;
    }();
    if (k < 16)
        return small[std::size_t(k)];
    const double k2 = k * k;
    return k * std::log(k) - k + 0.5 * std::log(2 * std::numbers::pi * k) + 1 / (12 * k) - 1 / (360 * k * k2)
        + 1 / (1260 * k2 * k2 * k);
}

std::int64_t binomialInversion(std::int64_t n, double p, std::mt19937_64 &engine)
{
    const double s = p / (1 - p);
    const double a = double(n + 1) * s;
    const double first = std::exp(double(n) * std::log1p(-p)); // P(X = 0)
    for (;;) {
        double u = uniform01(engine);
        double r = first;
        std::int64_t x = 0;
        while (u > r && x < n) {
            u -= r;
            ++x;
            r *= a / double(x) - s;
        }
        if (u <= r)
            return x;
        // Rounding left u above the whole distribution: draw again rather than return n.
    }
}

std::int64_t binomialBtrs(std::int64_t n, double p, std::mt19937_64 &engine)
{
    const double nn = double(n);
    const double q = 1 - p;
    const double spq = std::sqrt(nn * p * q);
    const double b = 1.15 + 2.53 * spq;
    const double a = -0.0873 + 0.0248 * b + 0.01 * p;
    const double c = nn * p + 0.5;
    const double vr = 0.92 - 4.2 / b;
    const double alpha = (2.83 + 5.1 / b) * spq;
    const double lpq = std::log(p / q);
    const double m = std::floor((nn + 1) * p);
    const double h = logFactorial(m) + logFactorial(nn - m);
    for (;;) {
        const double u = uniform01(engine) - 0.5;
        const double v = uniform01(engine);
        const double us = 0.5 - std::abs(u);
        const double k = std::floor((2 * a / us + b) * u + c);
        if (!(k >= 0 && k <= nn))
            continue;
        if (us >= 0.07 && v <= vr)
            return std::int64_t(k);
        const double lv = std::log(v * alpha / (a / (us * us) + b));
        if (lv <= h - logFactorial(k) - logFactorial(nn - k) + (k - m) * lpq)
            return std::int64_t(k);
    }
}

} // namespace

double normalQuantile(double p)
{
    if (!(p > 0 && p < 1))
        return std::numeric_limits<double>::quiet_NaN();
    // Bisection on the CDF: called a handful of times, so exactness beats speed.
    double lo = -40, hi = 40;
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

Interval wilsonInterval(std::int64_t successes, std::int64_t trials, double level)
{
    if (trials <= 0)
        return {0, 1};
    const double z = normalQuantile(0.5 + level / 2);
    const double n = double(trials);
    const double p = double(successes) / n;
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::int64_t binomialSample(std::int64_t n, double p, std::mt19937_64 &engine)
{
    if (n <= 0 || !(p > 0))
        return 0;
    if (p >= 1)
        return n;
    if (p > 0.5)
        return n - binomialSample(n, 1 - p, engine);
    return double(n) * p < 10 ? binomialInversion(n, p, engine) : binomialBtrs(n, p, engine);
}

double sortedQuantile(const std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double h = (double(sorted.size()) - 1) * q;
    const auto lo = std::size_t(std::floor(h));
    const double fraction = h - double(lo);
    const double a = sorted[lo];
    if (fraction == 0 || lo + 1 >= sorted.size())
        return a;
    const double b = sorted[lo + 1];
    if (std::isinf(a) && a < 0)
        return a;
    if (std::isinf(b) && b > 0)
        return b;
    return a + (b - a) * fraction;
}

} // namespace majlis::rating
