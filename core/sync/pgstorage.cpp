#include "sync/pgstorage.h"

#include "common/json.h"
#include "common/logging.h"
#include "common/uuid.h"
#include "store/eventstore.h"
#include "sync/pgworkstations.h"
#include "sync/pgquery.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

#include <functional>

namespace majlis::sync {

using pg::nullable;
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

constexpr int kPgSchemaVersion = 3;

// The events table's columns, in the order eventFromQuery reads them.
constexpr const char *kEventColumns =
    "id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, created_utc, supersedes, payload";

Result<Event> eventFromQuery(const Query &q)
{
    Event e;
    e.id = q.value(0).toString();
    e.workstation = q.value(1).toString();
    e.seq = q.value(2).toLongLong();
    e.kind = q.value(3).toString();
    e.packId = q.value(4).toString();
    e.itemId = q.value(5).toString();
    e.comparisonId = q.value(6).toString();
    e.annotator = q.value(7).toString();
    e.createdUtc = q.value(8).toString();
    e.supersedes = q.value(9).toString();
    const QByteArray payload = q.value(10).toString().toUtf8();
    e.payload = nlohmann::json::parse(payload.cbegin(), payload.cend(), nullptr, false);
    if (e.payload.is_discarded())
        return Error::parse(QStringLiteral("stored event %1 has a payload that is not JSON").arg(e.id));
    return e;
}

Result<Event> eventById(const QSqlDatabase &db, const QString &id, bool *found)
{
    Query q(db, QStringLiteral("SELECT %1 FROM events WHERE id = ?").arg(QLatin1String(kEventColumns)));
    if (Status s = q.bind(id).exec(); !s)
        return s.error();
    *found = q.next();
    if (!*found)
        return Event{};
    return eventFromQuery(q);
}

// The same decisions as store::EventIngest, in PostgreSQL.
class PgIngest
{
public:
    explicit PgIngest(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<store::IngestOutcome> add(const Event &e)
    {
        store::IngestOutcome outcome{e.id, e.seq, store::IngestStatus::Accepted, {}};
        auto decide = [&](store::IngestStatus status, QString reason = {}) {
            outcome.status = status;
            outcome.reason = std::move(reason);
            switch (status) {
            case store::IngestStatus::Accepted: ++m_report.accepted; break;
            case store::IngestStatus::AlreadyKnown: ++m_report.alreadyKnown; break;
            case store::IngestStatus::Rejected: ++m_report.rejected; break;
            }
            m_report.outcomes.append(outcome);
            return outcome;
        };
        if (QString problem = eventProblem(e); !problem.isEmpty())
            return decide(store::IngestStatus::Rejected, problem);
        if (!m_report.workstations.contains(e.workstation))
            m_report.workstations.insert(e.workstation, {});
        Query ins(m_db, QStringLiteral("INSERT INTO events (id, workstation, seq, kind, pack_id, item_id, "
                                       "comparison_id, annotator, created_utc, supersedes, payload) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
        ins.bind(e.id).bind(e.workstation).bind(e.seq).bind(e.kind).bind(e.packId).bind(e.itemId);
        ins.bind(nullable(e.comparisonId)).bind(e.annotator).bind(e.createdUtc).bind(nullable(e.supersedes));
        ins.bind(QString::fromStdString(e.payload.dump()));
        if (Status s = ins.exec(); !s)
            return s.error();
        if (ins.rowsAffected() == 1)
            return decide(store::IngestStatus::Accepted);

        bool found = false;
        auto stored = eventById(m_db, e.id, &found);
        if (!stored)
            return stored.error();
        if (found) {
            const QString difference = store::describeDifference(*stored, e);
            return difference.isEmpty() ? decide(store::IngestStatus::AlreadyKnown)
                                        : decide(store::IngestStatus::Rejected, difference);
        }
        Query bySeq(m_db, QStringLiteral("SELECT id FROM events WHERE workstation = ? AND seq = ?"));
        if (Status s = bySeq.bind(e.workstation).bind(e.seq).exec(); !s)
            return s.error();
        if (!bySeq.next())
            return Error::sql(QStringLiteral("event %1 was neither stored nor found after INSERT ... ON CONFLICT DO "
                                             "NOTHING").arg(e.id));
        return decide(store::IngestStatus::Rejected,
                      QStringLiteral("event %1: seq %2 of workstation %3 is already taken by event %4; a workstation "
                                     "never reuses a seq")
                          .arg(e.id)
                          .arg(e.seq)
                          .arg(e.workstation, bySeq.value(0).toString()));
    }

    Result<store::IngestReport> finish()
    {
        for (auto it = m_report.workstations.begin(); it != m_report.workstations.end(); ++it) {
            auto p = progress(it.key());
            if (!p)
                return p.error();
            *it = *p;
        }
        return m_report;
    }

private:
    // store/ingest.cpp's walk from the workstation_seq hint.
    Result<store::WorkstationProgress> progress(const QString &workstation)
    {
        store::WorkstationProgress p;
        p.workstation = workstation;
        Query hint(m_db, QStringLiteral("SELECT contiguous_seq FROM workstation_seq WHERE workstation = ?"));
        if (Status s = hint.bind(workstation).exec(); !s)
            return s.error();
        if (hint.next())
            p.acknowledgedSeq = hint.value(0).toLongLong();
        const qint64 hinted = p.acknowledgedSeq;
        Query walk(m_db, QStringLiteral("SELECT seq FROM events WHERE workstation = ? AND seq > ? ORDER BY seq"));
        if (Status s = walk.bind(workstation).bind(p.acknowledgedSeq).exec(); !s)
            return s.error();
        bool inPrefix = true;
        qint64 previous = p.acknowledgedSeq;
        while (walk.next()) {
            const qint64 seq = walk.value(0).toLongLong();
            if (inPrefix && seq == p.acknowledgedSeq + 1) {
                p.acknowledgedSeq = seq;
            } else {
                inPrefix = false;
                if (seq > previous + 1) {
                    p.missingCount += seq - previous - 1;
                    if (p.gaps.size() < store::WorkstationProgress::MaxListedGaps)
                        p.gaps.append({previous + 1, seq - 1});
                }
            }
            previous = seq;
        }
        p.maxSeq = previous;
        if (p.acknowledgedSeq > hinted) {
            Query save(m_db, QStringLiteral("INSERT INTO workstation_seq (workstation, contiguous_seq) VALUES (?, ?) "
                                            "ON CONFLICT (workstation) DO UPDATE SET contiguous_seq = "
                                            "GREATEST(workstation_seq.contiguous_seq, excluded.contiguous_seq)"));
            if (Status s = save.bind(workstation).bind(p.acknowledgedSeq).exec(); !s)
                return s.error();
        }
        return p;
    }

    QSqlDatabase m_db;
    store::IngestReport m_report;
};

} // namespace

PgStorage::PgStorage(QString connectionName) : m_connection(std::move(connectionName)) {}

PgStorage::~PgStorage()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<PgStorage>> PgStorage::open(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || (u.scheme() != QLatin1String("postgresql") && u.scheme() != QLatin1String("postgres"))
        || u.host().isEmpty() || u.path().size() < 2)
        return Error::validation(QStringLiteral("not a PostgreSQL URL: %1 (expected postgresql://user@host:port/dbname)")
                                     .arg(url));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error::internal(QStringLiteral("Qt's PostgreSQL driver QPSQL is not installed (Debian: libqt6sql6-psql)"));
    const QString name = QStringLiteral("majlis-pg-") + makeUuidV7();
    std::unique_ptr<PgStorage> storage(new PgStorage(name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(u.host());
    db.setPort(u.port(5432));
    db.setDatabaseName(u.path().mid(1));
    db.setUserName(u.userName());
    db.setPassword(u.password());
    if (!db.open())
        return Error::sql(QStringLiteral("cannot connect to %1: %2")
                              .arg(u.toString(QUrl::RemovePassword), db.lastError().text()));
    if (Status s = storage->migrate(); !s)
        return s.error();
    return storage;
}

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
                                                  "exists").arg(v));
    } else {
        if (Status s = run(kSchema, "creating the schema"); !s)
            return s;
        v = 2;
    }
    if (v < 3) {
        if (Status s = run(kMigration3, "migration to schema 3"); !s)
            return s;
    }
    return tx.commit();
}

Result<store::IngestReport> PgStorage::ingestEvents(const QList<Event> &events)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s.error();
    PgIngest ingest(db);
    for (const Event &e : events)
        if (auto outcome = ingest.add(e); !outcome)
            return outcome.error();
    auto report = ingest.finish();
    if (!report)
        return report.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<std::optional<QByteArray>> PgStorage::workstationKey(const QString &workstation)
{
    Query q(QSqlDatabase::database(m_connection),
            QStringLiteral("SELECT public_key FROM workstation_keys WHERE workstation = ?"));
    if (Status s = q.bind(workstation).exec(); !s)
        return s.error();
    if (!q.next())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(QByteArray::fromBase64(q.value(0).toString().toLatin1()));
}

Result<store::BundleImportReport> PgStorage::importBundle(bundle::VerifiedBundle &bundle, const QString &registeredBy)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    store::BundleImportReport report;
    report.summary = bundle.summary();
    const bundle::BundleHeader &header = report.summary.header;
    const QString digest = QString::fromLatin1(report.summary.sha256.toHex());

    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s.error();
    Query seen(db, QStringLiteral("SELECT sha256, imported_utc FROM bundle_imports WHERE bundle_id = ?"));
    if (Status s = seen.bind(header.bundleId).exec(); !s)
        return s.error();
    if (seen.next()) {
        if (seen.value(0).toString() != digest)
            return Error::conflict(QStringLiteral("%1: a different bundle with the id %2 was imported on %3; "
                                                  "nothing imported")
                                       .arg(report.summary.source, header.bundleId, seen.value(1).toString()));
        report.alreadyImported = true;
        return report;
    }
    if (report.summary.keyTrust == bundle::KeyTrust::FirstUse) {
        Query reg(db, QStringLiteral("INSERT INTO workstation_keys (workstation, public_key, registered_by, "
                                     "registered_utc) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
        reg.bind(header.workstation).bind(QString::fromLatin1(header.publicKey.toBase64())).bind(registeredBy);
        if (Status s = reg.bind(store::utcNow()).exec(); !s)
            return s.error();
        if (reg.rowsAffected() != 1) {
            // Bound meanwhile (the API binds a workstation before it imports its first bundle):
            // fine when it is this very key.
            auto bound = pg::findWorkstation(db, header.workstation);
            if (!bound)
                return bound.error();
            if (!*bound || (*bound)->publicKey != header.publicKey)
                return Error::conflict(QStringLiteral("workstation %1 registered a key while this bundle was checked; "
                                                      "send it again").arg(header.workstation));
        }
        report.keyRegistered = true;
    }
    PgIngest ingest(db);
    std::optional<Error> failure;
    Status delivered = bundle.forEachEvent([&](const Event &e) -> Status {
        auto outcome = ingest.add(e);
        if (!outcome)
            failure = outcome.error();
        else if (outcome->status == store::IngestStatus::Rejected)
            failure = Error::conflict(QStringLiteral("%1: seq %2: %3; nothing imported")
                                          .arg(report.summary.source)
                                          .arg(e.seq)
                                          .arg(outcome->reason));
        return failure ? Status(*failure) : Status();
    });
    if (failure)
        return *failure;
    if (!delivered)
        return Error{delivered.error().code, delivered.error().message + QStringLiteral("; nothing imported")};
    auto ingested = ingest.finish();
    if (!ingested)
        return ingested.error();
    report.ingest = std::move(*ingested);
    Query record(db, QStringLiteral("INSERT INTO bundle_imports (bundle_id, sha256, workstation, seq_first, seq_last, "
                                    "event_count, accepted, already_known, imported_utc) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    record.bind(header.bundleId).bind(digest).bind(header.workstation).bind(header.seqFirst).bind(header.seqLast);
    record.bind(header.eventCount).bind(report.ingest.accepted).bind(report.ingest.alreadyKnown).bind(store::utcNow());
    if (Status s = record.exec(); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<qint64> PgStorage::eventCount()
{
    Query q(QSqlDatabase::database(m_connection), QStringLiteral("SELECT COUNT(*) FROM events"));
    if (Status s = q.exec(); !s)
        return s.error();
    return q.next() ? q.value(0).toLongLong() : 0;
}

Status PgStorage::forEachEvent(const std::function<void(const Event &)> &visit, const QString &packId)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    // Not forward-only: Qt 6's QPSQL then uses libpq's single-row mode, and the visitor may run
    // queries of its own on this connection (the leaderboard reads published packs), which would
    // end the iteration early. The whole result is kept by libpq; rows become QVariants one by one.
    Query q(db, QStringLiteral("SELECT %1 FROM events WHERE (? = '' OR pack_id = ?) ORDER BY created_utc, workstation, seq")
                    .arg(QLatin1String(kEventColumns)));
    const QString pack = packId.isEmpty() ? QStringLiteral("") : packId; // '' and not NULL: "all packs"
    if (Status s = q.bind(pack).bind(pack).exec(); !s)
        return s;
    while (q.next()) {
        auto e = eventFromQuery(q);
        if (!e)
            return e.error();
        visit(*e);
    }
    if (q.failed()) // next() is false on an error too: a cut-off read must not pass for the whole
        return q.error();
    return {};
}

Status PgStorage::addToken(const QString &hash, const QString &name, Role role)
{
    Query q(QSqlDatabase::database(m_connection),
            QStringLiteral("INSERT INTO api_tokens (token_hash, name, role, created_utc) VALUES (?, ?, ?, ?)"));
    return q.bind(hash).bind(name).bind(toString(role)).bind(store::utcNow()).exec();
}

Result<std::optional<TokenOwner>> PgStorage::tokenOwner(const QString &hash)
{
    Query q(QSqlDatabase::database(m_connection), QStringLiteral("SELECT name, role FROM api_tokens WHERE token_hash = ?"));
    if (Status s = q.bind(hash).exec(); !s)
        return s.error();
    if (!q.next())
        return std::optional<TokenOwner>();
    auto role = roleFromString(q.value(1).toString());
    if (!role)
        return Error::internal(QStringLiteral("stored token has an unknown role"));
    return std::optional<TokenOwner>(TokenOwner{q.value(0).toString(), *role});
}

Result<QList<PublishedPack>> PgStorage::packs()
{
    Query q(QSqlDatabase::database(m_connection),
            QStringLiteral("SELECT id, title, item_count, content_sha256, published_by, published_utc "
                           "FROM published_packs ORDER BY id"));
    if (Status s = q.exec(); !s)
        return s.error();
    QList<PublishedPack> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toString(),
                    q.value(4).toString(), q.value(5).toString()});
    return out;
}

Result<std::optional<QByteArray>> PgStorage::packFile(const QString &id)
{
    Query q(QSqlDatabase::database(m_connection), QStringLiteral("SELECT body FROM published_packs WHERE id = ?"));
    if (Status s = q.bind(id).exec(); !s)
        return s.error();
    if (!q.next())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(q.value(0).toByteArray());
}

Result<bool> PgStorage::publishPack(const PublishedPack &pack, const QByteArray &file)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s.error();
    Query ins(db, QStringLiteral("INSERT INTO published_packs (id, title, item_count, content_sha256, body, "
                                 "published_by, published_utc) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    ins.bind(pack.id).bind(pack.title).bind(pack.itemCount).bind(pack.sha256).bind(file).bind(pack.publishedBy);
    if (Status s = ins.bind(pack.publishedUtc).exec(); !s)
        return s.error();
    if (ins.rowsAffected() == 1) {
        if (Status s = tx.commit(); !s)
            return s.error();
        return true;
    }
    Query seen(db, QStringLiteral("SELECT content_sha256 FROM published_packs WHERE id = ?"));
    if (Status s = seen.bind(pack.id).exec(); !s)
        return s.error();
    if (seen.next() && seen.value(0).toString() == pack.sha256)
        return false;
    return Error::conflict(QStringLiteral("a different pack with the id \"%1\" is already published; "
                                          "a changed pack needs a new id")
                               .arg(pack.id));
}

Result<std::optional<store::WorkstationBinding>> PgStorage::findWorkstation(const QString &workstation)
{
    return pg::findWorkstation(QSqlDatabase::database(m_connection), workstation);
}

Result<QList<store::WorkstationBinding>> PgStorage::workstations()
{
    return pg::listWorkstations(QSqlDatabase::database(m_connection));
}

Result<store::WorkstationBinding> PgStorage::bindWorkstation(const store::WorkstationBinding &binding, const QString &actor)
{
    return pg::bindWorkstation(QSqlDatabase::database(m_connection), binding, actor);
}

Status PgStorage::replaceWorkstation(const store::WorkstationBinding &binding, const QString &actor)
{
    return pg::replaceWorkstation(QSqlDatabase::database(m_connection), binding, actor);
}

Status PgStorage::revokeWorkstation(const QString &workstation, const QString &actor)
{
    return pg::revokeWorkstation(QSqlDatabase::database(m_connection), workstation, actor);
}

Result<QList<store::WorkstationAuditEntry>> PgStorage::workstationAudit()
{
    return pg::workstationAudit(QSqlDatabase::database(m_connection));
}

Status PgStorage::addEnrollmentCode(const QString &codeHash, const QString &owner, const QString &createdBy,
                              const QString &expiresUtc)
{
    return pg::addEnrollmentCode(QSqlDatabase::database(m_connection), codeHash, owner, createdBy, expiresUtc);
}

Result<std::optional<QString>> PgStorage::redeemEnrollmentCode(const QString &codeHash, const QString &workstation)
{
    return pg::redeemEnrollmentCode(QSqlDatabase::database(m_connection), codeHash, workstation);
}

} // namespace majlis::sync
