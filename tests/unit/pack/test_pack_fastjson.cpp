#include "pack/fastjson.h"

#include <QTest>

using namespace majlis::pack;

// The fast path must never accept what nlohmann refuses, and must give the same value for what
// it accepts; declining (nullopt) is always allowed, it only costs speed.
class TestPackFastJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithNlohmann_data();
    void agreesWithNlohmann();
};

void TestPackFastJson::agreesWithNlohmann_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("valid");        // nlohmann accepts it
    QTest::addColumn<bool>("mustBeFast");   // the fast path is expected to take it

    auto ok = [](const char *name, const QByteArray &in) { QTest::newRow(name) << in << true << true; };
    auto bad = [](const char *name, const QByteArray &in) { QTest::newRow(name) << in << false << false; };

    ok("typical item", "{\"id\":\"a\",\"prompt\":\"شلونك؟\",\"candidates\":[{\"model\":\"m\",\"output\":\"بخير\"}]}");
    ok("spaces everywhere", " { \"a\" : [ 1 , 2 ] , \"b\" :\t{ } , \"c\" : [ ] }\r\n");
    ok("all simple escapes", "{\"s\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"}");
    ok("unicode escapes, BMP and a surrogate pair", "{\"s\":\"\\u0041\\u00e9\\u0628\\ud83d\\ude00\"}");
    ok("escaped NUL", "[\"a\\u0000b\"]");
    ok("four-byte UTF-8 (emoji) and three-byte (CJK)", "[\"😀 漢字 ﷺ\"]");
    ok("long ASCII runs around specials", "[\"0123456789abcdefghijklmnopqrstuv\\\"0123456789abcdefghijklmnopq\"]");
    ok("numbers of every shape", "[0,-0,12,-12,1.5,-1.5e3,2E-2,1e+2,18446744073709551615,-9223372036854775808]");
    ok("literals", "[true,false,null]");
    ok("a repeated key keeps the last value", "{\"a\":1,\"a\":2}");
    ok("nested", "{\"a\":{\"b\":{\"c\":[[[\"d\"]]]}}}");
    ok("empty containers", "[{},[],\"\"]");
    ok("a bare string", "\"x\"");

    bad("empty", "");
    bad("truncated object", "{\"a\":1");
    bad("trailing comma in object", "{\"a\":1,}");
    bad("trailing comma in array", "[1,]");
    bad("missing colon", "{\"a\" 1}");
    bad("unquoted key", "{a:1}");
    bad("single quotes", "{'a':1}");
    bad("raw newline in a string", "[\"a\nb\"]");
    bad("raw tab in a string", "[\"a\tb\"]");
    bad("bad escape", "[\"\\x41\"]");
    bad("short unicode escape", "[\"\\u12\"]");
    bad("lone high surrogate", "[\"\\ud83d\"]");
    bad("lone low surrogate", "[\"\\ude00\"]");
    bad("high surrogate then non-surrogate", "[\"\\ud83d\\u0041\"]");
    bad("Latin-1 byte", "[\"caf\xE9\"]");
    bad("overlong two-byte form", "[\"\xC0\xAF\"]");
    bad("overlong three-byte form", "[\"\xE0\x80\xAF\"]");
    bad("UTF-8 encoded surrogate", "[\"\xED\xA0\x80\"]");
    bad("above U+10FFFF", "[\"\xF4\x90\x80\x80\"]");
    bad("truncated multibyte at the end", "[\"\xD8");
    bad("continuation byte alone", "[\"\x80\"]");
    bad("leading zero", "[01]");
    bad("bare minus", "[-]");
    bad("dot without digits", "[1.]");
    bad("exponent without digits", "[1e]");
    bad("plus sign", "[+1]");
    bad("NaN", "[NaN]");
    bad("float overflow (nlohmann refuses 1e400)", "[1e400]");
    bad("truncated literal", "[tru]");
    bad("garbage after the value", "{} x");
    bad("two values", "{}{}");
    bad("unterminated string", "[\"abc");
    bad("non-ASCII outside strings", "[1,\xD8\xA8]");
    bad("comment", "[1] // no");

    QByteArray deep(1000, '[');
    deep += QByteArray(1000, ']');
    QTest::newRow("deep nesting is left to nlohmann") << deep << true << false;
}

void TestPackFastJson::agreesWithNlohmann()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, valid);
    QFETCH(bool, mustBeFast);

    const auto reference = nlohmann::json::parse(input.constData(), input.constData() + input.size(), nullptr, false);
    QCOMPARE(!reference.is_discarded(), valid);
    const auto fast = parseJsonFast(input.constData(), input.constData() + input.size());
    if (mustBeFast)
        QVERIFY(fast.has_value());
    if (fast) {
        QVERIFY(valid);
        QCOMPARE(QByteArray::fromStdString(fast->dump()), QByteArray::fromStdString(reference.dump()));
        QVERIFY(*fast == reference);
    }
}

QTEST_GUILESS_MAIN(TestPackFastJson)
#include "test_pack_fastjson.moc"
