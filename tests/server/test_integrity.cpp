// Votes that no participant can forge, erase or knock over (issue 9): each finding reproduced
// through the real interfaces — a real majlis-server on 127.0.0.1 run as it is by default
// (enrollment by code or coordinator), majlisctl processes, a hostile fake server — and held
// refused. MAJLIS_TEST_BACKEND=postgresql runs it against a real PostgreSQL 15.
#include "servertestkit.h"

#include "bundle/bundlewriter.h"
#include "common/uuid.h"
#include "model/event.h"
#include "store/eventstore.h"
#include "store/ingest.h"
#include "store/sqlite.h"
#include "store/workstationregistry.h"
#include "sync/protocol.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace majlis;
using namespace majlis::servertest;

namespace {

Event makeEvent(const QString &workstation, qint64 seq, const QString &annotator)
{
    Event e;
    e.id = testUuid(QStringLiteral("integrity-%1-%2").arg(workstation).arg(seq));
    e.kind = EventKind::Vote;
    e.packId = QStringLiteral("integrity");
    e.itemId = QStringLiteral("item-%1").arg(seq % 5);
    e.comparisonId = e.itemId + QStringLiteral("/0-1");
    e.annotator = annotator;
    e.workstation = workstation;
    e.seq = seq;
    e.createdUtc = QStringLiteral("2026-05-01T10:00:00.000Z");
    e.payload = {{"choice", "first"}};
    return e;
}

// A workstation store holding votes `first`..`last` of `annotator`, as a desktop would after
// voting.
std::unique_ptr<store::EventStore> votingStore(const QString &path, const QString &annotator, int last, int first = 1)
{
    auto opened = store::EventStore::open(path);
    if (!opened)
        return {};
    QList<Event> events;
    for (int s = first; s <= last; ++s)
        events.append(makeEvent((*opened)->workstationId(), s, annotator));
    auto report = store::ingestEvents((*opened)->database(), [&](const bundle::EventSink &sink) -> Status {
        for (const Event &e : std::as_const(events))
            if (Status st = sink(e); !st)
                return st;
        return {};
    });
    if (!report || report->rejected > 0)
        return {};
    return std::move(*opened);
}

struct Run
{
    int exit = -1;
    QByteArray out;
    QByteArray err;
};

Run runProcess(const QString &program, const QStringList &args, const QProcessEnvironment &env = {})
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 128 + 6;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QProcessEnvironment withToken(const QByteArray &token)
{
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MAJLIS_TOKEN"), QString::fromLatin1(token));
    return env;
}

} // namespace

class TestIntegrity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Postgres m_pg;
    QString m_db;
    ServerProcess m_server;
    QNetworkAccessManager m_network;
    Workstations m_keys;
    QMap<QString, QByteArray> m_tokens;  // by person: amina, karim (annotators), coord

    // amina's workstation, enrolled by the coordinator in initTestCase (its store stays closed,
    // so majlisctl can open it).
    QString m_aminaPath;
    QString m_aminaWs;
    std::unique_ptr<bundle::WorkstationKey> m_aminaKey;
    int m_rows = 0;

    Reply post(const char *path, const QString &who, const QByteArray &body, const Headers &headers = {})
    {
        return send(m_network, "POST", m_server.url(path), m_tokens.value(who), body, 30000, headers);
    }
    qint64 storedEvents()
    {
        const Reply r = send(m_network, "GET", m_server.url(sync::HealthPath), {});
        return r.status == 200 ? r.json()["events"].get<qint64>() : -1;
    }
    Run ctl(const QString &store, const QStringList &args, const QByteArray &token = {})
    {
        return runProcess(ctlBinary(), QStringList{QStringLiteral("--store"), store} + args,
                          token.isEmpty() ? QProcessEnvironment() : withToken(token));
    }
    Run server(const QStringList &args) { return runProcess(serverBinary(), args); }
    // The coordinator's commands on the server machine. With SQLite the server holds the one
    // writer lock, so they run while it is stopped (as `token create` does); PostgreSQL takes
    // them while it runs.
    Run admin(const QStringList &args)
    {
        const bool sqlite = m_db.startsWith(QLatin1String("sqlite:"));
        if (sqlite)
            m_server.kill9();
        Run r = server(args);
        if (sqlite) {
            QString error;
            if (!m_server.start(m_db, m_server.port(), &error, {}))
                qWarning().noquote() << error;
        }
        return r;
    }
    Headers aminaSigned(const QByteArray &body) const
    {
        return {{sync::WorkstationHeader, m_aminaWs.toUtf8()},
                {sync::PublicKeyHeader, m_aminaKey->publicKey().toBase64()},
                {sync::SignatureHeader, m_aminaKey->sign(sync::batchSigningMessage(body)).toBase64()}};
    }
    QString serverUrl() const { return m_server.base().toString(); }
    static QString message(const Reply &r)
    {
        const auto j = r.json();
        return j.is_object() && j.contains("message") && j["message"].is_string()
                   ? QString::fromStdString(j["message"].get<std::string>())
                   : QString::fromUtf8(r.body);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariable("MAJLIS_TEST_BACKEND") == QLatin1String("postgresql")) {
            QString error;
            QVERIFY2(m_pg.start(&error), qPrintable(error));  // a backend that cannot start fails
            m_db = m_pg.url();
        } else {
            m_db = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("server.sqlite"));
        }
        for (const auto &[name, role] : {std::pair{"amina", "annotator"}, std::pair{"karim", "annotator"},
                                         std::pair{"coord", "coordinator"}}) {
            const QByteArray token = createToken(m_db, QLatin1String(name), QLatin1String(role));
            QVERIFY2(token.startsWith("mjt_"), name);
            m_tokens.insert(QLatin1String(name), token);
        }
        // amina's workstation, enrolled by a coordinator with the key `workstation show` prints.
        m_aminaPath = m_dir.filePath(QStringLiteral("amina.sqlite"));
        {
            auto amina = votingStore(m_aminaPath, QStringLiteral("amina"), 5);
            QVERIFY(amina);
            auto key = store::workstationKey(*amina);
            QVERIFY(key);
            m_aminaWs = amina->workstationId();
            m_aminaKey = std::make_unique<bundle::WorkstationKey>(std::move(*key));
        }
        const Run enrolled = server({QStringLiteral("workstation"), QStringLiteral("enroll"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--workstation"), m_aminaWs, QStringLiteral("--key"),
                                     m_aminaKey->publicKeyBase64(), QStringLiteral("--owner"), QStringLiteral("amina")});
        QVERIFY2(enrolled.exit == 0, enrolled.err.constData());
        QString error;
        QVERIFY2(m_server.start(m_db, 0, &error, {}), qPrintable(error));  // default: enrollment by code
    }

    // Finding 1: a number out of double's range, anywhere in a body, once aborted the server.
    void hugeNumbersInABatch_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("1e400 in an ignored field") << QByteArray(R"({"events":[],"x":1e400})");
        QTest::newRow("1e999999") << QByteArray(R"({"events":[],"x":1e999999})");
        QTest::newRow("a 1000-digit integer") << (QByteArray(R"({"events":[],"x":)") + QByteArray(1000, '9') + '}');
        QTest::newRow("-1e400 inside a payload")
            << QByteArray(R"({"events":[{"id":"x","payload":{"weight":-1e400}}]})");
    }
    void hugeNumbersInABatch()
    {
        QFETCH(QByteArray, body);
        const Reply r = post(sync::EventsPath, QStringLiteral("amina"), body, aminaSigned(body));
        QVERIFY2(r.status == 400, r.body.constData());
        QVERIFY2(message(r).contains(QLatin1String("out of range")), r.body.constData());
        QVERIFY2(message(r).contains(QLatin1String("field")), r.body.constData());
        QVERIFY(storedEvents() >= 0);  // still answering
    }

    // Finding 1 through majlisctl: validate, import and build refused with line and field, exit 1.
    void hugeNumbersInPackFiles()
    {
        QFile fixture(QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = fixture.readAll().split('\n');
        lines[1].insert(lines[1].lastIndexOf('}'), QByteArray(R"(, "meta": {"score": 1e400})"));
        const QString pack = m_dir.filePath(QStringLiteral("huge-number.jsonl"));
        QFile out(pack);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(lines.join('\n'));
        out.close();
        const QString store = m_dir.filePath(QStringLiteral("huge-number-store.sqlite"));
        for (const char *verb : {"validate", "import"}) {
            const Run r = ctl(store, {QStringLiteral("pack"), QLatin1String(verb), pack});
            QVERIFY2(r.exit == 1, qPrintable(QStringLiteral("%1: exit %2 %3").arg(QLatin1String(verb)).arg(r.exit)
                                                .arg(QString::fromUtf8(r.err))));
            QVERIFY2(r.err.contains("huge-number.jsonl:2") && r.err.contains("meta.score")
                         && r.err.contains("out of range"),
                     r.err.constData());
        }
        const QString alpaca = m_dir.filePath(QStringLiteral("model_outputs.json"));
        QFile a(alpaca);
        QVERIFY(a.open(QIODevice::WriteOnly));
        a.write(R"([{"instruction": "hi", "output": "hello", "generator": "m", "temperature": 1e999}])");
        a.close();
        const Run built = ctl(store, {QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"),
                                      QStringLiteral("alpaca_eval"), alpaca, QStringLiteral("-o"),
                                      m_dir.filePath(QStringLiteral("built.jsonl"))});
        QVERIFY2(built.exit == 1, built.err.constData());
        QVERIFY2(built.err.contains("[0].temperature") && built.err.contains("out of range"), built.err.constData());
        // And a server refuses to publish it, so no desktop ever pulls it.
        QFile again(pack);
        QVERIFY(again.open(QIODevice::ReadOnly));
        const Reply r = post(sync::PacksPath, QStringLiteral("coord"), again.readAll());
        QVERIFY2(r.status == 400 && message(r).contains(QLatin1String("out of range")), r.body.constData());
        QVERIFY(storedEvents() >= 0);
    }

    // Findings 2 and 3: squatting on amina's workstation — by events, re-signed batches,
    // replays and bundles — is refused with a reason, and amina's votes all arrive.
    void squattingIsRefused()
    {
        const QString ws = m_aminaWs;
        const qint64 before = storedEvents();
        // karim's events for amina's workstation, signed by his own key.
        const QByteArray karims = sync::batchBody({makeEvent(ws, 4, QStringLiteral("karim")),
                                                   makeEvent(ws, 5, QStringLiteral("karim"))});
        Reply r = post(sync::EventsPath, QStringLiteral("karim"), karims,
                       m_keys.batchHeaders(ws, karims, QStringLiteral("karim's own key")));
        QVERIFY2(r.status == 403 && r.json()["error"] == "wrong_key", r.body.constData());
        QVERIFY(message(r).contains(ws));
        // The same, signed for his own workstation but naming amina's in the events.
        const QString karimWs = QStringLiteral("karim-ws");
        r = post(sync::EventsPath, QStringLiteral("karim"), karims, m_keys.batchHeaders(karimWs, karims));
        QVERIFY2(r.status == 403, r.body.constData());  // karim-ws is not enrolled, and the events are not its
        // A batch amina signed, replayed with karim's token.
        const QByteArray aminas = sync::batchBody({makeEvent(ws, 1, QStringLiteral("amina"))});
        r = post(sync::EventsPath, QStringLiteral("karim"), aminas, aminaSigned(aminas));
        QVERIFY2(r.status == 403 && r.json()["error"] == "not_your_workstation", r.body.constData());
        // amina's signature over other bytes: karim edits the batch and keeps her signature.
        const QByteArray edited = sync::batchBody({makeEvent(ws, 1, QStringLiteral("karim"))});
        r = post(sync::EventsPath, QStringLiteral("amina"), edited, aminaSigned(aminas));
        QVERIFY2(r.status == 403 && r.json()["error"] == "bad_signature", r.body.constData());
        // An unsigned batch, as today's clients sent them.
        r = post(sync::EventsPath, QStringLiteral("amina"), aminas);
        QVERIFY2(r.status == 400 && r.json()["error"] == "unsigned_batch", r.body.constData());

        // Finding 3: a bundle naming amina's workstation, signed with karim's key.
        const bundle::WorkstationKey &karimKey = m_keys.key(QStringLiteral("karim's own key"));
        bundle::BundleWriter writer(karimKey, ws);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(writer.writeTo(out, [&](const bundle::EventSink &sink) -> Status {
            for (qint64 s = 4; s <= 5; ++s)
                if (Status st = sink(makeEvent(ws, s, QStringLiteral("karim"))); !st)
                    return st;
            return {};
        }));
        r = post(sync::BundlesPath, QStringLiteral("karim"), out.data());
        QVERIFY2(r.status == 422 || r.status == 403, r.body.constData());
        QVERIFY2(message(r).contains(QLatin1String("key")), r.body.constData());
        // ... and a bundle of a workstation nobody enrolled is not bound by an annotator's upload.
        const bundle::WorkstationKey &strayKey = m_keys.key(QStringLiteral("stray"));
        const QString stray = testUuid(QStringLiteral("stray-workstation"));
        bundle::BundleWriter strayWriter(strayKey, stray);
        QBuffer strayOut;
        strayOut.open(QIODevice::WriteOnly);
        QVERIFY(strayWriter.writeTo(strayOut, [&](const bundle::EventSink &sink) -> Status {
            return sink(makeEvent(stray, 1, QStringLiteral("karim")));
        }));
        r = post(sync::BundlesPath, QStringLiteral("karim"), strayOut.data());
        QVERIFY2(r.status == 403 && r.json()["error"] == "not_enrolled", r.body.constData());
        QCOMPARE(storedEvents(), before);

        // amina's own votes all arrive, by sync, including seqs 4 and 5 that karim tried to take.
        const Run synced = ctl(m_aminaPath, {QStringLiteral("sync"), QStringLiteral("--server"), serverUrl()},
                               m_tokens.value(QStringLiteral("amina")));
        QVERIFY2(synced.exit == 0, synced.err.constData());
        QVERIFY2(synced.out.contains("acknowledged up to seq 5"), synced.out.constData());
        QCOMPARE(storedEvents(), before + 5);
        // And her bundles are still taken (the registry kept her key).
        const QString bundlePath = m_dir.filePath(QStringLiteral("amina.majlisbundle"));
        const Run exported = ctl(m_aminaPath, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("-o"),
                                               bundlePath});
        QVERIFY2(exported.exit == 0, exported.err.constData());
        QFile bundleFile(bundlePath);
        QVERIFY(bundleFile.open(QIODevice::ReadOnly));
        r = post(sync::BundlesPath, QStringLiteral("amina"), bundleFile.readAll());
        QVERIFY2(r.status == 200, r.body.constData());
    }

    // Enrollment by a one-time code: made for one person, used once; a key is replaced only by a
    // coordinator, and every change is in the audit.
    void enrollmentByCode()
    {
        const QString path = m_dir.filePath(QStringLiteral("karim.sqlite"));
        auto karim = votingStore(path, QStringLiteral("karim"), 3);
        QVERIFY(karim);
        const QString ws = karim->workstationId();
        karim.reset();
        // Not enrolled: refused with what to do.
        Run synced = ctl(path, {QStringLiteral("sync"), QStringLiteral("--server"), serverUrl(),
                                QStringLiteral("--max-attempts"), QStringLiteral("1")},
                         m_tokens.value(QStringLiteral("karim")));
        QVERIFY(synced.exit != 0);
        QVERIFY2(synced.err.contains("not enrolled") && synced.err.contains("--code"), synced.err.constData());

        auto invite = [&](const char *owner) {
            const Run r = admin({QStringLiteral("workstation"), QStringLiteral("invite"), QStringLiteral("--db"), m_db,
                                 QStringLiteral("--owner"), QLatin1String(owner)});
            return r.exit == 0 ? r.out.trimmed() : QByteArray();
        };
        const QByteArray forAmina = invite("amina");
        QVERIFY(!forAmina.isEmpty());
        // amina's code presented by karim: refused, and used up.
        Run enrolled = ctl(path, {QStringLiteral("workstation"), QStringLiteral("enroll"), QStringLiteral("--server"),
                                  serverUrl(), QStringLiteral("--code"), QString::fromLatin1(forAmina)},
                           m_tokens.value(QStringLiteral("karim")));
        QVERIFY(enrolled.exit != 0);
        QVERIFY2(enrolled.err.contains("made for amina"), enrolled.err.constData());

        const QByteArray forKarim = invite("karim");
        enrolled = ctl(path, {QStringLiteral("workstation"), QStringLiteral("enroll"), QStringLiteral("--server"),
                              serverUrl(), QStringLiteral("--code"), QString::fromLatin1(forKarim)},
                       m_tokens.value(QStringLiteral("karim")));
        QVERIFY2(enrolled.exit == 0, enrolled.err.constData());
        // Used once only.
        const QString other = m_dir.filePath(QStringLiteral("karim-second.sqlite"));
        QVERIFY(votingStore(other, QStringLiteral("karim"), 1));
        enrolled = ctl(other, {QStringLiteral("workstation"), QStringLiteral("enroll"), QStringLiteral("--server"),
                               serverUrl(), QStringLiteral("--code"), QString::fromLatin1(forKarim)},
                       m_tokens.value(QStringLiteral("karim")));
        QVERIFY(enrolled.exit != 0);
        QVERIFY2(enrolled.err.contains("already used"), enrolled.err.constData());

        synced = ctl(path, {QStringLiteral("sync"), QStringLiteral("--server"), serverUrl()},
                     m_tokens.value(QStringLiteral("karim")));
        QVERIFY2(synced.exit == 0, synced.err.constData());

        // A new key for karim's workstation needs --replace, by the coordinator, and is audited.
        const QByteArray newKey = m_keys.key(QStringLiteral("karim's new machine")).publicKey().toBase64();
        const QStringList enroll{QStringLiteral("workstation"), QStringLiteral("enroll"), QStringLiteral("--db"), m_db,
                                 QStringLiteral("--workstation"), ws, QStringLiteral("--key"),
                                 QString::fromLatin1(newKey), QStringLiteral("--owner"), QStringLiteral("karim")};
        Run replaced = admin(enroll);
        QVERIFY(replaced.exit != 0);
        QVERIFY2(replaced.err.contains("--replace"), replaced.err.constData());
        replaced = admin(enroll + QStringList{QStringLiteral("--replace")});
        QVERIFY2(replaced.exit == 0, replaced.err.constData());
        const Run audit = admin({QStringLiteral("workstation"), QStringLiteral("audit"), QStringLiteral("--db"), m_db});
        QVERIFY(audit.exit == 0);
        bool sawReplace = false;
        for (const QByteArray &line : audit.out.split('\n'))
            if (line.contains("\treplace\t") && line.contains(ws.toUtf8()) && line.contains(newKey))
                sawReplace = true;
        QVERIFY2(sawReplace, audit.out.constData());
        // The old key no longer speaks for it: karim's next vote from the old machine is refused.
        QVERIFY(votingStore(path, QStringLiteral("karim"), 4, 4));
        synced = ctl(path, {QStringLiteral("sync"), QStringLiteral("--server"), serverUrl(),
                            QStringLiteral("--max-attempts"), QStringLiteral("1")},
                     m_tokens.value(QStringLiteral("karim")));
        QVERIFY(synced.exit != 0);
        QVERIFY2(synced.err.contains("bound to the key"), synced.err.constData());
    }

    // Finding 7 (server): every event field is checked before it is stored.
    void eventFieldsAreValidated_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("kind rm -rf") << QStringLiteral("kind") << QStringLiteral("not a known kind");
        QTest::newRow("created yesterday") << QStringLiteral("created") << QStringLiteral("ISO 8601");
        QTest::newRow("seq 2^63-1") << QStringLiteral("seq") << QStringLiteral("from 1 to");
        QTest::newRow("id not a UUIDv7") << QStringLiteral("id") << QStringLiteral("UUIDv7");
        QTest::newRow("annotator with a control character") << QStringLiteral("annotator")
                                                           << QStringLiteral("control character");
    }
    void eventFieldsAreValidated()
    {
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const QString ws = m_aminaWs;
        Event e = makeEvent(ws, 100 + ++m_rows, QStringLiteral("amina"));
        nlohmann::json j = toJson(e);
        if (field == QLatin1String("kind"))
            j["kind"] = "rm -rf";
        else if (field == QLatin1String("created"))
            j["created"] = "yesterday";
        else if (field == QLatin1String("seq"))
            j["seq"] = std::numeric_limits<qint64>::max();
        else if (field == QLatin1String("id"))
            j["id"] = "not-a-uuid";
        else
            j["annotator"] = "amina\u0007";
        const QByteArray body = QByteArray::fromStdString(nlohmann::json{{"events", {j}}}.dump());
        const Headers headers = aminaSigned(body);
        const qint64 before = storedEvents();
        const Reply r = post(sync::EventsPath, field == QLatin1String("annotator") ? QStringLiteral("coord")
                                                                                   : QStringLiteral("amina"),
                             body, headers);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json()["rejected"].get<int>(), 1);
        const std::string why = r.json()["events"][0]["reason"].get<std::string>();
        QVERIFY2(QString::fromStdString(why).contains(reason), why.c_str());
        QCOMPARE(storedEvents(), before);
    }

    // Finding 4: a server that acknowledges more than was sent is not believed.
    void acknowledgementAboveWhatWasSent()
    {
        const QString path = m_dir.filePath(QStringLiteral("lied-to.sqlite"));
        auto store = votingStore(path, QStringLiteral("amina"), 24);
        QVERIFY(store);
        const QString ws = store->workstationId();
        store.reset();
        QTcpServer liar;
        QVERIFY(liar.listen(QHostAddress::LocalHost, 0));
        QByteArray request;
        QObject::connect(&liar, &QTcpServer::newConnection, &liar, [&] {
            QTcpSocket *socket = liar.nextPendingConnection();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                request += socket->readAll();
                const qsizetype end = request.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                static const QRegularExpression length(QStringLiteral("(?i)content-length: *(\\d+)"));
                const auto m = length.match(QString::fromLatin1(request.left(end)));
                if (!m.hasMatch() || request.size() < end + 4 + m.captured(1).toLongLong())
                    return;  // the whole batch first, as a server would read it
                const QByteArray body = QByteArray(R"({"events":[],"accepted":24,"already_known":0,"rejected":0,)")
                                        + R"("workstations":[{"workstation":")" + ws.toUtf8()
                                        + R"(","acknowledged_seq":1000000,"max_seq":1000000,"missing_count":0,"gaps":[]}]})";
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        });
        QProcess p;
        p.setProcessEnvironment(withToken("mjt_whatever"));
        p.start(ctlBinary(), {QStringLiteral("--store"), path, QStringLiteral("sync"), QStringLiteral("--server"),
                              QStringLiteral("http://127.0.0.1:%1").arg(liar.serverPort()),
                              QStringLiteral("--max-attempts"), QStringLiteral("1")});
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 60000);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() != 0, err.constData());
        QVERIFY2(err.contains("1000000") && err.contains("not believed"), err.constData());
        // Nothing was forgotten: the real server later gets all 24.
        auto reopened = store::EventStore::open(path);
        QVERIFY(reopened);
        auto key = store::workstationKey(**reopened);
        QVERIFY(key);
        const QString pub = key->publicKeyBase64();
        reopened->reset();
        const Run enrolled = admin({QStringLiteral("workstation"), QStringLiteral("enroll"), QStringLiteral("--db"), m_db,
                                    QStringLiteral("--workstation"), ws, QStringLiteral("--key"), pub,
                                     QStringLiteral("--owner"), QStringLiteral("amina")});
        QVERIFY2(enrolled.exit == 0, enrolled.err.constData());
        const Run synced = ctl(path, {QStringLiteral("sync"), QStringLiteral("--server"), serverUrl()},
                               m_tokens.value(QStringLiteral("amina")));
        QVERIFY2(synced.exit == 0, synced.err.constData());
        QVERIFY2(synced.out.contains("acknowledged up to seq 24"), synced.out.constData());
    }

    // Finding 7: the token never needs to be on the command line, and a sync.json others can
    // read is refused.
    void tokenHandling()
    {
        const QString path = m_dir.filePath(QStringLiteral("token.sqlite"));
        QVERIFY(votingStore(path, QStringLiteral("amina"), 1));
        const Run withArg = ctl(path, {QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
                                       QStringLiteral("--token"), QStringLiteral("mjt_x"), QStringLiteral("--max-attempts"),
                                       QStringLiteral("1"), QStringLiteral("--backoff-ms"), QStringLiteral("1")});
        QVERIFY2(withArg.err.contains("visible to other users"), withArg.err.constData());
        QDir().mkpath(path + QStringLiteral(".keys"));
        QFile settings(path + QStringLiteral(".keys/sync.json"));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write("{\"server\":\"http:/" "/127.0.0.1:1\",\"token\":\"mjt_secret\"}");  // no "//" for moc
        settings.close();
        QVERIFY(settings.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        const Run r = ctl(path, {QStringLiteral("sync"), QStringLiteral("--max-attempts"), QStringLiteral("1")});
        QVERIFY(r.exit != 0);
        QVERIFY2(r.err.contains("readable by other users"), r.err.constData());
    }

    // Finding 6: 20 items of 3,000 answers (2 MB) were 90 million comparisons. Refused on import,
    // validate and publish, with nothing stored; likewise a pack over a million pairs, and (finding
    // 7) a header alone.
    void packLimits_data()
    {
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("candidates");
        QTest::addColumn<QString>("reason");
        QTest::newRow("20 items of 3,000 answers") << 20 << 3000 << QStringLiteral("at most 16");
        QTest::newRow("17 answers") << 1 << 17 << QStringLiteral("at most 16");
        QTest::newRow("8,334 items of 16 answers: 1,000,080 pairs") << 8334 << 16 << QStringLiteral("more than 1000000 pairs");
        QTest::newRow("a header and no items") << 0 << 2 << QStringLiteral("no items");
    }
    void packLimits()
    {
        QFETCH(int, items);
        QFETCH(int, candidates);
        QFETCH(QString, reason);
        const QString pack = m_dir.filePath(QStringLiteral("limits-%1x%2.jsonl").arg(items).arg(candidates));
        {
            QFile out(pack);
            QVERIFY(out.open(QIODevice::WriteOnly));
            nlohmann::json models = nlohmann::json::array();
            for (int m = 0; m < candidates; ++m)
                models.push_back({{"id", "m" + std::to_string(m)}, {"name", "Model " + std::to_string(m)}});
            const nlohmann::json header{{"majlis_pack", 1}, {"id", "limits"}, {"title", "Limits"},
                                        {"guidelines", {{"en", "Vote."}}}, {"dialects", {"msa"}}, {"reveal", "after_vote"},
                                        {"models", models}};
            out.write(QByteArray::fromStdString(header.dump()) + '\n');
            for (int i = 0; i < items; ++i) {
                nlohmann::json cands = nlohmann::json::array();
                for (int m = 0; m < candidates; ++m)
                    cands.push_back({{"model", "m" + std::to_string(m)}, {"output", "a" + std::to_string(m)}});
                const nlohmann::json item{{"id", "i" + std::to_string(i)}, {"prompt", "q"}, {"dialect", "msa"},
                                          {"candidates", cands}};
                out.write(QByteArray::fromStdString(item.dump()) + '\n');
            }
        }
        const QString store = m_dir.filePath(QStringLiteral("limits.sqlite"));
        for (const char *verb : {"validate", "import"}) {
            const Run r = ctl(store, {QStringLiteral("pack"), QLatin1String(verb), pack});
            QVERIFY2(r.exit == 1, qPrintable(QStringLiteral("%1: %2").arg(r.exit).arg(QString::fromUtf8(r.err))));
            QVERIFY2(QString::fromUtf8(r.err).contains(reason), r.err.constData());
        }
        const Run list = ctl(store, {QStringLiteral("pack"), QStringLiteral("list")});
        QVERIFY2(!list.out.contains("limits"), list.out.constData());  // nothing half-stored
        QFile file(pack);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Reply r = post(sync::PacksPath, QStringLiteral("coord"), file.readAll());
        QVERIFY2(r.status == 400, r.body.constData());
    }

    // Finding 7: numeric ids were mangled (2^64-1 became "-1"; 1.0000001 and 1.0000002 both "1").
    void numericIdsAreKeptExactly()
    {
        const QString input = m_dir.filePath(QStringLiteral("numeric-ids.jsonl"));
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (const char *id : {"18446744073709551615", "1.0000001", "1.0000002"})
            for (const char *model : {"a", "b"})
                f.write(QByteArray("{\"question_id\": ") + id + ", \"instruction\": \"q\", \"generator\": \"" + model
                        + "\", \"response\": \"answer of " + model + "\"}\n");
        f.close();
        const QString out = m_dir.filePath(QStringLiteral("numeric-ids-pack.jsonl"));
        const Run built = ctl(m_dir.filePath(QStringLiteral("ids.sqlite")),
                              {QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("long"),
                               input, QStringLiteral("-o"), out, QStringLiteral("--id"), QStringLiteral("ids")});
        QVERIFY2(built.exit == 0, built.err.constData());
        QFile pack(out);
        QVERIFY(pack.open(QIODevice::ReadOnly));
        const QByteArray text = pack.readAll();
        for (const char *id : {"\"18446744073709551615\"", "\"1.0000001\"", "\"1.0000002\""})
            QVERIFY2(text.contains(id), text.constData());
        QVERIFY(!text.contains("\"-1\""));
    }

    // Finding 7: stores that cannot be opened say why, and a foreign file is left as it was.
    void storeRefusals()
    {
        const QString foreign = m_dir.filePath(QStringLiteral("customers.sqlite"));
        {
            auto db = store::Database::open(foreign);
            QVERIFY(db);
            QVERIFY(db->exec("CREATE TABLE customers (name TEXT)"));
        }
        Run r = ctl(foreign, {QStringLiteral("pack"), QStringLiteral("list")});
        QVERIFY(r.exit == 1);
        QVERIFY2(r.err.contains("not a Majlis store"), r.err.constData());
        {
            auto db = store::Database::open(foreign);
            QVERIFY(db);
            QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM sqlite_schema"), 1);  // no Majlis table added
            QCOMPARE(*db->queryText("PRAGMA journal_mode"), QStringLiteral("delete"));
        }
        const QString newer = m_dir.filePath(QStringLiteral("newer.sqlite"));
        QVERIFY(votingStore(newer, QStringLiteral("amina"), 1));
        {
            auto db = store::Database::open(newer);
            QVERIFY(db && db->exec("PRAGMA user_version = 99"));
        }
        r = ctl(newer, {QStringLiteral("pack"), QStringLiteral("list")});
        QVERIFY(r.exit == 1);
        QVERIFY2(r.err.contains("made by a newer Majlis (schema 99); this one reads up to"), r.err.constData());
        // A folder nobody can write in (tests run as root, for whom chmod does not stop writes).
        r = ctl(QStringLiteral("/proc/majlis-store.sqlite"), {QStringLiteral("pack"), QStringLiteral("list")});
        QVERIFY(r.exit == 1);
        QVERIFY2(!r.err.contains("process 0") && r.err.contains("/proc"), r.err.constData());
        // A UTF-16 CSV, as spreadsheets save "Unicode text": named, without its NUL bytes.
        const QString csv = m_dir.filePath(QStringLiteral("utf16.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QString text = QStringLiteral("prompt,model,output\nشلونك؟,a,زين\n");
        f.write("\xFF\xFE");
        f.write(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        f.close();
        r = ctl(m_dir.filePath(QStringLiteral("csv.sqlite")),
                {QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("long"), csv,
                 QStringLiteral("-o"), m_dir.filePath(QStringLiteral("utf16-pack.jsonl"))});
        QVERIFY(r.exit == 1);
        QVERIFY2(r.err.contains("UTF-16") && !r.err.contains('\0'), r.err.constData());
    }

    // Finding 7: pack build wrote a 70 MB line that import then refused.
    void packBuildRefusesWhatImportWould()
    {
        const QString input = m_dir.filePath(QStringLiteral("huge-answer.jsonl"));
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"question_id\": 1, \"instruction\": \"q\", \"generator\": \"a\", \"response\": \"short\"}\n");
        f.write("{\"question_id\": 1, \"instruction\": \"q\", \"generator\": \"b\", \"response\": \"");
        f.write(QByteArray(70 * 1024 * 1024, 'x'));
        f.write("\"}\n");
        f.close();
        const QString out = m_dir.filePath(QStringLiteral("huge-answer-pack.jsonl"));
        const Run built = ctl(m_dir.filePath(QStringLiteral("huge.sqlite")),
                              {QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("long"),
                               input, QStringLiteral("-o"), out});
        QVERIFY(built.exit == 1);
        QVERIFY2(built.err.contains("would be a line of 70 MiB"), built.err.constData());
        QVERIFY(!QFile::exists(out));
        QFile::remove(input);
    }

    void serverStillHealthy() { QVERIFY(storedEvents() > 0); }
};

QTEST_GUILESS_MAIN(TestIntegrity)
#include "test_integrity.moc"
