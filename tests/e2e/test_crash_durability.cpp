// kill -9 while voting, many times: the store must stay intact and hold every event whose id
// was logged as committed (the log line is written only after COMMIT returned).
#include "store/eventstore.h"
#include "store/sqlite.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;

class TestCrashDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killNineWhileVoting()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString storePath = dir.filePath(QStringLiteral("crash.sqlite"));
        const QString pack = QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl");
        const QRegularExpression committed(QStringLiteral("committed event ([0-9a-f-]{36}) kind=(\\w+)"));
        QRandomGenerator rng(20261129);
        QSet<QString> acknowledged;
        const int rounds = 100;

        for (int round = 0; round < rounds; ++round) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("majlis.store.info=true"));
            env.insert(QStringLiteral("QT_MESSAGE_PATTERN"), QStringLiteral("%{category}: %{message}"));
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.setReadChannel(QProcess::StandardError);  // the store logs on stderr
            child.start(QStringLiteral(VOTE_WRITER), {storePath, pack, QStringLiteral("round-robin")});
            QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));

            // Let it commit a random number of events, then kill it at a random instant.
            const int target = int(rng.bounded(1, 60));
            QByteArray log;
            int seen = 0;
            for (int waits = 0; seen < target && waits < 200; ++waits) {
                if (!child.waitForReadyRead(5000))
                    break;
                log += child.readAllStandardError();
                seen = int(log.count("committed event"));
            }
            QVERIFY2(seen >= target, log.right(500).constData());
            QElapsedTimer spin;
            spin.start();
            const qint64 extraMicros = rng.bounded(0, 3000);
            while (spin.nsecsElapsed() / 1000 < extraMicros) {
            }
            child.kill();  // SIGKILL
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            log += child.readAllStandardError();

            // Only whole lines count: a line cut by the kill was not fully written.
            const QList<QByteArray> lines = log.split('\n');
            for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
                const auto m = committed.match(QString::fromUtf8(lines[i]));
                if (m.hasMatch())
                    acknowledged.insert(m.captured(1));
            }

            auto db = store::Database::open(storePath, true);
            QVERIFY(db);
            QCOMPARE(*db->queryText("PRAGMA integrity_check"), QStringLiteral("ok"));
            store::Statement st(*db, "SELECT id FROM events");
            QSet<QString> stored;
            for (auto row = st.step(); row && *row; row = st.step())
                stored.insert(st.columnText(0));
            for (const QString &id : std::as_const(acknowledged))
                QVERIFY2(stored.contains(id), qPrintable(QStringLiteral("round %1: acknowledged event %2 is missing")
                                                              .arg(round)
                                                              .arg(id)));
            // seq stays gap-free across crashes.
            QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM events"), *db->queryInt("SELECT MAX(seq) FROM events"));
        }
        QVERIFY(acknowledged.size() >= rounds);
    }
};

QTEST_GUILESS_MAIN(TestCrashDurability)
#include "test_crash_durability.moc"
