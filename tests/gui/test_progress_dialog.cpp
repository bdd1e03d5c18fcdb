// Long imports in the desktop (ui/progressrun.h): the work runs on a worker thread while the event
// loop goes on; past the delay a modal progress dialog shows how far it is, and its Cancel stops
// the work, which leaves the store as it was. The pack chooser imports through it.
#include "store/eventstore.h"
#include "ui/dialogs.h"
#include "ui/progressrun.h"
#include "ui/startdialogs.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <chrono>

using namespace majlis;

namespace {

QProgressDialog *visibleProgressDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *d = qobject_cast<QProgressDialog *>(w); d && d->isVisible())
            return d;
    return nullptr;
}

} // namespace

class TestProgressDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The work waits until the dialog has shown its progress and the test pressed Cancel: no race
    // between a quick work and the test. Meanwhile the event loop keeps running (a timer ticks).
    void cancelStopsTheWorkAndTheLoopRuns()
    {
        Progress progress;
        std::atomic<bool> sawCancel{false};
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(10);

        bool dialogShown = false;
        int shownValue = -1;
        QString shownLabel;
        QTimer driver;  // the user: waits for the dialog, reads it, presses Cancel
        connect(&driver, &QTimer::timeout, this, [&] {
            QProgressDialog *d = visibleProgressDialog();
            if (!d || d->value() < 500)
                return;
            dialogShown = true;
            shownValue = d->value();
            shownLabel = d->labelText();
            auto *cancel = d->findChild<QPushButton *>();
            QVERIFY(cancel);
            QTest::mouseClick(cancel, Qt::LeftButton);
            driver.stop();
        });
        driver.start(20);

        ui::runWithProgress(nullptr, QStringLiteral("Importing big.jsonl"), progress, [&] {
            progress.setPhase("importing", Progress::Unit::Bytes, 1000);
            progress.setDone(600);
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
            while (!progress.cancelled() && std::chrono::steady_clock::now() < deadline)
                QThread::msleep(5);
            sawCancel = progress.cancelled();
        }, 0);

        QVERIFY(dialogShown);
        QVERIFY(sawCancel);
        QCOMPARE(shownValue, 600);  // 60% of the bytes, in tenths of a percent
        QCOMPARE(shownLabel, QStringLiteral("Importing big.jsonl\nImporting: 60%"));
        QVERIFY2(ticks > 5, qPrintable(QString::number(ticks)));
        QVERIFY(!visibleProgressDialog());  // gone when the work has finished
    }

    // Work quicker than the delay shows no dialog at all.
    void quickWorkShowsNothing()
    {
        Progress progress;
        bool seen = false;
        QTimer watch;
        connect(&watch, &QTimer::timeout, this, [&] { seen = seen || visibleProgressDialog(); });
        watch.start(1);
        bool ran = false;
        ui::runWithProgress(nullptr, QStringLiteral("Quick"), progress, [&] { ran = true; }, 60000);
        QVERIFY(ran);
        QVERIFY(!seen);
    }

    // Cancelled, a pack import rolls back: no pack, no items, as before it started.
    void cancelledImportLeavesTheStoreAsItWas()
    {
        QTemporaryDir dir;
        auto store = store::EventStore::open(dir.filePath(QStringLiteral("s.sqlite")));
        QVERIFY(store);
        Progress progress;
        progress.cancel();
        store::ImportOptions options;
        options.progress = &progress;
        auto report = (*store)->importPack(QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/dialects.jsonl"), options);
        QVERIFY(!report);
        QCOMPARE(report.error().code, Error::Code::Cancelled);
        auto packs = (*store)->packs();
        QVERIFY(packs);
        QVERIFY(packs->isEmpty());
        // Not cancelled, the same import goes through, with the bytes counted to the end.
        Progress counted;
        options.progress = &counted;
        auto again = (*store)->importPack(QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/dialects.jsonl"), options);
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(counted.total(), QFileInfo(QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/dialects.jsonl")).size());
        QVERIFY(counted.done() > 0);
    }

    // The pack chooser's Import goes through runWithProgress and still imports and lists the pack.
    void chooserImportsThroughIt()
    {
        QTemporaryDir dir;
        auto store = store::EventStore::open(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(store);
        ui::PackChooserDialog chooser(**store);
        chooser.show();
        ui::Dialogs::setNextFileName(QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/dialects.jsonl"));
        auto *import = chooser.findChild<QPushButton *>(QStringLiteral("importPackButton"));
        QVERIFY(import);
        QTest::mouseClick(import, Qt::LeftButton);
        auto *list = chooser.findChild<QListWidget *>();
        QVERIFY(list);
        QTRY_COMPARE(list->count(), 1);
        auto packs = (*store)->packs();
        QVERIFY(packs && packs->size() == 1);
    }
};

QTEST_MAIN(TestProgressDialog)
#include "test_progress_dialog.moc"
