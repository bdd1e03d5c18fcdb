// The API against a real majlis-server process on 127.0.0.1, with SQLite or — when the test's
// argument / MAJLIS_TEST_BACKEND says postgresql — a real PostgreSQL 15 started for the test.
#include "servertestkit.h"

#include "bundle/bundlewriter.h"
#include "bundle/workstationkey.h"
#include "common/json.h"
#include "session/votingsession.h"
#include "store/eventstore.h"
#include "sync/protocol.h"

#include <QBuffer>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace majlis;
using namespace majlis::servertest;

namespace {

Event makeEvent(const QString &workstation, qint64 seq, const QString &annotator)
{
    Event e;
    e.id = testUuid(QStringLiteral("%1-%2").arg(workstation).arg(seq));
    e.kind = EventKind::Vote;
    e.packId = QStringLiteral("server-test");  // not a published pack: leaderboard test keeps apart
    e.itemId = QStringLiteral("greet-%1").arg(seq % 7);
    e.comparisonId = e.itemId + QStringLiteral("/0-1");
    e.annotator = annotator;
    e.workstation = workstation;
    e.seq = seq;
    e.createdUtc = QStringLiteral("2024-05-01T10:00:00.000Z");
    e.payload = {{"choice", "first"}, {"note", "الأولى أفضل"}};
    return e;
}

QList<Event> batch(const QString &workstation, qint64 first, qint64 last, const QString &annotator)
{
    QList<Event> out;
    for (qint64 s = first; s <= last; ++s)
        out.append(makeEvent(workstation, s, annotator));
    return out;
}

} // namespace

class TestServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Postgres m_pg;
    QString m_db;
    ServerProcess m_server;
    QNetworkAccessManager m_network;
    QMap<QString, QByteArray> m_tokens;  // by role

    Workstations m_workstations;

    // A batch is signed by the workstation its first event names, as a workstation would.
    Reply call(const QByteArray &method, const char *path, const QString &role, const QByteArray &body = {})
    {
        const Headers headers = QLatin1String(path) == QLatin1String(sync::EventsPath) ? m_workstations.headersFor(body)
                                                                                        : Headers();
        return send(m_network, method, m_server.url(path), m_tokens.value(role, role.toUtf8()), body, 30000, headers);
    }
    Reply leaderboard(const QString &role, const QString &query)
    {
        QUrl url = m_server.url(sync::LeaderboardPath);
        url.setQuery(query);
        return send(m_network, "GET", url, m_tokens.value(role, role.toUtf8()));
    }
    int majlisctl(const QStringList &args, QByteArray *out = nullptr)
    {
        QProcess p;
        p.start(ctlBinary(), args);
        if (!p.waitForFinished(120000))
            return -1;
        if (out)
            *out = p.readAllStandardOutput();
        if (p.exitCode() != 0)
            qWarning().noquote() << "majlisctl" << args.join(QLatin1Char(' ')) << ":" << p.readAllStandardError();
        return p.exitCode();
    }
    Reply post(const QString &role, const QList<Event> &events)
    {
        return call("POST", sync::EventsPath, role, sync::batchBody(events));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString backend = qEnvironmentVariable("MAJLIS_TEST_BACKEND", QStringLiteral("sqlite"));
        if (backend == QLatin1String("postgresql")) {
            QString error;
            // A PostgreSQL that cannot start fails the test: a skip would hide a broken backend
            // (scripts/install-deps.sh installs it).
            if (!m_pg.start(&error))
                QFAIL(qPrintable(error));
            m_db = m_pg.url();
        } else {
            m_db = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("server.sqlite"));
        }
        for (const auto &[name, role] : {std::pair{"amina", "annotator"}, std::pair{"rana", "reviewer"},
                                         std::pair{"coord", "coordinator"}}) {
            const QByteArray token = createToken(m_db, QLatin1String(name), QLatin1String(role));
            QVERIFY2(token.startsWith("mjt_"), role);
            m_tokens.insert(QLatin1String(role), token);
        }
        QString error;
        QVERIFY2(m_server.start(m_db, 0, &error), qPrintable(error));
    }

    void health()
    {
        const Reply r = send(m_network, "GET", m_server.url(sync::HealthPath), {});
        QCOMPARE(r.status, 200);
        const QString backend = qEnvironmentVariable("MAJLIS_TEST_BACKEND", QStringLiteral("sqlite"));
        QCOMPARE(QString::fromStdString(r.json()["storage"].get<std::string>()), backend);
    }

    void authAndRoleMatrix_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("caller");  // a role, or a literal bad token
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const QByteArray own = sync::batchBody(batch(QStringLiteral("ws-matrix-a"), 1, 2, QStringLiteral("amina")));
        const QByteArray ranas = sync::batchBody(batch(QStringLiteral("ws-matrix-r"), 1, 2, QStringLiteral("rana")));
        QFile packFile(QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl"));
        QVERIFY(packFile.open(QIODevice::ReadOnly));
        const QByteArray pack = packFile.readAll();
        const QString events = QLatin1String(sync::EventsPath), packs = QLatin1String(sync::PacksPath);
        QTest::newRow("no token sends events") << QByteArray("POST") << events << QString() << own << 401;
        QTest::newRow("made-up token sends events") << QByteArray("POST") << events << QStringLiteral("mjt_nope") << own << 401;
        QTest::newRow("no token lists packs") << QByteArray("GET") << packs << QString() << QByteArray() << 401;
        QTest::newRow("annotator sends own events") << QByteArray("POST") << events << QStringLiteral("annotator") << own << 200;
        QTest::newRow("annotator sends a reviewer's events") << QByteArray("POST") << events << QStringLiteral("annotator") << ranas << 403;
        QTest::newRow("reviewer sends own events") << QByteArray("POST") << events << QStringLiteral("reviewer") << ranas << 200;
        QTest::newRow("reviewer sends an annotator's events") << QByteArray("POST") << events << QStringLiteral("reviewer") << own << 403;
        QTest::newRow("coordinator relays anyone's events") << QByteArray("POST") << events << QStringLiteral("coordinator") << own << 200;
        QTest::newRow("annotator lists packs") << QByteArray("GET") << packs << QStringLiteral("annotator") << QByteArray() << 200;
        QTest::newRow("annotator publishes a pack") << QByteArray("POST") << packs << QStringLiteral("annotator") << pack << 403;
        QTest::newRow("reviewer publishes a pack") << QByteArray("POST") << packs << QStringLiteral("reviewer") << pack << 403;
        QTest::newRow("coordinator publishes a pack") << QByteArray("POST") << packs << QStringLiteral("coordinator") << pack << 201;
        QTest::newRow("coordinator publishes it again") << QByteArray("POST") << packs << QStringLiteral("coordinator") << pack << 200;
        QTest::newRow("annotator reads a missing pack") << QByteArray("GET") << packs + QStringLiteral("/nope") << QStringLiteral("annotator") << QByteArray() << 404;
        QTest::newRow("GET on the events resource") << QByteArray("GET") << events << QStringLiteral("annotator") << QByteArray() << 405;
        QTest::newRow("unknown resource") << QByteArray("GET") << QStringLiteral("/api/v1/nothing") << QStringLiteral("annotator") << QByteArray() << 404;
    }
    void authAndRoleMatrix()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, caller);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QUrl url = m_server.base();
        url.setPath(path);
        const Headers headers = path == QLatin1String(sync::EventsPath) ? m_workstations.headersFor(body) : Headers();
        const Reply r = send(m_network, method, url, m_tokens.value(caller, caller.toUtf8()), body, 30000, headers);
        QVERIFY2(r.status == status, qPrintable(QStringLiteral("%1: %2").arg(r.status).arg(QString::fromUtf8(r.body))));
        if (status >= 400)
            QVERIFY2(r.json().contains("message"), r.body.constData());
    }

    void publishedPackReadsBack()
    {
        QFile packFile(QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl"));
        QVERIFY(packFile.open(QIODevice::ReadOnly));
        const QByteArray pack = packFile.readAll();
        QVERIFY(call("POST", sync::PacksPath, QStringLiteral("coordinator"), pack).status / 100 == 2);
        const Reply list = call("GET", sync::PacksPath, QStringLiteral("annotator"));
        QCOMPARE(list.status, 200);
        QVERIFY(!list.json()["packs"].empty());
        const std::string id = list.json()["packs"][0]["id"].get<std::string>();
        QUrl url = m_server.base();
        url.setPath(QLatin1String(sync::PacksPath) + QLatin1Char('/') + QString::fromStdString(id));
        const Reply got = send(m_network, "GET", url, m_tokens.value(QStringLiteral("annotator")));
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, pack);
    }

    void limitsAndMalformedBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("1,001 events") << sync::batchBody(batch(QStringLiteral("ws-big"), 1, 1001, QStringLiteral("amina")))
                                      << 413 << QStringLiteral("limit is 1000");
        QList<Event> fat = batch(QStringLiteral("ws-fat"), 1, 5, QStringLiteral("amina"));
        for (Event &e : fat)
            e.payload["note"] = std::string(1024 * 1024, 'x');
        QTest::newRow("5 MiB of events") << sync::batchBody(fat) << 413 << QStringLiteral("limit is 4194304");
        QTest::newRow("not JSON") << QByteArray("{\"events\": [") << 400 << QStringLiteral("not valid JSON at column 13");
        QTest::newRow("JSON without events") << QByteArray("{\"votes\": []}") << 400 << QStringLiteral("\"events\" list");
        QTest::newRow("empty body") << QByteArray() << 400 << QStringLiteral("empty where JSON was expected");
    }
    void limitsAndMalformedBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, reason);
        const Reply r = call("POST", sync::EventsPath, QStringLiteral("annotator"), body);
        QCOMPARE(r.status, status);
        QVERIFY2(QString::fromStdString(r.json()["message"].get<std::string>()).contains(reason), r.body.constData());
    }

    void idempotentBatches()
    {
        const QString ws = QStringLiteral("ws-idem");
        const QList<Event> events = batch(ws, 1, 100, QStringLiteral("amina"));
        for (int round = 0; round < 3; ++round) {
            const Reply r = post(QStringLiteral("annotator"), events);
            QCOMPARE(r.status, 200);
            const auto j = r.json();
            QCOMPARE(j["accepted"].get<int>(), round == 0 ? 100 : 0);
            QCOMPARE(j["already_known"].get<int>(), round == 0 ? 0 : 100);
            QCOMPARE(j["events"].size(), size_t(100));
            QCOMPARE(j["workstations"][0]["acknowledged_seq"].get<int>(), 100);
        }
        // One malformed event, one edit of a stored event, one seq reuse, one new: statuses in order.
        nlohmann::json list = nlohmann::json::array();
        list.push_back({{"id", "broken"}, {"seq", 101}});
        Event edited = events[4];
        edited.payload["choice"] = "second";
        list.push_back(toJson(edited));
        Event reuse = makeEvent(ws, 7, QStringLiteral("amina"));
        reuse.id = testUuid(QStringLiteral("reused-seq"));
        list.push_back(toJson(reuse));
        list.push_back(toJson(makeEvent(ws, 101, QStringLiteral("amina"))));
        const Reply r = call("POST", sync::EventsPath, QStringLiteral("annotator"),
                             QByteArray::fromStdString(nlohmann::json{{"events", list}}.dump()));
        QCOMPARE(r.status, 200);
        const auto j = r.json();
        QCOMPARE(j["rejected"].get<int>(), 3);
        QCOMPARE(j["accepted"].get<int>(), 1);
        QCOMPARE(j["events"][0]["status"].get<std::string>(), "rejected");
        QVERIFY(j["events"][0]["reason"].get<std::string>().find("missing") != std::string::npos);
        QVERIFY(j["events"][1]["reason"].get<std::string>().find("payload") != std::string::npos);
        QVERIFY(j["events"][2]["reason"].get<std::string>().find("already taken") != std::string::npos);
        QCOMPARE(j["events"][3]["status"].get<std::string>(), "accepted");
        QCOMPARE(j["workstations"][0]["acknowledged_seq"].get<int>(), 101);
    }

    void eightConcurrentClients()
    {
        constexpr int clients = 8, batches = 10, perBatch = 100;
        const Reply before = send(m_network, "GET", m_server.url(sync::HealthPath), {});
        const qint64 eventsBefore = before.json()["events"].get<qint64>();
        std::vector<std::unique_ptr<QNetworkAccessManager>> networks;
        QList<QNetworkReply *> replies;
        QMap<QNetworkReply *, std::pair<int, int>> which;
        for (int c = 0; c < clients; ++c) {
            networks.push_back(std::make_unique<QNetworkAccessManager>());
            for (int b = 0; b < batches; ++b) {
                const QString ws = QStringLiteral("ws-concurrent-%1").arg(c);
                QNetworkRequest request(m_server.url(sync::EventsPath));
                request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
                request.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("annotator")));
                request.setTransferTimeout(60000);
                const QByteArray body =
                    sync::batchBody(batch(ws, b * perBatch + 1, (b + 1) * perBatch, QStringLiteral("amina")));
                for (const auto &[name, value] : m_workstations.batchHeaders(ws, body))
                    request.setRawHeader(name, value);
                QNetworkReply *reply = networks.back()->post(request, body);
                replies.append(reply);
                which.insert(reply, {c, b});
            }
        }
        QElapsedTimer clock;
        clock.start();
        auto allDone = [&] {
            return std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); });
        };
        while (!allDone() && clock.elapsed() < 120000)
            QTest::qWait(20);
        QVERIFY(allDone());
        for (QNetworkReply *reply : std::as_const(replies)) {
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            const QByteArray body = reply->readAll();
            const auto j = nlohmann::json::parse(body.cbegin(), body.cend(), nullptr, false);
            QCOMPARE(j["accepted"].get<int>(), perBatch);
            reply->deleteLater();
        }
        const Reply after = send(m_network, "GET", m_server.url(sync::HealthPath), {});
        QCOMPARE(after.json()["events"].get<qint64>() - eventsBefore, qint64(clients * batches * perBatch));
        // Each workstation's batches may have landed in any order; the prefix is complete now.
        for (int c = 0; c < clients; ++c) {
            const Reply r = post(QStringLiteral("annotator"),
                                 batch(QStringLiteral("ws-concurrent-%1").arg(c), 1, 1, QStringLiteral("amina")));
            QCOMPARE(r.json()["workstations"][0]["acknowledged_seq"].get<int>(), batches * perBatch);
        }
    }

    // HTTP/1.1 pipelining: a batch (answered after its commit) and a health check sent together
    // on one connection come back in the order they were sent.
    void pipelinedAnswersKeepTheirOrder()
    {
        const QByteArray body = sync::batchBody(batch(QStringLiteral("ws-pipeline"), 1, 50, QStringLiteral("amina")));
        QByteArray requests = "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                              + m_tokens.value(QStringLiteral("annotator")) + "\r\nContent-Type: application/json\r\n";
        for (const auto &[name, value] : m_workstations.batchHeaders(QStringLiteral("ws-pipeline"), body))
            requests += name + ": " + value + "\r\n";
        requests += ""
                              "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        requests += "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(socket.waitForConnected(10000));
        socket.write(requests);
        QList<QByteArray> bodies;
        QByteArray buffer;
        QElapsedTimer clock;
        clock.start();
        while (bodies.size() < 2 && clock.elapsed() < 30000) {
            if (!socket.waitForReadyRead(1000))
                continue;
            buffer += socket.readAll();
            for (;;) {
                const qsizetype end = buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    break;
                static const QRegularExpression length(QStringLiteral("(?i)content-length: *(\\d+)"));
                const auto m = length.match(QString::fromLatin1(buffer.left(end)));
                const qsizetype size = m.hasMatch() ? m.captured(1).toLongLong() : 0;
                if (buffer.size() < end + 4 + size)
                    break;
                bodies << buffer.mid(end + 4, size);
                buffer.remove(0, end + 4 + size);
            }
        }
        QCOMPARE(bodies.size(), 2);
        QVERIFY2(bodies[0].contains("\"accepted\":50"), bodies[0].constData());
        QVERIFY2(bodies[1].contains("\"status\":\"ok\""), bodies[1].constData());
    }

    void bundleUpload()
    {
        const QString ws = QStringLiteral("ws-bundle");
        // The key the workstation also signs its batches with.
        bundle::BundleWriter writer(m_workstations.key(ws), ws);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const QList<Event> events = batch(ws, 1, 50, QStringLiteral("amina"));
        QVERIFY(writer.writeTo(out, [&](const bundle::EventSink &sink) -> Status {
            for (const Event &e : events)
                if (Status s = sink(e); !s)
                    return s;
            return {};
        }));
        const QByteArray bytes = out.data();
        Reply r = call("POST", sync::BundlesPath, QStringLiteral("annotator"), bytes);
        QVERIFY2(r.status == 200 && r.json().contains("accepted"), r.body.constData());
        QCOMPARE(r.json()["accepted"].get<int>(), 50);
        QCOMPARE(r.json()["key_registered"].get<bool>(), true);
        r = call("POST", sync::BundlesPath, QStringLiteral("annotator"), bytes);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["already_imported"].get<bool>(), true);
        QByteArray flipped = bytes;
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x01);
        r = call("POST", sync::BundlesPath, QStringLiteral("annotator"), flipped);
        QCOMPARE(r.status, 422);
        r = call("POST", sync::BundlesPath, QStringLiteral("reviewer"), bytes);
        QCOMPARE(r.status, 403);
        // The same events as a batch are already known: bundles and batches share one ingest.
        r = post(QStringLiteral("annotator"), events);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json()["already_known"].get<int>(), 50);
    }

    // The leaderboard of the server's events is the document majlisctl computes over the
    // workstation store they came from: votes cast through VotingSession, carried by
    // `majlisctl sync`, dialects read from the pack published on the server.
    void leaderboardMatchesWorkstation()
    {
        const QString wsPath = m_dir.filePath(QStringLiteral("ws-leaderboard.sqlite"));
        const QString demo = QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl");
        const QString packId = QStringLiteral("majlis-demo-ar-2");
        {
            auto ws = store::EventStore::open(wsPath);
            QVERIFY(ws);
            QVERIFY((*ws)->importPack(demo));
            QRandomGenerator rng(7);
            for (const QString &annotator : {QStringLiteral("amina"), QStringLiteral("khalid"), QStringLiteral("rana")}) {
                auto voting = session::VotingSession::start(**ws, packId, annotator);
                QVERIFY2(voting, qPrintable(voting ? QString() : voting.error().message));
                for (int n = 0; n < 40; ++n) {
                    auto pair = (*voting)->next();
                    QVERIFY(pair);
                    if (!*pair)
                        break;
                    const Choice choices[] = {Choice::First, Choice::Second, Choice::First, Choice::Tie, Choice::BothBad};
                    QVERIFY((*voting)->vote(choices[rng.bounded(5)], Side::Left));
                    if (n == 3)
                        QVERIFY((*voting)->markFailure(session::AnswerSlot::First, std::nullopt,
                                                        QStringLiteral("factual_error"), QStringLiteral("major"),
                                                        {}));
                }
                QVERIFY((*voting)->undo()); // the last vote is dead on both sides
            }
        }
        const QString server = m_server.base().toString();
        QCOMPARE(majlisctl({QStringLiteral("--store"), wsPath, QStringLiteral("sync"), QStringLiteral("--server"), server,
                            QStringLiteral("--token"), QString::fromLatin1(m_tokens.value(QStringLiteral("coordinator")))}),
                 0);
        QFile packFile(demo);
        QVERIFY(packFile.open(QIODevice::ReadOnly));
        QCOMPARE(call("POST", sync::PacksPath, QStringLiteral("coordinator"), packFile.readAll()).status / 100, 2);

        QByteArray cliOut;
        QCOMPARE(majlisctl({QStringLiteral("--store"), wsPath, QStringLiteral("ratings"), QStringLiteral("--pack"), packId,
                            QStringLiteral("--slice"), QStringLiteral("dialect"), QStringLiteral("--bootstrap"),
                            QStringLiteral("200"), QStringLiteral("--format"), QStringLiteral("json")},
                           &cliOut),
                 0);
        const auto cli = nlohmann::json::parse(cliOut.toStdString());
        const QString query = QStringLiteral("pack=majlis-demo-ar-2&slice=dialect&bootstrap=200");
        const Reply r = leaderboard(QStringLiteral("reviewer"), query);
        QVERIFY2(r.status == 200, r.body.constData());
        const auto served = r.json();
        QCOMPARE(served["votes"]["live"].get<int>(), 3 * 39);
        QCOMPARE(served["votes"]["superseded"].get<int>(), 3);
        QCOMPARE(served["leaderboard"]["models"].size(), std::size_t(4));
        QSet<QString> dialects;
        for (const auto &board : served["slices"]["boards"])
            dialects.insert(QString::fromStdString(board["value"].get<std::string>()));
        QVERIFY2(dialects.contains(QStringLiteral("emirati")) && !dialects.contains(QString()),
                 qPrintable(QStringList(dialects.cbegin(), dialects.cend()).join(QLatin1Char(','))));
        QCOMPARE(served["failures"].dump().find("factual_error") != std::string::npos, true);
        QCOMPARE(QString::fromStdString(served.dump()), QString::fromStdString(cli.dump()));

        // Asked again: the same document; a coordinator reads it too.
        QCOMPARE(leaderboard(QStringLiteral("coordinator"), query).body, r.body);

        // A new vote changes the board.
        {
            auto ws = store::EventStore::open(wsPath);
            QVERIFY(ws);
            auto voting = session::VotingSession::start(**ws, packId, QStringLiteral("amina"));
            QVERIFY(voting);
            auto pair = (*voting)->next();
            QVERIFY(pair && *pair);
            QVERIFY((*voting)->vote(Choice::First, Side::Left));
        }
        QCOMPARE(majlisctl({QStringLiteral("--store"), wsPath, QStringLiteral("sync"), QStringLiteral("--server"), server,
                            QStringLiteral("--token"), QString::fromLatin1(m_tokens.value(QStringLiteral("coordinator")))}),
                 0);
        const Reply after = leaderboard(QStringLiteral("reviewer"), query);
        QCOMPARE(after.status, 200);
        QCOMPARE(after.json()["votes"]["live"].get<int>(), 3 * 39 + 1);
    }

    void leaderboardRefusals_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("annotators vote blind") << QStringLiteral("annotator") << QString() << 403 << QStringLiteral("vote blind");
        QTest::newRow("no token") << QString() << QString() << 401 << QStringLiteral("token");
        QTest::newRow("unknown parameter") << QStringLiteral("reviewer") << QStringLiteral("packs=x") << 400
                                           << QStringLiteral("unknown query parameter \"packs\"");
        QTest::newRow("bootstrap not a number") << QStringLiteral("reviewer") << QStringLiteral("bootstrap=many") << 400
                                                << QStringLiteral("\"bootstrap\"");
        QTest::newRow("bootstrap too many") << QStringLiteral("reviewer") << QStringLiteral("bootstrap=1000000") << 400
                                            << QStringLiteral("0 to 10000");
        QTest::newRow("slice by group without groups") << QStringLiteral("reviewer") << QStringLiteral("slice=group") << 400
                                                       << QStringLiteral("--groups");
        QTest::newRow("unknown slice") << QStringLiteral("reviewer") << QStringLiteral("slice=planet") << 400
                                       << QStringLiteral("dialect");
        QTest::newRow("unknown pack") << QStringLiteral("reviewer") << QStringLiteral("pack=no-such-pack") << 404
                                      << QStringLiteral("no-such-pack");
    }
    void leaderboardRefusals()
    {
        QFETCH(QString, role);
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(QString, reason);
        const Reply r = leaderboard(role, query);
        QVERIFY2(r.status == status, qPrintable(QStringLiteral("%1: %2").arg(r.status).arg(QString::fromUtf8(r.body))));
        QVERIFY2(QString::fromStdString(r.json().value("message", std::string())).contains(reason), r.body.constData());
    }

    // majlisctl ratings and GET /api/v1/leaderboard parse their options with one parser: the
    // same bad value gets the same words after the option's name (--min-votes / "min_votes").
    void leaderboardOptionsSameWordsBothWays_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("words");
        const QString rounds = QStringLiteral("takes a whole number from 0 to 10000");
        const QString atLeastZero = QStringLiteral("takes a whole number >= 0");
        const QString finite = QStringLiteral("takes a finite number");
        QTest::newRow("bootstrap nan") << QStringLiteral("bootstrap") << QStringLiteral("nan") << rounds;
        QTest::newRow("bootstrap too many") << QStringLiteral("bootstrap") << QStringLiteral("1000000") << rounds;
        QTest::newRow("bootstrap beyond int") << QStringLiteral("bootstrap") << QStringLiteral("4294967297") << rounds;
        QTest::newRow("bootstrap negative") << QStringLiteral("bootstrap") << QStringLiteral("-1") << rounds;
        QTest::newRow("anchor rating nan") << QStringLiteral("anchor_rating") << QStringLiteral("nan") << finite;
        QTest::newRow("anchor rating inf") << QStringLiteral("anchor_rating") << QStringLiteral("-inf") << finite;
        QTest::newRow("anchor rating words") << QStringLiteral("anchor_rating") << QStringLiteral("high") << finite;
        QTest::newRow("min votes fraction") << QStringLiteral("min_votes") << QStringLiteral("1.5") << atLeastZero;
        QTest::newRow("slice min votes negative") << QStringLiteral("slice_min_votes") << QStringLiteral("-3") << atLeastZero;
        QTest::newRow("ci unknown") << QStringLiteral("ci") << QStringLiteral("magic")
                                    << QStringLiteral("takes bootstrap, sandwich or none");
        QTest::newRow("both bad unknown") << QStringLiteral("both_bad") << QStringLiteral("loss")
                                          << QStringLiteral("takes tie or exclude");
        QTest::newRow("slice unknown") << QStringLiteral("slice") << QStringLiteral("planet")
                                       << QStringLiteral("takes none, dialect, region, category or group");
    }
    void leaderboardOptionsSameWordsBothWays()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, words);
        const QString flag = QStringLiteral("--") + QString(name).replace(QLatin1Char('_'), QLatin1Char('-'));
        QProcess ctl;
        ctl.start(ctlBinary(), {QStringLiteral("--store"), m_dir.filePath(QStringLiteral("never-opened.sqlite")),
                                QStringLiteral("ratings"), flag, value});
        QVERIFY(ctl.waitForFinished(60000));
        QCOMPARE(ctl.exitCode(), 2);
        const QString cli = QString::fromUtf8(ctl.readAllStandardError()).trimmed();
        const QString cliPrefix = QStringLiteral("majlisctl: error: ") + flag + QLatin1Char(' ');
        QVERIFY2(cli.startsWith(cliPrefix), qPrintable(cli));

        QUrlQuery query;
        query.addQueryItem(name, value);
        const Reply r = leaderboard(QStringLiteral("reviewer"), query.toString(QUrl::FullyEncoded));
        QCOMPARE(r.status, 400);
        const QString served = QString::fromStdString(r.json().value("message", std::string()));
        const QString servedPrefix = QStringLiteral("query parameter \"%1\": ").arg(name);
        QVERIFY2(served.startsWith(servedPrefix), qPrintable(served));

        QCOMPARE(served.mid(servedPrefix.size()), cli.mid(cliPrefix.size()));
        QCOMPARE(cli.mid(cliPrefix.size()), words);
    }

    void cleanupTestCase()
    {
        m_server.kill9();
        m_pg.stop();
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "test_server.moc"
