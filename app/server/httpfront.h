#pragma once

#include <QAbstractHttpServer>

#include "sync/apihandler.h"

// The HTTP transport: turns each Qt HttpServer request into one ApiHandler call and writes its
// answer. Nothing else: routing, auth, limits and storage are the handler's (core/sync).
class HttpFront final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // `handler` must outlive the front.
    explicit HttpFront(majlis::sync::ApiHandler &handler, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    majlis::sync::ApiHandler &m_handler;
};
