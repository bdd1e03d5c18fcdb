#pragma once

#include "common/result.h"

namespace majlis::store {

class Database;

// The schema version this build writes. Migrations are forward-only: a store written by a
// newer Majlis is refused rather than guessed at.
inline constexpr int kSchemaVersion = 8;

// Sets the connection pragmas (WAL, synchronous=FULL, foreign keys) and migrates the schema
// from whatever PRAGMA user_version says up to kSchemaVersion, each step in one transaction.
// Refuses, before anything is written, a file that is another program's SQLite database or a
// store made by a newer Majlis.
// Queries answered from a schema-6 index alone; tests check the plans. The two a voting session
// starts with (items_pairs, events_superseding):
inline constexpr const char *kComparisonsSql = "SELECT id, pairs FROM items WHERE pack_id = ?1 ORDER BY id";
inline constexpr const char *kSupersededIdsSql =
    "SELECT supersedes FROM events WHERE pack_id = ?1 AND annotator = ?2 AND supersedes IS NOT NULL";
// The server's list of published packs (published_packs_listed), which every leaderboard request reads.
inline constexpr const char *kPublishedPacksSql =
    "SELECT id, title, item_count, content_sha256, published_by, published_utc FROM published_packs ORDER BY id";

Status checkStoreFile(Database &db);
Status prepareConnection(Database &db);
Status migrate(Database &db);

} // namespace majlis::store
