#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace majlis::store {
class EventStore;
}

namespace majlis::sync {

// Fetches the packs published on a server that the store does not hold yet, and imports them
// (validated as `majlisctl pack import` does). The server has no per-annotator assignment: every
// published pack is offered to every workstation that syncs with it. A pack id the store already
// holds is left alone, whatever the server has under it. One pack at a time; the network never
// blocks the caller's thread, the import runs in it (the store has one writer).
class PackPuller : public QObject
{
    Q_OBJECT

public:
    PackPuller(store::EventStore &store, QUrl server, QByteArray token, QObject *parent = nullptr);
    ~PackPuller() override;
    Q_DISABLE_COPY_MOVE(PackPuller)

    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Lists the server's packs and fetches the missing ones; a no-op while a pull runs.
    void pullNow();
    bool isBusy() const { return m_reply != nullptr; }

Q_SIGNALS:
    void packImported(QString packId, QString title);
    // A pull ended; `imported` packs are new in the store. Errors on single packs were reported
    // through failed() and did not stop the others.
    void finished(int imported);
    void failed(QString message);

private:
    QNetworkReply *get(const QString &path);
    void onList();
    void fetchNext();
    void onPack();

    store::EventStore &m_store;
    QUrl m_server;
    QByteArray m_token;
    std::chrono::milliseconds m_timeout{60 * 1000};
    QNetworkAccessManager *m_network; // a child
    QPointer<QNetworkReply> m_reply;
    QStringList m_queue;  // pack ids still to fetch in this pull
    QString m_current;
    int m_imported = 0;
};

} // namespace majlis::sync
