#include "common/json.h"
#include "model/event.h"
#include "model/eventquickread.h"

#include <QTest>

using namespace majlis;

class TestEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        Event e;
        e.id = QStringLiteral("0192f4a0-0000-7000-8000-000000000001");
        e.kind = EventKind::Vote;
        e.packId = QStringLiteral("p");
        e.itemId = QStringLiteral("عنصر-١");
        e.comparisonId = QStringLiteral("عنصر-١/0-1");
        e.annotator = QStringLiteral("مريم");
        e.workstation = QStringLiteral("ws");
        e.seq = 7;
        e.createdUtc = QStringLiteral("2026-11-29T04:00:00.000Z");
        e.supersedes = QStringLiteral("x");
        e.payload = {{"choice", "first"}, {"n", 1}};
        auto back = eventFromJson(toJson(e));
        QVERIFY(back);
        QCOMPARE(*back, e);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        const QString ok = QStringLiteral(
            R"({"id":"a","kind":"vote","pack":"p","item":"i","annotator":"a","workstation":"w","seq":1,"created":"t","payload":{}})");
        QTest::newRow("not an object") << QStringLiteral("[]") << QStringLiteral("must be a JSON object");
        QTest::newRow("id missing") << QString(ok).replace(QStringLiteral(R"("id":"a",)"), QString())
                                    << QStringLiteral("field \"id\" is missing");
        QTest::newRow("seq zero") << QString(ok).replace(QStringLiteral(R"("seq":1)"), QStringLiteral(R"("seq":0)"))
                                  << QStringLiteral("field \"seq\" must be an integer from 1 to 9007199254740991");
        QTest::newRow("kind a number") << QString(ok).replace(QStringLiteral(R"("kind":"vote")"), QStringLiteral(R"("kind":3)"))
                                       << QStringLiteral("field \"kind\" must be a string");
        QTest::newRow("payload an array") << QString(ok).replace(QStringLiteral(R"("payload":{})"), QStringLiteral(R"("payload":[])"))
                                          << QStringLiteral("field \"payload\" must be an object");
    }

    void rejects()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        auto e = eventFromJson(nlohmann::json::parse(json.toStdString()), QStringLiteral("bundle line 3"));
        QVERIFY(!e);
        QVERIFY2(e.error().message.startsWith(QLatin1String("bundle line 3: ")), qPrintable(e.error().message));
        QVERIFY2(e.error().message.contains(message), qPrintable(e.error().message));
    }
    // The quick reader answers only where eventFromJson agrees; it may leave anything to it.
    void quickReadAgrees_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("quick");  // whether the quick reader is expected to answer
        const QByteArray ok =
            R"({"id":"a","kind":"vote","pack":"p","item":"i","annotator":"a","workstation":"w","seq":1,"created":"t","payload":{}})";
        auto with = [&](const char *from, const char *to) { return QByteArray(ok).replace(from, to); };
        QTest::newRow("usual") << ok << true;
        QTest::newRow("Arabic, nested payload, spaces")
            << with(R"("payload":{})", " \"payload\" : {\"note\":\"الإجابة \\\"الأولى\\\" أفضل\\n\",\"n\":[1,-2,true,null,{\"x\":false}]} ")
            << true;
        QTest::newRow("comparison null") << with(R"("item":"i",)", R"("item":"i","comparison":null,)") << true;
        QTest::newRow("unknown field passed over") << with(R"("seq":1,)", R"("seq":1,"extra":[{"a":"b"}],)") << true;
        QTest::newRow("no payload") << with(R"(,"payload":{})", "") << true;
        QTest::newRow("unicode escape") << with(R"("item":"i")", "\"item\":\"\\u0639\"") << false;
        QTest::newRow("float in payload") << with(R"("payload":{})", R"("payload":{"x":1.5})") << false;
        QTest::newRow("seq zero") << with(R"("seq":1)", R"("seq":0)") << false;
        QTest::newRow("seq leading zero") << with(R"("seq":1)", R"("seq":01)") << false;
        QTest::newRow("seq a string") << with(R"("seq":1)", R"("seq":"1")") << false;
        QTest::newRow("seq twice") << with(R"("seq":1,)", R"("seq":1,"seq":2,)") << false;
        QTest::newRow("id empty") << with(R"("id":"a")", R"("id":"")") << false;
        QTest::newRow("id missing") << with(R"("id":"a",)", "") << false;
        QTest::newRow("kind null") << with(R"("kind":"vote")", R"("kind":null)") << false;
        QTest::newRow("payload an array") << with(R"("payload":{})", R"("payload":[])") << false;
        QTest::newRow("bad UTF-8") << with(R"("item":"i")", "\"item\":\"\xC0\xAF\"") << false;
        QTest::newRow("surrogate in UTF-8") << with(R"("item":"i")", "\"item\":\"\xED\xA0\x80\"") << false;
        QTest::newRow("control character") << with(R"("item":"i")", "\"item\":\"a\tb\"") << false;
        QTest::newRow("text after the object") << ok + " x" << false;
        QTest::newRow("trailing comma") << with(R"("payload":{})", R"("payload":{"a":1,})") << false;
        QTest::newRow("cut off") << ok.left(ok.size() - 1) << false;
    }

    void quickReadAgrees()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, quick);
        const std::string_view text(json.constData(), size_t(json.size()));
        const std::optional<Event> fast = quickEventFromJson(text);
        QCOMPARE(fast.has_value(), quick);
        QCOMPARE(quickEventCheck(text), quick);
        if (!fast)
            return;
        auto full = eventFromJson(nlohmann::json::parse(json.constData()));
        QVERIFY(full);
        QCOMPARE(*fast, *full);
        QCOMPARE(fast->payload.dump(), full->payload.dump());
        const QByteArray batch = "{\"events\": [" + json + "," + json + "]}";
        auto events = quickEventBatchFromJson(std::string_view(batch.constData(), size_t(batch.size())), 2);
        QVERIFY(events);
        QCOMPARE(events->size(), 2);
        QCOMPARE(events->at(1), *full);
        QVERIFY(!quickEventBatchFromJson(std::string_view(batch.constData(), size_t(batch.size())), 1));
    }

    // What every ingest checks before it stores an event (issue 9: the server stored kind
    // "rm -rf", created "yesterday" and seq 2^63-1).
    void eventProblems_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("problem");  // empty: accepted
        QTest::newRow("a good event") << QString() << QString() << QString();
        QTest::newRow("created with nanoseconds") << QStringLiteral("created") << QStringLiteral("2026-05-01T10:00:00.123456789Z") << QString();
        QTest::newRow("created without a fraction") << QStringLiteral("created") << QStringLiteral("2026-05-01T10:00:00Z") << QString();
        QTest::newRow("29 February of a leap year") << QStringLiteral("created") << QStringLiteral("2024-02-29T00:00:00.000Z") << QString();
        QTest::newRow("29 February of another year") << QStringLiteral("created") << QStringLiteral("2026-02-29T00:00:00.000Z") << QStringLiteral("ISO 8601");
        QTest::newRow("created yesterday") << QStringLiteral("created") << QStringLiteral("yesterday") << QStringLiteral("ISO 8601");
        QTest::newRow("created without Z") << QStringLiteral("created") << QStringLiteral("2026-05-01T10:00:00.000") << QStringLiteral("ISO 8601");
        QTest::newRow("created with a zone") << QStringLiteral("created") << QStringLiteral("2026-05-01T10:00:00.000+04:00") << QStringLiteral("ISO 8601");
        QTest::newRow("hour 24") << QStringLiteral("created") << QStringLiteral("2026-05-01T24:00:00.000Z") << QStringLiteral("ISO 8601");
        QTest::newRow("ten fraction digits") << QStringLiteral("created") << QStringLiteral("2026-05-01T10:00:00.0123456789Z") << QStringLiteral("ISO 8601");
        QTest::newRow("kind rm -rf") << QStringLiteral("kind") << QStringLiteral("rm -rf") << QStringLiteral("not a known kind");
        QTest::newRow("a UUIDv4 id") << QStringLiteral("id") << QStringLiteral("018f3320-0000-4000-8000-000000000001") << QStringLiteral("UUIDv7");
        QTest::newRow("an uppercase id") << QStringLiteral("id") << QStringLiteral("018F3320-0000-7000-8000-000000000001") << QStringLiteral("UUIDv7");
        QTest::newRow("a wrong variant") << QStringLiteral("id") << QStringLiteral("018f3320-0000-7000-c000-000000000001") << QStringLiteral("UUIDv7");
        QTest::newRow("seq above 2^53-1") << QStringLiteral("seq") << QStringLiteral("9007199254740992") << QStringLiteral("from 1 to");
        QTest::newRow("seq 2^53-1") << QStringLiteral("seq") << QStringLiteral("9007199254740991") << QString();
        QTest::newRow("a bell in the annotator") << QStringLiteral("annotator") << QStringLiteral("amina\u0007") << QStringLiteral("control character");
        QTest::newRow("a byte order mark before the annotator") << QStringLiteral("annotator") << QStringLiteral("\uFEFFamina") << QStringLiteral("byte order mark");
        QTest::newRow("an Arabic annotator") << QStringLiteral("annotator") << QStringLiteral("مريم") << QString();
        QTest::newRow("a 257-character pack") << QStringLiteral("pack") << QString(257, QLatin1Char('p')) << QStringLiteral("longer than 256");
        QTest::newRow("no workstation") << QStringLiteral("workstation") << QString() << QStringLiteral("is empty");
    }
    // Issue 9, found by fuzz_packline: QString::fromUtf8 drops a byte order mark that starts its
    // input, so a JSON string "\uFEFF" read as "" and "\uFEFFx" as "x". Readers keep it.
    void byteOrderMarksAreKept()
    {
        QCOMPARE(toQString(std::string("\xEF\xBB\xBF")), QString(QChar(0xFEFF)));
        QCOMPARE(toQString(std::string("\xEF\xBB\xBF\xEF\xBB\xBFx")), QStringLiteral("\uFEFF\uFEFFx"));
        QCOMPARE(toQString(std::string("x\xEF\xBB\xBF")), QStringLiteral("x\uFEFF"));
        const auto j = nlohmann::json::parse("{\"note\":\"\\ufeffnote\",\"list\":[\"\\ufeff\"]}");
        QCOMPARE(j["note"].get<QString>(), QStringLiteral("\uFEFFnote"));
        QCOMPARE(j["list"].get<QStringList>(), QStringList{QStringLiteral("\uFEFF")});
    }

    void eventProblems()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, problem);
        Event e;
        e.id = QStringLiteral("018f3320-0000-7000-8000-000000000001");
        e.kind = EventKind::Vote;
        e.packId = QStringLiteral("p");
        e.itemId = QStringLiteral("i");
        e.annotator = QStringLiteral("amina");
        e.workstation = QStringLiteral("018f3320-0000-7000-8000-00000000f001");
        e.seq = 1;
        e.createdUtc = QStringLiteral("2026-05-01T10:00:00.000Z");
        if (field == QLatin1String("created")) e.createdUtc = value;
        else if (field == QLatin1String("kind")) e.kind = value;
        else if (field == QLatin1String("id")) e.id = value;
        else if (field == QLatin1String("seq")) e.seq = value.toLongLong();
        else if (field == QLatin1String("annotator")) e.annotator = value;
        else if (field == QLatin1String("pack")) e.packId = value;
        else if (field == QLatin1String("workstation")) e.workstation = value;
        const QString got = eventProblem(e);
        if (problem.isEmpty())
            QVERIFY2(got.isEmpty(), qPrintable(got));
        else
            QVERIFY2(got.contains(problem), qPrintable(got));
    }
};

QTEST_GUILESS_MAIN(TestEvent)
#include "test_event.moc"
