#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

#include "sync/syncsettings.h"

namespace majlis::store {
class EventStore;
class Outbox;
}
namespace majlis::sync {
class PackPuller;
class SyncClient;
}

namespace majlis::ui {

// The desktop's side of sync, for one store and one server: pushes the workstation's outbox in
// the background (sync::SyncClient: batches, backoff with jitter) and pulls the server's packs
// (sync::PackPuller). Voting never waits on it: every network call is asynchronous, and a vote
// only nudges a push that is not already running or waiting out a backoff.
class DesktopSync : public QObject
{
    Q_OBJECT

public:
    explicit DesktopSync(store::EventStore &store, QObject *parent = nullptr);
    ~DesktopSync() override;
    Q_DISABLE_COPY_MOVE(DesktopSync)

    // Starts syncing with the server of `settings`, or stops without one. Takes effect at once.
    void configure(const std::optional<sync::SyncSettings> &settings);
    std::optional<sync::SyncSettings> settings() const { return m_settings; }

    // Pushes and pulls now; also the way out of a stall once the cause is fixed.
    void syncNow();
    // Something was stored (a vote, an undo, a mark): push it soon.
    void eventsCommitted();

    // How often an idle client looks for events left behind and for new packs.
    void setIntervals(std::chrono::milliseconds push, std::chrono::milliseconds pull);

    struct State
    {
        bool configured = false;
        QString server;        // for display
        qint64 pending = 0;    // events the server has not acknowledged
        QDateTime lastSynced;  // the last time the outbox was emptied; invalid: never
        QString lastError;     // of the last attempt (push or pull); empty after a success
        bool stalled = false;  // retrying cannot help until the settings change
        bool busy = false;
    };
    State state() const;

Q_SIGNALS:
    void stateChanged();
    void packImported(QString packId, QString title);

private:
    void teardown();
    void pull();

    store::EventStore &m_store;
    std::optional<sync::SyncSettings> m_settings;
    std::unique_ptr<store::Outbox> m_outbox;
    std::unique_ptr<sync::SyncClient> m_client;
    std::unique_ptr<sync::PackPuller> m_puller;
    QTimer m_pushTimer;
    QTimer m_pullTimer;
    QString m_pullError;
};

} // namespace majlis::ui
