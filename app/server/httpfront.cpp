#include "httpfront.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QTimer>

namespace {

// Enough to share one fsync among all of a busy site's clients; few enough that one commit
// stays short.
constexpr std::size_t kMaxBatchesPerCommit = 32;

void answer(QHttpServerResponder &responder, const QPointer<QTcpSocket> &socket,
            const majlis::sync::ApiResponse &response)
{
    if (!socket || !socket->isOpen())
        return; // the client left; what was committed stays committed, and a retry is "already known"
    responder.write(response.body, {{"Content-Type", response.contentType}},
                    QHttpServerResponder::StatusCode(response.status));
}

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
    for (const auto &[name, value] : request.headers())
        if (name.compare("authorization", Qt::CaseInsensitive) == 0)
            call.authorization = value;
    call.body = request.body();
    auto started = m_handler.begin(call);
    auto parked = std::unique_ptr<Parked>(new Parked{makeResponder(request, socket), QPointer<QTcpSocket>(socket), {}});
    if (auto *response = std::get_if<majlis::sync::ApiResponse>(&started)) {
        answer(parked->responder, parked->socket, *response);
        return true;
    }
    const quint64 id = ++m_nextJob;
    m_reading.emplace(id, std::move(parked));
    m_toRead.push({id, std::get<majlis::sync::ApiHandler::BatchToRead>(std::move(started))});
    return true;
}

void HttpFront::onRead(quint64 id, Read &result)
{
    auto it = m_reading.find(id);
    if (it == m_reading.end())
        return;
    std::unique_ptr<Parked> parked = std::move(it->second);
    m_reading.erase(it);
    if (auto *response = std::get_if<majlis::sync::ApiResponse>(&result)) {
        answer(parked->responder, parked->socket, *response);
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
        QList<majlis::sync::ApiHandler::PendingBatch> batches;
        batches.reserve(qsizetype(n));
        for (std::size_t i = 0; i < n; ++i)
            batches.append(std::move(*m_waiting[i]->batch));
        const QList<majlis::sync::ApiResponse> answers = m_handler.commit(batches);
        for (std::size_t i = 0; i < n; ++i)
            answer(m_waiting[i]->responder, m_waiting[i]->socket, answers[qsizetype(i)]);
        m_waiting.erase(m_waiting.begin(), m_waiting.begin() + std::ptrdiff_t(n));
    }
}

void HttpFront::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}
