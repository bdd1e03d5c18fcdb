#pragma once

// An HTTP proxy inside the test that misbehaves on purpose, one decision per request: pass it,
// drop the request, drop the response, send the request twice, or kill the server once the
// request is with it. Blocking waits toward the server are bounded; the server is another process.
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

namespace majlis::servertest {

class FaultProxy : public QObject
{
    Q_OBJECT

public:
    enum class Action { Pass, DropRequest, DropResponse, Duplicate, KillServer };

    explicit FaultProxy(quint16 upstreamPort)
        : m_upstreamPort(upstreamPort)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                connect(client, &QTcpSocket::readyRead, this, [this, client] { onData(client); });
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    void setUpstreamPort(quint16 port) { m_upstreamPort = port; }
    // The action for the n-th request (0-based); requests beyond the script pass.
    void setScript(QList<Action> script) { m_script = std::move(script); }
    void setKill(std::function<void()> kill) { m_kill = std::move(kill); }
    int requests() const { return m_requests; }
    int forwarded() const { return m_forwarded; }

private:
    // The length of the first complete HTTP message in `buffer`, or 0 when it is not complete.
    static qsizetype messageLength(const QByteArray &buffer)
    {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return 0;
        qsizetype contentLength = 0;
        for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
            const QByteArray l = line.trimmed().toLower();
            if (l.startsWith("content-length:"))
                contentLength = l.mid(15).trimmed().toLongLong();
        }
        const qsizetype total = headerEnd + 4 + contentLength;
        return buffer.size() >= total ? total : 0;
    }

    // Sends one request on a fresh connection and returns the whole response ("" on failure).
    QByteArray forward(const QByteArray &request)
    {
        QTcpSocket upstream;
        upstream.connectToHost(QHostAddress::LocalHost, m_upstreamPort);
        if (!upstream.waitForConnected(3000))
            return {};
        upstream.write(request);
        if (!upstream.waitForBytesWritten(5000))
            return {};
        ++m_forwarded;
        QByteArray response;
        for (int i = 0; i < 300 && messageLength(response) == 0; ++i) {
            if (!upstream.waitForReadyRead(100) && upstream.state() != QAbstractSocket::ConnectedState)
                break;
            response += upstream.readAll();
        }
        return messageLength(response) ? response : QByteArray();
    }

    void onData(QTcpSocket *client)
    {
        QByteArray &buffer = m_buffers[client];
        buffer += client->readAll();
        for (;;) {
            const qsizetype length = messageLength(buffer);
            if (length == 0)
                return;
            const QByteArray request = buffer.left(length);
            buffer.remove(0, length);
            const Action action = m_requests < m_script.size() ? m_script[m_requests] : Action::Pass;
            ++m_requests;
            QByteArray response;
            switch (action) {
            case Action::DropRequest:
                break;
            case Action::KillServer: {
                QTcpSocket upstream;
                upstream.connectToHost(QHostAddress::LocalHost, m_upstreamPort);
                if (upstream.waitForConnected(3000)) {
                    upstream.write(request);
                    upstream.waitForBytesWritten(3000);
                    ++m_forwarded;
                }
                if (m_kill)
                    m_kill();
                break;
            }
            case Action::Duplicate:
                forward(request);
                response = forward(request);
                break;
            case Action::DropResponse:
                forward(request);
                break;
            case Action::Pass:
                response = forward(request);
                break;
            }
            if (response.isEmpty()) {
                m_buffers.remove(client);
                client->abort();
                return;
            }
            client->write(response);
        }
    }

    QTcpServer m_server;
    quint16 m_upstreamPort;
    QList<Action> m_script;
    std::function<void()> m_kill;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
    int m_forwarded = 0;
};

} // namespace majlis::servertest
