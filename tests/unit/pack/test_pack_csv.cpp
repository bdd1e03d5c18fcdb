#include "pack/csv.h"

#include <QTest>

using namespace majlis;
using namespace majlis::pack;

using Rows = QList<QStringList>;

class TestPackCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void recordsStartLines();
    void refuses_data();
    void refuses();
};

void TestPackCsv::parses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<Rows>("rows");

    const QStringList header{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n") << ',' << Rows{header, {QStringLiteral("1"), QStringLiteral("2")}};
    QTest::newRow("CRLF records") << QByteArray("a,b\r\n1,2\r\n") << ',' << Rows{header, {QStringLiteral("1"), QStringLiteral("2")}};
    QTest::newRow("lone CR records") << QByteArray("a,b\r1,2") << ',' << Rows{header, {QStringLiteral("1"), QStringLiteral("2")}};
    QTest::newRow("no line end after the last record") << QByteArray("a,b\n1,2") << ','
                                                       << Rows{header, {QStringLiteral("1"), QStringLiteral("2")}};
    QTest::newRow("byte-order mark skipped") << QByteArray("\xEF\xBB\xBF" "a,b\n") << ',' << Rows{header};
    QTest::newRow("quoted comma") << QByteArray("\"x,y\",z\n") << ',' << Rows{{QStringLiteral("x,y"), QStringLiteral("z")}};
    QTest::newRow("doubled quote inside quotes") << QByteArray("\"he said \"\"hi\"\"\",z\n") << ','
                                                 << Rows{{QStringLiteral("he said \"hi\""), QStringLiteral("z")}};
    QTest::newRow("quoted LF kept") << QByteArray("\"line 1\nline 2\",z\n") << ','
                                    << Rows{{QStringLiteral("line 1\nline 2"), QStringLiteral("z")}};
    QTest::newRow("quoted CRLF becomes LF") << QByteArray("\"line 1\r\nline 2\",z\r\n") << ','
                                            << Rows{{QStringLiteral("line 1\nline 2"), QStringLiteral("z")}};
    QTest::newRow("empty fields and empty quoted field") << QByteArray(",\"\",\n") << ','
                                                         << Rows{{QString(), QString(), QString()}};
    QTest::newRow("blank lines skipped") << QByteArray("a,b\n\n\r\n1,2\n\n") << ','
                                         << Rows{header, {QStringLiteral("1"), QStringLiteral("2")}};
    QTest::newRow("Arabic with a comma inside quotes") << QByteArray("\"مرحبا، كيفك\",شكراً\n") << ','
                                                       << Rows{{QStringLiteral("مرحبا، كيفك"), QStringLiteral("شكراً")}};
    QTest::newRow("spaces are data") << QByteArray(" a , b \n") << ',' << Rows{{QStringLiteral(" a "), QStringLiteral(" b ")}};
    QTest::newRow("tab-separated") << QByteArray("a\tb\n\"x\ty\"\tz\n") << '\t'
                                   << Rows{header, {QStringLiteral("x\ty"), QStringLiteral("z")}};
    QTest::newRow("empty input") << QByteArray() << ',' << Rows{};
}

void TestPackCsv::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(char, delimiter);
    QFETCH(Rows, rows);
    auto parsed = parseCsv(input, QStringLiteral("t.csv"), delimiter);
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().message));
    Rows got;
    for (const CsvRow &r : std::as_const(*parsed))
        got << r.fields;
    QCOMPARE(got, rows);
}

void TestPackCsv::recordsStartLines()
{
    auto parsed = parseCsv("a,b\r\n\"multi\r\nline\",x\r\n\r\nlast,y\r\n", QStringLiteral("t.csv"));
    QVERIFY(parsed.ok());
    QList<qint64> lines;
    for (const CsvRow &r : std::as_const(*parsed))
        lines << r.line;
    QCOMPARE(lines, (QList<qint64>{1, 2, 5}));
}

void TestPackCsv::refuses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    QTest::newRow("quote never closed") << QByteArray("a,b\n1,\"open\n\n") << QStringLiteral("t.csv:2: a quoted field is never closed");
    QTest::newRow("quote inside an unquoted field") << QByteArray("a,b\nx\"y,z\n")
                                                    << QStringLiteral("t.csv:2: a quote inside an unquoted field");
    QTest::newRow("text after a closing quote") << QByteArray("a,b\n\"x\"y,z\n")
                                                << QStringLiteral("t.csv:2: text after the closing quote of a field");
    QTest::newRow("not UTF-8 (Latin-1 é)") << QByteArray("a,b\n1,caf\xE9\n") << QStringLiteral("t.csv:2: field 2 is not valid UTF-8");
}

void TestPackCsv::refuses()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    auto parsed = parseCsv(input, QStringLiteral("t.csv"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, Error::Code::Parse);
    QVERIFY2(parsed.error().message.startsWith(message), qPrintable(parsed.error().message));
}

QTEST_GUILESS_MAIN(TestPackCsv)
#include "test_pack_csv.moc"
