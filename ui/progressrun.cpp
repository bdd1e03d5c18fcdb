#include "progressrun.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLocale>
#include <QProgressBar>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

#include <cstring>
#include <memory>

namespace majlis::ui {

namespace {

// The phases core reports (string literals, common/progress.h), in the interface's language.
QString phaseText(const char *phase)
{
    struct Known
    {
        const char *phase;
        const char *text;
    };
    static const Known known[] = {
        {"checking", QT_TRANSLATE_NOOP("majlis::ui::Progress", "Checking")},
        {"importing", QT_TRANSLATE_NOOP("majlis::ui::Progress", "Importing")},
        {"reading", QT_TRANSLATE_NOOP("majlis::ui::Progress", "Reading")},
        {"verifying", QT_TRANSLATE_NOOP("majlis::ui::Progress", "Verifying")},
        {"storing", QT_TRANSLATE_NOOP("majlis::ui::Progress", "Storing")},
        {"writing", QT_TRANSLATE_NOOP("majlis::ui::Progress", "Writing")},
        {"exporting", QT_TRANSLATE_NOOP("majlis::ui::Progress", "Exporting")},
        {"bootstrap", QT_TRANSLATE_NOOP("majlis::ui::Progress", "Computing intervals")},
    };
    for (const Known &k : known)
        if (std::strcmp(k.phase, phase) == 0)
            return QCoreApplication::translate("majlis::ui::Progress", k.text);
    return {};
}

} // namespace

void runWithProgress(QWidget *parent, const QString &label, Progress &progress, const std::function<void()> &work,
                     int showAfterMs)
{
    QProgressDialog dialog(label, QCoreApplication::translate("majlis::ui::Progress", "Cancel"), 0, 0, parent);
    dialog.setObjectName(QStringLiteral("progressDialog"));
    dialog.setWindowTitle(label);
    dialog.setWindowModality(parent ? Qt::WindowModal : Qt::ApplicationModal);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    dialog.setMinimumWidth(420);
    // The percent is said in the label, not on the bar: Fusion paints a right-to-left bar's text
    // in the chunk's colour over the empty part (white on white) until the chunk passes it.
    auto *bar = new QProgressBar(&dialog);
    bar->setTextVisible(false);
    dialog.setBar(bar);
    dialog.setMinimumDuration(showAfterMs);  // shown by QProgressDialog's own timer, if still running

    // QProgressDialog hides itself on Cancel; the work stops at its next step, undoing what it did.
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] { progress.cancel(); });

    QTimer update;
    QObject::connect(&update, &QTimer::timeout, &dialog, [&] {
        if (progress.cancelled())
            return;
        const qint64 total = progress.total(), done = progress.done();
        const int permille = total > 0 ? int(qBound(qint64(0), qint64(done * 1000 / total), qint64(1000))) : 0;
        QString phase = phaseText(progress.phase());
        if (total > 0 && !phase.isEmpty())
            phase = QCoreApplication::translate("majlis::ui::Progress", "%1: %2%").arg(phase, QLocale().toString(permille / 10));
        dialog.setLabelText(phase.isEmpty() ? label : label + QStringLiteral("\n") + phase);
        // The label first: setValue on a modal dialog processes events (we are in the loop anyway).
        dialog.setMaximum(total > 0 ? 1000 : 0);  // 0: busy, the total is not known
        if (total > 0)
            dialog.setValue(permille);
    });
    update.start(100);

    // Until the dialog shows, clicks and keys wait (they are kept, not lost) so nothing else can
    // reach the store; once it shows, it is modal and its Cancel button takes input.
    QEventLoop loop;
    bool finished = false;
    std::unique_ptr<QThread> thread(QThread::create(work));
    QObject::connect(thread.get(), &QThread::finished, &loop, [&] { finished = true; });
    thread->start();
    while (!finished)
        loop.processEvents(QEventLoop::WaitForMoreEvents |
                           (dialog.isVisible() ? QEventLoop::AllEvents : QEventLoop::ExcludeUserInputEvents));
    thread->wait();
}

} // namespace majlis::ui
