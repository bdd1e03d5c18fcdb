#include "ui/syncstatus.h"

#include "ui/desktopsync.h"

#include <QEvent>
#include <QLocale>

namespace majlis::ui {

SyncStatus::SyncStatus(DesktopSync &sync, QWidget *parent) : QToolButton(parent), m_sync(sync)
{
    setObjectName(QStringLiteral("syncStatus"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setFocusPolicy(Qt::NoFocus); // the voting keys stay with the voting screen
    connect(this, &QToolButton::clicked, &m_sync, &DesktopSync::syncNow);
    connect(&m_sync, &DesktopSync::stateChanged, this, &SyncStatus::refresh);
    refresh();
}

void SyncStatus::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QToolButton::changeEvent(event);
}

void SyncStatus::refresh()
{
    const DesktopSync::State s = m_sync.state();
    const QLocale locale;
    if (!s.configured) {
        setText(tr("Not syncing"));
        setToolTip(tr("No server is set (Settings). Votes stay on this workstation; a coordinator can "
                      "carry them as a bundle."));
        setStyleSheet({});
        return;
    }
    const QString last = s.lastSynced.isValid()
                             ? locale.toString(s.lastSynced.toLocalTime().time(), QLocale::ShortFormat)
                             : tr("never");
    QString text = tr("Sync: %1 pending · last %2").arg(locale.toString(s.pending), last);
    const QString problem = problemText(s);
    if (!problem.isEmpty())
        text += QStringLiteral(" · ") + (s.stalled ? tr("stopped: %1").arg(problem) : tr("error: %1").arg(problem));
    else if (s.enrollment == DesktopSync::State::Enrollment::Running)
        text += QStringLiteral(" · ") + tr("enrolling this workstation…");
    else if (s.busy)
        text += QStringLiteral(" · ") + tr("sending…");
    setText(text);
    QString tip = tr("Server: %1").arg(s.server) + QLatin1Char('\n')
                  + tr("Waiting to be sent: %1").arg(locale.toString(s.pending)) + QLatin1Char('\n')
                  + tr("Last complete sync: %1")
                        .arg(s.lastSynced.isValid() ? locale.toString(s.lastSynced.toLocalTime(), QLocale::LongFormat)
                                                    : tr("never"));
    if (s.enrollment == DesktopSync::State::Enrollment::Done)
        tip += QLatin1Char('\n') + tr("This workstation is enrolled on the server.");
    if (!problem.isEmpty()) {
        tip += QLatin1Char('\n') + (s.stalled ? tr("Stopped, retrying cannot help: %1").arg(problem)
                                              : tr("Last error (retrying): %1").arg(problem));
        if (const QString advice = adviceText(s); !advice.isEmpty())
            tip += QLatin1Char('\n') + advice;
        // The server's and the network's own words, untranslated, for whoever helps.
        if (!s.lastError.isEmpty())
            tip += QLatin1Char('\n') + tr("Details: %1").arg(s.lastError);
    }
    tip += QLatin1Char('\n') + tr("Click to sync now.");
    setToolTip(tip);
    // An error the annotator should notice, without alarming colours for a retry in progress.
    setStyleSheet(s.stalled ? QStringLiteral("color: #b00020;") : QString());
}

QString SyncStatus::adviceText(const DesktopSync::State &s)
{
    using sync::EnrollClient;
    using sync::SyncProblem;
    if (s.enrollment == DesktopSync::State::Enrollment::Failed) {
        if (s.enrollOutcome == EnrollClient::Outcome::BadCode)
            return tr("A code works once, for one person, until it expires: ask your coordinator for a new one and "
                      "paste it in Settings.");
        if (s.enrollOutcome == EnrollClient::Outcome::OtherKey)
            return tr("Only a coordinator can replace a workstation's key.");
        return tr("Check the server and the token in Settings, then enroll again.");
    }
    switch (s.problem) {
    case SyncProblem::NotEnrolled:
        return tr("Ask your coordinator for an enrollment code and paste it in Settings.");
    case SyncProblem::KeyMismatch:
        return tr("Votes from this workstation are kept here; ask your coordinator to check its enrollment.");
    case SyncProblem::TokenRefused:
        return tr("Ask your coordinator for a new token and enter it in Settings.");
    case SyncProblem::ServerBehind:
    case SyncProblem::AckNotBelieved:
        return tr("Nothing was forgotten on this workstation; tell your coordinator.");
    default: break;
    }
    return {};
}

QString SyncStatus::problemText(const DesktopSync::State &s)
{
    using sync::EnrollClient;
    using sync::SyncProblem;
    if (s.enrollment == DesktopSync::State::Enrollment::Failed) {
        switch (s.enrollOutcome) {
        case EnrollClient::Outcome::Unreachable:
            return tr("the server cannot be reached to enroll this workstation");
        case EnrollClient::Outcome::TokenRefused:
            return tr("the server does not know this token");
        case EnrollClient::Outcome::BadCode:
            return tr("the enrollment code was not accepted");
        case EnrollClient::Outcome::OtherKey:
            return tr("this workstation is enrolled with another key");
        case EnrollClient::Outcome::Refused:
        case EnrollClient::Outcome::Enrolled:
        case EnrollClient::Outcome::AlreadyEnrolled:
            break;
        }
        return tr("the server refused the enrollment");
    }
    if (s.lastError.isEmpty())
        return {};
    if (s.pullFailed)
        return tr("new packs could not be fetched");
    switch (s.problem) {
    case SyncProblem::Unreachable: return tr("the server cannot be reached");
    case SyncProblem::ServerFailed: return tr("the server failed to take the votes");
    case SyncProblem::TokenRefused: return tr("the server does not know this token");
    case SyncProblem::NotEnrolled:
        return tr("this workstation is not enrolled");
    case SyncProblem::KeyMismatch:
        return tr("the server knows this workstation by another key");
    case SyncProblem::Forbidden: return tr("this token may not send these votes");
    case SyncProblem::EventRejected: return tr("the server rejected a vote");
    case SyncProblem::ServerBehind: return tr("the server has lost votes it had taken");
    case SyncProblem::AckNotBelieved: return tr("the server claims votes that were never sent");
    case SyncProblem::NoKey: return tr("this workstation has no key to sign its votes with");
    case SyncProblem::LocalStore: return tr("this workstation's store failed");
    case SyncProblem::None: break;
    }
    return tr("sync failed");
}

} // namespace majlis::ui
