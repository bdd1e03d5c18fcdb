#include "sync/pgstorage.h"

#include "common/uuid.h"
#include "store/eventstore.h"
#include "sync/pgevents.h"
#include "sync/pgquery.h"
#include "sync/pgworkstations.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QUrl>
#include <QVariant>

#include <functional>

// The storage's connection, its queries (events, tokens, published packs) and the workstation
// registry. The schema is in pgschema.cpp, the ingest of batches and bundles in pgingest.cpp.
namespace majlis::sync {

using pg::eventFromQuery;
using pg::kEventColumns;
using pg::PgTransaction;
using pg::Query;

Result<Event> pg::eventFromQuery(const Query &q)
{
    Event e = eventFieldsFromQuery(q);
    const QByteArray payload = q.value(10).toString().toUtf8();
    e.payload = nlohmann::json::parse(payload.cbegin(), payload.cend(), nullptr, false);
    if (e.payload.is_discarded())
        return Error::parse(QStringLiteral("stored event %1 has a payload that is not JSON").arg(e.id));
    return e;
}

Event pg::eventFieldsFromQuery(const Query &q)
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
    return e;
}

Status pg::visitEvents(Query &q, const std::function<void(const Event &)> &visit)
{
    if (Status s = q.exec(); !s)
        return s;
    while (q.next()) {
        auto e = eventFromQuery(q);
        if (!e)
            return e.error();
        visit(*e);
    }
    if (q.failed())  // next() is false on an error too: a cut-off read must not pass for the whole
        return q.error();
    return {};
}

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
        return Error::validation(
            QStringLiteral("not a PostgreSQL URL: %1 (expected postgresql://user@host:port/dbname)").arg(url));
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
        return Error::sql(
            QStringLiteral("cannot connect to %1: %2").arg(u.toString(QUrl::RemovePassword), db.lastError().text()));
    if (Status s = storage->migrate(); !s)
        return s.error();
    return storage;
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
    // A pack's events through events_in_cast_order, not a sort of every row.
    Query q(db, QStringLiteral("SELECT %1 FROM events %2 ORDER BY created_utc, workstation, seq")
                    .arg(QLatin1String(kEventColumns),
                         packId.isEmpty() ? QString() : QStringLiteral("WHERE pack_id = ?")));
    if (!packId.isEmpty())
        q.bind(packId);
    return pg::visitEvents(q, visit);
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

}  // namespace majlis::sync
