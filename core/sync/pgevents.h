#pragma once

// Inside majlis_syncserver: reading a row of PostgreSQL's events table, for the storage's queries
// (pgstorage.cpp) and its ingest (pgingest.cpp).

#include "model/event.h"
#include "sync/pgquery.h"

#include <functional>

namespace majlis::sync::pg {

// The events table's columns, in the order eventFromQuery reads them.
inline constexpr const char *kEventColumns =
    "id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, created_utc, supersedes, payload";

Result<Event> eventFromQuery(const Query &q);
// The same row but its payload (left null), for a reader that parses the payload itself.
Event eventFieldsFromQuery(const Query &q);
// Runs `q` (bound, selecting kEventColumns) and visits each event in turn; the first row that does
// not read, or a read cut off by an error, is the result.
Status visitEvents(Query &q, const std::function<void(const Event &)> &visit);

}  // namespace majlis::sync::pg
