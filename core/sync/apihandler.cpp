#include "sync/apihandler.h"

#include "bundle/bundleverifier.h"
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

} // namespace

struct ApiHandler::Caller
{
    QString name;
    Role role = Role::Annotator;
};

ApiHandler::ApiHandler(ServerStorage &storage) : m_storage(storage), m_leaderboard(storage) {}

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

    enum class Route { Events, Bundles, Packs, Pack, Leaderboard, Health, None } route = Route::None;
    if (request.path == QLatin1String(EventsPath))
        route = Route::Events;
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

    const bool allowed = (route == Route::Events || route == Route::Bundles) ? post
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
        if (request.body.size() > MaxBatchBytes)
            return tooLarge(request.body.size(), MaxBatchBytes);
        return BatchToRead{caller->name, caller->role, request.body};
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
    // The usual batch is read without a JSON tree; anything unusual takes the full parse below,
    // which decides and words every problem.
    const std::string_view text(request.body.constData(), size_t(request.body.size()));
    if (std::optional<QList<Event>> quick = quickEventBatchFromJson(text, MaxBatchEvents)) {
        if (caller.role != Role::Coordinator)
            for (qsizetype i = 0; i < quick->size(); ++i)
                if (quick->at(i).annotator != caller.name)
                    return notYours(i, quick->at(i));
        const qsizetype size = quick->size();
        return PendingBatch{caller.name, std::move(*quick), {}, size};
    }
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(request.body.cbegin(), request.body.cend());
    } catch (const nlohmann::json::parse_error &e) {
        return problem(400, "malformed_json", QStringLiteral("the body is not JSON: %1").arg(QString::fromUtf8(e.what())));
    }
    if (!doc.is_object() || !doc.contains("events") || !doc["events"].is_array())
        return problem(400, "malformed_batch", QStringLiteral("the body must be an object with an \"events\" list"));
    const auto &list = doc["events"];
    if (qsizetype(list.size()) > MaxBatchEvents)
        return problem(413, "too_many_events",
                       QStringLiteral("the batch has %1 events; the limit is %2").arg(list.size()).arg(MaxBatchEvents));

    // Events that do not parse are rejected on their own; the rest of the batch goes on.
    PendingBatch batch{caller.name, {}, {}, qsizetype(list.size())};
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
        batch.events.append(std::move(*e));
    }
    return batch;
}

QList<ApiResponse> ApiHandler::commit(const QList<PendingBatch> &batches)
{
    QList<QList<Event>> events;
    events.reserve(batches.size());
    for (const PendingBatch &b : batches)
        events.append(b.events);
    auto reports = m_storage.ingestEventBatches(events);
    QList<ApiResponse> answers;
    answers.reserve(batches.size());
    for (qsizetype k = 0; k < batches.size(); ++k) {
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
    if (!events && !bundles && !packs && !pack && !health && head.path != QLatin1String(LeaderboardPath))
        return problem(404, "not_found", QStringLiteral("no such resource: %1").arg(head.path));
    if (!((events || bundles) ? post : packs ? (get || post) : get))
        return problem(405, "method_not_allowed",
                       QStringLiteral("%1 does not take %2").arg(head.path, QString::fromLatin1(head.method)));
    const qint64 limit = events ? MaxBatchBytes : (bundles || (packs && post)) ? MaxBundleBytes : 0;
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
