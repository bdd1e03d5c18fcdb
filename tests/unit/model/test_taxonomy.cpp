#include "model/taxonomy.h"

#include <QTest>

using namespace majlis;
using nlohmann::json;

class TestTaxonomy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultTaxonomyIsComplete()
    {
        const Taxonomy &t = defaultTaxonomy();
        QCOMPARE(t.categories.size(), 15);
        for (const char *id : {"factual_error", "instruction_not_followed", "wrong_dialect", "msa_drift", "code_switching",
                               "grammar_spelling", "unnatural_phrasing", "cultural_error", "reasoning_error",
                               "code_error", "unwarranted_refusal", "unsafe_content", "incomplete",
                               "broken_formatting", "identity_leak"}) {
            const TaxonomyEntry *e = t.category(QLatin1String(id));
            QVERIFY2(e, id);
            QVERIFY2(!e->label.value(QStringLiteral("en")).isEmpty(), id);
            QVERIFY2(!e->label.value(QStringLiteral("ar")).isEmpty(), id);
            QVERIFY2(!e->definition.value(QStringLiteral("ar")).isEmpty(), id);
        }
        QCOMPARE(t.severity(QStringLiteral("minor"))->weight, 1);
        QCOMPARE(t.severity(QStringLiteral("major"))->weight, 5);
        QCOMPARE(t.severity(QStringLiteral("critical"))->weight, 25);
    }

    void packExtendsAndRelabels()
    {
        const json pack = {{"categories",
                            {{{"id", "poetry_meter"}, {"label", {{"en", "Broken meter"}, {"ar", "خلل في الوزن"}}}},
                             {{"id", "msa_drift"}, {"label", "Answered in fusha"}}}}};
        auto t = applyPackTaxonomy(defaultTaxonomy(), pack, QStringLiteral("p.jsonl:1"));
        QVERIFY2(t, qPrintable(t ? QString() : t.error().message));
        QCOMPARE(t->categories.size(), 16);
        QCOMPARE(t->category(QStringLiteral("poetry_meter"))->label.value(QStringLiteral("ar")), QStringLiteral("خلل في الوزن"));
        QCOMPARE(t->category(QStringLiteral("msa_drift"))->label.value(QStringLiteral("en")), QStringLiteral("Answered in fusha"));
        QCOMPARE(t->severities, defaultTaxonomy().severities);
    }

    void packReplaces()
    {
        const json pack = {{"mode", "replace"}, {"categories", {{{"id", "only"}, {"label", "Only one"}}}}};
        auto t = applyPackTaxonomy(defaultTaxonomy(), pack, QStringLiteral("p.jsonl:1"));
        QVERIFY(t);
        QCOMPARE(t->categories.size(), 1);
        QCOMPARE(t->severities.size(), 3);  // kept: a pack may replace categories alone
    }

    void badTaxonomies_data()
    {
        QTest::addColumn<QString>("taxonomy");
        QTest::addColumn<QString>("field");
        QTest::newRow("categories not an array") << QStringLiteral(R"({"categories": {}})") << QStringLiteral("taxonomy.categories");
        QTest::newRow("category without id") << QStringLiteral(R"({"categories": [{"label": "x"}]})")
                                             << QStringLiteral("taxonomy.categories[0].id");
        QTest::newRow("duplicate id") << QStringLiteral(R"({"categories": [{"id": "a", "label": "x"}, {"id": "a", "label": "y"}]})")
                                      << QStringLiteral("taxonomy.categories[1].id");
        QTest::newRow("label missing") << QStringLiteral(R"({"categories": [{"id": "a"}]})")
                                       << QStringLiteral("taxonomy.categories[0].label");
        QTest::newRow("empty label text") << QStringLiteral(R"({"categories": [{"id": "a", "label": {"ar": ""}}]})")
                                          << QStringLiteral("taxonomy.categories[0].label.ar");
        QTest::newRow("severity without weight") << QStringLiteral(R"({"severities": [{"id": "s", "label": "S"}]})")
                                                 << QStringLiteral("taxonomy.severities[0].weight");
        QTest::newRow("unknown field") << QStringLiteral(R"({"categorys": []})") << QStringLiteral("taxonomy.categorys");
        QTest::newRow("bad mode") << QStringLiteral(R"({"mode": "merge"})") << QStringLiteral("taxonomy.mode");
        QTest::newRow("id not a string") << QStringLiteral(R"({"id": 5})") << QStringLiteral("taxonomy.id");
        QTest::newRow("mode not a string") << QStringLiteral(R"({"mode": ["replace"]})") << QStringLiteral("taxonomy.mode");
        QTest::newRow("replace with nothing") << QStringLiteral(R"({"mode": "replace"})") << QStringLiteral("taxonomy.categories");
    }

    void badTaxonomies()
    {
        QFETCH(QString, taxonomy);
        QFETCH(QString, field);
        auto t = applyPackTaxonomy(defaultTaxonomy(), json::parse(taxonomy.toStdString()), QStringLiteral("p.jsonl:1"));
        QVERIFY(!t);
        QCOMPARE(t.error().code, Error::Code::Validation);
        QVERIFY2(t.error().message.startsWith(QStringLiteral("p.jsonl:1: field \"%1\"").arg(field)),
                 qPrintable(t.error().message));
    }
};

QTEST_GUILESS_MAIN(TestTaxonomy)
#include "test_taxonomy.moc"
