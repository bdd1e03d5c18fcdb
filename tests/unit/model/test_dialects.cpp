#include "model/dialects.h"

#include <QTest>

using namespace majlis;
using nlohmann::json;

// The dialect registry (resources/dialects/dialects.json): the varieties the issue names, the
// codes packs in the wild use, and a pack's extension.
class TestDialects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyVarietyHasBothNamesAndARegion()
    {
        const DialectRegistry &r = defaultDialects();
        for (const char *id : {"emirati", "saudi", "najdi", "hijazi", "kuwaiti", "qatari", "bahraini", "omani", "yemeni",
                               "iraqi", "syrian", "lebanese", "palestinian", "jordanian", "egyptian", "sudanese", "libyan",
                               "tunisian", "algerian", "moroccan", "hassaniya", "msa", "classical"})
            QVERIFY2(r.variety(QLatin1String(id)), id);
        for (const char *id : {"gulf", "levant", "nile_valley", "maghreb", "mesopotamia", "yemen"})
            QVERIFY2(r.region(QLatin1String(id)), id);
        for (const DialectVariety &v : r.varieties) {
            QVERIFY2(!v.name.value(QStringLiteral("en")).isEmpty(), qPrintable(v.id));
            QVERIFY2(!v.name.value(QStringLiteral("ar")).isEmpty(), qPrintable(v.id));
            QVERIFY2(r.region(v.region), qPrintable(v.id));
        }
        for (const DialectRegion &g : r.regions)
            QVERIFY2(!g.name.value(QStringLiteral("ar")).isEmpty(), qPrintable(g.id));
    }

    void codesFromTheWildResolve_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("variety");
        QTest::addColumn<QString>("region");
        const auto row = [](const char *code, const char *variety, const char *region) {
            QTest::newRow(code) << QString::fromUtf8(code) << QString::fromUtf8(variety) << QString::fromUtf8(region);
        };
        // AL-QASIDA's country codes
        row("egy", "egyptian", "nile_valley");
        row("syr", "syrian", "levant");
        row("sau", "saudi", "gulf");
        row("mar", "moroccan", "maghreb");
        row("dza", "algerian", "maghreb");
        row("pse", "palestinian", "levant");
        row("sdn", "sudanese", "nile_valley");
        // ISO 639-3
        row("arz", "egyptian", "nile_valley");
        row("apc", "levantine", "levant");
        row("ajp", "levantine", "levant");
        row("acm", "iraqi", "mesopotamia");
        row("afb", "gulf_arabic", "gulf");
        row("ary", "moroccan", "maghreb");
        row("arq", "algerian", "maghreb");
        row("aeb", "tunisian", "maghreb");
        row("ayl", "libyan", "maghreb");
        row("apd", "sudanese", "nile_valley");
        row("acw", "hijazi", "gulf");
        row("ars", "najdi", "gulf");
        row("arb", "msa", "standard");
        // country codes, BCP 47, in any case and separator
        row("EG", "egyptian", "nile_valley");
        row("AE", "emirati", "gulf");
        row("ar-EG", "egyptian", "nile_valley");
        row("ar_ae", "emirati", "gulf");
        // English and Arabic names, with the article, the feminine ending, vowels and a leading word
        row("Egyptian", "egyptian", "nile_valley");
        row("Egyptian Arabic", "egyptian", "nile_valley");
        row("moroccan_arabic", "moroccan", "maghreb");
        row("مصرية", "egyptian", "nile_valley");
        row("مصري", "egyptian", "nile_valley");
        row("المصرية", "egyptian", "nile_valley");
        row("اللهجة المصرية", "egyptian", "nile_valley");
        row("العامية المصرية", "egyptian", "nile_valley");
        row("إماراتي", "emirati", "gulf");
        row("اماراتية", "emirati", "gulf");
        row("عُمانية", "omani", "gulf");
        row("الفصحى", "msa", "standard");
        // the names Majlis' own packs used before the registry
        row("gulf", "gulf_arabic", "gulf");
        row("levantine", "levantine", "levant");
        row("maghrebi", "maghrebi", "maghreb");
    }
    void codesFromTheWildResolve()
    {
        QFETCH(QString, code);
        QFETCH(QString, variety);
        QFETCH(QString, region);
        const DialectRegistry &r = defaultDialects();
        QCOMPARE(r.canonical(code), variety);
        QCOMPARE(r.regionOf(code), region);
    }

    void unknownCodesStayAsWritten()
    {
        const DialectRegistry &r = defaultDialects();
        for (const char *code : {"xyz", "en", "english", "unspecified", "شي"}) {
            QVERIFY2(!r.resolve(QString::fromUtf8(code)), code);
            QCOMPARE(r.canonical(QString::fromUtf8(code)), QString::fromUtf8(code));
            QCOMPARE(r.regionOf(QString::fromUtf8(code)), QString());
            QCOMPARE(r.varietyName(QString::fromUtf8(code), {QStringLiteral("ar")}), QString::fromUtf8(code));
        }
    }

    void namesInTheInterfaceLanguage()
    {
        const DialectRegistry &r = defaultDialects();
        QCOMPARE(r.varietyName(QStringLiteral("egy"), {QStringLiteral("ar")}), QStringLiteral("المصرية"));
        QCOMPARE(r.varietyName(QStringLiteral("egy"), {QStringLiteral("en")}), QStringLiteral("Egyptian"));
        QCOMPARE(r.regionName(QStringLiteral("levant"), {QStringLiteral("ar")}), QStringLiteral("بلاد الشام"));
        QCOMPARE(r.regionName(QStringLiteral("levant"), {QStringLiteral("en")}), QStringLiteral("Levant"));
    }

    void varietiesAreGroupedByRegion()
    {
        // Lists show the varieties region by region: no region comes back after another began.
        const DialectRegistry &r = defaultDialects();
        QStringList seen;
        for (const DialectVariety &v : r.varieties) {
            if (!seen.isEmpty() && seen.last() == v.region)
                continue;
            QVERIFY2(!seen.contains(v.region), qPrintable(v.region));
            seen << v.region;
        }
    }

    void packExtendsAndOverrides()
    {
        const json ext = json::parse(R"({
            "regions": [{"id": "horn", "name": {"en": "Horn of Africa", "ar": "القرن الأفريقي"}}],
            "varieties": [
                {"id": "chadian", "region": "nile_valley", "name": {"en": "Chadian", "ar": "تشادية"}, "codes": ["shu", "td"]},
                {"id": "djiboutian", "region": "horn", "name": {"en": "Djiboutian", "ar": "جيبوتية"}, "codes": ["dji"]},
                {"id": "emirati", "codes": ["abudhabi"]},
                {"id": "marathi_here", "region": "standard", "name": {"en": "Not Arabic: Marathi"}, "codes": ["mar"]}
            ]})");
        auto r = applyPackDialects(defaultDialects(), ext, QStringLiteral("p.jsonl:1"));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->canonical(QStringLiteral("shu")), QStringLiteral("chadian"));
        QCOMPARE(r->regionOf(QStringLiteral("dji")), QStringLiteral("horn"));
        QCOMPARE(r->canonical(QStringLiteral("AbuDhabi")), QStringLiteral("emirati"));
        QCOMPARE(r->varietyName(QStringLiteral("emirati"), {QStringLiteral("ar")}), QStringLiteral("الإماراتية"));
        // The pack's code wins over the registry's; the registry's other codes stay.
        QCOMPARE(r->canonical(QStringLiteral("mar")), QStringLiteral("marathi_here"));
        QCOMPARE(r->canonical(QStringLiteral("ary")), QStringLiteral("moroccan"));
        // Still grouped: Chad comes with the Nile Valley, before the Maghreb.
        qsizetype chad = -1, maghreb = -1;
        for (qsizetype i = 0; i < r->varieties.size(); ++i) {
            if (r->varieties[i].id == QLatin1String("chadian"))
                chad = i;
            if (r->varieties[i].id == QLatin1String("libyan"))
                maghreb = i;
        }
        QVERIFY(chad >= 0 && chad < maghreb);
        // The default is untouched.
        QCOMPARE(defaultDialects().canonical(QStringLiteral("mar")), QStringLiteral("moroccan"));
    }

    void badExtensionsSayWhere_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown field") << R"({"varietes": []})"
                                       << R"(p.jsonl:1: field "dialect_registry.varietes": unknown field)";
        QTest::newRow("bad id") << R"({"varieties": [{"id": "Syrian Arabic", "region": "levant", "name": {"en": "S"}}]})"
                                << R"(p.jsonl:1: field "dialect_registry.varieties[0].id": "Syrian Arabic" must be)";
        QTest::newRow("new without name") << R"({"varieties": [{"id": "chadian", "region": "nile_valley"}]})"
                                          << R"(field "dialect_registry.varieties[0].name": is missing: "chadian" is a new variety)";
        QTest::newRow("unknown region") << R"({"varieties": [{"id": "chadian", "region": "sahel", "name": {"en": "Chadian"}}]})"
                                        << R"(field "dialect_registry.varieties[0].region": "sahel" is not a region)";
        QTest::newRow("code twice") << R"({"varieties": [{"id": "a_a", "region": "gulf", "name": {"en": "A"}, "codes": ["zz"]},
                                                          {"id": "b_b", "region": "gulf", "name": {"en": "B"}, "codes": ["ZZ"]}]})"
                                    << R"(field "dialect_registry.varieties[1]": "ZZ" already names variety "a_a")";
        QTest::newRow("no english") << R"({"varieties": [{"id": "chadian", "region": "gulf", "name": {"ar": "تشادية"}}]})"
                                    << R"(field "dialect_registry.varieties[0].name.en": is missing)";
        QTest::newRow("code not text") << R"({"varieties": [{"id": "emirati", "codes": [7]}]})"
                                       << R"(field "dialect_registry.varieties[0].codes[0]": must be a string)";
        QTest::newRow("empty code") << R"({"varieties": [{"id": "emirati", "codes": [" - "]}]})"
                                    << R"(field "dialect_registry.varieties[0].codes[0]": must hold a letter or a digit)";
    }
    void badExtensionsSayWhere()
    {
        QFETCH(QString, extension);
        QFETCH(QString, message);
        auto r = applyPackDialects(defaultDialects(), json::parse(extension.toStdString()), QStringLiteral("p.jsonl:1"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    }

    void roundTrips()
    {
        auto again = parseDialectRegistry(toJson(defaultDialects()), QStringLiteral("x"), QString());
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
        QVERIFY(*again == defaultDialects());
    }
};

QTEST_GUILESS_MAIN(TestDialects)
#include "test_dialects.moc"
