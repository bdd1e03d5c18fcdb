#include "httpfront.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>

HttpFront::HttpFront(majlis::sync::ApiHandler &handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(handler)
{
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
    const majlis::sync::ApiResponse answer = m_handler.handle(call);
    makeResponder(request, socket)
        .write(answer.body, {{"Content-Type", answer.contentType}},
               QHttpServerResponder::StatusCode(answer.status));
    return true;
}

void HttpFront::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}
