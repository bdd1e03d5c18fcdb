#pragma once

#include <QString>

#include <nlohmann/json.hpp>

#include "rating/leaderboard.h"

namespace majlis::rating {

// The one JSON shape of a leaderboard, shared by the CLI and the server. Ratings have 3
// decimals. JSON has no infinity: an unbounded interval side is the string "Infinity" or
// "-Infinity" (what JavaScript's Number(), Python's float() and strtod read back); a missing
// value is null.
nlohmann::json toJson(const Leaderboard &board);

// RFC 4180 CSV with a header row; "inf" / "-inf" for unbounded sides, empty when missing.
QString toCsv(const Leaderboard &board);

// Aligned plain text for a terminal, warnings below the table.
QString toTable(const Leaderboard &board);

} // namespace majlis::rating
