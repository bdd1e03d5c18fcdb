#pragma once

#include <QStringList>
#include <QTextStream>

// The coordinator's commands run on the server machine against its database:
// `majlis-server workstation enroll|invite|list|revoke|audit` (docs/security.md). Whoever can run
// them holds the database, so they act as a coordinator, and every change is audited.
int workstationCommand(QStringList args, QTextStream &out, QTextStream &err);
