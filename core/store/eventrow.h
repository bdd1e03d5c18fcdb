#pragma once

#include <QSet>
#include <QString>

#include <functional>
#include <optional>

#include "common/result.h"
#include "model/event.h"

namespace majlis::store {

class Database;
class Statement;

// The events table's columns, in the order eventFromRow reads them. Every query that reads
// whole events selects exactly these.
inline constexpr const char *kEventColumns =
    "id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, created_utc, supersedes, payload";

// With parsePayload false the payload is not read from the row: it stays what a new Event holds.
Result<Event> eventFromRow(const Statement &st, bool parsePayload = true);

// Steps a bound statement that selects kEventColumns and hands each event to `visit`; an error
// from `visit` stops the walk (the statement is reset) and is returned. With `payloadKinds` only
// the events of those kinds come with their payload parsed; the others have none (a
// walk that needs only what an event is about skips the JSON parse, most of a row's cost).
Status visitEventRows(Statement &st, const std::function<Status(const Event &)> &visit,
                      const QSet<QString> *payloadKinds = nullptr);

// The statement forEachEvent runs: ?1 the pack, ?2 the annotator, each only when filtered on.
const char *eventsInCastOrderSql(bool ofPack, bool ofAnnotator);

// Every event of a database in the order they were cast (created_utc, workstation, seq), of one
// pack and one annotator when given. Shared by the workstation's store and the server's SQLite.
Status forEachEvent(Database &db, const std::function<void(const Event &)> &visit, const QString &packId = {},
                    const QString &annotator = {}, const QSet<QString> *payloadKinds = nullptr);

// The event of that id through `byId`, a statement that selects kEventColumns WHERE id = ?1
// (callers on a hot path keep theirs prepared); nothing when there is none. Resets the statement.
Result<std::optional<Event>> readEventById(Statement &byId, const QString &id);
// The same with a statement of its own; notFound when there is none.
Result<Event> eventById(Database &db, const QString &id);

// The ids that one annotator's events of a pack supersede (undone, edited or removed).
Result<QSet<QString>> supersededIds(Database &db, const QString &packId, const QString &annotator);

} // namespace majlis::store
