#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <variant>

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
    QList<std::pair<QByteArray, QByteArray>> headers = {};  // every header as sent (names in any case)

    // The value of a header, by case-insensitive name; empty when absent.
    QByteArray header(QByteArrayView name) const;
};

// How a workstation the server does not know yet may become known (docs/security.md).
enum class Enrollment {
    Code,      // only by a coordinator or a one-time enrollment code (the default)
    FirstUse,  // also by the first token that presents it signed: bound to that person
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
};

// What a transport knows once the headers are in, before any byte of the body.
struct ApiRequestHead
{
    QByteArray method;
    QString path;
    QByteArray authorization;
    std::optional<qint64> contentLength; // as announced; absent when chunked or when there is no body
    bool chunked = false;
};

// The server's API (docs/api.md): routes a request, checks the token and the role, enforces the
// limits and answers. One call per request; storage errors become 500 with the message.
class ApiHandler
{
public:
    explicit ApiHandler(ServerStorage &storage, Enrollment enrollment = Enrollment::Code);

    ApiResponse handle(const ApiRequest &request);

    // POST /api/v1/events in two halves, so a transport can commit several batches in one
    // transaction (one fsync for all): begin() answers at once every request it can — any other
    // route, and every refused batch — and otherwise hands back the batch, parsed and checked;
    // commit() stores batches together and answers each, only once they are durable.
    // handle() is begin(), read() and commit() of the one batch.
    // Which workstation a batch speaks for and the key that must have signed it, decided from the
    // headers and the registry; `bindOnCommit`: not bound yet, to be bound (first use) when the
    // batch is committed, if nobody bound it meanwhile.
    struct BatchIdentity
    {
        QString workstation;
        QByteArray publicKey;
        QByteArray signature;
        QString owner;
        bool bindOnCommit = false;
    };
    struct PendingBatch
    {
        BatchIdentity identity;
        QString caller;
        QList<Event> events;
        QMap<qsizetype, store::IngestOutcome> unparsed; // by index in the batch: rejected at parse
        qsizetype size = 0;                             // events in the batch as sent
    };
    // A batch admitted (route, token, role checked) whose JSON is still to be read. Reading it
    // touches nothing shared, so a transport may do it on another thread.
    struct BatchToRead
    {
        QString caller;
        Role role = Role::Annotator;
        QByteArray body;
        BatchIdentity identity;
    };
    std::variant<ApiResponse, BatchToRead> begin(const ApiRequest &request);
    static std::variant<ApiResponse, PendingBatch> read(const BatchToRead &batch);
    QList<ApiResponse> commit(const QList<PendingBatch> &batches);

    // The header stage, before any byte of the body: route, method, token, role where the route
    // alone decides it, and an announced Content-Length. Either the answer to send at once
    // (404, 405, 401, 403, 413, 500) — the transport then closes without reading the body — or
    // the most body bytes the route takes, which the transport counts as they come (chunked
    // too). The complete request then goes through begin(), which decides the rest.
    std::variant<ApiResponse, qint64> admit(const ApiRequestHead &head);
    // The answer when a body grows past admit()'s limit while it is being read (chunked).
    static ApiResponse bodyOverLimit(qint64 limit);

    // Annotator -> group, for GET /api/v1/leaderboard?slice=group.
    void setAnnotatorGroups(QHash<QString, QString> groups) { m_leaderboard.setAnnotatorGroups(std::move(groups)); }
    // What the leaderboard needs of the published packs, read before the first request asks.
    Status preloadLeaderboard() { return m_leaderboard.preload(); }

private:
    struct Caller;
    Result<Caller> authenticate(const ApiRequest &request);
    ApiResponse postBundle(const Caller &caller, const ApiRequest &request);
    std::variant<ApiResponse, BatchIdentity> batchIdentity(const Caller &caller, const ApiRequest &request);
    ApiResponse enroll(const Caller &caller, const ApiRequest &request);
    ApiResponse listPacks();
    ApiResponse getPack(const QString &id);
    ApiResponse postPack(const Caller &caller, const ApiRequest &request);
    ApiResponse getLeaderboard(const Caller &caller, const ApiRequest &request);
    ApiResponse health();

    ServerStorage &m_storage;
    Enrollment m_enrollment;
    LeaderboardService m_leaderboard;
};

} // namespace majlis::sync
