#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

#include "sync/enrollclient.h"
#include "sync/syncclient.h"
#include "sync/syncsettings.h"

namespace majlis::store {
class EventStore;
class Outbox;
}
namespace majlis::sync {
class PackPuller;
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
    // With an enrollment code (from a coordinator's `majlis-server workstation invite`), this
    // workstation's key is enrolled first and pushing starts once the server has bound it.
    void configure(const std::optional<sync::SyncSettings> &settings, const QString &enrollmentCode = {});
    std::optional<sync::SyncSettings> settings() const { return m_settings; }

    // Pushes and pulls now; also the way out of a stall once the cause is fixed.
    void syncNow();
    // Something was stored (a vote, an undo, a mark): push it soon.
    void eventsCommitted();

    struct State
    {
        bool configured = false;
        QString server;        // for display
        qint64 pending = 0;    // events the server has not acknowledged
        QDateTime lastSynced;  // the last time the outbox was emptied; invalid: never
        QString lastError;     // of the last attempt (push or pull); empty after a success
        bool stalled = false;  // retrying cannot help until the settings change
        bool busy = false;
        sync::SyncProblem problem = sync::SyncProblem::None;  // of the last push; see lastError
        bool pullFailed = false;  // the last error is the pull's (new packs), not the push's
        enum class Enrollment { None, Running, Done, Failed } enrollment = Enrollment::None;
        sync::EnrollClient::Outcome enrollOutcome = sync::EnrollClient::Outcome::Enrolled;
        QString enrollDetail;  // the server's words when enrolling failed
    };
    State state() const;

Q_SIGNALS:
    void stateChanged();
    void packImported(QString packId, QString title);

private:
    void teardown();
    void pull();
    void startSyncing();

    store::EventStore &m_store;
    std::optional<sync::SyncSettings> m_settings;
    std::unique_ptr<store::Outbox> m_outbox;
    std::unique_ptr<sync::SyncClient> m_client;
    std::unique_ptr<sync::PackPuller> m_puller;
    QTimer m_pushTimer;
    QTimer m_pullTimer;
    QString m_pullError;
    std::unique_ptr<sync::EnrollClient> m_enroller;
    State::Enrollment m_enrollment = State::Enrollment::None;
    sync::EnrollClient::Outcome m_enrollOutcome = sync::EnrollClient::Outcome::Enrolled;
    QString m_enrollDetail;
};

} // namespace majlis::ui
