#pragma once

#include <nlohmann/json.hpp>

#include <optional>

namespace majlis::pack {

// A fast path for parsing the JSON of one pack line: nlohmann/json's lexer reads a byte at a time
// (about 100 MB/s on answer-heavy lines); this parser copies runs of plain bytes at once.
// It is strict: whatever it accepts is valid JSON (RFC 8259, strings in well-formed UTF-8) and
// yields the same value nlohmann::json::parse would. On anything else, or anything unusual (deep
// nesting), it declines with nullopt, and the caller parses with nlohmann — which then also says
// what is wrong.
std::optional<nlohmann::json> parseJsonFast(const char *begin, const char *end);

} // namespace majlis::pack
