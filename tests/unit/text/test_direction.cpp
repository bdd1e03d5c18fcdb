#include "text/direction.h"

#include <QTest>

using namespace majlis::text;

Q_DECLARE_METATYPE(majlis::text::Direction)

class TestDirection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dominant_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Direction>("expected");
        QTest::newRow("plain Arabic") << QStringLiteral("شحالك؟ شو أخبارك اليوم؟") << Direction::RightToLeft;
        QTest::newRow("plain English") << QStringLiteral("How are you today?") << Direction::LeftToRight;
        QTest::newRow("Arabic opening with a Latin term")
            << QStringLiteral("\"GPT-4\" قال إن الجواب صحيح تماماً") << Direction::RightToLeft;
        QTest::newRow("Arabic opening with Python") << QStringLiteral("Python لغة برمجة سهلة التعلم") << Direction::RightToLeft;
        QTest::newRow("English quoting an Arabic word") << QStringLiteral("The word «يالله» means let's go, come on")
                                                        << Direction::LeftToRight;
        QTest::newRow("inline code is not counted")
            << QStringLiteral("استخدم `re.sub(pattern, replacement, text, flags=re.UNICODE)` هنا") << Direction::RightToLeft;
        QTest::newRow("an unmatched backtick opens nothing") << QStringLiteral("اكتب ` ثم الأمر") << Direction::RightToLeft;
        QTest::newRow("digits only") << QStringLiteral("1971 - 2026") << Direction::Neutral;
        QTest::newRow("emoji and Arabic") << QStringLiteral("🦅 الصقر") << Direction::RightToLeft;
        QTest::newRow("tie falls back to the first strong letter") << QStringLiteral("ab عم") << Direction::LeftToRight;
        QTest::newRow("a URL does not count") << QStringLiteral("المرجع: https://docs.python.org/3/library/re.html")
                                             << Direction::RightToLeft;
        QTest::newRow("Arabizi is Latin") << QStringLiteral("sho el akhbar 3ndk") << Direction::LeftToRight;
    }

    void dominant()
    {
        QFETCH(QString, text);
        QFETCH(Direction, expected);
        QCOMPARE(dominantDirection(text), expected);
    }
};

QTEST_GUILESS_MAIN(TestDirection)
#include "test_direction.moc"
