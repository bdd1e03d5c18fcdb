// Nothing lost, nothing twice: SyncClient against a real majlis-server that is killed with
// SIGKILL in the middle of a batch, and behind a proxy that drops or duplicates requests and
// responses. The retry timer is the test's, so no test sleeps through a backoff.
#include "faultproxy.h"
#include "servertestkit.h"
#include "store/workstationregistry.h"

#include "common/uuid.h"
#include "store/eventstore.h"
#include "store/ingest.h"
#include "store/outbox.h"
#include "sync/syncclient.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace majlis;
using namespace majlis::servertest;

namespace {

// Fires only when the test says so; remembers the delays asked for.
class ManualTimer final : public sync::RetryTimer
{
public:
    void start(std::chrono::milliseconds delay, std::function<void()> wake) override
    {
        delays->append(delay);
        *pending = std::move(wake);
    }
    void stop() override { *pending = {}; }

    std::shared_ptr<QList<std::chrono::milliseconds>> delays = std::make_shared<QList<std::chrono::milliseconds>>();
    std::shared_ptr<std::function<void()>> pending = std::make_shared<std::function<void()>>();
};

QSet<QString> idsIn(const QString &sqlitePath, const QString &workstation)
{
    QSet<QString> ids;
    auto db = store::Database::open(sqlitePath, true);
    if (!db)
        return ids;
    const Status read = store::forEachWorkstationEvent(*db, workstation, 0, std::numeric_limits<qint64>::max(),
                                                       [&](const Event &e) {
                                                           ids.insert(e.id);
                                                           return Status();
                                                       });
    if (!read)
        ids.insert(QStringLiteral("<read failed: %1>").arg(read.error().message));
    return ids;
}

} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;
    QString m_serverDb;
    QByteArray m_token;
    std::unique_ptr<store::EventStore> m_store;
    QSet<QString> m_clientIds;

    // A client store whose workstation has `count` events from one annotator.
    void makeClientStore(int count)
    {
        m_store.reset();
        auto opened = store::EventStore::open(m_dir.filePath(QStringLiteral("client-%1.sqlite").arg(++m_n)));
        QVERIFY(opened);
        m_store = std::move(*opened);
        QList<Event> events;
        m_clientIds.clear();
        for (int s = 1; s <= count; ++s) {
            Event e;
            e.id = makeUuidV7();
            e.kind = EventKind::Vote;
            e.packId = QStringLiteral("p");
            e.itemId = QStringLiteral("i%1").arg(s % 13);
            e.annotator = QStringLiteral("amina");
            e.workstation = m_store->workstationId();
            e.seq = s;
            e.createdUtc = store::utcNow();
            e.payload = {{"choice", "first"}};
            events.append(e);
            m_clientIds.insert(e.id);
        }
        QVERIFY(store::ingestEvents(m_store->database(), [&](const bundle::EventSink &sink) -> Status {
            for (const Event &e : std::as_const(events))
                if (Status s = sink(e); !s)
                    return s;
            return {};
        }));
    }

    void newServerDb()
    {
        m_serverDb = m_dir.filePath(QStringLiteral("server-%1.sqlite").arg(++m_n));
        m_token = createToken(QStringLiteral("sqlite:") + m_serverDb, QStringLiteral("amina"),
                              QStringLiteral("annotator"));
        QVERIFY(m_token.startsWith("mjt_"));
    }

    sync::SyncOptions options(quint16 port)
    {
        sync::SyncOptions o;
        o.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        o.token = m_token;
        o.batchSize = 100;
        o.firstBackoff = std::chrono::milliseconds(1000);
        o.maxBackoff = std::chrono::milliseconds(8000);
        o.requestTimeout = std::chrono::milliseconds(10000);
        o.jitterSeed = 42;
        auto key = store::workstationKey(*m_store);
        if (key)
            o.key = std::make_shared<const bundle::WorkstationKey>(std::move(*key));
        return o;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void backoffDoublesWithJitterAndCap()
    {
        makeClientStore(3);
        newServerDb();
        store::Outbox outbox(m_store->database(), m_store->workstationId(), QStringLiteral("dead"));
        auto timer = std::make_unique<ManualTimer>();
        auto delays = timer->delays;
        auto pending = timer->pending;
        sync::SyncClient client(outbox, options(freePort()), std::move(timer));  // nothing listens there
        QSignalSpy failed(&client, &sync::SyncClient::failed);
        client.syncNow();
        for (int attempt = 1; attempt <= 6; ++attempt) {
            QTRY_COMPARE_WITH_TIMEOUT(failed.size(), attempt, 10000);
            QVERIFY(*pending);
            (*pending)();
        }
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 7, 10000);
        const QList<qint64> bases{1000, 2000, 4000, 8000, 8000, 8000, 8000};
        QCOMPARE(delays->size(), 7);
        for (qsizetype i = 0; i < delays->size(); ++i) {
            QVERIFY2(delays->at(i).count() >= bases[i] / 2 && delays->at(i).count() <= bases[i],
                     qPrintable(QString::number(delays->at(i).count())));
        }
        QCOMPARE(client.pending(), 3);
    }

    void killedMidBatchThenRestarted()
    {
        makeClientStore(1000);
        newServerDb();
        auto server = std::make_unique<ServerProcess>();
        QString error;
        QVERIFY2(server->start(QStringLiteral("sqlite:") + m_serverDb, 0, &error), qPrintable(error));
        FaultProxy proxy(server->port());
        // The third batch reaches the server, which is then killed before it can answer (it may or
        // may not have committed; either way the client must end up with everything, once).
        proxy.setScript({FaultProxy::Action::Pass, FaultProxy::Action::Pass, FaultProxy::Action::KillServer});
        proxy.setKill([&] { server->kill9(); });

        store::Outbox outbox(m_store->database(), m_store->workstationId(), QStringLiteral("srv"));
        auto timer = std::make_unique<ManualTimer>();
        auto pending = timer->pending;
        sync::SyncClient client(outbox, options(proxy.port()), std::move(timer));
        QSignalSpy failed(&client, &sync::SyncClient::failed);
        QSignalSpy synced(&client, &sync::SyncClient::synced);
        client.syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QCOMPARE(*outbox.acknowledgedSeq(), 200);

        // Restarted on the same file; the client retries when its timer fires.
        QVERIFY2(server->start(QStringLiteral("sqlite:") + m_serverDb, 0, &error), qPrintable(error));
        proxy.setUpstreamPort(server->port());
        QVERIFY(*pending);
        (*pending)();
        QTRY_COMPARE_WITH_TIMEOUT(synced.size(), 1, 30000);
        QCOMPARE(client.pending(), 0);
        QCOMPARE(*outbox.acknowledgedSeq(), 1000);
        server->kill9();
        QCOMPARE(idsIn(m_serverDb, m_store->workstationId()), m_clientIds);
    }

    void lossyProxy_data()
    {
        using A = FaultProxy::Action;
        QTest::addColumn<QList<FaultProxy::Action>>("script");
        QTest::newRow("first request dropped") << QList<A>{A::DropRequest};
        QTest::newRow("a response dropped after the server committed") << QList<A>{A::Pass, A::DropResponse};
        QTest::newRow("every request sent twice") << QList<A>(12, A::Duplicate);
        QTest::newRow("drop, duplicate, lose answer, again") << QList<A>{A::DropRequest, A::Duplicate, A::DropResponse,
                                                                         A::Pass, A::DropResponse, A::Duplicate,
                                                                         A::DropRequest};
    }
    void lossyProxy()
    {
        QFETCH(QList<FaultProxy::Action>, script);
        makeClientStore(650);
        newServerDb();
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(QStringLiteral("sqlite:") + m_serverDb, 0, &error), qPrintable(error));
        FaultProxy proxy(server.port());
        proxy.setScript(script);
        store::Outbox outbox(m_store->database(), m_store->workstationId(), QStringLiteral("srv"));
        auto timer = std::make_unique<ManualTimer>();
        auto pending = timer->pending;
        sync::SyncClient client(outbox, options(proxy.port()), std::move(timer));
        QSignalSpy synced(&client, &sync::SyncClient::synced);
        QSignalSpy stalled(&client, &sync::SyncClient::stalled);
        client.syncNow();
        QElapsedTimer clock;
        clock.start();
        while (synced.isEmpty() && stalled.isEmpty() && clock.elapsed() < 60000) {
            QTest::qWait(10);
            if (*pending && !client.isBusy())
                std::exchange(*pending, {})();
        }
        QVERIFY2(stalled.isEmpty(), qPrintable(client.lastError()));
        QCOMPARE(synced.size(), 1);
        QCOMPARE(*outbox.acknowledgedSeq(), 650);
        server.kill9();
        QCOMPARE(idsIn(m_serverDb, m_store->workstationId()), m_clientIds);
    }

    void majlisctlSyncExitCodes()
    {
        makeClientStore(230);
        const QString storePath = m_store->path();
        m_store.reset();  // majlisctl takes the writer lock
        newServerDb();
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(QStringLiteral("sqlite:") + m_serverDb, 0, &error), qPrintable(error));

        QProcess down;
        down.start(ctlBinary(), {QStringLiteral("--store"), storePath, QStringLiteral("sync"), QStringLiteral("--server"),
                                 QStringLiteral("http://127.0.0.1:%1").arg(freePort()), QStringLiteral("--token"),
                                 QString::fromLatin1(m_token), QStringLiteral("--max-attempts"), QStringLiteral("2"),
                                 QStringLiteral("--backoff-ms"), QStringLiteral("10")});
        QVERIFY(down.waitForFinished(30000));
        QCOMPARE(down.exitCode(), 1);
        QVERIFY2(down.readAllStandardError().contains("230 events left unacknowledged"), "");

        QProcess up;
        up.start(ctlBinary(), {QStringLiteral("--store"), storePath, QStringLiteral("sync"), QStringLiteral("--server"),
                               server.base().toString(), QStringLiteral("--token"), QString::fromLatin1(m_token),
                               QStringLiteral("--batch"), QStringLiteral("100")});
        QVERIFY(up.waitForFinished(30000));
        const QByteArray out = up.readAllStandardOutput();
        QVERIFY2(up.exitCode() == 0, up.readAllStandardError().constData());
        QVERIFY2(out.contains("acknowledged up to seq 230, nothing pending"), out.constData());

        QProcess wrongToken;
        wrongToken.start(ctlBinary(), {QStringLiteral("--store"), storePath, QStringLiteral("sync"),
                                       QStringLiteral("--server"), server.base().toString(), QStringLiteral("--token"),
                                       QStringLiteral("mjt_wrong"), QStringLiteral("--max-attempts"), QStringLiteral("1")});
        QVERIFY(wrongToken.waitForFinished(30000));
        QCOMPARE(wrongToken.exitCode(), 0);  // nothing pending: no request needed
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "test_sync_faults.moc"
