#pragma once

// Test kit for tests against a real majlis-server process on 127.0.0.1: start and stop the
// server (and PostgreSQL), make tokens, send requests with bounded waits.
#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>

#include "bundle/workstationkey.h"
#include "sync/protocol.h"

#include <signal.h>

namespace majlis::servertest {

inline QString serverBinary()
{
    return QStringLiteral(MAJLIS_BINARY_DIR "/bin/majlis-server");
}

inline QString ctlBinary()
{
    return QStringLiteral(MAJLIS_BINARY_DIR "/bin/majlisctl");
}

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A majlis-server child process. Killed (SIGKILL) in the destructor if still running.
class ServerProcess
{
public:
    ~ServerProcess() { kill9(); }

    // Starts on 127.0.0.1:port (0: any free port) and waits, bounded, for its "listening on" line.
    // Tests that are not about enrollment let workstations bind on first use; the integrity tests
    // pass {} to run the server as it is by default (enrollment by code or coordinator only).
    bool start(const QString &db, quint16 port = 0, QString *error = nullptr,
               const QStringList &extra = {QStringLiteral("--enrollment"), QStringLiteral("first-use")})
    {
        return startWith(QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--db"), db}
                             + extra,
                         error);
    }

    // Starts with exactly these arguments (the configuration tests: --config alone) and waits the
    // same way.
    bool startWith(const QStringList &arguments, QString *error = nullptr)
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(serverBinary(), arguments);
        QElapsedTimer clock;
        clock.start();
        QByteArray out;
        static const QRegularExpression listening(QStringLiteral("listening on (https?://127\\.0\\.0\\.1:(\\d+))"));
        while (clock.elapsed() < 15000) {
            if (!m_process.waitForReadyRead(200) && m_process.state() == QProcess::NotRunning)
                break;
            out += m_process.readAllStandardOutput();
            const auto m = listening.match(QString::fromUtf8(out));
            if (m.hasMatch()) {
                m_base = QUrl(m.captured(1));
                m_port = quint16(m.captured(2).toUInt());
                return true;
            }
        }
        if (error)
            *error = QStringLiteral("majlis-server did not start: %1 %2")
                         .arg(QString::fromUtf8(out), QString::fromUtf8(m_process.readAllStandardError()));
        kill9();
        return false;
    }

    void kill9()
    {
        if (m_process.state() != QProcess::NotRunning) {
            ::kill(pid_t(m_process.processId()), SIGKILL);
            m_process.waitForFinished(5000);
        }
    }

    QUrl url(const char *path) const
    {
        QUrl u = m_base;
        u.setPath(QLatin1String(path));
        return u;
    }
    QUrl base() const { return m_base; }
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QUrl m_base;
    quint16 m_port = 0;
};

inline QByteArray createToken(const QString &db, const QString &name, const QString &role)
{
    QProcess p;
    p.start(serverBinary(), {QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--db"), db,
                             QStringLiteral("--name"), name, QStringLiteral("--role"), role});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput().trimmed();
}

// A throwaway PostgreSQL (tests/server/pg.sh) in a temporary folder, stopped in the destructor.
class Postgres
{
public:
    ~Postgres() { stop(); }
    bool start(QString *error)
    {
        if (!QFile::exists(QStringLiteral("/usr/lib/postgresql/15/bin/initdb"))) {
            *error = QStringLiteral("PostgreSQL 15 is not installed");
            m_missing = true;
            return false;
        }
        m_port = freePort();
        // The cluster folder below is chowned to postgres, which must be able to reach it.
        QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup
                                                | QFile::ExeOther);
        QProcess p;
        p.setProcessEnvironment([] {
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("PG_FSYNC"), QStringLiteral("off"));
            return env;
        }());
        p.start(QStringLiteral(MAJLIS_SOURCE_DIR "/tests/server/pg.sh"),
                {QStringLiteral("start"), m_dir.filePath(QStringLiteral("pg")), QString::number(m_port)});
        if (!p.waitForFinished(90000) || p.exitCode() != 0) {
            *error = QStringLiteral("pg.sh start failed: ") + QString::fromUtf8(p.readAllStandardError());
            return false;
        }
        m_url = QString::fromUtf8(p.readAllStandardOutput().trimmed());
        m_started = true;
        return true;
    }
    void stop()
    {
        if (!m_started)
            return;
        QProcess::execute(QStringLiteral(MAJLIS_SOURCE_DIR "/tests/server/pg.sh"),
                          {QStringLiteral("stop"), m_dir.filePath(QStringLiteral("pg"))});
        m_started = false;
    }
    QString url() const { return m_url; }
    bool missing() const { return m_missing; }

private:
    QTemporaryDir m_dir;
    bool m_missing = false;
    quint16 m_port = 0;
    QString m_url;
    bool m_started = false;
};

struct Reply
{
    int status = 0;  // 0: no HTTP answer (network error or timeout)
    QByteArray body;
    QString error;
    nlohmann::json json() const { return nlohmann::json::parse(body.cbegin(), body.cend(), nullptr, false); }
};

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// A UUIDv7-shaped id made from a seed, so fixtures are reproducible and still pass the server's
// event validation.
inline QString testUuid(const QString &seed)
{
    QByteArray h = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256).left(16);
    h[6] = char((h[6] & 0x0f) | 0x70);
    h[8] = char((h[8] & 0x3f) | 0x80);
    const QString hex = QString::fromLatin1(h.toHex());
    return QStringLiteral("%1-%2-%3-%4-%5").arg(hex.mid(0, 8), hex.mid(8, 4), hex.mid(12, 4), hex.mid(16, 4), hex.mid(20, 12));
}

// Workstation keys for tests that speak for workstations directly: one Ed25519 key per
// workstation id, made on first use in a temporary folder.
class Workstations
{
public:
    const bundle::WorkstationKey &key(const QString &workstation)
    {
        auto it = m_keys.find(workstation);
        if (it == m_keys.end()) {
            auto key = bundle::WorkstationKey::loadOrCreate(m_dir.filePath(testUuid(workstation)));
            it = m_keys.emplace(workstation, std::make_unique<bundle::WorkstationKey>(std::move(*key))).first;
        }
        return *it->second;
    }
    // The headers that sign `body` as a batch of `workstation`, by its key (or by `signer`'s).
    Headers batchHeaders(const QString &workstation, const QByteArray &body, const QString &signer = {})
    {
        const bundle::WorkstationKey &k = key(signer.isEmpty() ? workstation : signer);
        return {{sync::WorkstationHeader, workstation.toUtf8()},
                {sync::PublicKeyHeader, k.publicKey().toBase64()},
                {sync::SignatureHeader, k.sign(sync::batchSigningMessage(body)).toBase64()}};
    }
    // Signs a batch body by the workstation its first event with a workstation names.
    Headers headersFor(const QByteArray &body)
    {
        const auto j = nlohmann::json::parse(body.cbegin(), body.cend(), nullptr, false);
        if (j.is_object() && j.contains("events") && j["events"].is_array())
            for (const auto &e : j["events"])
                if (e.is_object() && e.contains("workstation") && e["workstation"].is_string())
                    return batchHeaders(QString::fromStdString(e["workstation"].get<std::string>()), body);
        return batchHeaders(QStringLiteral("unnamed"), body);
    }

private:
    QTemporaryDir m_dir;
    std::map<QString, std::unique_ptr<bundle::WorkstationKey>> m_keys;
};

// One request, waited for with a bound.
inline Reply send(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url, const QByteArray &token,
                  const QByteArray &body = {}, int timeoutMs = 30000, const Headers &headers = {})
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.error = reply->errorString();
    reply->deleteLater();
    return r;
}

} // namespace majlis::servertest
