#include "text/offsets.h"

#include <QTest>

using namespace majlis::text;

class TestOffsets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codePoints_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::addColumn<qsizetype>("cpStart");
        QTest::addColumn<qsizetype>("cpLength");
        // Expected code-point offsets are what Python's str.find / len give for the same text.
        QTest::newRow("plain Arabic") << QStringLiteral("مرحبا بالعالم") << QStringLiteral("بالعالم") << qsizetype(6) << qsizetype(7);
        QTest::newRow("diacritics count as code points") << QStringLiteral("كَتَبَ الوَلَدُ الدَّرسَ") << QStringLiteral("الوَلَدُ")
                                                         << qsizetype(7) << qsizetype(8);
        QTest::newRow("tatweel") << QStringLiteral("جمـــيل جداً") << QStringLiteral("جداً") << qsizetype(8) << qsizetype(4);
        QTest::newRow("lam-alef is two letters") << QStringLiteral("لا إله إلا الله") << QStringLiteral("إلا") << qsizetype(7)
                                                 << qsizetype(3);
        QTest::newRow("emoji before (surrogate pair)") << QStringLiteral("🦅🌴 الصقر") << QStringLiteral("الصقر") << qsizetype(3)
                                                       << qsizetype(5);
        QTest::newRow("ZWJ family sequence") << QStringLiteral("👨‍👩‍👧 عائلة") << QStringLiteral("عائلة") << qsizetype(6)
                                             << qsizetype(5);
        QTest::newRow("mixed Arabic and English") << QStringLiteral("استخدم Python 3.12 للتحليل") << QStringLiteral("Python 3.12")
                                                  << qsizetype(7) << qsizetype(11);
        QTest::newRow("emoji inside the span") << QStringLiteral("قال 😀 ثم") << QStringLiteral("😀 ثم") << qsizetype(4)
                                               << qsizetype(4);
    }

    void codePoints()
    {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        QFETCH(qsizetype, cpStart);
        QFETCH(qsizetype, cpLength);
        const qsizetype u16 = text.indexOf(needle);
        QVERIFY(u16 >= 0);
        QCOMPARE(utf16ToCodePoint(text, u16), cpStart);
        QCOMPARE(codePointCount(needle), cpLength);
        QCOMPARE(codePointToUtf16(text, cpStart), u16);
        QCOMPARE(quote(text, {cpStart, cpLength}), needle);
    }

    void graphemeSnapping()
    {
        const QString family = QStringLiteral("a👨‍👩‍👧b");
        // Selecting from inside the family sequence widens to the whole cluster.
        auto [s, e] = snapToGraphemes(family, 3, 5);
        QCOMPARE(family.mid(s, e - s), QStringLiteral("👨‍👩‍👧"));
        const QString harakat = QStringLiteral("كَتَبَ");
        auto [s2, e2] = snapToGraphemes(harakat, 0, 1);  // the kaf without its fatha
        QCOMPARE(harakat.mid(s2, e2 - s2), QStringLiteral("كَ"));
    }

    void isolation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        const QString F = QString(QChar(kFirstStrongIsolate)), P = QString(QChar(kPopDirectionalIsolate));
        QTest::newRow("punctuation stays with the phrase")
            << QStringLiteral("قال: Hello, world! ثم") << QStringLiteral("قال: %1Hello, world!%2 ثم").arg(F, P);
        QTest::newRow("version number") << QStringLiteral("نستخدم Python 3.12 هنا")
                                        << QStringLiteral("نستخدم %1Python 3.12%2 هنا").arg(F, P);
        QTest::newRow("phrase at the end") << QStringLiteral("الرابط https://example.org/a?b=1.")
                                           << QStringLiteral("الرابط %1https://example.org/a?b=1.%2").arg(F, P);
        QTest::newRow("English paragraph untouched") << QStringLiteral("Hello, world!") << QStringLiteral("Hello, world!");
        QTest::newRow("two phrases") << QStringLiteral("بين A و B فرق")
                                     << QStringLiteral("بين %1A%2 و %1B%2 فرق").arg(F, P);
        QTest::newRow("brackets around the phrase go in with it")
            << QStringLiteral("الإجابة الأولى (A) أفضل") << QStringLiteral("الإجابة الأولى %1(A)%2 أفضل").arg(F, P);
        QTest::newRow("nested brackets") << QStringLiteral("انظر ((v2)) هنا")
                                         << QStringLiteral("انظر %1((v2))%2 هنا").arg(F, P);
        QTest::newRow("an opener whose partner is in Arabic stays out")
            << QStringLiteral("ملف config (النسخة الثانية)") << QStringLiteral("ملف %1config%2 (النسخة الثانية)").arg(F, P);
        QTest::newRow("brackets inside the phrase") << QStringLiteral("الدالة f(x) مهمة")
                                                    << QStringLiteral("الدالة %1f(x)%2 مهمة").arg(F, P);
        // Seen under Xvfb: the "&" of "&amp;" stood at the right end of the entity.
        QTest::newRow("signs against the first letter go in with it")
            << QStringLiteral("و &amp; و #tag و <svg و +GPT هنا")
            << QStringLiteral("و %1&amp;%2 و %1#tag%2 و %1<svg%2 و %1+GPT%2 هنا").arg(F, P);
        QTest::newRow("sentence punctuation before a phrase stays out")
            << QStringLiteral("قال،Hello ثم") << QStringLiteral("قال،%1Hello%2 ثم").arg(F, P);
    }

    void isolation()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(isolateEmbeddedRuns(input), expected);
    }

    void sourceMapThroughMarkup()
    {
        const QString source = QStringLiteral("## عنوان\n\nهذا **مهم** جداً و `code` هنا 🦅.\n\n- بند أول\n- بند ثانٍ");
        const QString rendered = QStringLiteral("عنوان\u2029هذا مهم جداً و code هنا 🦅.\u2029بند أول\u2029بند ثانٍ");
        const SourceMap map(source, rendered);
        const qsizetype r = rendered.indexOf(QStringLiteral("مهم جداً"));
        const CodePointSpan span = map.sourceSpan(r, r + 8);
        QCOMPARE(quote(source, span), QStringLiteral("مهم** جداً"));  // covers the source text shown
        const qsizetype e = rendered.indexOf(QStringLiteral("🦅"));
        const CodePointSpan eagle = map.sourceSpan(e, e + 2);
        QCOMPARE(quote(source, eagle), QStringLiteral("🦅"));
        auto [rs, re] = map.renderedRange(eagle);
        QCOMPARE(rendered.mid(rs, re - rs), QStringLiteral("🦅"));
        const qsizetype b = rendered.indexOf(QStringLiteral("ثانٍ"));
        QCOMPARE(quote(source, map.sourceSpan(b, b + 4)), QStringLiteral("ثانٍ"));
    }
};

QTEST_GUILESS_MAIN(TestOffsets)
#include "test_offsets.moc"
