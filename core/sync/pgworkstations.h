#pragma once

#include <QSqlDatabase>

#include "store/workstationregistry.h"

// The PostgreSQL spelling of store/workstationregistry.h: the same rules, each decision inside
// one transaction of the database (ON CONFLICT, UPDATE … RETURNING), so several servers over one
// database agree on who won.
namespace majlis::sync::pg {

Result<std::optional<store::WorkstationBinding>> findWorkstation(const QSqlDatabase &db, const QString &workstation);
Result<QList<store::WorkstationBinding>> listWorkstations(const QSqlDatabase &db);
Result<store::WorkstationBinding> bindWorkstation(const QSqlDatabase &db, const store::WorkstationBinding &binding,
                                                  const QString &actor);
Status replaceWorkstation(const QSqlDatabase &db, const store::WorkstationBinding &binding, const QString &actor);
Status revokeWorkstation(const QSqlDatabase &db, const QString &workstation, const QString &actor);
Result<QList<store::WorkstationAuditEntry>> workstationAudit(const QSqlDatabase &db);
Status addEnrollmentCode(const QSqlDatabase &db, const QString &codeHash, const QString &owner,
                         const QString &createdBy, const QString &expiresUtc);
Result<std::optional<QString>> redeemEnrollmentCode(const QSqlDatabase &db, const QString &codeHash,
                                                    const QString &workstation);

} // namespace majlis::sync::pg
