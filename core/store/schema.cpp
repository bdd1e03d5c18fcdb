#include "store/schema.h"

#include "pack/packparse.h"
#include "store/bodycodec.h"
#include "store/sqlite.h"
#include "store/votefacts.h"

#include <QHash>

#include <array>
#include <vector>

namespace majlis::store {

namespace {

// Index i migrates from user_version i to i + 1. Never edit a shipped step; append a new one.
constexpr std::array<const char *, kSchemaVersion> kMigrations = {
    R"sql(
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE packs (
        id             TEXT PRIMARY KEY,
        title          TEXT NOT NULL,
        header         TEXT NOT NULL,          -- the header line as imported (JSON)
        content_sha256 TEXT NOT NULL,          -- of header and item lines, for idempotent import
        item_count     INTEGER NOT NULL,
        pairs_per_item INTEGER NOT NULL,       -- 0 = all pairs
        source_path    TEXT,
        imported_utc   TEXT NOT NULL
    ) WITHOUT ROWID;

    -- A rowid table: item bodies are kilobytes, too large for a WITHOUT ROWID b-tree. Bodies
    -- are compressed: Arabic JSON shrinks about threefold, and a large import is bound by
    -- the bytes SQLite writes and checkpoints.
    CREATE TABLE items (
        pack_id TEXT NOT NULL REFERENCES packs(id),
        id      TEXT NOT NULL,
        line    INTEGER NOT NULL,
        body    BLOB NOT NULL,                 -- the item line as imported, compressed: a zstd
                                               -- frame, or qCompress in older stores
        UNIQUE (pack_id, id)
    );

    -- Pairs of candidates to judge. One b-tree keyed by (pack, id): no foreign key to items,
    -- since the importer writes both in one transaction from the same validated line.
    CREATE TABLE comparisons (
        pack_id     TEXT NOT NULL,
        id          TEXT NOT NULL,             -- "<item>/<a>-<b>", stable across workstations
        item_id     TEXT NOT NULL,
        candidate_a INTEGER NOT NULL,
        candidate_b INTEGER NOT NULL,
        PRIMARY KEY (pack_id, id)
    ) WITHOUT ROWID;

    CREATE TABLE annotators (
        name           TEXT PRIMARY KEY,
        placement_seed INTEGER NOT NULL,
        created_utc    TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Append-only. No UPDATE or DELETE ever touches this table (triggers below enforce it).
    CREATE TABLE events (
        id            TEXT PRIMARY KEY,
        workstation   TEXT NOT NULL,
        seq           INTEGER NOT NULL CHECK (seq >= 1),
        kind          TEXT NOT NULL,
        pack_id       TEXT NOT NULL,
        item_id       TEXT NOT NULL,
        comparison_id TEXT,
        annotator     TEXT NOT NULL,
        created_utc   TEXT NOT NULL,
        supersedes    TEXT,
        payload       TEXT NOT NULL,
        UNIQUE (workstation, seq)
    );
    CREATE INDEX events_by_annotator ON events (pack_id, annotator);
    CREATE INDEX events_by_supersedes ON events (supersedes) WHERE supersedes IS NOT NULL;
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
    )sql",
    // 2: bundles and sync (issue 4). The same tables exist on the server, SQLite or PostgreSQL
    // (core/sync/pgstorage.cpp keeps the PostgreSQL spelling of this step).
    R"sql(
    -- Ed25519 public keys trusted to sign a workstation's bundles. One key per workstation.
    CREATE TABLE workstation_keys (
        workstation    TEXT PRIMARY KEY,
        public_key     TEXT NOT NULL,          -- base64 of the 32 raw bytes
        registered_by  TEXT NOT NULL,          -- 'self', 'first_use', 'manual' or a coordinator's name
        registered_utc TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Every bundle imported, so the same bundle twice is recognised and changes nothing.
    CREATE TABLE bundle_imports (
        bundle_id     TEXT PRIMARY KEY,
        sha256        TEXT NOT NULL,           -- hex digest of the signed body
        workstation   TEXT NOT NULL,
        seq_first     INTEGER NOT NULL,
        seq_last      INTEGER NOT NULL,
        event_count   INTEGER NOT NULL,
        accepted      INTEGER NOT NULL,
        already_known INTEGER NOT NULL,
        imported_utc  TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Bundles this workstation wrote, for `bundle export --since-last`.
    CREATE TABLE bundle_exports (
        bundle_id    TEXT PRIMARY KEY,
        seq_first    INTEGER NOT NULL,
        seq_last     INTEGER NOT NULL,
        event_count  INTEGER NOT NULL,
        path         TEXT NOT NULL,
        exported_utc TEXT NOT NULL
    ) WITHOUT ROWID;

    -- A lower bound of each workstation's contiguous seq prefix (every seq 1..contiguous_seq is
    -- stored). Only a hint that saves rescanning: events are immutable, so the true prefix never
    -- shrinks and ingest advances it from here.
    CREATE TABLE workstation_seq (
        workstation    TEXT PRIMARY KEY,
        contiguous_seq INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- The outbox: what a server acknowledged of this workstation's events. Pending = own events
    -- with seq above acked_seq.
    CREATE TABLE sync_acks (
        server      TEXT PRIMARY KEY,          -- the server URL as configured
        acked_seq   INTEGER NOT NULL,
        updated_utc TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Server side: bearer tokens, stored as a hash (BLAKE2b-256 hex of the token).
    CREATE TABLE api_tokens (
        token_hash  TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('annotator', 'reviewer', 'coordinator')),
        created_utc TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Server side: task packs published to annotators, kept as the JSON Lines file they came in.
    CREATE TABLE published_packs (
        id             TEXT PRIMARY KEY,
        title          TEXT NOT NULL,
        item_count     INTEGER NOT NULL,
        content_sha256 TEXT NOT NULL,
        body           BLOB NOT NULL,
        published_by   TEXT NOT NULL,
        published_utc  TEXT NOT NULL
    ) WITHOUT ROWID;
    )sql",
    // 3: the pairs to judge are kept on their item ("0-1 0-2 1-2": candidate indices), not as a
    // b-tree row per pair: a 100k-item pack made 600k rows, a third of the import's work, for a
    // list that is only ever read whole per pack. Comparison ids stay "<item>/<a>-<b>".
    R"sql(
    ALTER TABLE items ADD COLUMN pairs TEXT NOT NULL DEFAULT '';
    UPDATE items SET pairs = COALESCE((SELECT group_concat(c.candidate_a || '-' || c.candidate_b, ' ')
                                       FROM comparisons c WHERE c.pack_id = items.pack_id AND c.item_id = items.id), '');
    ALTER TABLE packs ADD COLUMN comparison_count INTEGER NOT NULL DEFAULT 0;
    UPDATE packs SET comparison_count = (SELECT COUNT(*) FROM comparisons c WHERE c.pack_id = packs.id);
    DROP TABLE comparisons;
    )sql",
    // 4: workstation identity (issue 9). A workstation is bound to its key *and* its owner; keys
    // are bound by enrollment codes or coordinators (or first use, where a server allows it), and
    // every change of a binding is audited. core/sync/pgstorage.cpp keeps the PostgreSQL spelling.
    R"sql(
    ALTER TABLE workstation_keys ADD COLUMN owner TEXT;
    CREATE TABLE enrollment_codes (
        code_hash   TEXT PRIMARY KEY,            -- SHA-256 hex of the code; the code itself is never stored
        owner       TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        expires_utc TEXT NOT NULL,
        used_by     TEXT,                        -- the workstation that used it
        used_utc    TEXT
    ) WITHOUT ROWID;
    CREATE TABLE workstation_audit (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        at_utc       TEXT NOT NULL,
        workstation  TEXT NOT NULL,
        action       TEXT NOT NULL,              -- bind, replace, revoke
        actor        TEXT NOT NULL,
        owner        TEXT,
        public_key   TEXT,
        previous_key TEXT
    );
    )sql",
    // 5: the analyses and the voting session read a pack's events in cast order (created_utc,
    // workstation, seq). Without an index SQLite sorted every row, payload and all, in a temporary
    // b-tree: 1,000,000 votes took seconds before the first one was read.
    R"sql(
    CREATE INDEX events_in_cast_order ON events (pack_id, created_utc, workstation, seq);
    )sql",
    // 6: a voting session starts by listing every comparison of the pack (every item's pairs).
    // Through the unique index on (pack_id, id) each of 100,000 items cost a lookup in the table,
    // where the compressed bodies are; this index holds all the list needs.
    // The fold's first question, which of the annotator's events supersede others, is answered
    // from events_superseding alone instead of a lookup in the table for every event. The
    // server lists its published packs (every leaderboard request does) from an index: the
    // columns after the pack file's bytes were read through its whole overflow chain.
    // An item's dialect and category are columns too (NULL in rows imported before): the
    // analyses slice every vote by them, and reading them from 100,000 compressed bodies cost
    // seconds on every refresh of the leaderboard.
    R"sql(
    ALTER TABLE items ADD COLUMN dialect TEXT;
    ALTER TABLE items ADD COLUMN category TEXT;
    CREATE INDEX items_pairs ON items (pack_id, id, pairs);
    CREATE INDEX events_superseding ON events (pack_id, annotator, supersedes) WHERE supersedes IS NOT NULL;
    CREATE INDEX published_packs_listed
        ON published_packs (id, title, item_count, content_sha256, published_by, published_utc);
    )sql",
    // 7: the vote-facts projection (store/votefacts.h). A leaderboard over a million votes spent
    // most of its time parsing a million JSON payloads; the facts it reads are written here
    // beside each vote when it is stored, and a pack's votes are a range of the primary key, in
    // cast order. Derived, so never edited: a later definition is a migration that rebuilds it.
    // The failure marks, a few among many votes, are found through events_of_kind.
    R"sql(
    CREATE TABLE vote_facts (
        pack_id       TEXT NOT NULL,
        created_utc   TEXT NOT NULL,
        workstation   TEXT NOT NULL,
        seq           INTEGER NOT NULL,
        event_id      TEXT NOT NULL REFERENCES events(id),
        item_id       TEXT NOT NULL,
        comparison_id TEXT,
        annotator     TEXT NOT NULL,
        candidate_a   INTEGER,
        model_a       TEXT,
        candidate_b   INTEGER,
        model_b       TEXT,
        shown_first   TEXT,                      -- a | b, NULL when the payload did not say
        first_side    TEXT,                      -- left | right, NULL likewise
        outcome       TEXT,                      -- a | b | tie | both_bad
        selection     TEXT,                      -- scheduled_random | picked_by_hand | imported
        masked_a      INTEGER,                   -- names masked in a's answer; NULL: not recorded
        masked_b      INTEGER,
        unreadable    TEXT,                      -- why the vote cannot be counted; NULL when it can
        CHECK ((unreadable IS NULL) = (outcome IS NOT NULL)),
        PRIMARY KEY (pack_id, created_utc, workstation, seq)
    ) WITHOUT ROWID;
    CREATE TRIGGER vote_facts_no_update BEFORE UPDATE ON vote_facts
        BEGIN SELECT RAISE(ABORT, 'vote facts are derived from immutable events'); END;
    CREATE TRIGGER vote_facts_no_delete BEFORE DELETE ON vote_facts
        BEGIN SELECT RAISE(ABORT, 'vote facts are derived from immutable events'); END;
    CREATE INDEX events_of_kind ON events (kind, pack_id, created_utc, workstation, seq);
    )sql",
    // 8: the fold lists a pack's items with their dialect and category on every refresh of a
    // leaderboard. In the table those columns come after the compressed body, and reaching them
    // walked the body's overflow pages; this index holds all the list reads.
    R"sql(
    CREATE INDEX items_facts ON items (pack_id, id, dialect, category);
    )sql",
};

// The part of step 6 that SQL cannot do: the dialect and category of the items already stored,
// read from their zstd bodies. One pass, then the updates (no row changes under the reading
// statement). A body that does not read keeps NULL, and the facts are read from it on demand.
Status fillItemFacts(Database &db)
{
    QHash<QString, PackHeader> headers;
    Statement packs(db, "SELECT id, header FROM packs");
    if (Status s = forEachRow(packs, [&](const Statement &row) {
            if (auto header = pack::parseHeader(row.columnBytes(1), QStringLiteral("stored pack %1").arg(row.columnText(0))))
                headers.insert(row.columnText(0), std::move(*header));
        });
        !s)
        return s;
    struct Facts
    {
        qint64 rowid;
        QString dialect, category;
    };
    std::vector<Facts> facts;
    Statement items(db, "SELECT rowid, pack_id, line, body, id FROM items WHERE dialect IS NULL OR category IS NULL");
    if (Status s = forEachRow(items, [&](const Statement &row) {
            const auto header = headers.constFind(row.columnText(1));
            if (header == headers.cend())
                return;
            if (auto item = decodeStoredItem(row.columnBlob(3), *header, row.columnText(4), row.columnInt(2)))
                facts.push_back({row.columnInt(0), item->dialect, item->category});
        });
        !s)
        return s;
    Statement update(db, "UPDATE items SET dialect = ?1, category = ?2 WHERE rowid = ?3");
    for (const Facts &f : facts)
        if (Status s = update.bind(1, f.dialect).bind(2, f.category).bind(3, f.rowid).run(); !s)
            return s;
    return {};
}

} // namespace

Status checkStoreFile(Database &db)
{
    auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return Error::validation(QStringLiteral("not a Majlis store (it does not read as an SQLite database: %1)")
                                     .arg(version.error().message));
    if (*version == 0) {
        // A new store is an empty file. A file with tables of its own is somebody else's
        // database: adding Majlis tables to it would change a file that is not ours.
        auto tables = db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'");
        if (!tables)
            return Error::validation(QStringLiteral("not a Majlis store (it does not read as an SQLite database: %1)")
                                         .arg(tables.error().message));
        if (*tables > 0)
            return Error::validation(QStringLiteral("not a Majlis store: the SQLite file already holds %1 tables of "
                                                    "another program, and Majlis changes nothing in it")
                                         .arg(*tables));
    }

    if (*version > kSchemaVersion)
        return Error::conflict(QStringLiteral("the store was made by a newer Majlis (schema %1); this one reads up to %2; "
                                              "open it with a newer Majlis")
                                   .arg(*version)
                                   .arg(kSchemaVersion));
    return {};
}

Status prepareConnection(Database &db)
{
    if (Status s = checkStoreFile(db); !s)
        return s;
    auto mode = db.queryText("PRAGMA journal_mode=WAL");
    if (!mode)
        return mode.error();
    if (mode->compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Error::sql(QStringLiteral("cannot switch the store to WAL mode (journal_mode is %1)").arg(*mode));
    // SQLite's default page cache (2 MiB); the imports take a large one for their transaction
    // (sqlite.h LargeCacheScope).
    for (const char *pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"})
        if (Status s = db.exec(pragma); !s)
            return s;
    return {};
}

Status migrate(Database &db)
{
    auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    if (*version > kSchemaVersion)
        return Error::conflict(QStringLiteral("the store was made by a newer Majlis (schema %1); this one reads up to %2; "
                                              "open it with a newer Majlis")
                                   .arg(*version)
                                   .arg(kSchemaVersion));
    for (auto v = *version; v < kSchemaVersion; ++v) {
        Transaction tx(db);
        if (!tx.begun())
            return tx.begun().error();
        if (Status s = db.exec(kMigrations[size_t(v)]); !s)
            return Error::sql(QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(s.error().message));
        if (v + 1 == 6)
            if (Status s = fillItemFacts(db); !s)
                return Error::sql(QStringLiteral("migration to schema 6 failed: %1").arg(s.error().message));
        if (v + 1 == 7)
            if (Status s = fillVoteFacts(db); !s)
                return Error::sql(QStringLiteral("migration to schema 7 failed: %1").arg(s.error().message));
        const QByteArray bump = "PRAGMA user_version=" + QByteArray::number(v + 1);
        if (Status s = db.exec(bump.constData()); !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
    }
    return {};
}

} // namespace majlis::store
