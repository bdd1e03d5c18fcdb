#include "sync/packpuller.h"

#include "common/json.h"
#include "common/jsonparse.h"
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
    QNetworkRequest request(apiUrl(m_server, path));
    request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setTransferTimeout(int(m_timeout.count()));
    return m_network->get(request);
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
    auto giveUp = [this](const QString &message) {
        Q_EMIT failed(message);
        Q_EMIT finished(0);
    };
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return giveUp(QStringLiteral("cannot list the server's packs: %1").arg(failureOf(m_server, reply, body)));
    const nlohmann::json j =
        parseJson(std::string_view(body.constData(), size_t(body.size())), JsonSource{QStringLiteral("pack list"), 0})
            .value_or(nlohmann::json());
    if (!j.is_object() || !j.contains("packs") || !j["packs"].is_array())
        return giveUp(QStringLiteral("the server's pack list is not {\"packs\": [...]}"));
    auto held = m_store.packs();
    if (!held)
        return giveUp(held.error().message);
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
        Q_EMIT failed(QStringLiteral("cannot fetch pack \"%1\": %2").arg(m_current, failureOf(m_server, reply, body)));
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
