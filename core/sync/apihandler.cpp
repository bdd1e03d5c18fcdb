#include "sync/apihandler.h"

#include "bundle/bundleverifier.h"
#include "bundle/workstationkey.h"
#include "common/jsonparse.h"
#include "common/json.h"
#include "common/logging.h"
#include "model/eventquickread.h"
#include "pack/packreader.h"
#include "store/eventstore.h"
#include "sync/protocol.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QSet>

namespace majlis::sync {

namespace {

ApiResponse json(int status, const nlohmann::json &body)
{
    return {status, "application/json", QByteArray::fromStdString(body.dump()) + '\n'};
}

// {"error":"<short code>","message":"<what a person can act on>"}
ApiResponse problem(int status, const char *code, const QString &message)
{
    return json(status, {{"error", code}, {"message", toStd(message)}});
}

ApiResponse storageFailure(const Error &e)
{
    qCWarning(lcSync).noquote() << "storage error:" << e.message;
    return problem(500, "storage", e.message);
}

ApiResponse tooLarge(qsizetype size, qsizetype limit)
{
    return problem(413, "too_large", QStringLiteral("the body has %1 bytes; the limit is %2").arg(size).arg(limit));
}

QString withArticle(Role role)
{
    return (role == Role::Annotator ? QStringLiteral("an ") : QStringLiteral("a ")) + toString(role);
}

QString keyText(const QByteArray &key)
{
    return QString::fromLatin1(key.toBase64());
}

// A workstation's events may be sent by its owner's tokens, or relayed by a coordinator.
bool maySpeakFor(const store::WorkstationBinding &binding, const QString &caller, Role role)
{
    return role == Role::Coordinator || (!binding.owner.isEmpty() && binding.owner == caller);
}

ApiResponse notYourWorkstation(const store::WorkstationBinding &binding, const QString &caller)
{
    return problem(403, "not_your_workstation",
                   QStringLiteral("workstation %1 belongs to %2; a token of %3 may not send its events (only its "
                                  "owner, or a coordinator relaying them); nothing was stored")
                       .arg(binding.workstation,
                            binding.owner.isEmpty() ? QStringLiteral("no annotator (coordinators only)") : binding.owner,
                            caller));
}

ApiResponse notEnrolled(const QString &workstation)
{
    return problem(403, "not_enrolled",
                   QStringLiteral("workstation %1 is not enrolled on this server: enroll it with a one-time code from a "
                                  "coordinator (in the desktop app's Settings, or majlisctl workstation enroll --code CODE), or ask a coordinator to run "
                                  "majlis-server workstation enroll; nothing was stored")
                       .arg(workstation));
}

} // namespace

QByteArray ApiRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

struct ApiHandler::Caller
{
    QString name;
    Role role = Role::Annotator;
};

ApiHandler::ApiHandler(ServerStorage &storage, Enrollment enrollment)
    : m_storage(storage), m_enrollment(enrollment), m_leaderboard(storage)
{
}

Result<ApiHandler::Caller> ApiHandler::authenticate(const ApiRequest &request)
{
    static const QByteArray scheme = "Bearer ";
    if (request.authorization.isEmpty())
        return Error{Error::Code::Auth, QStringLiteral("no token: send \"Authorization: Bearer <token>\"")};
    if (!request.authorization.startsWith(scheme))
        return Error{Error::Code::Auth, QStringLiteral("the Authorization header must be \"Bearer <token>\"")};
    auto owner = m_storage.tokenOwner(tokenHash(request.authorization.mid(scheme.size()).trimmed()));
    if (!owner)
        return owner.error();
    if (!*owner)
        return Error{Error::Code::Auth, QStringLiteral("unknown or revoked token")};
    return Caller{(*owner)->name, (*owner)->role};
}

ApiResponse ApiHandler::handle(const ApiRequest &request)
{
    auto started = begin(request);
    if (auto *answer = std::get_if<ApiResponse>(&started))
        return std::move(*answer);
    auto parsed = read(std::get<BatchToRead>(started));
    if (auto *answer = std::get_if<ApiResponse>(&parsed))
        return std::move(*answer);
    return commit({std::get<PendingBatch>(std::move(parsed))}).constFirst();
}

std::variant<ApiResponse, ApiHandler::BatchToRead> ApiHandler::begin(const ApiRequest &request)
{
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    const QString packsPrefix = QLatin1String(PacksPath) + QLatin1Char('/');

    enum class Route { Events, Bundles, Packs, Pack, Leaderboard, Health, Enroll, None } route = Route::None;
    if (request.path == QLatin1String(EventsPath))
        route = Route::Events;
    else if (request.path == QLatin1String(EnrollPath))
        route = Route::Enroll;
    else if (request.path == QLatin1String(BundlesPath))
        route = Route::Bundles;
    else if (request.path == QLatin1String(PacksPath))
        route = Route::Packs;
    else if (request.path.startsWith(packsPrefix) && request.path.size() > packsPrefix.size()
             && !request.path.mid(packsPrefix.size()).contains(QLatin1Char('/')))
        route = Route::Pack;
    else if (request.path == QLatin1String(LeaderboardPath))
        route = Route::Leaderboard;
    else if (request.path == QLatin1String(HealthPath))
        route = Route::Health;
    if (route == Route::None)
        return problem(404, "not_found", QStringLiteral("no such resource: %1").arg(request.path));

    const bool allowed = (route == Route::Events || route == Route::Bundles || route == Route::Enroll) ? post
                         : route == Route::Packs                          ? (get || post)
                                                                           : get;
    if (!allowed)
        return problem(405, "method_not_allowed",
                       QStringLiteral("%1 does not take %2").arg(request.path, QString::fromLatin1(request.method)));
    if (route == Route::Health)
        return health();

    auto caller = authenticate(request);
    if (!caller) {
        if (caller.error().code == Error::Code::Auth)
            return problem(401, "unauthorized", caller.error().message);
        return storageFailure(caller.error());
    }
    switch (route) {
    case Route::Events:
    {
        if (request.body.size() > MaxBatchBytes)
            return tooLarge(request.body.size(), MaxBatchBytes);
        auto identity = batchIdentity(*caller, request);
        if (auto *refused = std::get_if<ApiResponse>(&identity))
            return std::move(*refused);
        return BatchToRead{caller->name, caller->role, request.body, std::get<BatchIdentity>(std::move(identity))};
    }
    case Route::Enroll: return enroll(*caller, request);
    case Route::Bundles: return postBundle(*caller, request);
    case Route::Packs: return post ? postPack(*caller, request) : listPacks();
    case Route::Pack: return getPack(request.path.mid(packsPrefix.size()));
    case Route::Leaderboard: return getLeaderboard(*caller, request);
    case Route::Health:
    case Route::None: break;
    }
    return problem(500, "internal", QStringLiteral("unrouted request"));
}

ApiResponse ApiHandler::health()
{
    auto events = m_storage.eventCount();
    if (!events)
        return problem(503, "storage", events.error().message);
    return json(200, {{"status", "ok"},
                      {"version", MAJLIS_VERSION},
                      {"storage", toStd(m_storage.kind())},
                      {"events", *events}});
}

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
            refused[k] = problem(403, "wrong_key",
                                 QStringLiteral("workstation %1 was just bound to another key; nothing was stored")
                                     .arg(id.workstation));
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
        qCInfo(lcSync).noquote() << batch.caller << "sent" << batch.size << "events:" << report.accepted
                                 << "accepted," << report.alreadyKnown << "already known," << report.rejected
                                 << "rejected" << (batches.size() > 1 ? "(one commit for several batches)" : "");
        answers.append({200, "application/json", batchAnswerBody(report)});
    }
    return answers;
}

std::variant<ApiResponse, ApiHandler::BatchIdentity> ApiHandler::batchIdentity(const Caller &caller,
                                                                                const ApiRequest &request)
{
    BatchIdentity id;
    id.workstation = QString::fromUtf8(request.header(WorkstationHeader)).trimmed();
    id.publicKey = QByteArray::fromBase64(request.header(PublicKeyHeader).trimmed());
    id.signature = QByteArray::fromBase64(request.header(SignatureHeader).trimmed());
    if (id.workstation.isEmpty() || id.publicKey.size() != bundle::WorkstationKey::PublicKeyBytes
        || id.signature.size() != bundle::WorkstationKey::SignatureBytes)
        return problem(400, "unsigned_batch",
                       QStringLiteral("a batch names its workstation and is signed by the workstation's key: headers %1, "
                                      "%2 (base64 of 32 bytes) and %3 (base64 of 64 bytes); update the client")
                           .arg(QLatin1String(WorkstationHeader), QLatin1String(PublicKeyHeader),
                                QLatin1String(SignatureHeader)));
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

ApiResponse ApiHandler::enroll(const Caller &caller, const ApiRequest &request)
{
    if (request.body.size() > 4096)
        return tooLarge(request.body.size(), 4096);
    const QString workstation = QString::fromUtf8(request.header(WorkstationHeader)).trimmed();
    const QByteArray key = QByteArray::fromBase64(request.header(PublicKeyHeader).trimmed());
    const QByteArray signature = QByteArray::fromBase64(request.header(SignatureHeader).trimmed());
    // Proof that the enrolling client holds the key it enrolls.
    if (workstation.isEmpty() || !bundle::WorkstationKey::verify(key, enrollSigningMessage(request.body), signature))
        return problem(400, "unsigned_enrollment",
                       QStringLiteral("an enrollment names its workstation and is signed by the key it enrolls "
                                      "(headers %1, %2, %3)")
                           .arg(QLatin1String(WorkstationHeader), QLatin1String(PublicKeyHeader),
                                QLatin1String(SignatureHeader)));
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
        return problem(403, "bad_code", QStringLiteral("the enrollment code is unknown, already used or expired; ask a "
                                                       "coordinator for a new one"));
    // A code is made for one person: presented by anyone else it is used up and refused.
    if (**owner != caller.name)
        return problem(403, "not_your_code",
                       QStringLiteral("the enrollment code was made for %1, not %2; it is now used up").arg(**owner, caller.name));
    auto bound = m_storage.bindWorkstation({workstation, key, caller.name, QStringLiteral("enrollment_code"), {}},
                                           caller.name);
    if (!bound)
        return storageFailure(bound.error());
    if (bound->publicKey != key || bound->owner != caller.name)
        return problem(409, "already_enrolled", QStringLiteral("workstation %1 was bound by another request meanwhile")
                                                    .arg(workstation));
    qCInfo(lcSync).noquote() << "workstation" << workstation << "enrolled by code for" << caller.name;
    return json(201, {{"workstation", toStd(workstation)}, {"owner", toStd(caller.name)}, {"already_enrolled", false}});
}

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

ApiResponse ApiHandler::getLeaderboard(const Caller &caller, const ApiRequest &request)
{
    // Annotators vote blind: standings would tell them which answers come from the strong models.
    if (caller.role == Role::Annotator)
        return problem(403, "forbidden",
                       QStringLiteral("the leaderboard is for reviewers and coordinators; %1 is an annotator, and "
                                      "annotators vote blind")
                           .arg(caller.name));
    auto options = m_leaderboard.options(QUrlQuery(request.query));
    if (!options)
        return problem(400, "bad_query", options.error().message);
    auto document = m_leaderboard.leaderboard(*options);
    if (!document) {
        if (document.error().code == Error::Code::NotFound)
            return problem(404, "not_found", document.error().message);
        if (document.error().code == Error::Code::Sql)
            return storageFailure(document.error());
        return problem(422, "unanalysable", document.error().message);
    }
    return {200, "application/json", *document};
}

ApiResponse ApiHandler::listPacks()
{
    auto packs = m_storage.packs();
    if (!packs)
        return storageFailure(packs.error());
    nlohmann::json list = nlohmann::json::array();
    for (const PublishedPack &p : *packs)
        list.push_back({{"id", toStd(p.id)},
                        {"title", toStd(p.title)},
                        {"items", p.itemCount},
                        {"sha256", toStd(p.sha256)},
                        {"published", toStd(p.publishedUtc)}});
    return json(200, {{"packs", std::move(list)}});
}

ApiResponse ApiHandler::getPack(const QString &id)
{
    auto file = m_storage.packFile(id);
    if (!file)
        return storageFailure(file.error());
    if (!*file)
        return problem(404, "not_found", QStringLiteral("no pack \"%1\"").arg(id));
    return {200, "application/x-ndjson", **file};
}

ApiResponse ApiHandler::postPack(const Caller &caller, const ApiRequest &request)
{
    if (caller.role != Role::Coordinator)
        return problem(403, "forbidden",
                       QStringLiteral("publishing a pack needs the coordinator role; %1 is %2")
                           .arg(caller.name, withArticle(caller.role)));
    if (request.body.size() > MaxBundleBytes)
        return tooLarge(request.body.size(), MaxBundleBytes);
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(request.body);
    buffer->open(QIODevice::ReadOnly);
    auto reader = pack::PackReader::open(std::move(buffer), QStringLiteral("pack"));
    if (!reader)
        return problem(400, "bad_pack", reader.error().message);
    QSet<QString> ids;
    for (;;) {
        auto next = (*reader)->next();
        if (!next)
            return problem(400, "bad_pack", next.error().message);
        if (!next->has_value())
            break;
        const pack::ItemRecord &record = **next;
        if (ids.contains(record.item.id))
            return problem(400, "bad_pack", QStringLiteral("pack:%1: field \"id\": duplicate item id \"%2\"")
                                                .arg(record.lineNumber)
                                                .arg(record.item.id));
        ids.insert(record.item.id);
    }
    if (ids.isEmpty())
        return problem(400, "bad_pack", QStringLiteral("the pack has a header and no items"));
    PublishedPack p;
    p.id = (*reader)->header().id;
    p.title = (*reader)->header().title;
    p.itemCount = ids.size();
    p.sha256 = QString::fromLatin1(QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex());
    p.publishedBy = caller.name;
    p.publishedUtc = store::utcNow();
    auto published = m_storage.publishPack(p, request.body);
    if (!published) {
        if (published.error().code == Error::Code::Conflict)
            return problem(409, "conflict", published.error().message);
        return storageFailure(published.error());
    }
    return json(*published ? 201 : 200, {{"id", toStd(p.id)},
                                         {"items", p.itemCount},
                                         {"sha256", toStd(p.sha256)},
                                         {"already_published", !*published}});
}

std::variant<ApiResponse, qint64> ApiHandler::admit(const ApiRequestHead &head)
{
    const bool get = head.method == "GET";
    const bool post = head.method == "POST";
    const QString packsPrefix = QLatin1String(PacksPath) + QLatin1Char('/');
    const bool events = head.path == QLatin1String(EventsPath);
    const bool bundles = head.path == QLatin1String(BundlesPath);
    const bool packs = head.path == QLatin1String(PacksPath);
    const bool pack = head.path.startsWith(packsPrefix) && head.path.size() > packsPrefix.size()
                      && !head.path.mid(packsPrefix.size()).contains(QLatin1Char('/'));
    const bool health = head.path == QLatin1String(HealthPath);
    const bool enroll = head.path == QLatin1String(EnrollPath);
    if (!events && !bundles && !packs && !pack && !health && !enroll && head.path != QLatin1String(LeaderboardPath))
        return problem(404, "not_found", QStringLiteral("no such resource: %1").arg(head.path));
    if (!((events || bundles || enroll) ? post : packs ? (get || post) : get))
        return problem(405, "method_not_allowed",
                       QStringLiteral("%1 does not take %2").arg(head.path, QString::fromLatin1(head.method)));
    const qint64 limit = events ? MaxBatchBytes : (bundles || (packs && post)) ? MaxBundleBytes : enroll ? 4096 : 0;
    if (!health) {
        ApiRequest credentials;
        credentials.authorization = head.authorization;
        auto caller = authenticate(credentials);
        if (!caller) {
            if (caller.error().code == Error::Code::Auth)
                return problem(401, "unauthorized", caller.error().message);
            return storageFailure(caller.error());
        }
        if (packs && post && caller->role != Role::Coordinator)
            return problem(403, "forbidden",
                           QStringLiteral("publishing a pack needs the coordinator role; %1 is %2")
                               .arg(caller->name, withArticle(caller->role)));
    }
    if (head.contentLength && *head.contentLength > limit)
        return tooLarge(qsizetype(*head.contentLength), qsizetype(limit));
    return limit;
}

ApiResponse ApiHandler::bodyOverLimit(qint64 limit)
{
    return problem(413, "too_large", QStringLiteral("the body has more than %1 bytes; the limit is %1").arg(limit));
}

} // namespace majlis::sync
