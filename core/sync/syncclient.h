#pragma once

#include <QDateTime>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <random>

#include "bundle/workstationkey.h"
#include "store/outbox.h"

class QNetworkAccessManager;

class QTimer;

namespace majlis::sync {

// When to try again. The client asks for one wake-up at a time; tests inject a timer that fires
// when the test says so, so no test sleeps through a backoff.
class RetryTimer
{
public:
    virtual ~RetryTimer() = default;
    // Replaces any pending wake-up.
    virtual void start(std::chrono::milliseconds delay, std::function<void()> wake) = 0;
    virtual void stop() = 0;
};

// The real one: a single-shot QTimer.
class QtRetryTimer final : public RetryTimer
{
public:
    QtRetryTimer();
    ~QtRetryTimer() override;
    void start(std::chrono::milliseconds delay, std::function<void()> wake) override;
    void stop() override;

private:
    std::unique_ptr<QTimer> m_timer;
    std::function<void()> m_wake;
};

// Why the last attempt failed, for an interface that words it in its own language (lastError()
// holds the details, in English).
enum class SyncProblem {
    None,
    Unreachable,       // no answer: the server is down, the address is wrong, no network
    ServerFailed,      // an answer other than success that retrying may cure (5xx, 413, garbage)
    TokenRefused,      // 401: the token is unknown or revoked
    NotEnrolled,       // 403 not_enrolled: this workstation's key is not bound on the server yet
    KeyMismatch,       // 403: the workstation is bound to another key or another person
    Forbidden,         // 403 otherwise: the token may not send these events
    EventRejected,     // the server rejected an event; it contradicts what the server holds
    ServerBehind,      // the server lacks events it acknowledged before (restored from a backup?)
    AckNotBelieved,    // the server acknowledged more than was ever sent (the wrong server?)
    NoKey,             // this store has no workstation key to sign with
    LocalStore,        // this workstation's own store failed
};

struct SyncOptions
{
    QUrl server;        // the base URL, e.g. http://127.0.0.1:8787
    QByteArray token;   // bearer token
    int batchSize = 500;  // at most MaxBatchEvents
    std::chrono::milliseconds firstBackoff{1000};
    std::chrono::milliseconds maxBackoff{5 * 60 * 1000};
    std::chrono::milliseconds requestTimeout{30 * 1000};
    quint64 jitterSeed = 0;  // 0: seeded from the system's randomness
    // The workstation's key: every batch is signed by it (the server refuses unsigned batches).
    std::shared_ptr<const bundle::WorkstationKey> key;
};

// Pushes a store's outbox (its workstation's events above what the server acknowledged) to a
// server in batches. Lives in the thread of the Outbox's connection; never blocks it on the
// network. After a failure it waits firstBackoff · 2^(n−1), capped at maxBackoff, with "equal
// jitter" (a random half of it on top of the other half), then tries again, until the outbox is
// empty. A batch the server has taken is forgotten only up to the seq it acknowledged, so a lost
// answer just means the batch is sent again and comes back "already known".
//
// Stops retrying (stalled()) only when retrying cannot help: the server rejected an event, it
// lacks events below what it acknowledged before, or it refused the token (401, 403). A person
// has to look then.
class SyncClient : public QObject
{
    Q_OBJECT

public:
    SyncClient(store::Outbox &outbox, SyncOptions options, std::unique_ptr<RetryTimer> timer = {},
               QObject *parent = nullptr);
    ~SyncClient() override;
    Q_DISABLE_COPY_MOVE(SyncClient)

    // Starts pushing now (a new vote, a button, a timer); a no-op while a batch is in flight.
    void syncNow();

    qint64 pending() const { return m_pending; }
    QDateTime lastSynced() const { return m_lastSynced; }
    QString lastError() const { return m_lastError; }
    SyncProblem problem() const { return m_problem; }
    int consecutiveFailures() const { return m_failures; }
    bool isBusy() const { return m_reply != nullptr; }
    bool isStalled() const { return m_stalled; }
    // The backoff before attempt n+1 after n consecutive failures, before jitter.
    std::chrono::milliseconds backoff(int failures) const;

Q_SIGNALS:
    void pendingChanged(qint64 count);
    // The outbox became empty: everything up to now is acknowledged.
    void synced(QDateTime at);
    // One attempt failed; another one is scheduled (unless stalled() follows).
    void failed(QString message);
    // Retrying cannot help; nothing more is tried until syncNow().
    void stalled(QString message);
    // A batch was acknowledged up to this seq.
    void acknowledged(qint64 seq);

private:
    void sendNextBatch();
    void onFinished();
    void fail(SyncProblem problem, const QString &message);
    void stall(SyncProblem problem, const QString &message);
    void refreshPending();

    store::Outbox &m_outbox;
    SyncOptions m_options;
    std::unique_ptr<RetryTimer> m_timer;
    QNetworkAccessManager *m_network = nullptr;  // owned as a child
    QPointer<QNetworkReply> m_reply;
    qint64 m_batchLastSeq = 0;
    qint64 m_pending = -1;
    int m_failures = 0;
    bool m_stalled = false;
    QDateTime m_lastSynced;
    QString m_lastError;
    SyncProblem m_problem = SyncProblem::None;
    std::mt19937_64 m_jitter;
};

} // namespace majlis::sync
