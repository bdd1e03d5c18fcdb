#include "blind/blindpair.h"
#include "blind/masking.h"
#include "blind/pairchoice.h"
#include "blind/schedule.h"

#include <QTest>

#include <type_traits>

using namespace majlis;

// Blindness by types: the screen's view of a pair has no member that could carry a model's
// identity. If someone adds one, this file stops compiling.
template <typename T>
concept NamesAModel = requires(T t) { t.model; } || requires(T t) { t.modelId; } || requires(T t) { t.modelName; }
                      || requires(T t) { t.models; } || requires(T t) { t.candidate; } || requires(T t) { t.name; }
                      || requires(T t) { t.identity; } || requires(T t) { t.author; };
static_assert(!NamesAModel<BlindPair>, "BlindPair must not carry a model identity");
static_assert(!NamesAModel<BlindAnswer>, "BlindAnswer must not carry a model identity");
static_assert(!NamesAModel<Turn>, "a conversation turn must not carry a model identity");
// An aggregate with exactly the reviewed members: adding any member changes this count.
template <typename T>
constexpr int memberCount()
{
    if constexpr (requires { T{{}, {}, {}, {}, {}, {}, {}, {}, {}}; })
        return 9;
    else if constexpr (requires { T{{}, {}, {}, {}, {}, {}, {}, {}}; })
        return 8;
    else if constexpr (requires { T{{}, {}, {}, {}, {}, {}, {}}; })
        return 7;
    else if constexpr (requires { T{{}, {}, {}}; })
        return 3;
    else
        return -1;
}
static_assert(std::is_aggregate_v<BlindPair> && memberCount<BlindPair>() == 8,
              "BlindPair changed: review it for identity leaks, then update this check");
static_assert(std::is_aggregate_v<BlindAnswer> && memberCount<BlindAnswer>() == 3,
              "BlindAnswer changed: review it for identity leaks, then update this check");

class TestBlind : public QObject
{
    Q_OBJECT

    // The data row's input masked with `models`: the text and the terms matched, in order.
    void checkMasking(const QList<ModelInfo> &models)
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QFETCH(QStringList, terms);
        const blind::MaskResult r = blind::IdentityMasker(models).mask(input);
        QCOMPARE(r.text, expected);
        QStringList matched;
        for (const auto &s : r.spans)
            matched << s.term;
        QCOMPARE(matched, terms);
    }

private Q_SLOTS:
    void placementIsBalanced()
    {
        QStringList ids;
        for (int i = 0; i < 10000; ++i)
            ids << QStringLiteral("item-%1/0-1").arg(i);
        for (std::uint64_t seed : {1ULL, 42ULL, 0xdeadbeefULL, 987654321987ULL}) {
            const blind::Schedule schedule(seed, ids);
            int left = 0;
            for (qsizetype p = 0; p < schedule.size(); ++p)
                left += schedule.swappedAt(p) ? 0 : 1;
            const double share = double(left) / double(schedule.size());
            QVERIFY2(share >= 0.45 && share <= 0.55, qPrintable(QString::number(share)));
            // Balanced over any session, not only in expectation: every prefix within one.
            int running = 0;
            for (qsizetype p = 0; p < schedule.size(); ++p) {
                running += schedule.swappedAt(p) ? -1 : 1;
                QVERIFY(std::abs(running) <= 1);
            }
        }
    }

    void placementIsRandomPerComparison()
    {
        // Not a fixed alternation: over many comparisons both orders occur at every parity.
        QStringList ids;
        for (int i = 0; i < 1000; ++i)
            ids << QStringLiteral("c%1").arg(i);
        const blind::Schedule schedule(7, ids);
        int evenSwapped = 0;
        for (qsizetype p = 0; p < schedule.size(); p += 2)
            evenSwapped += schedule.swappedAt(p);
        QVERIFY2(evenSwapped > 200 && evenSwapped < 300, qPrintable(QString::number(evenSwapped)));  // of 500
    }

    void placementIsReproducibleFromSeed()
    {
        QStringList ids;
        for (int i = 0; i < 500; ++i)
            ids << QStringLiteral("x-%1").arg(i);
        QStringList reversed(ids.crbegin(), ids.crend());
        const blind::Schedule a(99, ids), b(99, reversed), c(100, ids);
        int differ = 0;
        for (const QString &id : ids) {
            QCOMPARE(a.positionOf(id), b.positionOf(id));
            QCOMPARE(a.swappedAt(a.positionOf(id)), b.swappedAt(b.positionOf(id)));
            differ += a.positionOf(id) != c.positionOf(id);
        }
        QVERIFY(differ > 400);  // another annotator's seed gives another order
    }

    void stableHashIsStable()
    {
        // Fixed values: a change here would move every stored placement. Computed outside the
        // code (FNV-1a over the UTF-8 bytes, seeded and finished with splitmix64, in Python), so
        // the ASCII path and the UTF-8 path are each held to the definition.
        QCOMPARE(blind::stableHash(0, QString()), std::uint64_t{0x5b21f68ffa77f14cULL});
        QCOMPARE(blind::stableHash(42, QStringLiteral("i1/0-1")), std::uint64_t{0xd62b0aee1178116eULL});
        QCOMPARE(blind::stableHash(0x39a85e8db22f59eeULL, QStringLiteral("relig-006/1-2")), std::uint64_t{0xb21e657ca197f05aULL});
        QCOMPARE(blind::stableHash(7, QStringLiteral("سؤال-١/0-1")), std::uint64_t{0x4fa29285a2bb8a36ULL});
        QCOMPARE(blind::stableHash(7, QStringLiteral("emoji-😀/0-1")), std::uint64_t{0xf376935beef32232ULL});
        QVERIFY(blind::stableHash(1, QStringLiteral("a")) != blind::stableHash(2, QStringLiteral("a")));
        QVERIFY(blind::stableHash(1, QStringLiteral("ab")) != blind::stableHash(1, QStringLiteral("ba")));
    }

    void pairChoiceIsPinned_data()
    {
        QTest::addColumn<QString>("packId");
        QTest::addColumn<QString>("itemId");
        QTest::addColumn<int>("candidates");
        QTest::addColumn<int>("budget");
        QTest::addColumn<QString>("expected");
        // Literal values: a change of algorithm (or of seeding) here changes the comparisons of
        // every pack imported with --pairs-per-item.
        QTest::newRow("four candidates, two of six pairs")
            << QStringLiteral("pairs-pinned") << QStringLiteral("item-1") << 4 << 2 << QStringLiteral("0-3 2-3");
        QTest::newRow("five candidates, three of ten pairs")
            << QStringLiteral("pairs-pinned") << QStringLiteral("item-2") << 5 << 3 << QStringLiteral("0-1 2-4 3-4");
        QTest::newRow("Arabic ids, eight candidates, five of 28 pairs")
            << QStringLiteral("مجلس-حزمة") << QStringLiteral("سؤال/7") << 8 << 5 << QStringLiteral("0-3 0-5 1-3 1-5 2-5");
        QTest::newRow("no budget: every pair") << QStringLiteral("p") << QStringLiteral("i") << 3 << 0
                                               << QStringLiteral("0-1 0-2 1-2");
        QTest::newRow("budget of every pair: every pair")
            << QStringLiteral("p") << QStringLiteral("i") << 3 << 3 << QStringLiteral("0-1 0-2 1-2");
    }

    void pairChoiceIsPinned()
    {
        QFETCH(QString, packId);
        QFETCH(QString, itemId);
        QFETCH(int, candidates);
        QFETCH(int, budget);
        QFETCH(QString, expected);
        QStringList chosen;
        for (const auto &[a, b] : blind::choosePairs(packId, itemId, candidates, budget))
            chosen << QStringLiteral("%1-%2").arg(a).arg(b);
        QCOMPARE(chosen.join(u' '), expected);
    }

    void masking_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("terms");
        const QString M = blind::IdentityMasker::kMask;
        QTest::newRow("latin name, any case") << QStringLiteral("As nakhla 7b, I think so.")
                                               << QStringLiteral("As %1, I think so.").arg(M)
                                               << QStringList{QStringLiteral("Nakhla 7B")};
        QTest::newRow("latin alias as a word only") << QStringLiteral("Bahr is here; Bahrain is not.")
                                                     << QStringLiteral("%1 is here; Bahrain is not.").arg(M)
                                                     << QStringList{QStringLiteral("Bahr")};
        QTest::newRow("arabic alias") << QStringLiteral("أنا نموذج قلم، كيف أساعدك؟")
                                       << QStringLiteral("أنا %1، كيف أساعدك؟").arg(M)
                                       << QStringList{QStringLiteral("نموذج قلم")};
        QTest::newRow("arabic with attached waw, harakat and tatweel")
            << QStringLiteral("سألت وجِيمِيـني فأجاب") << QStringLiteral("سألت و%1 فأجاب").arg(M)
            << QStringList{QStringLiteral("جيميني")};
        QTest::newRow("well-known assistant in latin inside arabic")
            << QStringLiteral("كما قال ChatGPT: مرحبا") << QStringLiteral("كما قال %1: مرحبا").arg(M)
            << QStringList{QStringLiteral("ChatGPT")};
        QTest::newRow("longest name wins") << QStringLiteral("I am GPT-4o.") << QStringLiteral("I am %1.").arg(M)
                                           << QStringList{QStringLiteral("GPT-4o")};
        QTest::newRow("nothing to mask") << QStringLiteral("الصقر رمز الإمارات 🦅") << QStringLiteral("الصقر رمز الإمارات 🦅")
                                         << QStringList{};
    }

    void masking()
    {
        checkMasking({
            {QStringLiteral("nakhla-7b"), QStringLiteral("Nakhla 7B"), {QStringLiteral("Nakhla")}},
            {QStringLiteral("bahr-70b"), QStringLiteral("Bahr 70B"), {QStringLiteral("Bahr")}},
            {QStringLiteral("qalam-3b"), QStringLiteral("Qalam 3B"), {QStringLiteral("نموذج قلم")}},
        });
    }

    // Issue 18: the demo's aliases «نخلة»، «صحراء»، «قلم» are dictionary words. Ordinary sentences
    // with them stay as they are; the model naming itself is still masked.
    void ordinaryWordAliasesOnlyInIdentityContexts_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("terms");
        const QString M = blind::IdentityMasker::kMask;
        QTest::newRow("heritage sentence") << QStringLiteral("في الصحراء تنمو النخلة، والقلم أداة الكاتب")
                                           << QStringLiteral("في الصحراء تنمو النخلة، والقلم أداة الكاتب") << QStringList{};
        QTest::newRow("plain words") << QStringLiteral("اشتريت قلم ونخلة من سوق الصحراء")
                                     << QStringLiteral("اشتريت قلم ونخلة من سوق الصحراء") << QStringList{};
        QTest::newRow("I am …") << QStringLiteral("أنا نخلة، كيف أساعدك؟") << QStringLiteral("أنا %1، كيف أساعدك؟").arg(M)
                                << QStringList{QStringLiteral("نخلة")};
        QTest::newRow("and I am …, with harakat") << QStringLiteral("وأنا قَلَم، مساعد برمجي")
                                                  << QStringLiteral("وأنا %1، مساعد برمجي").arg(M)
                                                  << QStringList{QStringLiteral("قلم")};
        QTest::newRow("the model …") << QStringLiteral("بصفتي النموذج «صحراء» أقول") << QStringLiteral("بصفتي النموذج «%1» أقول").arg(M)
                                     << QStringList{QStringLiteral("صحراء")};
        QTest::newRow("my name is …") << QStringLiteral("اسمي نخلة") << QStringLiteral("اسمي %1").arg(M)
                                      << QStringList{QStringLiteral("نخلة")};
        QTest::newRow("Latin alias everywhere") << QStringLiteral("Nakhla says hi") << QStringLiteral("%1 says hi").arg(M)
                                                << QStringList{QStringLiteral("Nakhla")};
        QTest::newRow("a distinctive Arabic alias everywhere") << QStringLiteral("جرّبت نخلة 7B أمس")
                                                               << QStringLiteral("جرّبت %1 أمس").arg(M)
                                                               << QStringList{QStringLiteral("نخلة 7B")};
        QTest::newRow("well-known names stay masked everywhere") << QStringLiteral("سألت جيميني فأجاب")
                                                                 << QStringLiteral("سألت %1 فأجاب").arg(M)
                                                                 << QStringList{QStringLiteral("جيميني")};
    }

    void ordinaryWordAliasesOnlyInIdentityContexts()
    {
        checkMasking({
            {QStringLiteral("nakhla-7b"), QStringLiteral("Nakhla 7B"),
             {QStringLiteral("Nakhla"), QStringLiteral("نخلة"), QStringLiteral("نخلة 7B")}},
            {QStringLiteral("sahra-13b"), QStringLiteral("Sahra 13B"), {QStringLiteral("Sahra"), QStringLiteral("صحراء")}},
            {QStringLiteral("qalam-3b"), QStringLiteral("Qalam 3B"), {QStringLiteral("Qalam"), QStringLiteral("قلم")}},
        });
    }

    void maskOffsetsAreCodePoints()
    {
        const blind::IdentityMasker masker({{QStringLiteral("m"), QStringLiteral("Sahra"), {}}});
        // Two emoji (surrogate pairs) before the name: UTF-16 index 5, code point index 3.
        const blind::MaskResult r = masker.mask(QStringLiteral("🙂🙂 Sahra says"));
        QCOMPARE(r.spans.size(), 1);
        QCOMPARE(r.spans[0].start, 3);
        QCOMPARE(r.spans[0].length, 5);
        QCOMPARE(r.spans[0].original, QStringLiteral("Sahra"));
    }
};

QTEST_GUILESS_MAIN(TestBlind)
#include "test_blind.moc"
