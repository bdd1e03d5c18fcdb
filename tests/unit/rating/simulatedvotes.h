#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "rating/battle.h"

namespace majlis::rating::testing {

// Votes drawn from known Bradley-Terry log-strengths: a random pair, random sides, a tie with
// probability tieShare (a third of those "both bad"), otherwise P(a wins) = sigmoid(a - b).
// Random ties shrink the fitted scale, so tests that compare with the truth use tieShare 0.
inline BattleSet simulateBattles(const std::vector<double> &logStrength, int battles, double tieShare,
                                 std::uint64_t seed)
{
    BattleSet set;
    for (std::size_t m = 0; m < logStrength.size(); ++m)
        set.models << QStringLiteral("model-%1").arg(m, 2, 10, QLatin1Char('0'));
    std::mt19937_64 engine(seed);
    std::uniform_int_distribution<int> pick(0, int(logStrength.size()) - 1);
    std::uniform_real_distribution<double> unit(0, 1);
    set.battles.reserve(std::size_t(battles));
    for (int i = 0; i < battles; ++i) {
        const int a = pick(engine);
        int b = pick(engine);
        while (b == a)
            b = pick(engine);
        const double u = unit(engine);
        Outcome outcome;
        if (u < tieShare)
            outcome = u < tieShare / 3 ? Outcome::BothBad : Outcome::Tie;
        else
            outcome = unit(engine) < 1 / (1 + std::exp(logStrength[std::size_t(b)] - logStrength[std::size_t(a)]))
                ? Outcome::WinA
                : Outcome::WinB;
        set.battles.push_back({a, b, outcome});
    }
    return set;
}

// Adds `count` copies of one battle, by model name.
inline void addBattles(BattleSet &set, const QString &a, const QString &b, Outcome outcome, int count = 1)
{
    const int ia = modelIndex(set, a), ib = modelIndex(set, b);
    for (int i = 0; i < count; ++i)
        set.battles.push_back({ia, ib, outcome});
}

} // namespace majlis::rating::testing
