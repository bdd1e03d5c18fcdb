#pragma once

#include <QString>

#include <optional>
#include <string_view>

namespace majlis::bundle {

// What the verify pass needs from one event line, found without building a JSON tree.
// String fields are raw JSON tokens, quotes included, compared byte for byte with the header's
// canonical tokens.
struct EventLineFacts
{
    qint64 seq = 0;
    std::string_view workstation;
    std::string_view annotator;
};

// A structural check of one canonical event line (no "\n"): a single JSON object whose
// brackets balance and whose strings close, with exactly one top-level "seq" (integer >= 1),
// "workstation" and "annotator" (strings). It does not check the grammar of every value (a
// full parse does that on import). Returns the problem in words ("field \"seq\" is missing"),
// or the facts.
struct EventLineScan
{
    EventLineFacts facts;
    std::optional<QString> problem;
};
EventLineScan scanEventLine(std::string_view line);

} // namespace majlis::bundle
