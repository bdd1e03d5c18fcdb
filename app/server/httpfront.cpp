#include "httpfront.h"

#include <QMetaObject>
#include <QTimer>
#include <QUrl>

#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <unistd.h>
#include <mutex>
#include <utility>

using majlis::sync::ApiHandler;
using majlis::sync::ApiResponse;

namespace {

// Enough to share one fsync among all of a busy site's clients; few enough that one commit
// stays short.
constexpr std::size_t kMaxBatchesPerCommit = 32;

// A refused request that announced at most this much body, and did not ask to wait for the
// verdict (Expect: 100-continue), has its body read and dropped before the answer: a client still
// writing when the connection closes gets a reset, and its kernel throws the answer away with it.
// Bigger bodies are refused at once and the connection closed.
constexpr qint64 kDrainBytes = 8 * 1024 * 1024;
// A chunked body found over its limit is answered at once (413), then read and dropped for up to
// this much more before the connection closes: closing on a client that is still writing resets
// it, and a client whose write fails may never read the answer (a lingering close, RFC 9112 9.6).
constexpr qint64 kDiscardBytes = 16 * 1024 * 1024;

std::optional<qint64> contentLength(MHD_Connection *connection)
{
    const char *text = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const qint64 n = QByteArray(text).trimmed().toLongLong(&ok);
    return ok && n >= 0 ? std::optional<qint64>(n) : std::nullopt;
}

// The query as the client sent it, percent-encoded: libmicrohttpd hands it over split and decoded.
QString queryOf(MHD_Connection *connection)
{
    QByteArray query;
    MHD_get_connection_values(
        connection, MHD_GET_ARGUMENT_KIND,
        [](void *out, MHD_ValueKind, const char *key, const char *value) -> MHD_Result {
            auto &q = *static_cast<QByteArray *>(out);
            if (!q.isEmpty())
                q += '&';
            q += QUrl::toPercentEncoding(QString::fromUtf8(key));
            if (value)
                q += '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
            return MHD_YES;
        },
        &query);
    return QString::fromLatin1(query);
}

MHD_Result queue(MHD_Connection *connection, const ApiResponse &answer, bool close = false)
{
    MHD_Response *response = MHD_create_response_from_buffer(std::size_t(answer.body.size()),
                                                             const_cast<char *>(answer.body.constData()),
                                                             MHD_RESPMEM_MUST_COPY);
    if (!response)
        return MHD_NO;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, answer.contentType.constData());
    // The API answers JSON and text only: a browser that opens an answer (a pack, a leaderboard)
    // must not sniff it into HTML, run anything in it or frame it.
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(response, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (close)
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
    const MHD_Result queued = MHD_queue_response(connection, unsigned(answer.status), response);
    MHD_destroy_response(response);
    return queued;
}

ApiResponse shuttingDown()
{
    return {503, "application/json",
            QByteArrayLiteral(R"({"error":"shutting_down","message":"the server is stopping; try again shortly"})"
                              "\n")};
}

} // namespace

// One request, from its headers to its answer. Owned by libmicrohttpd's per-request context
// (freed when the request completes) and by whichever queue of this front holds it. Its fields
// are written by one thread at a time: the main thread only while the connection is suspended,
// libmicrohttpd's thread otherwise; suspending and resuming order the two.
struct HttpFront::Exchange
{
    // Discarding: a body over the limit was answered (413, straight on the socket) and what the
    // client still sends is read and dropped, up to kDiscardBytes, before the connection closes.
    enum class Stage { Admitting, Admitted, Draining, Receiving, Discarding, Handling, Answered };
    MHD_Connection *connection = nullptr;
    Stage stage = Stage::Admitting;
    majlis::sync::ApiRequestHead head;
    bool expectsContinue = false;
    QString query;
    QList<std::pair<QByteArray, QByteArray>> headers;  // every header, for the handler (signatures)
    qint64 limit = 0;
    qint64 discardLeft = 0;
    QByteArray body;
    std::optional<ApiResponse> answer;
    std::optional<ApiHandler::PendingBatch> batch;
};

// libmicrohttpd's C callbacks, with access to the front.
struct HttpFront::Callbacks
{
    static MHD_Result access(void *self, MHD_Connection *connection, const char *url, const char *method,
                             const char *, const char *uploadData, std::size_t *uploadDataSize, void **context)
    {
        return static_cast<HttpFront *>(self)->serve(connection, url, method, uploadData, uploadDataSize,
                                                      reinterpret_cast<std::shared_ptr<Exchange> **>(context))
                   ? MHD_YES
                   : MHD_NO;
    }
    static void completed(void *self, MHD_Connection *, void **context, MHD_RequestTerminationCode)
    {
        auto *exchange = static_cast<std::shared_ptr<Exchange> *>(*context);
        if (!exchange)
            return;
        delete exchange;
        *context = nullptr;
        --static_cast<HttpFront *>(self)->m_inFlight;
    }
};

HttpFront::HttpFront(ApiHandler &handler, const Limits &limits, QObject *parent)
    : QObject(parent), m_handler(handler), m_limits(limits)
{
    m_reader = std::thread([this] {
        while (auto job = m_toRead.pop()) {
            if (!job->exchange)
                continue; // committed batches, freed here with the job
            auto result = std::make_shared<Read>(ApiHandler::read(job->batch));
            QMetaObject::invokeMethod(
                this, [this, exchange = std::move(job->exchange), result] { onRead(exchange, *result); },
                Qt::QueuedConnection);
        }
    });
}

HttpFront::~HttpFront()
{
    if (m_daemon)
        MHD_stop_daemon(m_daemon);
    if (m_quiescedSocket >= 0 && m_daemon)
        ::close(m_quiescedSocket);
    m_toRead.close();
    m_reader.join();
}

quint16 HttpFront::listen(const QHostAddress &host, quint16 port, const std::optional<Tls> &tls, QString *error)
{
    sockaddr_in v4{};
    sockaddr_in6 v6{};
    sockaddr *address = nullptr;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (host.protocol() == QAbstractSocket::IPv6Protocol) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        const Q_IPV6ADDR bytes = host.toIPv6Address();
        std::memcpy(&v6.sin6_addr, &bytes, sizeof bytes);
        address = reinterpret_cast<sockaddr *>(&v6);
        flags |= MHD_USE_IPv6;
    } else {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        v4.sin_addr.s_addr = htonl(host.toIPv4Address());
        address = reinterpret_cast<sockaddr *>(&v4);
    }
    if (tls) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            *error = QStringLiteral("this libmicrohttpd has no TLS support");
            return 0;
        }
        m_tls = tls;
        flags |= MHD_USE_TLS;
    }
    // Two-pointer options take their first pointer as the value (see MHD_OPTION_ARRAY).
    std::vector<MHD_OptionItem> options{
        {MHD_OPTION_SOCK_ADDR, 0, address},
        {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&Callbacks::completed), this},
        {MHD_OPTION_CONNECTION_LIMIT, intptr_t(m_limits.maxConnections), nullptr},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, intptr_t(m_limits.maxPerClient), nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, intptr_t(m_limits.timeoutSeconds), nullptr},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, intptr_t(m_limits.headerBytes), nullptr},
    };
    if (m_tls) {
        options.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char *>(m_tls->certificatePem.constData())});
        options.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char *>(m_tls->keyPem.constData())});
    }
    options.push_back({MHD_OPTION_END, 0, nullptr});
    m_daemon = MHD_start_daemon(flags, port, nullptr, nullptr, &Callbacks::access, this, MHD_OPTION_ARRAY,
                                options.data(), MHD_OPTION_END);
    if (!m_daemon) {
        *error = QStringLiteral("cannot listen on %1:%2 (address in use, or a bad --cert/--key?)")
                     .arg(host.toString())
                     .arg(port);
        return 0;
    }
    const MHD_DaemonInfo *info = MHD_get_daemon_info(m_daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? quint16(info->port) : port;
}

// libmicrohttpd's thread. Returns false to drop the connection.
bool HttpFront::serve(MHD_Connection *connection, const char *url, const char *method, const char *uploadData,
                       std::size_t *uploadDataSize, std::shared_ptr<Exchange> **context)
{
    if (!*context) {
        auto exchange = std::make_shared<Exchange>();
        exchange->connection = connection;
        exchange->head.method = method;
        exchange->head.path = QString::fromUtf8(url);
        exchange->head.authorization =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
        MHD_get_connection_values(
            connection, MHD_HEADER_KIND,
            [](void *out, MHD_ValueKind, const char *key, const char *value) -> MHD_Result {
                static_cast<QList<std::pair<QByteArray, QByteArray>> *>(out)->append(
                    std::pair<QByteArray, QByteArray>(QByteArray(key), QByteArray(value ? value : "")));
                return MHD_YES;
            },
            &exchange->headers);
        const char *encoding =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
        exchange->head.chunked = encoding && QByteArray(encoding).toLower().contains("chunked");
        if (!exchange->head.chunked)
            exchange->head.contentLength = contentLength(connection);
        const char *expect = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
        exchange->expectsContinue = expect && QByteArray(expect).trimmed().toLower() == "100-continue";
        exchange->query = queryOf(connection);
        *context = new std::shared_ptr<Exchange>(exchange);
        ++m_inFlight;
        if (m_stopping)
            return queue(connection, shuttingDown(), true) == MHD_YES;
        if (!park(connection))
            return false;
        QMetaObject::invokeMethod(
            this, [this, exchange] { admit(exchange); }, Qt::QueuedConnection);
        return true;
    }
    Exchange &exchange = ***context;
    switch (exchange.stage) {
    case Exchange::Stage::Admitted: // called again for the headers, once resumed
        if (exchange.answer) {
            const qint64 announced = exchange.head.contentLength.value_or(0);
            if (exchange.expectsContinue || announced == 0 || announced > kDrainBytes)
                return queue(connection, *exchange.answer) == MHD_YES; // libmicrohttpd closes: body unread
            exchange.stage = Exchange::Stage::Draining;
            return true;
        }
        exchange.stage = Exchange::Stage::Receiving;
        return true;
    case Exchange::Stage::Draining:
        if (*uploadDataSize > 0) {
            *uploadDataSize = 0;
            return true;
        }
        return queue(connection, *exchange.answer) == MHD_YES;
    case Exchange::Stage::Receiving:
        if (*uploadDataSize > 0) {
            if (exchange.body.size() + qint64(*uploadDataSize) > exchange.limit) {
                if (!refuseOversized(connection, exchange.limit))
                    return false;
                // Closing now would reset a client that is still writing, and its kernel would
                // throw the 413 away unread: read on a while first (a lingering close).
                exchange.body = QByteArray();
                exchange.stage = Exchange::Stage::Discarding;
                exchange.discardLeft = kDiscardBytes;
                *uploadDataSize = 0;
                return true;
            }
            exchange.body.append(uploadData, qsizetype(*uploadDataSize));
            *uploadDataSize = 0;
            return true;
        }
        exchange.stage = Exchange::Stage::Handling;
        if (!park(connection))
            return false;
        QMetaObject::invokeMethod(
            this, [this, shared = **context] { handle(shared); }, Qt::QueuedConnection);
        return true;
    case Exchange::Stage::Discarding: // answered already: close once the client stops or has sent enough
        if (*uploadDataSize == 0)
            return false;
        exchange.discardLeft -= qint64(*uploadDataSize);
        *uploadDataSize = 0;
        return exchange.discardLeft > 0;
    case Exchange::Stage::Answered:
        return queue(connection, *exchange.answer) == MHD_YES;
    case Exchange::Stage::Admitting:
    case Exchange::Stage::Handling: // suspended: not called
        break;
    }
    return true;
}

bool HttpFront::park(MHD_Connection *connection)
{
    std::lock_guard lock(m_gate);
    if (m_closing)
        return false;
    ++m_suspended;
    MHD_suspend_connection(connection);
    return true;
}

void HttpFront::resume(Exchange &exchange)
{
    {
        std::lock_guard lock(m_gate);
        --m_suspended;
    }
    MHD_resume_connection(exchange.connection);
}

// libmicrohttpd 0.9.75 cannot queue an answer while a body is coming in, only drop the
// connection. Over plain TCP nothing else is being written at that point, so the 413 goes out
// directly before the drop; the client reads it, then the reset. Over TLS it is only dropped.
bool HttpFront::refuseOversized(MHD_Connection *connection, qint64 limit)
{
    const MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (m_tls || !info)
        return false;
    const ApiResponse answer = ApiHandler::bodyOverLimit(limit);
    const QByteArray raw = "HTTP/1.1 413 Content Too Large\r\nContent-Type: " + answer.contentType
                           + "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(answer.body.size())
                           + "\r\n\r\n" + answer.body;
    if (::send(info->connect_fd, raw.constData(), std::size_t(raw.size()), MSG_NOSIGNAL | MSG_DONTWAIT) != raw.size())
        return false;
    ::shutdown(info->connect_fd, SHUT_WR);
    return true;
}

void HttpFront::admit(const std::shared_ptr<Exchange> &exchange)
{
    auto decided = m_handler.admit(exchange->head);
    if (auto *refused = std::get_if<ApiResponse>(&decided)) {
        exchange->answer = std::move(*refused);
    } else {
        exchange->limit = std::get<qint64>(decided);
        if (exchange->head.contentLength) // the announced size is within the limit
            exchange->body.reserve(qsizetype(*exchange->head.contentLength));
    }
    exchange->stage = Exchange::Stage::Admitted;
    resume(*exchange);
}

void HttpFront::handle(const std::shared_ptr<Exchange> &exchange)
{
    majlis::sync::ApiRequest call;
    call.method = exchange->head.method;
    call.path = exchange->head.path;
    call.authorization = exchange->head.authorization;
    call.query = exchange->query;
    call.headers = std::exchange(exchange->headers, {});
    call.body = std::exchange(exchange->body, {});
    auto started = m_handler.begin(call);
    if (auto *response = std::get_if<ApiResponse>(&started)) {
        answer(exchange, std::move(*response));
        return;
    }
    m_toRead.push({exchange, std::get<ApiHandler::BatchToRead>(std::move(started)), {}});
}

void HttpFront::onRead(const std::shared_ptr<Exchange> &exchange, Read &result)
{
    if (auto *response = std::get_if<ApiResponse>(&result)) {
        answer(exchange, std::move(*response));
        return;
    }
    exchange->batch = std::get<ApiHandler::PendingBatch>(std::move(result));
    m_waiting.push_back(exchange);
    // Queued behind what is already posted: batches read meanwhile join this commit.
    if (!m_commitScheduled) {
        m_commitScheduled = true;
        QTimer::singleShot(0, this, &HttpFront::commitWaiting);
    }
}

void HttpFront::commitWaiting()
{
    m_commitScheduled = false;
    while (!m_waiting.empty()) {
        const std::size_t n = std::min(m_waiting.size(), kMaxBatchesPerCommit);
        std::vector<std::shared_ptr<Exchange>> group(m_waiting.begin(), m_waiting.begin() + std::ptrdiff_t(n));
        m_waiting.erase(m_waiting.begin(), m_waiting.begin() + std::ptrdiff_t(n));
        QList<ApiHandler::PendingBatch> batches;
        batches.reserve(qsizetype(n));
        for (const auto &exchange : group)
            batches.append(std::move(*exchange->batch));
        const QList<ApiResponse> answers = m_handler.commit(batches);
        for (std::size_t i = 0; i < n; ++i)
            answer(group[i], answers[qsizetype(i)]);
        m_toRead.push({nullptr, {}, std::move(batches)});
    }
}

void HttpFront::answer(const std::shared_ptr<Exchange> &exchange, ApiResponse response)
{
    exchange->batch.reset();
    exchange->answer = std::move(response);
    exchange->stage = Exchange::Stage::Answered;
    resume(*exchange);
}

void HttpFront::shutdown()
{
    if (m_stopping.exchange(true) || !m_daemon)
        return;
    // Quiescing only stops polling the listening socket; shutting it down makes the kernel
    // refuse new connections too, instead of queueing them unanswered. It is closed after the
    // daemon stopped (libmicrohttpd's thread may still hold it).
    m_quiescedSocket = MHD_quiesce_daemon(m_daemon);
    if (m_quiescedSocket >= 0)
        ::shutdown(m_quiescedSocket, SHUT_RDWR);
    // A request in the middle of its body may stall; the idle timeout bounds each such wait.
    m_drainDeadline = QDeadlineTimer(std::chrono::seconds(m_limits.timeoutSeconds + 1));
    m_drainPoll = new QTimer(this);
    connect(m_drainPoll, &QTimer::timeout, this, &HttpFront::checkDrained);
    m_drainPoll->start(20);
}

void HttpFront::checkDrained()
{
    if (m_inFlight > 0 && !m_drainDeadline.hasExpired())
        return;
    {
        std::lock_guard lock(m_gate);
        m_closing = true;
        if (m_suspended > 0)
            return; // their answers are on their way through this thread
    }
    m_drainPoll->stop();
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
    if (m_quiescedSocket >= 0) // libmicrohttpd's threads may use it until they are stopped
        ::close(m_quiescedSocket);
    Q_EMIT drained();
}
