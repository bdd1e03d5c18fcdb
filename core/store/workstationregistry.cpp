#include "store/workstationregistry.h"

#include "store/bundleimport.h"
#include "store/eventstore.h"

#include <QFile>

namespace majlis::store {

namespace {

WorkstationBinding bindingFromRow(const Statement &st)
{
    return {st.columnText(0), QByteArray::fromBase64(st.columnBytes(1)), st.columnText(2), st.columnText(3),
            st.columnText(4)};
}

Status audit(Database &db, const QString &workstation, const char *action, const QString &actor, const QString &owner,
             const QByteArray &key, const QByteArray &previous)
{
    Statement st(db, "INSERT INTO workstation_audit (at_utc, workstation, action, actor, owner, public_key, "
                     "previous_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st.valid())
        return st.prepareError();
    st.bind(1, utcNow()).bind(2, workstation).bind(3, QString::fromLatin1(action)).bind(4, actor).bindOptional(5, owner);
    st.bindOptional(6, QString::fromLatin1(key.toBase64())).bindOptional(7, QString::fromLatin1(previous.toBase64()));
    return st.run();
}

} // namespace

QString keyFolder(const QString &storePath)
{
    return storePath + QStringLiteral(".keys");
}

Result<bundle::WorkstationKey> workstationKey(EventStore &store)
{
    auto key = bundle::WorkstationKey::loadOrCreate(keyFolder(store.path()));
    if (!key)
        return key.error();
    QFile::setPermissions(keyFolder(store.path()), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (Status s = registerKey(store.database(), store.workstationId(), key->publicKey(), QStringLiteral("self")); !s)
        return s.error();
    return key;
}

Result<std::optional<WorkstationBinding>> findWorkstation(Database &db, const QString &workstation)
{
    Statement st(db, "SELECT workstation, public_key, COALESCE(owner, ''), registered_by, registered_utc "
                     "FROM workstation_keys WHERE workstation = ?1");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, workstation).step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<WorkstationBinding>();
    return std::optional<WorkstationBinding>(bindingFromRow(st));
}

Result<QList<WorkstationBinding>> listWorkstations(Database &db)
{
    Statement st(db, "SELECT workstation, public_key, COALESCE(owner, ''), registered_by, registered_utc "
                     "FROM workstation_keys ORDER BY registered_utc, workstation");
    return readRows<WorkstationBinding>(st, bindingFromRow);
}

Result<WorkstationBinding> bindWorkstation(Database &db, const WorkstationBinding &binding, const QString &actor)
{
    if (binding.publicKey.size() != 32)
        return Error::validation(QStringLiteral("an Ed25519 public key has 32 bytes, got %1").arg(binding.publicKey.size()));
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    Statement st(db, "INSERT INTO workstation_keys (workstation, public_key, owner, registered_by, registered_utc) "
                     "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
    if (!st.valid())
        return st.prepareError();
    st.bind(1, binding.workstation).bind(2, binding.publicKey.toBase64()).bindOptional(3, binding.owner);
    if (Status s = st.bind(4, binding.registeredBy).bind(5, utcNow()).run(); !s)
        return s.error();
    if (db.changes() == 1)
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

Status replaceWorkstation(Database &db, const WorkstationBinding &binding, const QString &actor)
{
    if (binding.publicKey.size() != 32)
        return Error::validation(QStringLiteral("an Ed25519 public key has 32 bytes, got %1").arg(binding.publicKey.size()));
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun();
    auto before = findWorkstation(db, binding.workstation);
    if (!before)
        return before.error();
    Statement st(db, "INSERT INTO workstation_keys (workstation, public_key, owner, registered_by, registered_utc) "
                     "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (workstation) DO UPDATE SET public_key = excluded.public_key, "
                     "owner = excluded.owner, registered_by = excluded.registered_by, "
                     "registered_utc = excluded.registered_utc");
    if (!st.valid())
        return st.prepareError();
    st.bind(1, binding.workstation).bind(2, binding.publicKey.toBase64()).bindOptional(3, binding.owner);
    if (Status s = st.bind(4, binding.registeredBy).bind(5, utcNow()).run(); !s)
        return s;
    const QByteArray previous = *before ? (*before)->publicKey : QByteArray();
    if (Status s = audit(db, binding.workstation, *before ? "replace" : "bind", actor, binding.owner, binding.publicKey,
                         previous);
        !s)
        return s;
    return tx.commit();
}

Status revokeWorkstation(Database &db, const QString &workstation, const QString &actor)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun();
    auto before = findWorkstation(db, workstation);
    if (!before)
        return before.error();
    if (!*before)
        return Error::notFound(QStringLiteral("workstation %1 is not bound").arg(workstation));
    Statement st(db, "DELETE FROM workstation_keys WHERE workstation = ?1");
    if (!st.valid())
        return st.prepareError();
    if (Status s = st.bind(1, workstation).run(); !s)
        return s;
    if (Status s = audit(db, workstation, "revoke", actor, (*before)->owner, {}, (*before)->publicKey); !s)
        return s;
    return tx.commit();
}

Result<QList<WorkstationAuditEntry>> workstationAudit(Database &db)
{
    Statement st(db, "SELECT at_utc, workstation, action, actor, COALESCE(owner, ''), COALESCE(public_key, ''), "
                     "COALESCE(previous_key, '') FROM workstation_audit ORDER BY id");
    return readRows<WorkstationAuditEntry>(st, [](const Statement &row) {
        return WorkstationAuditEntry{row.columnText(0), row.columnText(1), row.columnText(2), row.columnText(3),
                                     row.columnText(4), row.columnText(5), row.columnText(6)};
    });
}

Status addEnrollmentCode(Database &db, const QString &codeHash, const QString &owner, const QString &createdBy,
                         const QString &expiresUtc)
{
    Statement st(db, "INSERT INTO enrollment_codes (code_hash, owner, created_by, created_utc, expires_utc) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st.valid())
        return st.prepareError();
    return st.bind(1, codeHash).bind(2, owner).bind(3, createdBy).bind(4, utcNow()).bind(5, expiresUtc).run();
}

Result<std::optional<QString>> redeemEnrollmentCode(Database &db, const QString &codeHash, const QString &workstation)
{
    // One statement decides, so two workstations presenting one code cannot both use it.
    Statement st(db, "UPDATE enrollment_codes SET used_by = ?2, used_utc = ?3 WHERE code_hash = ?1 AND used_by IS NULL "
                     "AND expires_utc > ?3 RETURNING owner");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, codeHash).bind(2, workstation).bind(3, utcNow()).step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<QString>();
    const QString owner = st.columnText(0);
    st.reset();
    return std::optional<QString>(owner);
}

} // namespace majlis::store
