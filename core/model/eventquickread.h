#pragma once

#include <optional>
#include <string_view>

#include "model/event.h"

namespace majlis {

// A fast reader of events in their usual wire shape, without building a JSON tree for the event.
// It answers only when it is sure: whatever it returns, eventFromJson(nlohmann::json::parse(text))
// returns too (an equal Event; strict JSON grammar, UTF-8 checked as nlohmann checks it). On
// anything unusual — a \u escape, a repeated field, a float, any error — it returns nothing and
// the caller must ask eventFromJson, which decides and words the problem. So the two readers
// never disagree about what is accepted; this one only skips the tree where it can.
//
// `text` is one event object and nothing else but whitespace.
std::optional<Event> quickEventFromJson(std::string_view text);
// The same decision without building the Event: true only if eventFromJson would accept `text`.
bool quickEventCheck(std::string_view text);
// `{"events": [event, …]}` (the sync batch body, exactly this one key): the events, or nothing
// when any element (or the envelope) is unusual, or there are more than `maxEvents`.
std::optional<QList<Event>> quickEventBatchFromJson(std::string_view text, qsizetype maxEvents);

} // namespace majlis
