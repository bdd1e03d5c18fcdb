#include "sync/pgstorage.h"

#include "sync/pgquery.h"
#include "sync/pgvotefacts.h"

#include <QStringList>

// PgStorage::migrate: the PostgreSQL schema and its migrations.
namespace majlis::sync {

using pg::PgTransaction;
using pg::Query;

namespace {

// The PostgreSQL spelling of store/schema.cpp, migrations 1 and 2: the same tables and columns.
constexpr const char *kSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE packs (id TEXT PRIMARY KEY, title TEXT NOT NULL, header TEXT NOT NULL, content_sha256 TEXT NOT NULL,
    item_count BIGINT NOT NULL, pairs_per_item BIGINT NOT NULL, source_path TEXT, imported_utc TEXT NOT NULL);
CREATE TABLE items (pack_id TEXT NOT NULL REFERENCES packs(id), id TEXT NOT NULL, line BIGINT NOT NULL,
    body TEXT NOT NULL, PRIMARY KEY (pack_id, id));
CREATE TABLE comparisons (ordinal BIGSERIAL PRIMARY KEY, pack_id TEXT NOT NULL, id TEXT NOT NULL,
    item_id TEXT NOT NULL, candidate_a BIGINT NOT NULL, candidate_b BIGINT NOT NULL, UNIQUE (pack_id, id),
    FOREIGN KEY (pack_id, item_id) REFERENCES items(pack_id, id));
CREATE TABLE annotators (name TEXT PRIMARY KEY, placement_seed BIGINT NOT NULL, created_utc TEXT NOT NULL);
CREATE TABLE events (
    id TEXT PRIMARY KEY, workstation TEXT NOT NULL, seq BIGINT NOT NULL CHECK (seq >= 1), kind TEXT NOT NULL,
    pack_id TEXT NOT NULL, item_id TEXT NOT NULL, comparison_id TEXT, annotator TEXT NOT NULL,
    created_utc TEXT NOT NULL, supersedes TEXT, payload TEXT NOT NULL, UNIQUE (workstation, seq));
CREATE INDEX events_by_annotator ON events (pack_id, annotator);
CREATE INDEX events_by_supersedes ON events (supersedes) WHERE supersedes IS NOT NULL;
CREATE FUNCTION majlis_events_immutable() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'events are immutable'; END $$;
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION majlis_events_immutable();
CREATE TABLE workstation_keys (workstation TEXT PRIMARY KEY, public_key TEXT NOT NULL, registered_by TEXT NOT NULL,
    registered_utc TEXT NOT NULL);
CREATE TABLE bundle_imports (bundle_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, workstation TEXT NOT NULL,
    seq_first BIGINT NOT NULL, seq_last BIGINT NOT NULL, event_count BIGINT NOT NULL, accepted BIGINT NOT NULL,
    already_known BIGINT NOT NULL, imported_utc TEXT NOT NULL);
CREATE TABLE bundle_exports (bundle_id TEXT PRIMARY KEY, seq_first BIGINT NOT NULL, seq_last BIGINT NOT NULL,
    event_count BIGINT NOT NULL, path TEXT NOT NULL, exported_utc TEXT NOT NULL);
CREATE TABLE workstation_seq (workstation TEXT PRIMARY KEY, contiguous_seq BIGINT NOT NULL);
CREATE TABLE sync_acks (server TEXT PRIMARY KEY, acked_seq BIGINT NOT NULL, updated_utc TEXT NOT NULL);
CREATE TABLE api_tokens (token_hash TEXT PRIMARY KEY, name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('annotator', 'reviewer', 'coordinator')), created_utc TEXT NOT NULL);
CREATE TABLE published_packs (id TEXT PRIMARY KEY, title TEXT NOT NULL, item_count BIGINT NOT NULL,
    content_sha256 TEXT NOT NULL, body BYTEA NOT NULL, published_by TEXT NOT NULL, published_utc TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('schema_version', '2');
)sql";

// 3: workstation identity (store/schema.cpp, migration 4).
constexpr const char *kMigration3 = R"sql(
ALTER TABLE workstation_keys ADD COLUMN owner TEXT;
CREATE TABLE enrollment_codes (code_hash TEXT PRIMARY KEY, owner TEXT NOT NULL, created_by TEXT NOT NULL,
    created_utc TEXT NOT NULL, expires_utc TEXT NOT NULL, used_by TEXT, used_utc TEXT);
CREATE TABLE workstation_audit (id BIGSERIAL PRIMARY KEY, at_utc TEXT NOT NULL, workstation TEXT NOT NULL,
    action TEXT NOT NULL, actor TEXT NOT NULL, owner TEXT, public_key TEXT, previous_key TEXT);
UPDATE meta SET value = '3' WHERE key = 'schema_version';
)sql";

// 4: a pack's events in cast order through an index (store/schema.cpp, migration 5).
constexpr const char *kMigration4 = R"sql(
CREATE INDEX events_in_cast_order ON events (pack_id, created_utc, workstation, seq);
UPDATE meta SET value = '4' WHERE key = 'schema_version';
)sql";

// 5: the vote-facts projection (store/schema.cpp, migration 7; store/votefacts.h), filled from
// the votes already stored by fillVoteFacts.
constexpr const char *kMigration5 = R"sql(
CREATE TABLE vote_facts (pack_id TEXT NOT NULL, created_utc TEXT NOT NULL, workstation TEXT NOT NULL,
    seq BIGINT NOT NULL, event_id TEXT NOT NULL REFERENCES events(id), item_id TEXT NOT NULL, comparison_id TEXT,
    annotator TEXT NOT NULL, candidate_a BIGINT, model_a TEXT, candidate_b BIGINT, model_b TEXT, shown_first TEXT,
    first_side TEXT, outcome TEXT, selection TEXT, masked_a BIGINT, masked_b BIGINT, unreadable TEXT,
    CHECK ((unreadable IS NULL) = (outcome IS NOT NULL)), PRIMARY KEY (pack_id, created_utc, workstation, seq));
CREATE FUNCTION majlis_vote_facts_immutable() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'vote facts are derived from immutable events'; END $$;
CREATE TRIGGER vote_facts_no_update BEFORE UPDATE OR DELETE ON vote_facts
    FOR EACH ROW EXECUTE FUNCTION majlis_vote_facts_immutable();
CREATE INDEX events_of_kind ON events (kind, pack_id, created_utc, workstation, seq);
UPDATE meta SET value = '5' WHERE key = 'schema_version';
)sql";

constexpr int kPgSchemaVersion = 5;

}  // namespace

Status PgStorage::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s;
    // Several servers may start at once against one database: one migrates, the others wait.
    if (Status s = Query(db, QStringLiteral("SELECT pg_advisory_xact_lock(7135101)")).exec(); !s)
        return s;
    Query exists(db, QStringLiteral("SELECT to_regclass('meta') IS NOT NULL"));
    if (Status s = exists.exec(); !s || !exists.next())
        return s ? Error::sql(QStringLiteral("PostgreSQL: cannot inspect the schema")) : s;
    auto run = [&](const char *script, const char *what) -> Status {
        // QPSQL sends one statement per exec; split the script at the statement ends.
        const QStringList statements = QString::fromLatin1(script).split(QStringLiteral(";\n"), Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (statement.trimmed().isEmpty())
                continue;
            QSqlQuery q(db);
            if (!q.exec(statement))
                return Error::sql(QStringLiteral("PostgreSQL: %1 failed: %2 (in: %3)")
                                      .arg(QLatin1String(what), q.lastError().text(), statement.simplified()));
        }
        return {};
    };
    int v = 0;
    if (exists.value(0).toBool()) {
        Query version(db, QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"));
        if (Status s = version.exec(); !s)
            return s;
        v = version.next() ? version.value(0).toInt() : 0;
        if (v > kPgSchemaVersion)
            return Error::conflict(QStringLiteral("the database was made by a newer Majlis (schema %1); this one reads "
                                                  "up to %2")
                                       .arg(v)
                                       .arg(kPgSchemaVersion));
        if (v < 2)
            return Error::conflict(QStringLiteral("the database has schema version %1 and no migration from it "
                                                  "exists")
                                       .arg(v));
    } else {
        if (Status s = run(kSchema, "creating the schema"); !s)
            return s;
        v = 2;
    }
    if (v < 3) {
        if (Status s = run(kMigration3, "migration to schema 3"); !s)
            return s;
    }
    if (v < 4) {
        if (Status s = run(kMigration4, "migration to schema 4"); !s)
            return s;
    }
    if (v < 5) {
        if (Status s = run(kMigration5, "migration to schema 5"); !s)
            return s;
        if (Status s = pg::fillVoteFacts(db); !s)
            return Error::sql(QStringLiteral("PostgreSQL: migration to schema 5 failed: %1").arg(s.error().message));
    }
    return tx.commit();
}

}  // namespace majlis::sync
