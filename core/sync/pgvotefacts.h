#pragma once

// Inside majlis_syncserver: the vote-facts projection (store/votefacts.h) in PostgreSQL, with the
// same columns and spelling as SQLite's vote_facts: written by the ingest beside each new vote,
// filled by the migration to schema 5, read by the leaderboard's fold.

#include <QSqlDatabase>

#include <functional>

#include "common/result.h"
#include "model/event.h"
#include "model/votefacts.h"

namespace majlis::sync::pg {

// The facts of `e` when it is a vote just stored (nothing for another kind), or why it cannot be
// counted.
Status insertVoteFacts(const QSqlDatabase &db, const Event &e);
// The facts of every vote stored before the projection existed (the migration to schema 5).
Status fillVoteFacts(const QSqlDatabase &db);

Status forEachStoredVote(const QSqlDatabase &db, const std::function<void(const StoredVoteView &)> &visit,
                         const QString &packId);
Status forEachSupersededId(const QSqlDatabase &db, const std::function<void(const QString &)> &visit,
                           const QString &packId);
Status forEachEventOfKind(const QSqlDatabase &db, const QString &kind, const std::function<void(const Event &)> &visit,
                          const QString &packId);

}  // namespace majlis::sync::pg
