#pragma once

#include <QSet>
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

// The statement forEachEvent runs: ?1 the pack, ?2 the annotator, each only when filtered on.
const char *eventsInCastOrderSql(bool ofPack, bool ofAnnotator);

// Every event of a database in the order they were cast (created_utc, workstation, seq), of one
// pack and one annotator when given. Shared by the workstation's store and the server's SQLite.
Status forEachEvent(Database &db, const std::function<void(const Event &)> &visit, const QString &packId = {},
                    const QString &annotator = {});

// The ids that one annotator's events of a pack supersede (undone, edited or removed).
Result<QSet<QString>> supersededIds(Database &db, const QString &packId, const QString &annotator);

} // namespace majlis::store
