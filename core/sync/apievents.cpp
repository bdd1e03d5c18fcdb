#include "sync/apihandler.h"

#include "bundle/workstationkey.h"
#include "common/jsonparse.h"
#include "model/eventquickread.h"
#include "sync/apianswers.h"
#include "sync/protocol.h"

// POST /api/v1/events: whose workstation a batch speaks for, reading it (any thread), committing batches.
namespace majlis::sync {

using api::keyText;
using api::maySpeakFor;
using api::notEnrolled;
using api::notYourWorkstation;
using api::problem;
using api::storageFailure;
using api::withArticle;

std::variant<ApiResponse, ApiHandler::PendingBatch> ApiHandler::read(const BatchToRead &request)
{
    const struct
    {
        const QString &name;
        Role role;
    } caller{request.caller, request.role};
    auto notYours = [&](qsizetype i, const Event &e) {
        return problem(403, "not_your_event",
                       QStringLiteral("event %1 (%2) belongs to annotator \"%3\"; %4 token may send only its "
                                      "own events; nothing of the batch was stored")
                           .arg(i)
                           .arg(e.id, e.annotator, withArticle(caller.role)));
    };
    const BatchIdentity &identity = request.identity;
    if (!bundle::WorkstationKey::verify(identity.publicKey, batchSigningMessage(request.body), identity.signature))
        return problem(403, "bad_signature",
                       QStringLiteral("the batch's signature does not verify under the key %1 of workstation %2: it was "
                                      "changed on the way or signed by another key; nothing was stored")
                           .arg(keyText(identity.publicKey), identity.workstation));
    auto otherWorkstation = [&](qsizetype i, const Event &e) {
        return problem(403, "wrong_workstation",
                       QStringLiteral("event %1 (%2) names workstation %3, but the batch is signed for workstation %4: "
                                      "a batch carries the events of the workstation that signed it; nothing of the "
                                      "batch was stored")
                           .arg(i)
                           .arg(e.id, e.workstation, identity.workstation));
    };
    // The usual batch is read without a JSON tree; anything unusual takes the full parse below,
    // which decides and words every problem.
    const std::string_view text(request.body.constData(), size_t(request.body.size()));
    if (std::optional<QList<Event>> quick = quickEventBatchFromJson(text, MaxBatchEvents)) {
        for (qsizetype i = 0; i < quick->size(); ++i) {
            if (caller.role != Role::Coordinator && quick->at(i).annotator != caller.name)
                return notYours(i, quick->at(i));
            if (quick->at(i).workstation != identity.workstation)
                return otherWorkstation(i, quick->at(i));
        }
        const qsizetype size = quick->size();
        return PendingBatch{identity, caller.name, std::move(*quick), {}, size};
    }
    auto parsed = parseJson(text, JsonSource{QStringLiteral("the body"), 0});
    if (!parsed)
        return problem(400, "malformed_json", parsed.error().message);
    nlohmann::json doc = std::move(*parsed);
    if (!doc.is_object() || !doc.contains("events") || !doc["events"].is_array())
        return problem(400, "malformed_batch", QStringLiteral("the body must be an object with an \"events\" list"));
    const auto &list = doc["events"];
    if (qsizetype(list.size()) > MaxBatchEvents)
        return problem(413, "too_many_events",
                       QStringLiteral("the batch has %1 events; the limit is %2").arg(list.size()).arg(MaxBatchEvents));

    // Events that do not parse are rejected on their own; the rest of the batch goes on.
    PendingBatch batch{identity, caller.name, {}, {}, qsizetype(list.size())};
    for (qsizetype i = 0; i < qsizetype(list.size()); ++i) {
        auto e = eventFromJson(list[size_t(i)], QStringLiteral("event %1").arg(i));
        if (!e) {
            const auto &raw = list[size_t(i)];
            const QString id = raw.is_object() && raw.contains("id") && raw["id"].is_string()
                                   ? toQString(raw["id"].get<std::string>())
                                   : QString();
            batch.unparsed.insert(i, {id, 0, store::IngestStatus::Rejected, e.error().message});
            continue;
        }
        if (caller.role != Role::Coordinator && e->annotator != caller.name)
            return notYours(i, *e);
        if (e->workstation != identity.workstation)
            return otherWorkstation(i, *e);
        batch.events.append(std::move(*e));
    }
    return batch;
}

QList<ApiResponse> ApiHandler::commit(const QList<PendingBatch> &batches)
{
    // A workstation first seen in a batch is bound now, after its signature verified; when two
    // requests race, the database decides who bound it and the other is refused.
    QList<std::optional<ApiResponse>> refused(batches.size());
    for (qsizetype k = 0; k < batches.size(); ++k) {
        const BatchIdentity &id = batches[k].identity;
        if (!id.bindOnCommit)
            continue;
        auto bound = m_storage.bindWorkstation({id.workstation, id.publicKey, id.owner, QStringLiteral("first_use"), {}},
                                               batches[k].caller);
        if (!bound)
            refused[k] = storageFailure(bound.error());
        else if (bound->publicKey != id.publicKey)
            refused[k] =
                problem(403, "wrong_key",
                        QStringLiteral("workstation %1 was just bound to another key; nothing was stored").arg(id.workstation));
        else if (bound->owner != id.owner)
            refused[k] = notYourWorkstation(*bound, batches[k].caller);
        else
            qCInfo(lcSync).noquote() << "workstation" << id.workstation << "bound on first use to" << id.owner;
    }
    QList<QList<Event>> events;
    events.reserve(batches.size());
    for (qsizetype k = 0; k < batches.size(); ++k)
        events.append(refused[k] ? QList<Event>() : batches[k].events);
    auto reports = m_storage.ingestEventBatches(events);
    QList<ApiResponse> answers;
    answers.reserve(batches.size());
    for (qsizetype k = 0; k < batches.size(); ++k) {
        if (refused[k]) {
            answers.append(*refused[k]);
            continue;
        }
        if (!reports) {
            answers.append(storageFailure(reports.error()));
            continue;
        }
        const PendingBatch &batch = batches[k];
        store::IngestReport &report = (*reports)[k];
        if (!batch.unparsed.isEmpty()) {
            // Put the parse rejections back at their places, so statuses follow the batch order.
            QList<store::IngestOutcome> merged;
            qsizetype stored = 0;
            for (qsizetype i = 0; i < batch.size; ++i) {
                if (auto it = batch.unparsed.constFind(i); it != batch.unparsed.cend())
                    merged.append(*it);
                else
                    merged.append(report.outcomes.at(stored++));
            }
            report.outcomes = std::move(merged);
            report.rejected += batch.unparsed.size();
        }
        qCInfo(lcSync).noquote() << batch.caller << "sent" << batch.size << "events:" << report.accepted << "accepted,"
                                 << report.alreadyKnown << "already known," << report.rejected << "rejected"
                                 << (batches.size() > 1 ? "(one commit for several batches)" : "");
        answers.append({200, "application/json", batchAnswerBody(report)});
    }
    return answers;
}

std::variant<ApiResponse, ApiHandler::BatchIdentity> ApiHandler::batchIdentity(const Caller &caller, const ApiRequest &request)
{
    BatchIdentity id;
    id.workstation = QString::fromUtf8(request.header(WorkstationHeader)).trimmed();
    id.publicKey = QByteArray::fromBase64(request.header(PublicKeyHeader).trimmed());
    id.signature = QByteArray::fromBase64(request.header(SignatureHeader).trimmed());
    if (id.workstation.isEmpty() || id.publicKey.size() != bundle::WorkstationKey::PublicKeyBytes
        || id.signature.size() != bundle::WorkstationKey::SignatureBytes)
        return problem(
            400, "unsigned_batch",
            QStringLiteral("a batch names its workstation and is signed by the workstation's key: headers %1, "
                           "%2 (base64 of 32 bytes) and %3 (base64 of 64 bytes); update the client")
                .arg(QLatin1String(WorkstationHeader), QLatin1String(PublicKeyHeader), QLatin1String(SignatureHeader)));
    auto binding = m_storage.findWorkstation(id.workstation);
    if (!binding)
        return storageFailure(binding.error());
    if (*binding) {
        if ((*binding)->publicKey != id.publicKey)
            return problem(403, "wrong_key",
                           QStringLiteral("workstation %1 is bound to the key %2; this batch is signed by %3. A key is "
                                          "replaced only by a coordinator (majlis-server workstation enroll --replace); "
                                          "nothing was stored")
                               .arg(id.workstation, keyText((*binding)->publicKey), keyText(id.publicKey)));
        if (!maySpeakFor(**binding, caller.name, caller.role))
            return notYourWorkstation(**binding, caller.name);
        id.owner = (*binding)->owner;
        return id;
    }
    if (m_enrollment != Enrollment::FirstUse)
        return notEnrolled(id.workstation);
    id.owner = caller.name;
    id.bindOnCommit = true;
    return id;
}

}  // namespace majlis::sync
