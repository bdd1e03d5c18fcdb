#include "rating/outcomecounts.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace majlis::rating {

namespace {
constexpr std::size_t kDenseModels = 256; // a table of 256 * 256 * 4 counters: 2 MiB
}

std::int64_t OutcomeCounts::total() const
{
    std::int64_t sum = 0;
    for (const OutcomeRow &row : rows)
        sum += row.count;
    return sum;
}

Result<OutcomeCounts> countOutcomes(const BattleSet &set)
{
    if (Status valid = validate(set); !valid)
        return valid.error();

    OutcomeCounts result;
    result.modelCount = int(set.models.size());
    const std::size_t n = set.models.size();
    // A leaderboard has tens of models and a million battles: one counter per (a, b, outcome) in
    // a flat table while it stays small, a hash map of packed keys beyond.
    if (n <= kDenseModels) {
        std::vector<std::int64_t> dense(n * n * 4, 0);
        for (Battle battle : set.battles) {
            if (battle.modelA > battle.modelB)
                battle = swapSides(battle);
            ++dense[(std::size_t(battle.modelA) * n + std::size_t(battle.modelB)) * 4 + std::size_t(battle.outcome)];
        }
        for (std::size_t i = 0; i < dense.size(); ++i) // in (a, b, outcome) order already
            if (dense[i] > 0)
                result.rows.push_back({int(i / 4 / n), int(i / 4 % n), Outcome(i % 4), dense[i]});
        return result;
    }
    std::unordered_map<std::uint64_t, std::int64_t> counts;
    for (Battle battle : set.battles) {
        if (battle.modelA > battle.modelB)
            battle = swapSides(battle);
        const std::uint64_t key = (std::uint64_t(std::uint32_t(battle.modelA)) << 34)
            | (std::uint64_t(std::uint32_t(battle.modelB)) << 2) | std::uint64_t(battle.outcome);
        ++counts[key];
    }
    result.rows.reserve(counts.size());
    for (const auto &[key, count] : counts)
        result.rows.push_back({int(key >> 34), int((key >> 2) & 0xffffffffu), Outcome(key & 3u), count});
    std::sort(result.rows.begin(), result.rows.end(), [](const OutcomeRow &x, const OutcomeRow &y) {
        return std::tie(x.modelA, x.modelB, x.outcome) < std::tie(y.modelA, y.modelB, y.outcome);
    });
    return result;
}

std::vector<ModelTally> tallyModels(const OutcomeCounts &counts)
{
    std::vector<ModelTally> tally(std::size_t(counts.modelCount));
    for (const OutcomeRow &row : counts.rows) {
        ModelTally &a = tally[std::size_t(row.modelA)];
        ModelTally &b = tally[std::size_t(row.modelB)];
        a.votes += row.count;
        b.votes += row.count;
        switch (row.outcome) {
        case Outcome::WinA:
            a.wins += row.count;
            b.losses += row.count;
            break;
        case Outcome::WinB:
            b.wins += row.count;
            a.losses += row.count;
            break;
        case Outcome::Tie:
            a.ties += row.count;
            b.ties += row.count;
            break;
        case Outcome::BothBad:
            a.bothBad += row.count;
            b.bothBad += row.count;
            break;
        }
    }
    return tally;
}

} // namespace majlis::rating
