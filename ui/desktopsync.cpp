#include "ui/desktopsync.h"

#include "common/logging.h"
#include "store/workstationregistry.h"

#include "store/eventstore.h"
#include "store/outbox.h"
#include "sync/packpuller.h"
#include "sync/syncclient.h"

namespace majlis::ui {

DesktopSync::DesktopSync(store::EventStore &store, QObject *parent) : QObject(parent), m_store(store)
{
    m_pushTimer.setInterval(std::chrono::seconds(30));
    m_pullTimer.setInterval(std::chrono::minutes(10));
    connect(&m_pushTimer, &QTimer::timeout, this, &DesktopSync::eventsCommitted);
    connect(&m_pullTimer, &QTimer::timeout, this, &DesktopSync::pull);
}

DesktopSync::~DesktopSync()
{
    teardown();
}

void DesktopSync::teardown()
{
    m_pushTimer.stop();
    m_pullTimer.stop();
    m_enroller.reset();
    m_enrollment = State::Enrollment::None;
    m_enrollDetail.clear();
    m_client.reset();
    m_puller.reset();
    m_outbox.reset();
    m_pullError.clear();
}

void DesktopSync::configure(const std::optional<sync::SyncSettings> &settings, const QString &enrollmentCode)
{
    teardown();
    m_settings = settings && !settings->server.isEmpty() ? settings : std::nullopt;
    if (!m_settings) {
        Q_EMIT stateChanged();
        return;
    }
    // The outbox is keyed by the server as the client names it, like majlisctl sync.
    const QString server = m_settings->server.toString(QUrl::StripTrailingSlash);
    m_outbox = std::make_unique<store::Outbox>(m_store.database(), m_store.workstationId(), server);
    sync::SyncOptions options;
    options.server = m_settings->server;
    options.token = m_settings->token;
    // Without its key the client stalls at the first batch with a message the status item shows.
    if (auto key = store::workstationKey(m_store))
        options.key = std::make_shared<const bundle::WorkstationKey>(std::move(*key));
    else
        qCWarning(lcSync).noquote() << "no workstation key:" << key.error().message;
    if (!enrollmentCode.trimmed().isEmpty() && options.key) {
        m_enroller = std::make_unique<sync::EnrollClient>();
        connect(m_enroller.get(), &sync::EnrollClient::finished, this,
                [this](sync::EnrollClient::Outcome outcome, const QString &detail) {
                    m_enrollOutcome = outcome;
                    m_enrollDetail = detail;
                    if (sync::EnrollClient::succeeded(outcome)) {
                        m_enrollment = State::Enrollment::Done;
                        qCInfo(lcSync).noquote() << "workstation" << m_store.workstationId() << "enrolled on"
                                                 << m_settings->server.toDisplayString();
                        startSyncing();
                    } else {
                        // Pushing would only be refused as not enrolled: wait for new settings.
                        m_enrollment = State::Enrollment::Failed;
                        qCWarning(lcSync).noquote() << "enrollment refused:" << detail;
                        Q_EMIT stateChanged();
                    }
                });
        m_enrollment = State::Enrollment::Running;
        m_enroller->enroll(m_settings->server, m_settings->token, m_store.workstationId(), options.key,
                           enrollmentCode);
    }
    m_client = std::make_unique<sync::SyncClient>(*m_outbox, options);
    connect(m_client.get(), &sync::SyncClient::pendingChanged, this, &DesktopSync::stateChanged);
    connect(m_client.get(), &sync::SyncClient::acknowledged, this, &DesktopSync::stateChanged);
    connect(m_client.get(), &sync::SyncClient::failed, this, &DesktopSync::stateChanged);
    connect(m_client.get(), &sync::SyncClient::synced, this, &DesktopSync::stateChanged);
    m_puller = std::make_unique<sync::PackPuller>(m_store, m_settings->server, m_settings->token);
    connect(m_puller.get(), &sync::PackPuller::failed, this, [this](const QString &message) {
        m_pullError = message;
        Q_EMIT stateChanged();
    });
    connect(m_puller.get(), &sync::PackPuller::packImported, this, &DesktopSync::packImported);
    connect(m_puller.get(), &sync::PackPuller::finished, this, &DesktopSync::stateChanged);
    if (m_enrollment == State::Enrollment::Running) {
        Q_EMIT stateChanged();
        return;
    }
    startSyncing();
}

void DesktopSync::startSyncing()
{
    m_pushTimer.start();
    m_pullTimer.start();
    syncNow();
}

void DesktopSync::pull()
{
    if (!m_puller || m_puller->isBusy())
        return;
    m_pullError.clear();
    m_puller->pullNow();
    Q_EMIT stateChanged();
}

void DesktopSync::syncNow()
{
    if (!m_client || m_enrollment == State::Enrollment::Running || m_enrollment == State::Enrollment::Failed)
        return;
    m_client->syncNow();
    pull();
    Q_EMIT stateChanged();
}

void DesktopSync::eventsCommitted()
{
    if (!m_client || m_enrollment == State::Enrollment::Running || m_enrollment == State::Enrollment::Failed) {
        Q_EMIT stateChanged();
        return;
    }
    // During a backoff the scheduled retry stands: a busy annotator must not turn into a
    // request per vote against a server that is down.
    if (!m_client->isBusy() && !m_client->isStalled() && m_client->consecutiveFailures() == 0)
        m_client->syncNow();
    Q_EMIT stateChanged();
}

DesktopSync::State DesktopSync::state() const
{
    State s;
    if (!m_client)
        return s;
    s.configured = true;
    s.server = m_settings->server.toDisplayString();
    if (auto pending = m_outbox->pendingCount())
        s.pending = *pending;
    s.lastSynced = m_client->lastSynced();
    s.lastError = m_client->lastError().isEmpty() ? m_pullError : m_client->lastError();
    s.pullFailed = m_client->lastError().isEmpty() && !m_pullError.isEmpty();
    s.problem = m_client->problem();
    s.stalled = m_client->isStalled();
    s.busy = m_client->isBusy() || m_puller->isBusy() || m_enrollment == State::Enrollment::Running;
    s.enrollment = m_enrollment;
    s.enrollOutcome = m_enrollOutcome;
    s.enrollDetail = m_enrollDetail;
    if (m_enrollment == State::Enrollment::Failed) {
        s.stalled = true;
        s.lastError = m_enrollDetail;
    }
    return s;
}

} // namespace majlis::ui
