#include "model/event.h"

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
                                  << QStringLiteral("field \"seq\" must be an integer >= 1");
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
};

QTEST_GUILESS_MAIN(TestEvent)
#include "test_event.moc"
