#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "sync/leaderboardservice.h"
#include "sync/serverstorage.h"

namespace majlis::sync {

// An HTTP request as the handler sees it: no sockets, no Qt HttpServer types, so the whole API
// is tested without a network. The transport (app/server) fills it in.
struct ApiRequest
{
    QByteArray method;         // "GET", "POST", …
    QString path;              // "/api/v1/events", without query
    QByteArray authorization;  // the Authorization header, empty when absent
    QByteArray body;
    QString query;             // "pack=demo&slice=dialect", percent-encoded as sent; may be empty
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
};

// The server's API (docs/api.md): routes a request, checks the token and the role, enforces the
// limits and answers. One call per request; storage errors become 500 with the message.
class ApiHandler
{
public:
    explicit ApiHandler(ServerStorage &storage);

    ApiResponse handle(const ApiRequest &request);

    // Annotator -> group, for GET /api/v1/leaderboard?slice=group.
    void setAnnotatorGroups(QHash<QString, QString> groups) { m_leaderboard.setAnnotatorGroups(std::move(groups)); }

private:
    struct Caller;
    Result<Caller> authenticate(const ApiRequest &request);
    ApiResponse postEvents(const Caller &caller, const ApiRequest &request);
    ApiResponse postBundle(const Caller &caller, const ApiRequest &request);
    ApiResponse listPacks();
    ApiResponse getPack(const QString &id);
    ApiResponse postPack(const Caller &caller, const ApiRequest &request);
    ApiResponse getLeaderboard(const Caller &caller, const ApiRequest &request);
    ApiResponse health();

    ServerStorage &m_storage;
    LeaderboardService m_leaderboard;
};

} // namespace majlis::sync
