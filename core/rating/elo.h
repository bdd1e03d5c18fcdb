#pragma once

#include <vector>

#include "rating/battle.h"

namespace majlis::rating {

// Chatbot Arena's online Elo, kept beside Bradley-Terry for comparison only: it depends on the
// order of the votes and never converges, which is why the leaderboard does not rank by it.
struct EloOptions
{
    double k = 4;
    double scale = 400;
    double base = 10;
    double initialRating = 1000;
    bool bothBadAsTie = true; // false: "both bad" votes change nothing
};

// Battles in their order; a model without battles keeps the initial rating. Expects a valid set.
std::vector<double> onlineElo(const BattleSet &set, const EloOptions &options = {});

} // namespace majlis::rating
