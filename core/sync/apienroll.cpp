#include "sync/apihandler.h"

#include "bundle/workstationkey.h"
#include "common/jsonparse.h"
#include "sync/apianswers.h"
#include "sync/protocol.h"

// POST /api/v1/workstations/enroll: binding a workstation's key to its owner by a one-time code.
namespace majlis::sync {

using api::json;
using api::keyText;
using api::problem;
using api::storageFailure;
using api::tooLarge;

ApiResponse ApiHandler::enroll(const Caller &caller, const ApiRequest &request)
{
    if (request.body.size() > 4096)
        return tooLarge(request.body.size(), 4096);
    const QString workstation = QString::fromUtf8(request.header(WorkstationHeader)).trimmed();
    const QByteArray key = QByteArray::fromBase64(request.header(PublicKeyHeader).trimmed());
    const QByteArray signature = QByteArray::fromBase64(request.header(SignatureHeader).trimmed());
    // Proof that the enrolling client holds the key it enrolls.
    if (workstation.isEmpty() || !bundle::WorkstationKey::verify(key, enrollSigningMessage(request.body), signature))
        return problem(
            400, "unsigned_enrollment",
            QStringLiteral("an enrollment names its workstation and is signed by the key it enrolls "
                           "(headers %1, %2, %3)")
                .arg(QLatin1String(WorkstationHeader), QLatin1String(PublicKeyHeader), QLatin1String(SignatureHeader)));
    auto doc = parseJson(std::string_view(request.body.constData(), size_t(request.body.size())),
                         JsonSource{QStringLiteral("the body"), 0});
    if (!doc)
        return problem(400, "malformed_json", doc.error().message);
    if (!doc->is_object() || !doc->contains("code") || !(*doc)["code"].is_string())
        return problem(400, "malformed_enrollment", QStringLiteral("the body must be {\"code\": \"<enrollment code>\"}"));
    const QByteArray code = QByteArray::fromStdString((*doc)["code"].get<std::string>()).trimmed();
    auto existing = m_storage.findWorkstation(workstation);
    if (!existing)
        return storageFailure(existing.error());
    if (*existing) {
        if ((*existing)->publicKey == key && (*existing)->owner == caller.name)
            return json(200, {{"workstation", toStd(workstation)}, {"owner", toStd(caller.name)}, {"already_enrolled", true}});
        return problem(409, "already_enrolled",
                       QStringLiteral("workstation %1 is already bound (to %2, key %3); only a coordinator can replace "
                                      "a binding")
                           .arg(workstation, (*existing)->owner, keyText((*existing)->publicKey)));
    }
    auto owner = m_storage.redeemEnrollmentCode(tokenHash(code), workstation);
    if (!owner)
        return storageFailure(owner.error());
    if (!*owner)
        return problem(403, "bad_code",
                       QStringLiteral("the enrollment code is unknown, already used or expired; ask a "
                                      "coordinator for a new one"));
    // A code is made for one person: presented by anyone else it is used up and refused.
    if (**owner != caller.name)
        return problem(
            403, "not_your_code",
            QStringLiteral("the enrollment code was made for %1, not %2; it is now used up").arg(**owner, caller.name));
    auto bound = m_storage.bindWorkstation({workstation, key, caller.name, QStringLiteral("enrollment_code"), {}}, caller.name);
    if (!bound)
        return storageFailure(bound.error());
    if (bound->publicKey != key || bound->owner != caller.name)
        return problem(409, "already_enrolled",
                       QStringLiteral("workstation %1 was bound by another request meanwhile").arg(workstation));
    qCInfo(lcSync).noquote() << "workstation" << workstation << "enrolled by code for" << caller.name;
    return json(201, {{"workstation", toStd(workstation)}, {"owner", toStd(caller.name)}, {"already_enrolled", false}});
}

}  // namespace majlis::sync
