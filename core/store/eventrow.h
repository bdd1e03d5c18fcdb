#pragma once

#include <QString>

#include <functional>

#include "common/result.h"
#include "model/event.h"

namespace majlis::store {

class Database;
class Statement;

// The events table's columns, in the order eventFromRow reads them. Every query that reads
// whole events selects exactly these.
inline constexpr const char *kEventColumns =
    "id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, created_utc, supersedes, payload";

Result<Event> eventFromRow(const Statement &st);

// Steps a bound statement that selects kEventColumns and hands each event to `visit`; an error
// from `visit` stops the walk (the statement is reset) and is returned.
Status visitEventRows(Statement &st, const std::function<Status(const Event &)> &visit);

// Every event of a database in the order they were cast (created_utc, workstation, seq), of one
// pack and one annotator when given. Shared by the workstation's store and the server's SQLite.
Status forEachEvent(Database &db, const std::function<void(const Event &)> &visit, const QString &packId = {},
                    const QString &annotator = {});

} // namespace majlis::store
