#pragma once

#include <QStringList>

#include <nlohmann/json.hpp>

#include <vector>

#include "rating/outcomecounts.h"

namespace majlis::rating {

// A model x model table; NaN where a cell has no value (no games, or the diagonal).
struct SquareMatrix
{
    int size = 0;
    std::vector<double> values; // row-major

    double at(int row, int column) const { return values[std::size_t(row) * std::size_t(size) + std::size_t(column)]; }
    double &at(int row, int column) { return values[std::size_t(row) * std::size_t(size) + std::size_t(column)]; }
};

// Observed share of games the row model took from the column model, a tie counting half.
// "Both bad" counts as a tie unless bothBadAsTie is false, when it is left out.
SquareMatrix winRateMatrix(const OutcomeCounts &counts, bool bothBadAsTie = true);

// Bradley-Terry P(row beats column) = 1 / (1 + exp(theta_column - theta_row)). Unbounded models
// give 0 or 1 against finite ones; NaN where the fit says nothing.
SquareMatrix predictedWinMatrix(const std::vector<double> &logStrength);

// {"models": [...], "values": [[...], ...]} with null for NaN cells.
nlohmann::json toJson(const SquareMatrix &matrix, const QStringList &models);

} // namespace majlis::rating
