#pragma once

#include "common/result.h"
#include "model/event.h"

namespace majlis::store {

class Statement;

// The events table's columns, in the order eventFromRow reads them. Every query that reads
// whole events selects exactly these.
inline constexpr const char *kEventColumns =
    "id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, created_utc, supersedes, payload";

Result<Event> eventFromRow(const Statement &st);

} // namespace majlis::store
