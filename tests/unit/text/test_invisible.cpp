// Invisible characters (text/invisible): what counts, what is ordinary text, and the names shown.
#include "text/invisible.h"

#include <QTest>

using namespace majlis;
using namespace majlis::text;


class TestInvisible : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("bidi");
        QTest::addColumn<int>("zeroWidth");
        QTest::addColumn<int>("boms");
        QTest::addColumn<int>("other");
        QTest::newRow("Arabic with harakat and tatweel") << QStringLiteral("مَرْحَبًا بِكُمْ فِي المَجْلِـــس") << 0 << 0 << 0 << 0;
        QTest::newRow("Latin, digits, punctuation") << QStringLiteral("GPT-4 scored 3.5/5 (ok).") << 0 << 0 << 0 << 0;
        QTest::newRow("emoji family joined by ZWJ") << QStringLiteral("عائلة 👨\u200D👩\u200D👧 هنا") << 0 << 0 << 0 << 0;
        QTest::newRow("emoji with skin tone and ZWJ") << QStringLiteral("👩🏽\u200D💻") << 0 << 0 << 0 << 0;
        QTest::newRow("flag of England (tag sequence)")
            << QString::fromUcs4(U"🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F") << 0 << 0 << 0 << 0;
        QTest::newRow("right-to-left override") << QStringLiteral("100\u202E05\u202C ريال") << 2 << 0 << 0 << 0;
        QTest::newRow("isolates written by the model") << QStringLiteral("و \u2066عزل\u2069") << 2 << 0 << 0 << 0;
        QTest::newRow("marks LRM RLM ALM") << QStringLiteral("a\u200Eb\u200Fc\u061Cd") << 3 << 0 << 0 << 0;
        QTest::newRow("zero-width space and non-joiner") << QStringLiteral("كلمة\u200Bمخفية\u200Cهنا") << 0 << 2 << 0 << 0;
        QTest::newRow("ZWJ between letters") << QStringLiteral("ب\u200Dت") << 0 << 1 << 0 << 0;
        QTest::newRow("ZWJ after an emoji, before a letter") << QStringLiteral("👨\u200Dا") << 0 << 1 << 0 << 0;
        QTest::newRow("BOM at the start and in the middle") << QStringLiteral("\uFEFFمرحبا\uFEFF بكم") << 0 << 0 << 2 << 0;
        QTest::newRow("soft hyphen and a lone tag") << QString::fromUcs4(U"co\u00ADop \U000E0041") << 0 << 0 << 0 << 2;
    }

    void counts()
    {
        QFETCH(QString, text);
        QFETCH(int, bidi);
        QFETCH(int, zeroWidth);
        QFETCH(int, boms);
        QFETCH(int, other);
        const InvisibleCounts c = countInvisible(text);
        QCOMPARE(c.bidiControls, bidi);
        QCOMPARE(c.zeroWidth, zeroWidth);
        QCOMPARE(c.byteOrderMarks, boms);
        QCOMPARE(c.otherFormat, other);
        QCOMPARE(c.total(), bidi + zeroWidth + boms + other);
    }

    void names()
    {
        QCOMPARE(invisibleName(0x202E), QStringLiteral("RLO"));
        QCOMPARE(invisibleName(0x200B), QStringLiteral("ZWSP"));
        QCOMPARE(invisibleName(0xFEFF), QStringLiteral("BOM"));
        QCOMPARE(invisibleName(0xE0041), QStringLiteral("U+E0041"));
        QCOMPARE(invisibleName(0x2061), QStringLiteral("U+2061"));
    }
};

QTEST_APPLESS_MAIN(TestInvisible)
#include "test_invisible.moc"
