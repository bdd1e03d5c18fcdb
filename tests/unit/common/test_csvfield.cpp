// majlis::csvField: RFC 4180 quoting, and no field a spreadsheet would run as a formula (a pack
// id, model id or annotator name from a hostile pack ends up in `export --format csv` and
// `ratings --format csv`).
#include "common/csvfield.h"

#include <QTest>

using namespace majlis;

class TestCsvField : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fields_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << QStringLiteral("nakhla-7b") << QStringLiteral("nakhla-7b");
        QTest::newRow("Arabic") << QStringLiteral("نخلة") << QStringLiteral("نخلة");
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("line break") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("formula") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                                 << QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        QTest::newRow("plus formula") << QStringLiteral("+cmd|' /C calc'!A0") << QStringLiteral("'+cmd|' /C calc'!A0");
        QTest::newRow("minus formula") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
        QTest::newRow("negative number kept") << QStringLiteral("-12.5") << QStringLiteral("-12.5");
        QTest::newRow("infinity kept") << QStringLiteral("-inf") << QStringLiteral("-inf");
        QTest::newRow("plus infinity kept") << QStringLiteral("+inf") << QStringLiteral("+inf");
        QTest::newRow("empty") << QString() << QString();
    }

    void fields()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(csvField(text), field);
    }
};

QTEST_APPLESS_MAIN(TestCsvField)
#include "test_csvfield.moc"
