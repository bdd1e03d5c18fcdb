#pragma once

#include <QString>

#include <nlohmann/json.hpp>

#include <string_view>

#include "common/result.h"

namespace majlis {

// The one place that decides how Majlis reads JSON. Every reader (packs, events, bundles, sync
// bodies, settings, taxonomy, groups, build inputs) goes through parseJson, so none of them can
// be knocked over by what a participant sends:
// - it never throws; a problem is an Error::parse that names where (line and column, and the
//   field path when the problem is inside a value: `field "meta.x"`);
// - a number is kept when it fits: an integer as int64/uint64 exactly, any other number as a
//   finite double; a number outside double's range (1e400, a 1000-digit integer) is refused,
//   never turned into infinity or an exception;
// - nesting deeper than MaxJsonDepth is refused (tree destruction and dump() recurse);
// - bytes that are not UTF-8 are refused with a hint to save the file as UTF-8.
inline constexpr int MaxJsonDepth = 256;

struct JsonSource
{
    // How the input is named in messages: a file path, "the body", "bundle:3" …
    QString name;
    // The input's first line number in that source (a JSON Lines line), or 0 when the input is a
    // whole document: then the message names the line and column inside it.
    qint64 line = 0;
};

Result<nlohmann::json> parseJson(std::string_view text, const JsonSource &source);

} // namespace majlis
