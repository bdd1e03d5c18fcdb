#pragma once

#include "common/result.h"

namespace majlis::store {

class Database;

// The schema version this build writes. Migrations are forward-only: a store written by a
// newer Majlis is refused rather than guessed at.
inline constexpr int kSchemaVersion = 5;

// Sets the connection pragmas (WAL, synchronous=FULL, foreign keys) and migrates the schema
// from whatever PRAGMA user_version says up to kSchemaVersion, each step in one transaction.
// Refuses, before anything is written, a file that is another program's SQLite database or a
// store made by a newer Majlis.
Status checkStoreFile(Database &db);
Status prepareConnection(Database &db);
Status migrate(Database &db);

} // namespace majlis::store
