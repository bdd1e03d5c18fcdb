#pragma once

// Inside majlis_syncserver: reading a row of PostgreSQL's events table, for the storage's queries
// (pgstorage.cpp) and its ingest (pgingest.cpp).

#include "model/event.h"
#include "sync/pgquery.h"

namespace majlis::sync::pg {

// The events table's columns, in the order eventFromQuery reads them.
inline constexpr const char *kEventColumns =
    "id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, created_utc, supersedes, payload";

Result<Event> eventFromQuery(const Query &q);

}  // namespace majlis::sync::pg
