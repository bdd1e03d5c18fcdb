#include <QTest>

#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "rating/bradleyterry.h"
#include "rating/winmatrix.h"
#include "simulatedvotes.h"

using namespace majlis::rating;
using majlis::rating::testing::addBattles;

class TestWinMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void observedShares_data()
    {
        QTest::addColumn<bool>("bothBadAsTie");
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<double>("expected");
        // A-B: 3 wins for A, 1 for B, 2 ties, 2 both bad; A-C: none; B-C: 1 win each side.
        QTest::newRow("ties and both-bad count half") << true << 0 << 1 << (3 + 2) / 8.0;
        QTest::newRow("the other side is the complement") << true << 1 << 0 << (1 + 2) / 8.0;
        QTest::newRow("both-bad left out") << false << 0 << 1 << (3 + 1) / 6.0;
        QTest::newRow("no games: undefined") << true << 0 << 2 << std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("diagonal: undefined") << true << 1 << 1 << std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("even record") << true << 2 << 1 << 0.5;
    }

    void observedShares()
    {
        QFETCH(bool, bothBadAsTie);
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(double, expected);
        BattleSet set;
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinA, 2);
        addBattles(set, QStringLiteral("B"), QStringLiteral("A"), Outcome::WinB, 1); // A's third win
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinB, 1);
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::Tie, 2);
        addBattles(set, QStringLiteral("B"), QStringLiteral("A"), Outcome::BothBad, 2);
        addBattles(set, QStringLiteral("B"), QStringLiteral("C"), Outcome::WinA, 1);
        addBattles(set, QStringLiteral("C"), QStringLiteral("B"), Outcome::WinA, 1);
        const SquareMatrix matrix = winRateMatrix(countOutcomes(set).value(), bothBadAsTie);
        const double got = matrix.at(row, column);
        if (std::isnan(expected))
            QVERIFY(std::isnan(got));
        else
            QCOMPARE(got, expected);
    }

    void predictedFromStrengths()
    {
        constexpr double inf = std::numeric_limits<double>::infinity();
        const std::vector<double> logStrength = {std::log(3.0), 0.0, inf, std::numeric_limits<double>::quiet_NaN()};
        const SquareMatrix p = predictedWinMatrix(logStrength);
        QVERIFY(std::abs(p.at(0, 1) - 0.75) < 1e-12); // 3 / (3 + 1)
        QVERIFY(std::abs(p.at(1, 0) - 0.25) < 1e-12);
        QCOMPARE(p.at(2, 0), 1.0);
        QCOMPARE(p.at(0, 2), 0.0);
        QVERIFY(std::isnan(p.at(3, 0)));
        QVERIFY(std::isnan(p.at(0, 0)));
        const auto json = toJson(p, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});
        QVERIFY(json["values"][0][0].is_null());
        QCOMPARE(json["values"][0][1].get<double>(), p.at(0, 1));
    }

    void predictionMatchesObservedForTwoModels()
    {
        BattleSet set;
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinA, 7);
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinB, 3);
        const auto counts = countOutcomes(set).value();
        const auto fit = fitBradleyTerry(counts).value();
        QVERIFY(std::abs(predictedWinMatrix(fit.logStrength).at(0, 1) - winRateMatrix(counts).at(0, 1)) < 1e-9);
    }

    // countOutcomes counts in a flat table up to 256 models and in a hash map beyond: both give
    // every (a, b, outcome) with a < b once, in that order, with its count.
    void countsTheSameOnBothSidesOfTheDenseLimit_data()
    {
        QTest::addColumn<int>("models");
        QTest::newRow("3 models") << 3;
        QTest::newRow("256 models (flat table)") << 256;
        QTest::newRow("257 models (hash map)") << 257;
        QTest::newRow("600 models (hash map)") << 600;
    }
    void countsTheSameOnBothSidesOfTheDenseLimit()
    {
        QFETCH(int, models);
        BattleSet set;
        for (int i = 0; i < models; ++i)
            set.models.push_back(QStringLiteral("m%1").arg(i));
        std::map<std::tuple<int, int, int>, std::int64_t> expected;
        std::uint64_t x = 88172645463325252ull; // xorshift: the same battles on every run
        for (int i = 0; i < 20000; ++i) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            const int a = int(x % std::uint64_t(models));
            const int b = (a + 1 + int((x >> 20) % std::uint64_t(models - 1))) % models;
            const auto outcome = Outcome((x >> 40) % 4);
            set.battles.push_back({a, b, outcome});
            const Battle canonical = a < b ? Battle{a, b, outcome} : swapSides(Battle{a, b, outcome});
            ++expected[{canonical.modelA, canonical.modelB, int(canonical.outcome)}];
        }
        const OutcomeCounts counts = countOutcomes(set).value();
        QCOMPARE(counts.modelCount, models);
        QCOMPARE(counts.rows.size(), expected.size());
        auto want = expected.cbegin();
        for (const OutcomeRow &row : counts.rows) {
            QCOMPARE(std::tuple(row.modelA, row.modelB, int(row.outcome)), want->first);
            QCOMPARE(row.count, want->second);
            ++want;
        }
        QCOMPARE(counts.total(), std::int64_t(set.battles.size()));
    }
};

QTEST_GUILESS_MAIN(TestWinMatrix)
#include "test_winmatrix.moc"
