#include "sync/enrollclient.h"

#include "sync/protocol.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <nlohmann/json.hpp>

namespace majlis::sync {

EnrollClient::EnrollClient(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

EnrollClient::~EnrollClient()
{
    if (m_reply)
        m_reply->abort();
}

void EnrollClient::enroll(const QUrl &server, const QByteArray &token, const QString &workstation,
                          std::shared_ptr<const bundle::WorkstationKey> key, const QString &code)
{
    if (m_reply || !key)
        return;
    m_server = server;
    const QByteArray body = QByteArray::fromStdString(nlohmann::json{{"code", code.trimmed().toStdString()}}.dump());
    QNetworkRequest request = signedRequest(server, QLatin1String(EnrollPath), token, workstation, *key,
                                            enrollSigningMessage(body));
    request.setTransferTimeout(30000);
    m_reply = m_network->post(request, body);
    connect(m_reply, &QNetworkReply::finished, this, &EnrollClient::onFinished);
}

void EnrollClient::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200 || status == 201) {
        Q_EMIT finished(status == 201 ? Outcome::Enrolled : Outcome::AlreadyEnrolled, {});
        return;
    }
    const ServerFailure failure = serverFailure(m_server, reply, body);
    const Outcome outcome = status == 0     ? Outcome::Unreachable
                            : status == 401 ? Outcome::TokenRefused
                            : failure.code == QLatin1String("bad_code") || failure.code == QLatin1String("not_your_code")
                                ? Outcome::BadCode
                            : failure.code == QLatin1String("already_enrolled") ? Outcome::OtherKey
                                                                                : Outcome::Refused;
    Q_EMIT finished(outcome, failure.text);
}

} // namespace majlis::sync
