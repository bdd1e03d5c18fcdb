#pragma once

#include <QHostAddress>
#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "common/boundedqueue.h"
#include "sync/apihandler.h"

struct MHD_Connection;
struct MHD_Daemon;

// The HTTP transport on libmicrohttpd: turns each request into ApiHandler calls and sends the
// answers. Routing, auth, limits and storage are the handler's (core/sync).
//
// Threads. libmicrohttpd's own thread (epoll) does all socket work: it parses headers, counts
// and buffers bodies, enforces the connection limits and timeouts, and sends answers. It never
// touches storage: whenever a request needs a decision it suspends the connection and posts the
// question to this object's (the Qt main) thread, which answers and resumes it. The first
// decision, ApiHandler::admit, comes from the headers alone, so a refused request's body is
// never read. The JSON of an event batch is read on a worker thread (ApiHandler::read touches
// nothing shared), and batches that are ready together are stored in one transaction (group
// commit), each answered only after the commit that made it durable. libmicrohttpd takes the
// next request of a connection only once the previous one is answered, so answers on one
// connection leave in the order its requests came (HTTP/1.1 pipelining).
class HttpFront final : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        unsigned maxConnections = 1000;   // in all; more are closed as they are accepted
        unsigned maxPerClient = 64;       // from one IP address
        unsigned timeoutSeconds = 30;     // a connection idle this long (headers or body) is closed
        std::size_t headerBytes = 32 * 1024; // request line + headers (431 beyond): bounds their count too
    };
    struct Tls
    {
        QByteArray certificatePem;
        QByteArray keyPem;
    };

    // `handler` must outlive the front.
    HttpFront(majlis::sync::ApiHandler &handler, const Limits &limits, QObject *parent = nullptr);
    ~HttpFront() override;

    // Starts serving; returns the bound port (useful with port 0), or 0 and sets `error`.
    quint16 listen(const QHostAddress &host, quint16 port, const std::optional<Tls> &tls, QString *error);

    // Stops accepting connections, lets every request already begun finish (at most the idle
    // timeout each), then emits drained(). New requests on open connections get 503.
    void shutdown();

Q_SIGNALS:
    void drained();

private:
    struct Exchange;
    struct Callbacks;
    using Read = std::variant<majlis::sync::ApiResponse, majlis::sync::ApiHandler::PendingBatch>;
    // A batch to read, or (without an exchange) committed batches to free: freeing a thousand
    // events cost the main thread as much as binding them, so the reader does it.
    struct Job
    {
        std::shared_ptr<Exchange> exchange;
        majlis::sync::ApiHandler::BatchToRead batch;
        QList<majlis::sync::ApiHandler::PendingBatch> committed;
    };

    // libmicrohttpd's thread.
    bool serve(MHD_Connection *connection, const char *url, const char *method, const char *uploadData,
                std::size_t *uploadDataSize, std::shared_ptr<Exchange> **context);
    bool park(MHD_Connection *connection);
    // Sends the 413 of a chunked body past its limit straight on the socket and ends the write
    // side; false when it could not (TLS, a full send buffer), and the connection just closes.
    bool refuseOversized(MHD_Connection *connection, qint64 limit);

    // Main thread.
    void admit(const std::shared_ptr<Exchange> &exchange);
    void handle(const std::shared_ptr<Exchange> &exchange);
    void onRead(const std::shared_ptr<Exchange> &exchange, Read &result);
    void commitWaiting();
    void answer(const std::shared_ptr<Exchange> &exchange, majlis::sync::ApiResponse response);
    void resume(Exchange &exchange);
    void checkDrained();

    majlis::sync::ApiHandler &m_handler;
    const Limits m_limits;
    std::optional<Tls> m_tls; // libmicrohttpd reads the PEM text while it runs
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_inFlight{0}; // requests begun and not yet completed
    // libmicrohttpd must never be stopped with a connection suspended: once m_closing is set no
    // connection is suspended any more, and the daemon stops when m_suspended is back to 0.
    std::mutex m_gate;
    bool m_closing = false;
    int m_suspended = 0;
    QTimer *m_drainPoll = nullptr;
    QDeadlineTimer m_drainDeadline;
    std::vector<std::shared_ptr<Exchange>> m_waiting; // read, to be committed
    bool m_commitScheduled = false;
    majlis::BoundedQueue<Job> m_toRead{64};
    std::thread m_reader;
    int m_quiescedSocket = -1; // the listening socket, ours to close once the daemon stopped
    MHD_Daemon *m_daemon = nullptr; // stopped first in the destructor: its thread calls into this object
};
