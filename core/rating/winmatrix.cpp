#include "rating/winmatrix.h"

#include <cmath>
#include <limits>

#include "common/json.h"

namespace majlis::rating {

SquareMatrix winRateMatrix(const OutcomeCounts &counts, bool bothBadAsTie)
{
    const auto n = std::size_t(counts.modelCount);
    std::vector<double> taken(n * n, 0.0), games(n * n, 0.0);
    for (const OutcomeRow &row : counts.rows) {
        double toA = 0.5;
        if (row.outcome == Outcome::WinA)
            toA = 1;
        else if (row.outcome == Outcome::WinB)
            toA = 0;
        else if (row.outcome == Outcome::BothBad && !bothBadAsTie)
            continue;
        const auto a = std::size_t(row.modelA), b = std::size_t(row.modelB);
        const double c = double(row.count);
        taken[a * n + b] += toA * c;
        taken[b * n + a] += (1 - toA) * c;
        games[a * n + b] += c;
        games[b * n + a] += c;
    }
    SquareMatrix matrix{counts.modelCount, std::vector<double>(n * n, std::numeric_limits<double>::quiet_NaN())};
    for (std::size_t cell = 0; cell < n * n; ++cell)
        if (games[cell] > 0)
            matrix.values[cell] = taken[cell] / games[cell];
    return matrix;
}

SquareMatrix predictedWinMatrix(const std::vector<double> &logStrength)
{
    const int n = int(logStrength.size());
    SquareMatrix matrix{n, std::vector<double>(std::size_t(n) * std::size_t(n), std::numeric_limits<double>::quiet_NaN())};
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const double x = logStrength[std::size_t(r)] - logStrength[std::size_t(c)];
            if (r != c && !std::isnan(x))
                matrix.at(r, c) = 1 / (1 + std::exp(-x)); // exp(+-inf) gives exactly 0 or 1
        }
    }
    return matrix;
}

nlohmann::json toJson(const SquareMatrix &matrix, const QStringList &models)
{
    nlohmann::json values = nlohmann::json::array();
    for (int r = 0; r < matrix.size; ++r) {
        nlohmann::json row = nlohmann::json::array();
        for (int c = 0; c < matrix.size; ++c) {
            const double v = matrix.at(r, c);
            row.push_back(std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v));
        }
        values.push_back(std::move(row));
    }
    return {{"models", models}, {"values", std::move(values)}};
}

} // namespace majlis::rating
