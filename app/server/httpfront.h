#pragma once

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "common/boundedqueue.h"
#include "sync/apihandler.h"

// The HTTP transport: turns each Qt HttpServer request into ApiHandler calls and writes the
// answers. Routing, auth, limits and storage are the handler's (core/sync).
//
// Two things keep a busy server's cores busy. The JSON of an event batch is read on a worker
// thread (ApiHandler::read touches nothing shared) while this thread talks HTTP and SQL. And
// batches that are ready together are stored in one transaction (group commit), each answered
// only after the commit that made it durable, as before. Answers on one connection always leave
// in the order its requests came (HTTP/1.1 pipelining), whichever was ready first.
class HttpFront final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // `handler` must outlive the front.
    explicit HttpFront(majlis::sync::ApiHandler &handler, QObject *parent = nullptr);
    ~HttpFront() override;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    using Read = std::variant<majlis::sync::ApiResponse, majlis::sync::ApiHandler::PendingBatch>;
    struct Job
    {
        quint64 id = 0;
        majlis::sync::ApiHandler::BatchToRead batch;
    };
    // A request and, once known, its answer. QHttpServerResponder moves but is not assignable,
    // hence the pointers.
    struct Parked
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket; // the client may be gone by the time the answer is ready
        std::optional<majlis::sync::ApiHandler::PendingBatch> batch;
        std::optional<majlis::sync::ApiResponse> answer;
    };
    void settle(const std::shared_ptr<Parked> &parked, majlis::sync::ApiResponse answer);
    void onRead(quint64 id, Read &result);
    void commitWaiting();

    majlis::sync::ApiHandler &m_handler;
    quint64 m_nextJob = 0;
    std::map<QTcpSocket *, std::deque<std::shared_ptr<Parked>>> m_connections; // requests in order
    std::map<quint64, std::shared_ptr<Parked>> m_reading;
    std::vector<std::shared_ptr<Parked>> m_waiting; // read, to be committed
    bool m_commitScheduled = false;
    majlis::BoundedQueue<Job> m_toRead{64};
    std::thread m_reader;
};
