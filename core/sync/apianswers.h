#pragma once

// Inside majlis_syncserver: the answers and checks every route family of ApiHandler shares
// (apihandler.cpp routes; apievents.cpp, apienroll.cpp, apibundles.cpp and apipacks.cpp answer).

#include <QByteArray>
#include <QString>

#include "common/json.h"
#include "common/logging.h"
#include "sync/apihandler.h"

namespace majlis::sync {

struct ApiHandler::Caller
{
    QString name;
    Role role = Role::Annotator;
};

namespace api {

inline ApiResponse json(int status, const nlohmann::json &body)
{
    return {status, "application/json", QByteArray::fromStdString(body.dump()) + '\n'};
}

// {"error":"<short code>","message":"<what a person can act on>"}
inline ApiResponse problem(int status, const char *code, const QString &message)
{
    return json(status, {{"error", code}, {"message", toStd(message)}});
}

inline ApiResponse storageFailure(const Error &e)
{
    qCWarning(lcSync).noquote() << "storage error:" << e.message;
    return problem(500, "storage", e.message);
}

inline ApiResponse tooLarge(qsizetype size, qsizetype limit)
{
    return problem(413, "too_large", QStringLiteral("the body has %1 bytes; the limit is %2").arg(size).arg(limit));
}

inline QString withArticle(Role role)
{
    return (role == Role::Annotator ? QStringLiteral("an ") : QStringLiteral("a ")) + toString(role);
}

inline QString keyText(const QByteArray &key)
{
    return QString::fromLatin1(key.toBase64());
}

// A workstation's events may be sent by its owner's tokens, or relayed by a coordinator.
inline bool maySpeakFor(const store::WorkstationBinding &binding, const QString &caller, Role role)
{
    return role == Role::Coordinator || (!binding.owner.isEmpty() && binding.owner == caller);
}

inline ApiResponse notYourWorkstation(const store::WorkstationBinding &binding, const QString &caller)
{
    return problem(403, "not_your_workstation",
                   QStringLiteral("workstation %1 belongs to %2; a token of %3 may not send its events (only its "
                                  "owner, or a coordinator relaying them); nothing was stored")
                       .arg(binding.workstation,
                            binding.owner.isEmpty() ? QStringLiteral("no annotator (coordinators only)") : binding.owner,
                            caller));
}

inline ApiResponse notEnrolled(const QString &workstation)
{
    return problem(403, "not_enrolled",
                   QStringLiteral("workstation %1 is not enrolled on this server: enroll it with a one-time code from a "
                                  "coordinator (in the desktop app's Settings, or majlisctl workstation enroll --code CODE), or "
                                  "ask a coordinator to run "
                                  "majlis-server workstation enroll; nothing was stored")
                       .arg(workstation));
}

}  // namespace api
}  // namespace majlis::sync
