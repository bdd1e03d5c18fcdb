#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

#include "bundle/workstationkey.h"
#include "common/result.h"
#include "store/sqlite.h"

namespace majlis::store {

class EventStore;

// The workstation key lives beside the store it signs for: one key per store, because the
// workstation id is per store too. A folder of its own, so the key files never mix with others.
QString keyFolder(const QString &storePath);
// The key of this store's workstation, made on first use and registered in the store's own
// registry, so the store also accepts its own bundles.
Result<bundle::WorkstationKey> workstationKey(EventStore &store);

// Who a workstation belongs to and which key speaks for it (docs/security.md). A workstation's
// events reach a server only signed by its bound key and sent by a token of its owner (or a
// coordinator relaying them). Bound once — by a coordinator, an enrollment code, or, where the
// server allows it, first use — and afterwards changed only by a coordinator, which is audited.
struct WorkstationBinding
{
    QString workstation;
    QByteArray publicKey;  // 32 raw bytes (Ed25519)
    QString owner;         // the person whose tokens may send its events; empty: coordinators only
    QString registeredBy;  // how it was bound: "first_use", "enrollment_code", "coordinator:NAME", "self", …
    QString registeredUtc;
    friend bool operator==(const WorkstationBinding &, const WorkstationBinding &) = default;
};

struct WorkstationAuditEntry
{
    QString atUtc;
    QString workstation;
    QString action;  // "bind", "replace", "revoke"
    QString actor;
    QString owner;
    QString publicKeyBase64;
    QString previousKeyBase64;
};

Result<std::optional<WorkstationBinding>> findWorkstation(Database &db, const QString &workstation);
Result<QList<WorkstationBinding>> listWorkstations(Database &db);
// Binds an unbound workstation and audits it, in one transaction; answers the binding now
// stored — someone else's when another request bound it first (the caller compares).
Result<WorkstationBinding> bindWorkstation(Database &db, const WorkstationBinding &binding, const QString &actor);
// A coordinator's act: sets the binding whatever it was, audited with the key it replaces.
Status replaceWorkstation(Database &db, const WorkstationBinding &binding, const QString &actor);
// A coordinator's act: removes the binding (its events stay); audited.
Status revokeWorkstation(Database &db, const QString &workstation, const QString &actor);
Result<QList<WorkstationAuditEntry>> workstationAudit(Database &db);

// One-time enrollment codes: stored only as a hash, used once, until `expiresUtc`.
Status addEnrollmentCode(Database &db, const QString &codeHash, const QString &owner, const QString &createdBy,
                         const QString &expiresUtc);
// Marks the code used by `workstation` and answers its owner; nullopt when the code is unknown,
// used or expired.
Result<std::optional<QString>> redeemEnrollmentCode(Database &db, const QString &codeHash, const QString &workstation);

} // namespace majlis::store
