#pragma once

#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "model/event.h"
#include "model/votefacts.h"

namespace majlis::store {

class Database;
class Statement;

// The vote-facts projection of schema 7 (table vote_facts): for every stored vote, the event's
// identity and what the fold reads of its payload (model/votefacts.h), or why the payload cannot
// be counted. It is written in the transaction that stores the event, through this writer, by
// every path that stores events (EventStore::append, the ingest backend); the migration to schema
// 7 fills it for the events stored before. The fold reads it instead of a million JSON payloads.
class VoteFactsWriter
{
public:
    explicit VoteFactsWriter(Database &db);
    ~VoteFactsWriter();
    VoteFactsWriter(const VoteFactsWriter &) = delete;
    VoteFactsWriter &operator=(const VoteFactsWriter &) = delete;

    // The facts of `e` when it is a vote just stored; nothing for another kind.
    Status add(const Event &e);
    // A vote whose payload cannot even be parsed (a row damaged on disk, met by a migration).
    Status addUnreadable(const Event &e, const QString &why);

private:
    Status write(const Event &e, const StoredVote &v);
    std::unique_ptr<Statement> m_insert;
};

// The stored votes of a pack (every pack when packId is empty) in the order they were cast
// (created_utc, workstation, seq), from the projection alone; the views are the row's.
Status forEachStoredVote(Database &db, const std::function<void(const StoredVoteView &)> &visit,
                         const QString &packId = {});
// Every id named by the `supersedes` of an event of the pack (every pack when empty).
Status forEachSupersededId(Database &db, const std::function<void(const QString &)> &visit, const QString &packId = {});
// The events of one kind, of a pack (every pack when empty), in cast order, payloads parsed.
Status forEachEventOfKind(Database &db, const QString &kind, const std::function<void(const Event &)> &visit,
                          const QString &packId = {});

// The C++ part of the migration to schema 7: the facts of every vote stored before.
Status fillVoteFacts(Database &db);

// The projection's columns of one row, as another backend reads them too (PostgreSQL has the
// same columns): texts as stored (NULL: empty), numbers missing when NULL.
struct VoteFactsColumns
{
    std::string_view modelA, modelB, shownFirst, firstSide, outcome, selection;
    std::optional<qint64> candidateA, candidateB, maskedA, maskedB;
};
// The facts those columns spell, or why they do not read: a damaged row is counted as an
// unreadable vote, never guessed at ("vote_facts column outcome holds \"x\"").
Result<VoteFacts> voteFactsFromColumns(const VoteFactsColumns &c);
// The values the writer binds for `f`, in the projection's spelling (the payload's).
const char *columnText(VoteOutcome o);
const char *columnText(Letter l);
const char *columnText(Side s);
const char *columnText(Selection s);

} // namespace majlis::store
