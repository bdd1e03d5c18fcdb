#include "sync/pgworkstations.h"

#include "store/eventstore.h"
#include "sync/pgquery.h"

namespace majlis::sync::pg {

namespace {

const QString kColumns = QStringLiteral("workstation, public_key, COALESCE(owner, ''), registered_by, registered_utc");

store::WorkstationBinding bindingFrom(const Query &q)
{
    return {q.value(0).toString(), QByteArray::fromBase64(q.value(1).toString().toLatin1()), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString()};
}

Status audit(const QSqlDatabase &db, const QString &workstation, const char *action, const QString &actor,
             const QString &owner, const QByteArray &key, const QByteArray &previous)
{
    Query q(db, QStringLiteral("INSERT INTO workstation_audit (at_utc, workstation, action, actor, owner, public_key, "
                               "previous_key) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.bind(store::utcNow()).bind(workstation).bind(QString::fromLatin1(action)).bind(actor).bind(nullable(owner));
    q.bind(nullable(QString::fromLatin1(key.toBase64()))).bind(nullable(QString::fromLatin1(previous.toBase64())));
    return q.exec();
}

Status checkKey(const QByteArray &key)
{
    if (key.size() != 32)
        return Error::validation(QStringLiteral("an Ed25519 public key has 32 bytes, got %1").arg(key.size()));
    return {};
}

} // namespace

Result<std::optional<store::WorkstationBinding>> findWorkstation(const QSqlDatabase &db, const QString &workstation)
{
    Query q(db, QStringLiteral("SELECT %1 FROM workstation_keys WHERE workstation = ?").arg(kColumns));
    if (Status s = q.bind(workstation).exec(); !s)
        return s.error();
    if (!q.next())
        return std::optional<store::WorkstationBinding>();
    return std::optional<store::WorkstationBinding>(bindingFrom(q));
}

Result<QList<store::WorkstationBinding>> listWorkstations(const QSqlDatabase &db)
{
    Query q(db, QStringLiteral("SELECT %1 FROM workstation_keys ORDER BY registered_utc, workstation").arg(kColumns));
    if (Status s = q.exec(); !s)
        return s.error();
    QList<store::WorkstationBinding> out;
    while (q.next())
        out.append(bindingFrom(q));
    return out;
}

Result<store::WorkstationBinding> bindWorkstation(const QSqlDatabase &db, const store::WorkstationBinding &binding,
                                                  const QString &actor)
{
    if (Status s = checkKey(binding.publicKey); !s)
        return s.error();
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s.error();
    Query ins(db, QStringLiteral("INSERT INTO workstation_keys (workstation, public_key, owner, registered_by, "
                                 "registered_utc) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    ins.bind(binding.workstation).bind(QString::fromLatin1(binding.publicKey.toBase64())).bind(nullable(binding.owner));
    if (Status s = ins.bind(binding.registeredBy).bind(store::utcNow()).exec(); !s)
        return s.error();
    if (ins.rowsAffected() == 1)
        if (Status s = audit(db, binding.workstation, "bind", actor, binding.owner, binding.publicKey, {}); !s)
            return s.error();
    auto stored = findWorkstation(db, binding.workstation);
    if (!stored)
        return stored.error();
    if (!*stored)
        return Error::sql(QStringLiteral("workstation %1 was neither bound nor found").arg(binding.workstation));
    if (Status s = tx.commit(); !s)
        return s.error();
    return **stored;
}

Status replaceWorkstation(const QSqlDatabase &db, const store::WorkstationBinding &binding, const QString &actor)
{
    if (Status s = checkKey(binding.publicKey); !s)
        return s;
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s;
    Query lock(db, QStringLiteral("SELECT public_key FROM workstation_keys WHERE workstation = ? FOR UPDATE"));
    if (Status s = lock.bind(binding.workstation).exec(); !s)
        return s;
    const bool existed = lock.next();
    const QByteArray previous = existed ? QByteArray::fromBase64(lock.value(0).toString().toLatin1()) : QByteArray();
    Query up(db, QStringLiteral("INSERT INTO workstation_keys (workstation, public_key, owner, registered_by, "
                                "registered_utc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workstation) DO UPDATE SET "
                                "public_key = EXCLUDED.public_key, owner = EXCLUDED.owner, "
                                "registered_by = EXCLUDED.registered_by, registered_utc = EXCLUDED.registered_utc"));
    up.bind(binding.workstation).bind(QString::fromLatin1(binding.publicKey.toBase64())).bind(nullable(binding.owner));
    if (Status s = up.bind(binding.registeredBy).bind(store::utcNow()).exec(); !s)
        return s;
    if (Status s = audit(db, binding.workstation, existed ? "replace" : "bind", actor, binding.owner,
                         binding.publicKey, previous);
        !s)
        return s;
    return tx.commit();
}

Status revokeWorkstation(const QSqlDatabase &db, const QString &workstation, const QString &actor)
{
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s;
    Query del(db, QStringLiteral("DELETE FROM workstation_keys WHERE workstation = ? RETURNING public_key, "
                                 "COALESCE(owner, '')"));
    if (Status s = del.bind(workstation).exec(); !s)
        return s;
    if (!del.next())
        return Error::notFound(QStringLiteral("workstation %1 is not bound").arg(workstation));
    const QByteArray previous = QByteArray::fromBase64(del.value(0).toString().toLatin1());
    if (Status s = audit(db, workstation, "revoke", actor, del.value(1).toString(), {}, previous); !s)
        return s;
    return tx.commit();
}

Result<QList<store::WorkstationAuditEntry>> workstationAudit(const QSqlDatabase &db)
{
    Query q(db, QStringLiteral("SELECT at_utc, workstation, action, actor, COALESCE(owner, ''), "
                               "COALESCE(public_key, ''), COALESCE(previous_key, '') FROM workstation_audit ORDER BY id"));
    if (Status s = q.exec(); !s)
        return s.error();
    QList<store::WorkstationAuditEntry> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toString(), q.value(5).toString(), q.value(6).toString()});
    return out;
}

Status addEnrollmentCode(const QSqlDatabase &db, const QString &codeHash, const QString &owner,
                         const QString &createdBy, const QString &expiresUtc)
{
    Query q(db, QStringLiteral("INSERT INTO enrollment_codes (code_hash, owner, created_by, created_utc, expires_utc) "
                               "VALUES (?, ?, ?, ?, ?)"));
    return q.bind(codeHash).bind(owner).bind(createdBy).bind(store::utcNow()).bind(expiresUtc).exec();
}

Result<std::optional<QString>> redeemEnrollmentCode(const QSqlDatabase &db, const QString &codeHash,
                                                    const QString &workstation)
{
    const QString now = store::utcNow();
    Query q(db, QStringLiteral("UPDATE enrollment_codes SET used_by = ?, used_utc = ? WHERE code_hash = ? AND "
                               "used_by IS NULL AND expires_utc > ? RETURNING owner"));
    if (Status s = q.bind(workstation).bind(now).bind(codeHash).bind(now).exec(); !s)
        return s.error();
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(q.value(0).toString());
}

} // namespace majlis::sync::pg
