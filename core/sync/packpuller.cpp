#include "sync/packpuller.h"

#include "common/json.h"
#include "common/logging.h"
#include "store/eventstore.h"
#include "sync/protocol.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTemporaryFile>

namespace majlis::sync {

PackPuller::PackPuller(store::EventStore &store, QUrl server, QByteArray token, QObject *parent)
    : QObject(parent), m_store(store), m_server(std::move(server)), m_token(std::move(token)),
      m_network(new QNetworkAccessManager(this))
{
}

PackPuller::~PackPuller()
{
    if (m_reply)
        m_reply->abort();
}

QNetworkReply *PackPuller::get(const QString &path)
{
    QUrl url = m_server;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setTransferTimeout(int(m_timeout.count()));
    return m_network->get(request);
}

QString PackPuller::errorOf(QNetworkReply *reply, const QByteArray &body) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return QStringLiteral("%1: %2").arg(m_server.toDisplayString(), reply->errorString());
    const auto j = nlohmann::json::parse(body.cbegin(), body.cend(), nullptr, false);
    const QString message = j.is_object() && j.contains("message") && j["message"].is_string()
                                ? toQString(j["message"].get<std::string>())
                                : QString::fromUtf8(body.left(200));
    return QStringLiteral("the server answered %1: %2").arg(status).arg(message);
}

void PackPuller::pullNow()
{
    if (m_reply)
        return;
    m_queue.clear();
    m_imported = 0;
    m_reply = get(QLatin1String(PacksPath));
    connect(m_reply, &QNetworkReply::finished, this, &PackPuller::onList);
}

void PackPuller::onList()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
        Q_EMIT failed(QStringLiteral("cannot list the server's packs: %1").arg(errorOf(reply, body)));
        Q_EMIT finished(0);
        return;
    }
    const auto j = nlohmann::json::parse(body.cbegin(), body.cend(), nullptr, false);
    if (!j.is_object() || !j.contains("packs") || !j["packs"].is_array()) {
        Q_EMIT failed(QStringLiteral("the server's pack list is not {\"packs\": [...]}"));
        Q_EMIT finished(0);
        return;
    }
    auto held = m_store.packs();
    if (!held) {
        Q_EMIT failed(held.error().message);
        Q_EMIT finished(0);
        return;
    }
    QSet<QString> have;
    for (const store::PackSummary &p : std::as_const(*held))
        have.insert(p.id);
    for (const auto &p : j["packs"]) {
        if (!p.is_object() || !p.contains("id") || !p["id"].is_string())
            continue;
        const QString id = toQString(p["id"].get<std::string>());
        if (!id.isEmpty() && !have.contains(id))
            m_queue.append(id);
    }
    fetchNext();
}

void PackPuller::fetchNext()
{
    if (m_queue.isEmpty()) {
        Q_EMIT finished(m_imported);
        return;
    }
    m_current = m_queue.takeFirst();
    m_reply = get(QLatin1String(PacksPath) + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(m_current)));
    connect(m_reply, &QNetworkReply::finished, this, &PackPuller::onPack);
}

void PackPuller::onPack()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
        Q_EMIT failed(QStringLiteral("cannot fetch pack \"%1\": %2").arg(m_current, errorOf(reply, body)));
        return fetchNext();
    }
    // The importer reads files: the pack goes through a private temporary file.
    QTemporaryFile file;
    file.setFileTemplate(QDir::tempPath() + QStringLiteral("/majlis-pack-XXXXXX.jsonl"));
    if (!file.open() || file.write(body) != body.size() || !file.flush()) {
        Q_EMIT failed(QStringLiteral("cannot keep pack \"%1\" in a temporary file: %2").arg(m_current, file.errorString()));
        return fetchNext();
    }
    auto report = m_store.importPack(file.fileName());
    if (!report) {
        Q_EMIT failed(QStringLiteral("pack \"%1\" from the server: %2").arg(m_current, report.error().message));
        return fetchNext();
    }
    if (!report->alreadyPresent) {
        ++m_imported;
        QString title = report->packId;
        if (auto header = m_store.packHeader(report->packId))
            title = header->title;
        qCInfo(lcSync).noquote() << "imported pack" << report->packId << "from" << m_server.toDisplayString();
        Q_EMIT packImported(report->packId, title);
    }
    fetchNext();
}

} // namespace majlis::sync
