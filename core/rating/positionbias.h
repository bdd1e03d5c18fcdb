#pragma once

#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <vector>

#include "rating/statistics.h"

namespace majlis::rating {

// Which side of the screen the chosen answer was shown on; ties and "both bad" say nothing
// about side preference and are left out of the shares.
enum class PlacedOutcome { LeftWon, RightWon, NoWinner };

struct PlacedVote
{
    QString annotator;
    PlacedOutcome outcome = PlacedOutcome::NoWinner;

    friend bool operator==(const PlacedVote &, const PlacedVote &) = default;
};

struct SideBias
{
    QString annotator; // empty for everyone together
    std::int64_t votes = 0;
    std::int64_t decisive = 0;
    std::int64_t leftWins = 0;
    std::optional<double> leftShare; // of decisive votes
    Interval interval{0, 1};         // Wilson
    // The interval excludes 0.5. Judged annotator by annotator, with no correction for
    // testing many of them: a flag to look closer, not a verdict.
    bool significant = false;

    friend bool operator==(const SideBias &, const SideBias &) = default;
};

struct PositionBiasReport
{
    double level = 0.95;
    SideBias overall;
    std::vector<SideBias> annotators; // sorted by name

    friend bool operator==(const PositionBiasReport &, const PositionBiasReport &) = default;
};

PositionBiasReport measurePositionBias(const std::vector<PlacedVote> &votes, double level = 0.95);
nlohmann::json toJson(const PositionBiasReport &report);

} // namespace majlis::rating
