#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

#include "bundle/workstationkey.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace majlis::sync {

// Binds this workstation's key to its person on a server with a one-time enrollment code (a
// coordinator's `majlis-server workstation invite`): POST /api/v1/workstations/enroll, signed by
// the key it enrolls, so the code binds the key that holds it and nothing else. One request at a
// time; asynchronous (the desktop's Settings, majlisctl workstation enroll).
class EnrollClient : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Enrolled,        // bound now
        AlreadyEnrolled, // this key was already bound to this workstation
        Unreachable,     // no answer
        TokenRefused,    // 401
        BadCode,         // 403 bad_code / not_your_code: unknown, used, expired or someone else's
        OtherKey,        // 409 already_enrolled: the workstation is bound to another key
        Refused,         // any other refusal
    };
    Q_ENUM(Outcome)

    explicit EnrollClient(QObject *parent = nullptr);
    ~EnrollClient() override;
    Q_DISABLE_COPY_MOVE(EnrollClient)

    // Starts enrolling; finished() follows, once. A call while one is running is ignored.
    void enroll(const QUrl &server, const QByteArray &token, const QString &workstation,
                std::shared_ptr<const bundle::WorkstationKey> key, const QString &code);
    bool isBusy() const { return m_reply != nullptr; }

    static bool succeeded(Outcome outcome) { return outcome == Outcome::Enrolled || outcome == Outcome::AlreadyEnrolled; }

Q_SIGNALS:
    // `detail` is for a person, in English: the server's words or the network's error.
    void finished(majlis::sync::EnrollClient::Outcome outcome, QString detail);

private:
    void onFinished();

    QNetworkAccessManager *m_network;  // a child
    QPointer<QNetworkReply> m_reply;
    QUrl m_server;
};

} // namespace majlis::sync
