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
    if (!s.lastError.isEmpty()) {
        const QString error = s.lastError.size() > 60 ? s.lastError.left(59) + QChar(u'…') : s.lastError;
        text += QStringLiteral(" · ") + (s.stalled ? tr("stopped: %1").arg(error) : tr("error: %1").arg(error));
    } else if (s.busy) {
        text += QStringLiteral(" · ") + tr("sending…");
    }
    setText(text);
    QString tip = tr("Server: %1").arg(s.server) + QLatin1Char('\n')
                  + tr("Waiting to be sent: %1").arg(locale.toString(s.pending)) + QLatin1Char('\n')
                  + tr("Last complete sync: %1")
                        .arg(s.lastSynced.isValid() ? locale.toString(s.lastSynced.toLocalTime(), QLocale::LongFormat)
                                                    : tr("never"));
    if (!s.lastError.isEmpty())
        tip += QLatin1Char('\n') + (s.stalled ? tr("Stopped, retrying cannot help: %1").arg(s.lastError)
                                              : tr("Last error (retrying): %1").arg(s.lastError));
    tip += QLatin1Char('\n') + tr("Click to sync now.");
    setToolTip(tip);
    // An error the annotator should notice, without alarming colours for a retry in progress.
    setStyleSheet(s.stalled ? QStringLiteral("color: #b00020;") : QString());
}

} // namespace majlis::ui
