#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "rating/arenafile.h"
#include "simulatedvotes.h"

using namespace majlis::rating;
using majlis::rating::testing::simulateBattles;

namespace {

QByteArray utf8(const char *text)
{
    return QByteArray(text);
}

} // namespace

class TestArenaFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesRecords_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("models");
        QTest::addColumn<QList<int>>("outcomes");
        QTest::newRow("JSON Lines, every winner spelling")
            << utf8("{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\"}\n"
                    "{\"model_a\": \"b\", \"model_b\": \"c\", \"winner\": \"model_b\"}\n"
                    "{\"model_a\": \"c\", \"model_b\": \"a\", \"winner\": \"tie\"}\n"
                    "{\"model_a\": \"a\", \"model_b\": \"c\", \"winner\": \"tie (bothbad)\"}\n"
                    "{\"model_a\": \"a\", \"model_b\": \"c\", \"winner\": \"both_bad\"}")
            << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}
            << QList<int>{int(Outcome::WinA), int(Outcome::WinB), int(Outcome::Tie), int(Outcome::BothBad), int(Outcome::BothBad)};
        QTest::newRow("Arena's pretty-printed array with other fields, nested ones too")
            << utf8("[\n    {\n        \"question_id\": \"q1\",\n        \"model_a\": \"gpt-4\",\n        \"model_b\": \"claude\",\n"
                    "        \"winner\": \"model_b\",\n        \"judge\": \"arena_user_1\",\n        \"turn\": 1,\n"
                    "        \"anony\": true,\n        \"tstamp\": 1682351591.1322,\n"
                    "        \"conv_metadata\": {\"sum_user_tokens\": 12, \"turns\": [1, 2]},\n        \"language\": null\n    },\n"
                    "    {\"model_a\": \"claude\", \"model_b\": \"gpt-4\", \"winner\": \"tie\"}\n]\n")
            << QStringList{QStringLiteral("gpt-4"), QStringLiteral("claude")}
            << QList<int>{int(Outcome::WinB), int(Outcome::Tie)};
        QTest::newRow("escapes and Arabic names, blank lines, CRLF, byte-order mark")
            << utf8("\xEF\xBB\xBF{\"model_a\": \"\\u0646\\u062e\\u0644\\u0629\", \"model_b\": \"say \\\"hi\\\"\", \"winner\": \"model_a\"}\r\n"
                    "\r\n   \n"
                    "{\"model_a\": \"\xD9\x86\xD8\xAE\xD9\x84\xD8\xA9\", \"model_b\": \"say \\\"hi\\\"\", \"winner\": \"model_b\"}\r\n")
            << QStringList{QString::fromUtf8("\xD9\x86\xD8\xAE\xD9\x84\xD8\xA9"), QStringLiteral("say \"hi\"")}
            << QList<int>{int(Outcome::WinA), int(Outcome::WinB)};
        QTest::newRow("empty array") << utf8(" [ ] \n") << QStringList{} << QList<int>{};
        QTest::newRow("empty file") << QByteArray() << QStringList{} << QList<int>{};
    }

    void parsesRecords()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, models);
        QFETCH(QList<int>, outcomes);
        const auto set = parseArenaBattles(data);
        QVERIFY2(set.ok(), set.ok() ? "" : qPrintable(set.error().message));
        QCOMPARE(set->models, models);
        QCOMPARE(qsizetype(set->battles.size()), outcomes.size());
        for (qsizetype i = 0; i < outcomes.size(); ++i)
            QCOMPARE(int(set->battles[std::size_t(i)].outcome), outcomes[i]);
    }

    void reportsLineAndField_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        const QByteArray good = "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\"}\n";
        QTest::newRow("unknown winner on line 3") << good + good + "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"draw\"}\n"
                                                 << "<input>:3: field \"winner\": unknown value \"draw\"";
        QTest::newRow("missing field") << good + "{\"model_a\": \"a\", \"winner\": \"tie\"}"
                                       << "<input>:2: field \"model_b\": missing";
        QTest::newRow("number instead of a string") << utf8("{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": 1}")
                                                    << "<input>:1: field \"winner\": expected a string, got number";
        QTest::newRow("object instead of a string") << utf8("{\"model_a\": {\"name\": \"a\"}, \"model_b\": \"b\", \"winner\": \"tie\"}")
                                                    << "<input>:1: field \"model_a\": expected a string, got object";
        QTest::newRow("a record that is not an object") << utf8("[\"a\", \"b\", \"model_a\"]\n")
                                                        << "<input>:1: expected a JSON object, got string";
        QTest::newRow("a line of JSON Lines that is an array") << good + "[1]\n" << "<input>:2: expected a JSON object, got array";
        QTest::newRow("JSON syntax error after blank lines") << good + "\n\n{\"model_a\": \"a\", \"model_b\": }\n"
                                                             << "<input>:4: not valid JSON";
        QTest::newRow("the same model on both sides") << utf8("{\"model_a\": \"a\", \"model_b\": \"a\", \"winner\": \"tie\"}")
                                                      << "<input>:1: field \"model_b\": same model as model_a (\"a\")";
        QTest::newRow("empty model name") << utf8("{\"model_a\": \"\", \"model_b\": \"a\", \"winner\": \"tie\"}")
                                          << "<input>:1: field \"model_a\": empty model name";
        QTest::newRow("a field twice") << utf8("{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\", \"winner\": \"model_a\"}")
                                       << "<input>:1: field \"winner\": appears twice";
        QTest::newRow("CRLF lines keep their numbers") << utf8("{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\"}\r\n"
                                                               "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"?\"}\r\n")
                                                       << "<input>:2: field \"winner\"";
        QTest::newRow("array: the line where the bad record starts")
            << utf8("[\n  {\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\"},\n  {\n    \"model_a\": \"a\",\n"
                    "    \"winner\": \"tie\"\n  }\n]")
            << "<input>:3: field \"model_b\": missing";
        QTest::newRow("array: a syntax error on its own line")
            << utf8("[\n  {\n    \"model_a\": \"a\",\n    \"model_b\": \"b\"\n    \"winner\": \"tie\"\n  }\n]")
            << "<input>:5: not valid JSON";
        QTest::newRow("array: trailing comma") << utf8("[\n{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\"},\n]")
                                               << "<input>:3: expected a record";
        QTest::newRow("array: not closed") << utf8("[\n{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\"}\n")
                                           << "<input>:3: the array is not closed";
        QTest::newRow("array: unterminated record") << utf8("[\n{\"model_a\": \"a\",\n") << "<input>:2: record not closed";
        QTest::newRow("array: text after the end") << utf8("[]\n{}") << "<input>:2: unexpected text after the closing ']'";
    }

    void reportsLineAndField()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        const auto set = parseArenaBattles(data);
        QVERIFY(!set.ok());
        QVERIFY2(set.error().message.startsWith(message), qPrintable(set.error().message));
        QCOMPARE(int(set.error().code), int(majlis::Error::Code::Parse));
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("layout");
        QTest::newRow("JSON Lines") << int(ArenaLayout::JsonLines);
        QTest::newRow("JSON array") << int(ArenaLayout::JsonArray);
    }

    void roundTrip()
    {
        QFETCH(int, layout);
        BattleSet set = simulateBattles({0.1, 0.2, -0.3, 0.4}, 500, 0.3, 2);
        set.models[1] = QString::fromUtf8("\xD8\xB5\xD9\x82\xD8\xB1 \"13b\"\\");
        const QByteArray written = writeArenaBattles(set, ArenaLayout(layout));
        const auto read = parseArenaBattles(written);
        QVERIFY(read.ok());
        // Models are numbered by first appearance, so compare by name.
        QCOMPARE(read->battles.size(), set.battles.size());
        for (std::size_t i = 0; i < set.battles.size(); ++i) {
            const Battle &a = set.battles[i], &b = read->battles[i];
            QCOMPARE(read->models[b.modelA], set.models[a.modelA]);
            QCOMPARE(read->models[b.modelB], set.models[a.modelB]);
            QCOMPARE(int(b.outcome), int(a.outcome));
        }
        QCOMPARE(writeArenaBattles(*read, ArenaLayout(layout)), written);
    }

    // Large inputs are parsed in chunks on several threads; the result and the line numbers of
    // errors must not show it.
    void largeFileReadInChunks()
    {
        const BattleSet set = simulateBattles({0.5, 0.0, -0.5, 1.0, -1.0, 0.25}, 200000, 0.15, 17);
        QByteArray data = writeArenaBattles(set);
        QVERIFY(data.size() > 8 << 20);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("battles.jsonl"));
        QVERIFY(writeArenaBattlesFile(path, set).ok());
        const auto read = readArenaBattles(path);
        QVERIFY(read.ok());
        QCOMPARE(read->battles.size(), set.battles.size());
        QCOMPARE(writeArenaBattles(*read), data);

        const qsizetype lineStart = data.indexOf('\n', data.size() * 9 / 10) + 1;
        const qsizetype line = data.left(lineStart).count('\n') + 1;
        data.insert(lineStart, "{\"model_a\": \"a\", \"model_b\": \"b\"}\n");
        const auto broken = parseArenaBattles(data, QStringLiteral("big.jsonl"));
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message.startsWith(QStringLiteral("big.jsonl:%1: field \"winner\": missing").arg(line)),
                 qPrintable(broken.error().message));
    }

    void missingFileIsAnIoError()
    {
        const auto read = readArenaBattles(QStringLiteral("/nonexistent/battles.jsonl"));
        QVERIFY(!read.ok());
        QCOMPARE(int(read.error().code), int(majlis::Error::Code::Io));
        QVERIFY(read.error().message.startsWith(QLatin1String("/nonexistent/battles.jsonl: ")));
    }
};

QTEST_GUILESS_MAIN(TestArenaFile)
#include "test_arenafile.moc"
