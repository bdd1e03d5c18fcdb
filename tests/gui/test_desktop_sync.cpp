// The desktop app syncing in the background against a live majlis-server on 127.0.0.1: votes cast
// by keys reach the server while the status item counts them down, a pack published on the server
// arrives in the store, a server that goes away is retried without holding up voting, and a
// refused token stops retries and says so.
#include "servertestkit.h"

#include "store/eventstore.h"
#include "store/sqlite.h"
#include "store/outbox.h"
#include "sync/protocol.h"
#include "ui/desktopsync.h"
#include "ui/dialogs.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"
#include "ui/translator.h"
#include "ui/votingview.h"

#include <QLabel>
#include <QLineEdit>
#include <QProcess>

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace majlis;
using namespace majlis::servertest;

namespace {
const QString kDemo = QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl");
const QString kSmallPack = QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl");
} // namespace

class TestDesktopSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    QNetworkAccessManager m_network;
    QByteArray m_annotator, m_coordinator;

    qint64 serverEvents()
    {
        const Reply r = send(m_network, "GET", m_server.url(sync::HealthPath), {});
        return r.status == 200 ? r.json()["events"].get<qint64>() : -1;
    }

    // One vote by keys: the answer on the left wins, then the next pair.
    static void vote(ui::MainWindow &w)
    {
        ui::VotingView *view = w.votingView();
        QTest::keyClick(&w, Qt::Key_1);
        QTRY_COMPARE(view->state(), ui::VotingView::State::Revealed);
        QTest::keyClick(&w, Qt::Key_Return);
        QTRY_COMPARE(view->state(), ui::VotingView::State::Voting);
    }

    // Shows `w` on `packId` for amina, active (the voting keys go to it); its sync status item.
    static QToolButton *showActive(ui::MainWindow &w, const QString &packId)
    {
        if (!w.openPack(packId, QStringLiteral("amina")))
            return nullptr;
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return nullptr;
        w.activateWindow();
        if (!QTest::qWaitForWindowActive(&w))
            return nullptr;
        return w.statusBar()->findChild<QToolButton *>(QStringLiteral("syncStatus"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::Dialogs::setAnswerWithDefaults(true);
        QVERIFY(m_dir.isValid());
        m_db = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("server.sqlite"));
        m_annotator = createToken(m_db, QStringLiteral("amina"), QStringLiteral("annotator"));
        m_coordinator = createToken(m_db, QStringLiteral("coord"), QStringLiteral("coordinator"));
        QVERIFY(m_annotator.startsWith("mjt_") && m_coordinator.startsWith("mjt_"));
        QString error;
        QVERIFY2(m_server.start(m_db, 0, &error), qPrintable(error));
    }

    void syncsInTheBackground()
    {
        auto store = store::EventStore::open(m_dir.filePath(QStringLiteral("workstation.sqlite")));
        QVERIFY(store);
        auto report = (*store)->importPack(kDemo);
        QVERIFY(report);

        ui::MainWindow w(**store);
        QToolButton *status = showActive(w, report->packId);
        QVERIFY(status);
        QCOMPARE(status->text(), QStringLiteral("Not syncing"));

        // Settings are saved beside the workstation key, readable by the owner only.
        QVERIFY(w.configureSync(sync::SyncSettings{m_server.base(), m_annotator}));
        QFile saved(sync::syncSettingsPath((*store)->path()));
        QVERIFY(saved.exists());
        QCOMPARE(saved.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        auto loaded = sync::loadSyncSettings((*store)->path());
        QVERIFY(loaded && *loaded);
        QCOMPARE((*loaded)->token, m_annotator);

        ui::DesktopSync *sync = w.desktopSync();
        const qint64 before = serverEvents();
        for (int i = 0; i < 3; ++i)
            vote(w);
        QTRY_COMPARE_WITH_TIMEOUT(sync->state().pending, qint64(0), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sync->state().lastSynced.isValid(), 20000);
        QCOMPARE(serverEvents() - before, qint64(3));
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Sync: 0 pending · last ")), qPrintable(status->text()));
        QVERIFY(status->toolTip().contains(m_server.base().toDisplayString()));

        // A pack published on the server arrives in the store; the window says so.
        QFile pack(kSmallPack);
        QVERIFY(pack.open(QIODevice::ReadOnly));
        QCOMPARE(send(m_network, "POST", m_server.url(sync::PacksPath), m_coordinator, pack.readAll()).status, 201);
        QSignalSpy imported(sync, &ui::DesktopSync::packImported);
        QTest::mouseClick(status, Qt::LeftButton); // "sync now"
        QVERIFY(imported.wait(20000));
        QCOMPARE(imported.first().at(0).toString(), QStringLiteral("store-test"));
        QVERIFY((*store)->packHeader(QStringLiteral("store-test")));
        QTRY_VERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Store test pack")));

        // The server goes away: votes are still taken at once and counted as pending.
        m_server.kill9();
        const qint64 committed = w.votesThisSession();
        vote(w);
        vote(w);
        QCOMPARE(w.votesThisSession(), committed + 2);
        QTRY_VERIFY_WITH_TIMEOUT(!sync->state().lastError.isEmpty(), 20000);
        QCOMPARE(sync->state().pending, qint64(2));
        QVERIFY(!sync->state().stalled);
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Sync: 2 pending")) && status->text().contains(QStringLiteral("error: ")),
                     qPrintable(status->text()));

        // Back on the same port: a click sends what waited, nothing twice.
        QString error;
        QVERIFY2(m_server.start(m_db, m_server.port(), &error), qPrintable(error));
        QTest::mouseClick(status, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(sync->state().pending, qint64(0), 20000);
        QTRY_VERIFY(sync->state().lastError.isEmpty());
        QCOMPARE(serverEvents() - before, qint64(5));
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Sync: 0 pending")), qPrintable(status->text()));

        // A token the server does not know: retrying cannot help, so it stops and says so.
        QVERIFY(w.configureSync(sync::SyncSettings{m_server.base(), QByteArray("mjt_revoked")}));
        vote(w);
        QTRY_VERIFY_WITH_TIMEOUT(sync->state().stalled, 20000);
        QVERIFY(sync->state().lastError.contains(QStringLiteral("401")));
        QTRY_VERIFY2(status->text().contains(QStringLiteral("stopped: ")), qPrintable(status->text()));
        QCOMPARE(serverEvents() - before, qint64(5));

        // Sync off: the settings file goes, the item says so.
        QVERIFY(w.configureSync(std::nullopt));
        QVERIFY(!QFile::exists(sync::syncSettingsPath((*store)->path())));
        QCOMPARE(status->text(), QStringLiteral("Not syncing"));
    }

    // Issue 9, finding 1: a published pack holding a number out of double's range made every
    // desktop that synced abort on each start. The server now refuses to publish such a pack, so
    // the test plants it in the server's database as an older server would have stored it.
    void hostilePublishedPackIsRefusedNotFatal()
    {
        QFile fixture(kSmallPack);
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = fixture.readAll().split('\n');
        lines[0].replace("\"id\": \"store-test\"", "\"id\": \"hostile-numbers\"");
        lines[1].insert(lines[1].lastIndexOf('}'), QByteArray(R"(, "meta": {"score": 1e400})"));
        const QByteArray hostile = lines.join('\n');
        QCOMPARE(send(m_network, "POST", m_server.url(sync::PacksPath), m_coordinator, hostile).status, 400);
        m_server.kill9();
        {
            auto db = store::Database::open(m_dir.filePath(QStringLiteral("server.sqlite")));
            QVERIFY(db);
            store::Statement st(*db, "INSERT INTO published_packs (id, title, item_count, content_sha256, body, "
                                     "published_by, published_utc) VALUES ('hostile-numbers', 'x', 3, 'x', ?1, 'old', "
                                     "'2026-01-01T00:00:00.000Z')");
            QVERIFY(st.valid());
            QVERIFY(st.bind(1, hostile).run());
        }
        QString error;
        QVERIFY2(m_server.start(m_db, m_server.port(), &error), qPrintable(error));

        auto store = store::EventStore::open(m_dir.filePath(QStringLiteral("pulls-hostile.sqlite")));
        QVERIFY(store);
        auto report = (*store)->importPack(kDemo);
        QVERIFY(report);
        ui::MainWindow w(**store);
        QVERIFY(w.openPack(report->packId, QStringLiteral("amina")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.configureSync(sync::SyncSettings{m_server.base(), m_annotator}));
        ui::DesktopSync *sync = w.desktopSync();
        QTRY_VERIFY_WITH_TIMEOUT(sync->state().lastError.contains(QStringLiteral("out of range")), 20000);
        QVERIFY2(sync->state().lastError.contains(QStringLiteral("meta.score")), qPrintable(sync->state().lastError));
        QVERIFY(!(*store)->packHeader(QStringLiteral("hostile-numbers")));  // nothing half-stored
        QVERIFY(w.isVisible());                                              // and the app goes on
    }

    // Issue 9: a server that binds workstations only by enrollment refuses an unenrolled
    // workstation; the status item says so in the interface's language, and the code a
    // coordinator made, pasted in Settings, enrolls the key and lets the votes through.
    void enrollsWithACodePastedInSettings()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("strict.sqlite"));
        const QByteArray token = createToken(db, QStringLiteral("amina"), QStringLiteral("annotator"));
        QVERIFY(!token.isEmpty());
        QProcess invite;
        invite.start(serverBinary(), {QStringLiteral("workstation"), QStringLiteral("invite"), QStringLiteral("--db"), db,
                                      QStringLiteral("--owner"), QStringLiteral("amina")});
        QVERIFY(invite.waitForFinished(30000));
        QCOMPARE(invite.exitCode(), 0);
        const QString code = QString::fromLatin1(invite.readAllStandardOutput().trimmed());
        QVERIFY(code.size() > 20);
        ServerProcess strict;
        QString error;
        QVERIFY2(strict.start(db, 0, &error, {}), qPrintable(error));  // the default: enrollment by code
        auto health = [&] {
            const Reply r = send(m_network, "GET", strict.url(sync::HealthPath), {});
            return r.status == 200 ? r.json()["events"].get<qint64>() : -1;
        };

        auto store = store::EventStore::open(dir.filePath(QStringLiteral("workstation.sqlite")));
        QVERIFY(store);
        auto report = (*store)->importPack(kDemo);
        QVERIFY(report);
        ui::Translator translator;
        QVERIFY(translator.setLanguage(QStringLiteral("en")));
        ui::MainWindow w(**store);
        w.setTranslator(&translator);
        QToolButton *status = showActive(w, report->packId);
        QVERIFY(status);
        ui::DesktopSync *sync = w.desktopSync();

        // Not enrolled: stopped, with the reason and what to do, and the vote kept.
        QVERIFY(w.configureSync(sync::SyncSettings{strict.base(), token}));
        vote(w);
        QTRY_VERIFY_WITH_TIMEOUT(sync->state().stalled, 20000);
        QCOMPARE(sync->state().problem, sync::SyncProblem::NotEnrolled);
        QCOMPARE(sync->state().pending, qint64(1));
        QTRY_VERIFY2(status->text().contains(QStringLiteral("stopped: this workstation is not enrolled")),
                     qPrintable(status->text()));
        QVERIFY2(status->toolTip().contains(QStringLiteral("enrollment code")), qPrintable(status->toolTip()));
        QCOMPARE(health(), qint64(0));

        // The same in Arabic: the words are the interface's, the server's English only as details.
        QVERIFY(translator.setLanguage(QStringLiteral("ar")));
        QTRY_VERIFY2(!status->text().contains(QStringLiteral("not enrolled")), qPrintable(status->text()));
        QVERIFY2(status->text().contains(QChar(0x0645)), qPrintable(status->text()));  // Arabic letters
        QVERIFY2(status->toolTip().contains(QStringLiteral("not enrolled")), qPrintable(status->toolTip()));
        QVERIFY(translator.setLanguage(QStringLiteral("en")));

        // Settings: a code needs a server; a code with spaces inside is refused before any request.
        {
            ui::SettingsDialog dialog(QStringLiteral("en"), w.votingView()->textFonts(), std::nullopt, &w);
            auto *codeField = dialog.findChild<QLineEdit *>(QStringLiteral("enrollmentCode"));
            auto *errorLabel = dialog.findChild<QLabel *>(QStringLiteral("serverError"));
            QVERIFY(codeField && errorLabel);
            QCOMPARE(codeField->layoutDirection(), Qt::LeftToRight);
            codeField->setText(code);
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
            QVERIFY2(errorLabel->text().contains(QStringLiteral("needs the server")), qPrintable(errorLabel->text()));
            dialog.findChild<QLineEdit *>(QStringLiteral("serverUrl"))->setText(strict.base().toString());
            dialog.findChild<QLineEdit *>(QStringLiteral("serverToken"))->setText(QString::fromLatin1(token));
            codeField->setText(QStringLiteral("mjt_abc def"));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
            QVERIFY2(errorLabel->text().contains(QStringLiteral("no spaces")), qPrintable(errorLabel->text()));
            codeField->setText(QStringLiteral("  ") + code + QStringLiteral("\n"));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QCOMPARE(dialog.enrollmentCode(), code);
            QCOMPARE(dialog.syncSettings()->token, token);
        }

        // A wrong code: refused by the server, said so, nothing sent.
        QVERIFY(w.configureSync(sync::SyncSettings{strict.base(), token}, QStringLiteral("mjt_not-a-real-code")));
        QTRY_COMPARE_WITH_TIMEOUT(sync->state().enrollment, ui::DesktopSync::State::Enrollment::Failed, 20000);
        QCOMPARE(sync->state().enrollOutcome, sync::EnrollClient::Outcome::BadCode);
        QVERIFY(sync->state().stalled);
        QTRY_VERIFY2(status->text().contains(QStringLiteral("the enrollment code was not accepted")),
                     qPrintable(status->text()));
        vote(w);
        QCOMPARE(sync->state().pending, qint64(2));
        QCOMPARE(health(), qint64(0));

        // The coordinator's code: enrolled, then both votes go.
        QVERIFY(w.configureSync(sync::SyncSettings{strict.base(), token}, code));
        QTRY_COMPARE_WITH_TIMEOUT(sync->state().enrollment, ui::DesktopSync::State::Enrollment::Done, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(sync->state().pending, qint64(0), 20000);
        QCOMPARE(health(), qint64(2));
        QVERIFY2(status->toolTip().contains(QStringLiteral("enrolled on the server")), qPrintable(status->toolTip()));
        // The code is used up: presented again it is refused, but the key stays enrolled.
        QVERIFY(w.configureSync(sync::SyncSettings{strict.base(), token}, code));
        QTRY_VERIFY_WITH_TIMEOUT(sync->state().enrollment != ui::DesktopSync::State::Enrollment::Running, 20000);
        QCOMPARE(sync->state().enrollment, ui::DesktopSync::State::Enrollment::Done);  // "already enrolled"
        QCOMPARE(sync->state().enrollOutcome, sync::EnrollClient::Outcome::AlreadyEnrolled);
        strict.kill9();
    }

    void cleanupTestCase() { m_server.kill9(); }
};

QTEST_MAIN(TestDesktopSync)
#include "test_desktop_sync.moc"
