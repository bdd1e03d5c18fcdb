#include "httpfront.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QTimer>

namespace {

// Enough to share one fsync among all of a busy site's clients; few enough that one commit
// stays short.
constexpr std::size_t kMaxBatchesPerCommit = 32;

} // namespace

HttpFront::HttpFront(majlis::sync::ApiHandler &handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(handler)
{
    m_reader = std::thread([this] {
        while (auto job = m_toRead.pop()) {
            auto result = std::make_shared<Read>(majlis::sync::ApiHandler::read(job->batch));
            QMetaObject::invokeMethod(
                this, [this, id = job->id, result] { onRead(id, *result); }, Qt::QueuedConnection);
        }
    });
}

HttpFront::~HttpFront()
{
    m_toRead.close();
    m_reader.join();
}

bool HttpFront::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    majlis::sync::ApiRequest call;
    const char *method = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method()));
    call.method = method ? QByteArray(method).toUpper() : QByteArray("UNKNOWN");
    call.path = request.url().path();
    call.query = request.url().query(QUrl::FullyEncoded);
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("authorization", Qt::CaseInsensitive) == 0)
            call.authorization = value;
        call.headers.append({name, value});
    }
    call.body = request.body();
    auto started = m_handler.begin(call);

    auto parked = std::make_shared<Parked>(Parked{makeResponder(request, socket), QPointer<QTcpSocket>(socket), {}, {}});
    auto [connection, isNew] = m_connections.try_emplace(socket);
    if (isNew) // a socket's address may come back for another client once it is gone
        connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.erase(socket); });
    connection->second.push_back(parked);

    if (auto *response = std::get_if<majlis::sync::ApiResponse>(&started)) {
        settle(parked, std::move(*response));
        return true;
    }
    const quint64 id = ++m_nextJob;
    m_reading.emplace(id, parked);
    m_toRead.push({id, std::get<majlis::sync::ApiHandler::BatchToRead>(std::move(started))});
    return true;
}

// Records the answer, then writes every answer of that connection that is next in line.
void HttpFront::settle(const std::shared_ptr<Parked> &parked, majlis::sync::ApiResponse answer)
{
    parked->answer = std::move(answer);
    if (!parked->socket)
        return; // the client left; what was committed stays committed, and a retry is "already known"
    auto connection = m_connections.find(parked->socket.data());
    if (connection == m_connections.end())
        return;
    auto &queue = connection->second;
    while (!queue.empty() && queue.front()->answer) {
        Parked &next = *queue.front();
        if (next.socket && next.socket->isOpen())
            next.responder.write(next.answer->body, {{"Content-Type", next.answer->contentType}},
                                 QHttpServerResponder::StatusCode(next.answer->status));
        queue.pop_front();
    }
}

void HttpFront::onRead(quint64 id, Read &result)
{
    auto it = m_reading.find(id);
    if (it == m_reading.end())
        return;
    std::shared_ptr<Parked> parked = std::move(it->second);
    m_reading.erase(it);
    if (auto *response = std::get_if<majlis::sync::ApiResponse>(&result)) {
        settle(parked, std::move(*response));
        return;
    }
    parked->batch = std::get<majlis::sync::ApiHandler::PendingBatch>(std::move(result));
    m_waiting.push_back(std::move(parked));
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
        std::vector<std::shared_ptr<Parked>> group(m_waiting.begin(), m_waiting.begin() + std::ptrdiff_t(n));
        m_waiting.erase(m_waiting.begin(), m_waiting.begin() + std::ptrdiff_t(n));
        QList<majlis::sync::ApiHandler::PendingBatch> batches;
        batches.reserve(qsizetype(n));
        for (const auto &parked : group)
            batches.append(std::move(*parked->batch));
        const QList<majlis::sync::ApiResponse> answers = m_handler.commit(batches);
        for (std::size_t i = 0; i < n; ++i)
            settle(group[i], answers[qsizetype(i)]);
    }
}

void HttpFront::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}
