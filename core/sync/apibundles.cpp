#include "sync/apihandler.h"

#include "bundle/bundleverifier.h"
#include "sync/apianswers.h"
#include "sync/protocol.h"

#include <QBuffer>

// POST /api/v1/bundles: a signed bundle, verified and ingested whole or not at all.
namespace majlis::sync {

using api::json;
using api::maySpeakFor;
using api::notEnrolled;
using api::notYourWorkstation;
using api::problem;
using api::storageFailure;
using api::tooLarge;
using api::withArticle;

ApiResponse ApiHandler::postBundle(const Caller &caller, const ApiRequest &request)
{
    if (request.body.size() > MaxBundleBytes)
        return tooLarge(request.body.size(), MaxBundleBytes);
    // An authenticated upload may introduce a workstation (trust on first use); a registered
    // workstation's key never changes.
    bundle::VerifyOptions options;
    options.keyPolicy = bundle::KeyPolicy::TrustOnFirstUse;
    std::optional<Error> lookupError;
    bundle::BundleVerifier verifier(
        [&](const QString &workstation) -> std::optional<QByteArray> {
            auto key = m_storage.workstationKey(workstation);
            if (!key) {
                lookupError = key.error();
                return std::nullopt;
            }
            return *key;
        },
        options);
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(request.body);
    buffer->open(QIODevice::ReadOnly);
    auto opened = verifier.open(std::move(buffer), QStringLiteral("bundle"));
    if (lookupError)
        return storageFailure(*lookupError);
    if (!opened)
        return problem(422, "bad_bundle", opened.error().message + QStringLiteral("; nothing imported"));
    const bundle::BundleHeader &header = opened->summary().header;
    if (caller.role != Role::Coordinator && header.annotators != QStringList{caller.name})
        return problem(403, "not_your_events",
                       QStringLiteral("the bundle holds events of %1; %2 token may send only its own events")
                           .arg(header.annotators.join(QStringLiteral(", ")), withArticle(caller.role)));
    // Whose workstation it is: its owner may send it; a coordinator may relay it. An unknown
    // workstation is bound to the key that signed the bundle only by a coordinator's relay, or on
    // first use where the server allows that.
    auto binding = m_storage.findWorkstation(header.workstation);
    if (!binding)
        return storageFailure(binding.error());
    if (*binding) {
        if (!maySpeakFor(**binding, caller.name, caller.role))
            return notYourWorkstation(**binding, caller.name);
    } else {
        store::WorkstationBinding fresh{header.workstation, header.publicKey, caller.name, QStringLiteral("first_use"), {}};
        if (caller.role == Role::Coordinator) {
            fresh.owner = header.annotators.size() == 1 ? header.annotators.constFirst() : QString();
            fresh.registeredBy = QStringLiteral("coordinator:") + caller.name;
        } else if (m_enrollment != Enrollment::FirstUse) {
            return notEnrolled(header.workstation);
        }
        auto bound = m_storage.bindWorkstation(fresh, caller.name);
        if (!bound)
            return storageFailure(bound.error());
        if (bound->publicKey != fresh.publicKey || bound->owner != fresh.owner)
            return problem(409, "conflict",
                           QStringLiteral("workstation %1 was bound by another request meanwhile; send the bundle again")
                               .arg(header.workstation));
    }
    auto report = m_storage.importBundle(*opened, caller.name);
    if (!report) {
        if (report.error().code == Error::Code::Conflict)
            return problem(409, "conflict", report.error().message);
        if (report.error().code == Error::Code::Sql)
            return storageFailure(report.error());
        return problem(422, "bad_bundle", report.error().message);
    }
    nlohmann::json answer = toJson(report->ingest);
    answer.erase("events");  // a bundle is all or nothing: per-event statuses add nothing
    answer["bundle_id"] = toStd(header.bundleId);
    answer["already_imported"] = report->alreadyImported;
    answer["key_registered"] = report->keyRegistered;
    answer["event_count"] = header.eventCount;
    return json(200, answer);
}

}  // namespace majlis::sync
