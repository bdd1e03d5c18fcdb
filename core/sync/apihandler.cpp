#include "sync/apihandler.h"

#include "sync/apianswers.h"
#include "sync/protocol.h"

// Routing: the header stage (admit), the whole request (begin, handle), the token; and the two
// small read-only routes, health and the leaderboard. Each other route family has its own file.
namespace majlis::sync {

using api::json;
using api::problem;
using api::storageFailure;
using api::tooLarge;
using api::withArticle;

QByteArray ApiRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

ApiHandler::ApiHandler(ServerStorage &storage, Enrollment enrollment)
    : m_storage(storage), m_enrollment(enrollment), m_leaderboard(storage)
{}

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
                         : route == Route::Packs                                                       ? (get || post)
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
    case Route::Events: {
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
    return json(200, {{"status", "ok"}, {"version", MAJLIS_VERSION}, {"storage", toStd(m_storage.kind())}, {"events", *events}});
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

}  // namespace majlis::sync
