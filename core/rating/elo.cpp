#include "rating/elo.h"

#include <cmath>

namespace majlis::rating {

std::vector<double> onlineElo(const BattleSet &set, const EloOptions &options)
{
    std::vector<double> ratings(std::size_t(set.models.size()), options.initialRating);
    for (const Battle &battle : set.battles) {
        double scoreA = 0.5;
        if (battle.outcome == Outcome::WinA)
            scoreA = 1;
        else if (battle.outcome == Outcome::WinB)
            scoreA = 0;
        else if (battle.outcome == Outcome::BothBad && !options.bothBadAsTie)
            continue;
        double &ra = ratings[std::size_t(battle.modelA)];
        double &rb = ratings[std::size_t(battle.modelB)];
        // Both expectations from the ratings before the update, as Arena computes them.
        const double expectedA = 1 / (1 + std::pow(options.base, (rb - ra) / options.scale));
        const double expectedB = 1 / (1 + std::pow(options.base, (ra - rb) / options.scale));
        ra += options.k * (scoreA - expectedA);
        rb += options.k * (1 - scoreA - expectedB);
    }
    return ratings;
}

} // namespace majlis::rating
