#include "sync/sqlitestorage.h"

#include "store/eventrow.h"
#include "store/votefacts.h"
#include "store/eventstore.h"
#include "store/workstationregistry.h"
#include "store/schema.h"

namespace majlis::sync {

SqliteStorage::SqliteStorage(store::Database db, std::unique_ptr<QLockFile> lock)
    : m_db(std::move(db)), m_lock(std::move(lock))
{
}

SqliteStorage::~SqliteStorage() = default;

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::open(const QString &path)
{
    auto lock = std::make_unique<QLockFile>(path + QStringLiteral(".writer-lock"));
    lock->setStaleLockTime(0);  // a lock whose process is gone (kill -9) is stale at once
    if (!lock->tryLock(2000))
        return store::writerLockRefusal(*lock, path, QStringLiteral("database"));
    auto db = store::Database::open(path);
    if (!db)
        return db.error();
    if (Status s = store::prepareConnection(*db); !s)
        return Error{s.error().code, QStringLiteral("%1: %2").arg(path, s.error().message)};
    if (Status s = store::migrate(*db); !s)
        return Error{s.error().code, QStringLiteral("%1: %2").arg(path, s.error().message)};
    // A server has many clients waiting on it; WAL with FULL sync per transaction keeps each
    // acknowledged batch durable, and batches (not events) are the unit of commit.
    return std::unique_ptr<SqliteStorage>(new SqliteStorage(std::move(*db), std::move(lock)));
}

Result<store::IngestReport> SqliteStorage::ingestEvents(const QList<Event> &events)
{
    return store::ingestEvents(m_db, [&](const bundle::EventSink &sink) -> Status {
        for (const Event &e : events)
            if (Status s = sink(e); !s)
                return s;
        return {};
    });
}

Result<QList<store::IngestReport>> SqliteStorage::ingestEventBatches(const QList<QList<Event>> &batches)
{
    return store::ingestEventBatches(m_db, batches);
}

Result<store::BundleImportReport> SqliteStorage::importBundle(bundle::VerifiedBundle &bundle,
                                                              const QString &registeredBy)
{
    return store::importBundle(m_db, bundle, registeredBy);
}

Result<std::optional<QByteArray>> SqliteStorage::workstationKey(const QString &workstation)
{
    return store::registeredKey(m_db, workstation);
}

Result<qint64> SqliteStorage::eventCount()
{
    // The largest rowid, which is the count: events are never deleted (a trigger refuses it),
    // and an insert that does not happen takes no rowid. COUNT(*) walked all the rows, and
    // health checks and every leaderboard request (its cache key) ask: 0.6 s at 1,000,000 events.
    return m_db.queryInt("SELECT COALESCE(MAX(rowid), 0) FROM events");
}

Status SqliteStorage::forEachEvent(const std::function<void(const Event &)> &visit, const QString &packId)
{
    return store::forEachEvent(m_db, visit, packId);
}

Status SqliteStorage::forEachStoredVote(const std::function<void(const StoredVoteView &)> &visit, const QString &packId)
{
    return store::forEachStoredVote(m_db, visit, packId);
}

Status SqliteStorage::forEachSupersededId(const std::function<void(const QString &)> &visit, const QString &packId)
{
    return store::forEachSupersededId(m_db, visit, packId);
}

Status SqliteStorage::forEachEventOfKind(const QString &kind, const std::function<void(const Event &)> &visit,
                                         const QString &packId)
{
    return store::forEachEventOfKind(m_db, kind, visit, packId);
}

Status SqliteStorage::addToken(const QString &hash, const QString &name, Role role)
{
    store::Statement st(m_db, "INSERT INTO api_tokens (token_hash, name, role, created_utc) VALUES (?1, ?2, ?3, ?4)");
    if (!st.valid())
        return st.prepareError();
    return st.bind(1, hash).bind(2, name).bind(3, toString(role)).bind(4, store::utcNow()).run();
}

Result<std::optional<TokenOwner>> SqliteStorage::tokenOwner(const QString &hash)
{
    store::Statement st(m_db, "SELECT name, role FROM api_tokens WHERE token_hash = ?1");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, hash).step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<TokenOwner>();
    auto role = roleFromString(st.columnText(1));
    if (!role)
        return Error::internal(QStringLiteral("stored token has an unknown role"));
    return std::optional<TokenOwner>(TokenOwner{st.columnText(0), *role});
}

Result<QList<PublishedPack>> SqliteStorage::packs()
{
    store::Statement st(m_db, store::kPublishedPacksSql);
    return store::readRows<PublishedPack>(st, [](const store::Statement &row) {
        return PublishedPack{row.columnText(0), row.columnText(1), row.columnInt(2), row.columnText(3),
                             row.columnText(4), row.columnText(5)};
    });
}

Result<std::optional<QByteArray>> SqliteStorage::packFile(const QString &id)
{
    store::Statement st(m_db, "SELECT body FROM published_packs WHERE id = ?1");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, id).step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(st.columnBytes(0));
}

Result<bool> SqliteStorage::publishPack(const PublishedPack &pack, const QByteArray &file)
{
    store::Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    {
        store::Statement seen(m_db, "SELECT content_sha256 FROM published_packs WHERE id = ?1");
        if (!seen.valid())
            return seen.prepareError();
        auto row = seen.bind(1, pack.id).step();
        if (!row)
            return row.error();
        if (*row) {
            if (seen.columnText(0) == pack.sha256)
                return false;
            return Error::conflict(QStringLiteral("a different pack with the id \"%1\" is already published; "
                                                  "a changed pack needs a new id")
                                       .arg(pack.id));
        }
    }
    store::Statement st(m_db, "INSERT INTO published_packs (id, title, item_count, content_sha256, body, "
                              "published_by, published_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st.valid())
        return st.prepareError();
    st.bind(1, pack.id).bind(2, pack.title).bind(3, pack.itemCount).bind(4, pack.sha256).bind(5, file);
    if (Status s = st.bind(6, pack.publishedBy).bind(7, pack.publishedUtc).run(); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return true;
}

Result<std::optional<store::WorkstationBinding>> SqliteStorage::findWorkstation(const QString &workstation)
{
    return store::findWorkstation(m_db, workstation);
}

Result<QList<store::WorkstationBinding>> SqliteStorage::workstations()
{
    return store::listWorkstations(m_db);
}

Result<store::WorkstationBinding> SqliteStorage::bindWorkstation(const store::WorkstationBinding &binding, const QString &actor)
{
    return store::bindWorkstation(m_db, binding, actor);
}

Status SqliteStorage::replaceWorkstation(const store::WorkstationBinding &binding, const QString &actor)
{
    return store::replaceWorkstation(m_db, binding, actor);
}

Status SqliteStorage::revokeWorkstation(const QString &workstation, const QString &actor)
{
    return store::revokeWorkstation(m_db, workstation, actor);
}

Result<QList<store::WorkstationAuditEntry>> SqliteStorage::workstationAudit()
{
    return store::workstationAudit(m_db);
}

Status SqliteStorage::addEnrollmentCode(const QString &codeHash, const QString &owner, const QString &createdBy,
                              const QString &expiresUtc)
{
    return store::addEnrollmentCode(m_db, codeHash, owner, createdBy, expiresUtc);
}

Result<std::optional<QString>> SqliteStorage::redeemEnrollmentCode(const QString &codeHash, const QString &workstation)
{
    return store::redeemEnrollmentCode(m_db, codeHash, workstation);
}

} // namespace majlis::sync
