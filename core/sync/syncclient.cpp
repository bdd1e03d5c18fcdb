#include "sync/syncclient.h"

#include "common/logging.h"
#include "sync/protocol.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace majlis::sync {

QtRetryTimer::QtRetryTimer() : m_timer(std::make_unique<QTimer>())
{
    m_timer->setSingleShot(true);
    QObject::connect(m_timer.get(), &QTimer::timeout, m_timer.get(), [this] {
        if (auto wake = std::exchange(m_wake, {}))
            wake();
    });
}

QtRetryTimer::~QtRetryTimer() = default;

void QtRetryTimer::start(std::chrono::milliseconds delay, std::function<void()> wake)
{
    m_wake = std::move(wake);
    m_timer->start(delay);
}

void QtRetryTimer::stop()
{
    m_timer->stop();
    m_wake = {};
}

SyncClient::SyncClient(store::Outbox &outbox, SyncOptions options, std::unique_ptr<RetryTimer> timer,
                       QObject *parent)
    : QObject(parent),
      m_outbox(outbox),
      m_options(std::move(options)),
      m_timer(timer ? std::move(timer) : std::make_unique<QtRetryTimer>()),
      m_network(new QNetworkAccessManager(this)),
      m_jitter(m_options.jitterSeed ? m_options.jitterSeed : QRandomGenerator::system()->generate64())
{
    m_options.batchSize = std::clamp(m_options.batchSize, 1, int(MaxBatchEvents));
}

SyncClient::~SyncClient()
{
    m_timer->stop();
    if (m_reply)
        m_reply->abort();
}

std::chrono::milliseconds SyncClient::backoff(int failures) const
{
    if (failures <= 0)
        return std::chrono::milliseconds(0);
    auto delay = m_options.firstBackoff;
    for (int i = 1; i < failures && delay < m_options.maxBackoff; ++i)
        delay *= 2;
    return std::min(delay, m_options.maxBackoff);
}

void SyncClient::syncNow()
{
    if (m_reply)
        return;
    m_timer->stop();
    m_stalled = false;
    sendNextBatch();
}

void SyncClient::refreshPending()
{
    auto count = m_outbox.pendingCount();
    if (count && *count != m_pending) {
        m_pending = *count;
        Q_EMIT pendingChanged(m_pending);
    }
}

void SyncClient::sendNextBatch()
{
    refreshPending();
    auto batch = m_outbox.pending(m_options.batchSize);
    if (!batch)
        return fail(SyncProblem::LocalStore, QStringLiteral("cannot read the outbox: %1").arg(batch.error().message));
    if (batch->isEmpty()) {
        m_failures = 0;
        m_lastError.clear();
        m_problem = SyncProblem::None;
        m_lastSynced = QDateTime::currentDateTimeUtc();
        Q_EMIT synced(m_lastSynced);
        return;
    }
    m_batchLastSeq = batch->constLast().seq;
    if (!m_options.key)
        return stall(SyncProblem::NoKey, QStringLiteral("no workstation key to sign the batch with"));
    const QByteArray body = batchBody(*batch);
    QNetworkRequest request = signedRequest(m_options.server, QLatin1String(EventsPath), m_options.token,
                                            m_outbox.workstation(), *m_options.key, batchSigningMessage(body));
    request.setTransferTimeout(int(m_options.requestTimeout.count()));
    m_reply = m_network->post(request, body);
    connect(m_reply, &QNetworkReply::finished, this, &SyncClient::onFinished);
}

void SyncClient::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status != 200) {
        const ServerFailure failure = serverFailure(m_options.server, reply, body);
        // A token the server does not know, or one that may not send these events, stays so
        // however often it is tried: a person has to fix the settings.
        if (status == 401)
            return stall(SyncProblem::TokenRefused, failure.text);
        if (status == 403) {
            const SyncProblem problem = failure.code == QLatin1String("not_enrolled") ? SyncProblem::NotEnrolled
                                        : failure.code == QLatin1String("wrong_key")
                                                || failure.code == QLatin1String("bad_signature")
                                                || failure.code == QLatin1String("not_your_workstation")
                                            ? SyncProblem::KeyMismatch
                                            : SyncProblem::Forbidden;
            return stall(problem, failure.text);
        }
        return fail(status == 0 ? SyncProblem::Unreachable : SyncProblem::ServerFailed, failure.text);
    }
    auto answer = parseBatchAnswer(body);
    if (!answer)
        return fail(SyncProblem::ServerFailed, answer.error().message);
    for (const BatchAnswer::Status &s : std::as_const(answer->events))
        if (s.status == store::IngestStatus::Rejected)
            return stall(SyncProblem::EventRejected, QStringLiteral("the server rejected event %1: %2").arg(s.id, s.reason));
    const qint64 acked = answer->acknowledgedSeq.value(m_outbox.workstation(), 0);
    auto before = m_outbox.acknowledgedSeq();
    if (!before)
        return fail(SyncProblem::LocalStore, before.error().message);
    if (acked <= *before)
        return stall(SyncProblem::ServerBehind, QStringLiteral("the server took the batch up to seq %1 but holds this workstation's events only "
                                    "up to seq %2, below the %3 it acknowledged before; was it restored from a "
                                    "backup?")
                         .arg(m_batchLastSeq)
                         .arg(acked)
                         .arg(*before));
    // The batch was taken whole and the server holds every seq up to `acked`, so acked >= the
    // batch's last seq. It may be more: the same events may also have come by bundle. Never more
    // than this workstation has sent, by sync or by bundle: a server that claims so would make it
    // forget events it never sent.
    auto exported = m_outbox.exportedSeq();
    if (!exported)
        return fail(SyncProblem::LocalStore, exported.error().message);
    const qint64 sent = std::max(m_batchLastSeq, *exported);
    if (acked > sent)
        return stall(SyncProblem::AckNotBelieved, QStringLiteral("the server acknowledged this workstation's events up to seq %1, but only seqs up to "
                                    "%2 were ever sent (by sync or bundle); the acknowledgement is not believed and "
                                    "nothing is forgotten. Is this the right server?")
                         .arg(acked)
                         .arg(sent));
    if (Status s = m_outbox.acknowledge(acked); !s)
        return fail(SyncProblem::LocalStore, QStringLiteral("cannot record the acknowledgement: %1").arg(s.error().message));
    m_failures = 0;
    Q_EMIT acknowledged(acked);
    sendNextBatch();
}

void SyncClient::fail(SyncProblem problem, const QString &message)
{
    ++m_failures;
    m_lastError = message;
    m_problem = problem;
    refreshPending();
    const auto base = backoff(m_failures);
    std::uniform_int_distribution<qint64> half(0, base.count() / 2);
    const auto delay = std::chrono::milliseconds(base.count() - base.count() / 2 + half(m_jitter));
    qCInfo(lcSync).noquote() << "sync attempt" << m_failures << "failed:" << message << "- next try in"
                             << delay.count() << "ms";
    Q_EMIT failed(message);
    m_timer->start(delay, [this] { sendNextBatch(); });
}

void SyncClient::stall(SyncProblem problem, const QString &message)
{
    m_lastError = message;
    m_problem = problem;
    m_stalled = true;
    refreshPending();
    qCWarning(lcSync).noquote() << "sync stalled:" << message;
    Q_EMIT failed(message);
    Q_EMIT stalled(message);
}

} // namespace majlis::sync
