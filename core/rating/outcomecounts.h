#pragma once

#include <cstdint>
#include <vector>

#include "common/result.h"
#include "rating/battle.h"

namespace majlis::rating {

// How many times one (modelA, modelB, outcome) occurred. Sides are canonical (modelA < modelB,
// the outcome turned with them), so a vote and its mirror image count as the same row.
struct OutcomeRow
{
    int modelA = 0;
    int modelB = 0;
    Outcome outcome = Outcome::Tie;
    std::int64_t count = 0;

    friend bool operator==(const OutcomeRow &, const OutcomeRow &) = default;
};

// Battles reduced to unique outcomes: what the fit and the bootstrap work on. However many
// battles there are, M models give at most M(M-1)/2 * 4 rows.
struct OutcomeCounts
{
    int modelCount = 0;
    std::vector<OutcomeRow> rows; // sorted by (modelA, modelB, outcome); every count > 0

    std::int64_t total() const;

    friend bool operator==(const OutcomeCounts &, const OutcomeCounts &) = default;
};

// Independent of the order of the battles and of which side each model was on.
Result<OutcomeCounts> countOutcomes(const BattleSet &set);

// Per model, over all its battles.
struct ModelTally
{
    std::int64_t votes = 0;
    std::int64_t wins = 0;
    std::int64_t losses = 0;
    std::int64_t ties = 0;
    std::int64_t bothBad = 0;

    friend bool operator==(const ModelTally &, const ModelTally &) = default;
};
std::vector<ModelTally> tallyModels(const OutcomeCounts &counts);

} // namespace majlis::rating
