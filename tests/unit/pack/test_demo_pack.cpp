// The demo pack (resources/demo/majlis-demo.jsonl) carries its answer key: each candidate's
// `meta.intended` lists the failures it was written to show (docs/formats.md allows `meta`,
// Majlis ignores it when voting). The key is gold for the tests and for review sessions, so it
// must be sound: known categories and severities, quotes that are in the answer, and identity
// leaks that the masking really hides. The models' Arabic aliases that are ordinary words have a
// distinctive companion («نخلة 7B»).
#include "blind/masking.h"
#include "model/pack.h"
#include "model/taxonomy.h"
#include "pack/packreader.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace majlis;
using nlohmann::json;

namespace {
const QString kDemo = QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl");

QString str(const json &j)
{
    return QString::fromStdString(j.get<std::string>());
}

bool hasLatinOrDigit(const QString &s)
{
    for (const QChar c : s)
        if ((c.unicode() < 0x80 && c.isLetter()) || c.isDigit())
            return true;
    return false;
}
} // namespace

class TestDemoPack : public QObject
{
    Q_OBJECT

    std::vector<json> m_lines;

private Q_SLOTS:
    void initTestCase()
    {
        QFile f(kDemo);
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                m_lines.push_back(json::parse(line.toStdString()));
        QVERIFY(m_lines.size() > 40);
        // Still a valid pack, with the key in it.
        auto reader = pack::PackReader::open(kDemo);
        QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message));
    }

    void everyCandidateHasASoundAnswerKey()
    {
        const Taxonomy &taxonomy = defaultTaxonomy();
        int answers = 0, clean = 0, failures = 0;
        for (size_t i = 1; i < m_lines.size(); ++i) {
            const json &item = m_lines[i];
            for (const json &c : item.at("candidates")) {
                const QString where = str(item.at("id")) + QLatin1Char('/') + str(c.at("model"));
                ++answers;
                QVERIFY2(c.contains("meta") && c["meta"].contains("intended") && c["meta"]["intended"].is_array(),
                         qPrintable(where + QStringLiteral(": no meta.intended")));
                const json &intended = c["meta"]["intended"];
                clean += intended.empty() ? 1 : 0;
                const QString output = str(c.at("output"));
                for (const json &f : intended) {
                    ++failures;
                    QVERIFY2(taxonomy.category(str(f.at("category"))), qPrintable(where + QStringLiteral(": category ") + str(f.at("category"))));
                    QVERIFY2(taxonomy.severity(str(f.at("severity"))), qPrintable(where + QStringLiteral(": severity ") + str(f.at("severity"))));
                    if (f.contains("quote"))
                        QVERIFY2(output.contains(str(f["quote"])), qPrintable(where + QStringLiteral(": quote not in the answer: ") + str(f["quote"])));
                }
            }
        }
        // A key that marks everything, or nothing, is no key.
        QVERIFY2(clean > 0 && clean < answers, qPrintable(QStringLiteral("%1 clean of %2").arg(clean).arg(answers)));
        QVERIFY(failures >= answers / 2);
    }

    // Where the key says a model names itself, the screen must not show the name.
    void intendedIdentityLeaksAreMasked()
    {
        QList<ModelInfo> models;
        for (const json &m : m_lines[0].at("models")) {
            ModelInfo info{str(m.at("id")), str(m.at("name")), {}};
            for (const json &a : m.value("aliases", json::array()))
                info.aliases << str(a);
            models << info;
        }
        const blind::IdentityMasker masker(models);
        int leaks = 0;
        for (size_t i = 1; i < m_lines.size(); ++i)
            for (const json &c : m_lines[i].at("candidates"))
                for (const json &f : c["meta"]["intended"])
                    if (f.at("category") == "identity_leak") {
                        ++leaks;
                        const QString where = str(m_lines[i].at("id")) + QLatin1Char('/') + str(c.at("model"));
                        QVERIFY2(!masker.mask(str(c.at("output"))).spans.isEmpty(),
                                 qPrintable(where + QStringLiteral(": an intended identity leak that nothing masks")));
                    }
        QVERIFY(leaks > 0);
    }

    void ordinaryWordAliasesHaveADistinctiveOne()
    {
        for (const json &m : m_lines[0].at("models")) {
            QStringList aliases;
            for (const json &a : m.value("aliases", json::array()))
                aliases << str(a);
            const bool ordinaryWord = std::any_of(aliases.cbegin(), aliases.cend(), [](const QString &a) {
                return !hasLatinOrDigit(a) && !a.contains(QLatin1Char(' '));
            });
            const bool distinctiveArabic = std::any_of(aliases.cbegin(), aliases.cend(), [](const QString &a) {
                return hasLatinOrDigit(a) && std::any_of(a.cbegin(), a.cend(), [](QChar c) { return c.script() == QChar::Script_Arabic; });
            });
            if (ordinaryWord)
                QVERIFY2(distinctiveArabic, qPrintable(str(m.at("id")) + QStringLiteral(": ") + aliases.join(u", ")));
        }
    }
};

QTEST_APPLESS_MAIN(TestDemoPack)
#include "test_demo_pack.moc"
