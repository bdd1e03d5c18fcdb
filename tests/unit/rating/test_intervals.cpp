#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "rating/intervals.h"
#include "rating/leaderboard.h"
#include "rating/statistics.h"
#include "simulatedvotes.h"

using namespace majlis::rating;
using majlis::rating::testing::addBattles;
using majlis::rating::testing::simulateBattles;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Fitted
{
    OutcomeCounts counts;
    BradleyTerryFit fit;
};

Fitted fitted(const BattleSet &set)
{
    Fitted f{countOutcomes(set).value(), {}};
    f.fit = fitBradleyTerry(f.counts).value();
    return f;
}

} // namespace

class TestIntervals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // 200 simulated elections from known strengths: the 95% percentile intervals must cover
    // the truth about 95% of the time (90-99% allowed for Monte Carlo and small-sample error).
    void bootstrapCoversTheTruth()
    {
        const std::vector<double> truth = {-1.0, -0.6, -0.3, 0.0, 0.15, 0.45, 0.6, 0.7}; // mean 0
        int covered = 0, total = 0;
        BootstrapOptions options;
        options.rounds = 200;
        for (int simulation = 0; simulation < 200; ++simulation) {
            const Fitted f = fitted(simulateBattles(truth, 600, 0.0, 1000 + std::uint64_t(simulation)));
            options.seed = std::uint64_t(simulation);
            const auto samples = bootstrap(f.counts, f.fit, {}, options).value();
            const LogStrengthIntervals ci = percentileIntervals(samples, f.fit);
            for (std::size_t m = 0; m < truth.size(); ++m) {
                ++total;
                covered += ci.lower[m] <= truth[m] && truth[m] <= ci.upper[m];
            }
        }
        const double coverage = double(covered) / total;
        qInfo("bootstrap coverage: %.3f over %d intervals", coverage, total);
        QVERIFY2(coverage >= 0.90 && coverage <= 0.99, qPrintable(QString::number(coverage)));
    }

    void leaderboardInvariantToOrderAndSides_data()
    {
        QTest::addColumn<bool>("reorder");
        QTest::addColumn<bool>("swap");
        QTest::addColumn<bool>("withElo");
        QTest::newRow("votes shuffled") << true << false << false;
        QTest::newRow("every vote seen from the other side") << false << true << false;
        QTest::newRow("both") << true << true << false;
        QTest::newRow("sides swapped, online Elo included") << false << true << true;
    }

    void leaderboardInvariantToOrderAndSides()
    {
        QFETCH(bool, reorder);
        QFETCH(bool, swap);
        QFETCH(bool, withElo);
        const BattleSet set = simulateBattles({0.4, -0.2, 0.9, -0.7, 0.0, 0.3}, 4000, 0.2, 5);
        BattleSet other = set;
        if (swap)
            for (Battle &b : other.battles)
                b = swapSides(b);
        if (reorder)
            std::shuffle(other.battles.begin(), other.battles.end(), std::mt19937_64(99));
        for (IntervalMethod method : {IntervalMethod::Bootstrap, IntervalMethod::Sandwich}) {
            LeaderboardOptions options;
            options.intervals = method;
            options.bootstrap.rounds = 100;
            options.withElo = withElo;
            QCOMPARE(buildLeaderboard(set, options).value(), buildLeaderboard(other, options).value());
        }
    }

    void sameSamplesForAnyThreadCount()
    {
        const Fitted f = fitted(simulateBattles({0.4, -0.2, 0.9, -0.7, 0.0}, 2000, 0.15, 3));
        BootstrapOptions options;
        options.rounds = 37;
        options.threads = 1;
        const auto one = bootstrap(f.counts, f.fit, {}, options).value();
        for (int threads : {2, 5}) {
            options.threads = threads;
            const auto many = bootstrap(f.counts, f.fit, {}, options).value();
            QVERIFY(one.logStrength == many.logStrength);
        }
        options.seed = 43;
        QVERIFY(bootstrap(f.counts, f.fit, {}, options).value().logStrength != one.logStrength);
    }

    void sandwichAgreesWithBootstrap()
    {
        std::vector<double> truth;
        for (int m = 0; m < 12; ++m)
            truth.push_back(-1.2 + 0.2 * m);
        const Fitted f = fitted(simulateBattles(truth, 60000, 0.15, 21));
        BootstrapOptions options;
        options.rounds = 400;
        const auto boot = percentileIntervals(bootstrap(f.counts, f.fit, {}, options).value(), f.fit);
        const auto sandwich = sandwichIntervals(f.counts, f.fit, {}).value();
        for (std::size_t m = 0; m < truth.size(); ++m) {
            const double b = boot.upper[m] - boot.lower[m];
            const double s = sandwich.upper[m] - sandwich.lower[m];
            QVERIFY2(b / s > 0.85 && b / s < 1.15, qPrintable(QStringLiteral("model %1: bootstrap width %2, sandwich %3")
                                                                 .arg(m)
                                                                 .arg(b)
                                                                 .arg(s)));
            QVERIFY(std::abs((sandwich.lower[m] + sandwich.upper[m]) / 2 - f.fit.logStrength[m]) < 1e-12);
        }
    }

    void neverLosingModelIsUnboundedAndFirst()
    {
        BattleSet set = simulateBattles({0.3, 0.0, -0.3}, 600, 0.1, 8);
        addBattles(set, QStringLiteral("champion"), QStringLiteral("model-00"), Outcome::WinA, 5);
        addBattles(set, QStringLiteral("model-02"), QStringLiteral("champion"), Outcome::WinB, 3);
        for (IntervalMethod method : {IntervalMethod::Bootstrap, IntervalMethod::Sandwich}) {
            LeaderboardOptions options;
            options.intervals = method;
            options.bootstrap.rounds = 200;
            const Leaderboard board = buildLeaderboard(set, options).value();
            const LeaderboardRow &top = board.rows.front();
            QCOMPARE(top.model, QStringLiteral("champion"));
            QCOMPARE(toString(top.status), toString(ModelStatus::UnboundedAbove));
            QVERIFY(!top.rating);
            QCOMPARE(top.ciLower, std::optional<double>(kInf));
            QCOMPARE(top.ciUpper, std::optional<double>(kInf));
            QCOMPARE(top.rank, std::optional<int>(1));
            QVERIFY(board.warnings.join(QLatin1Char('\n')).contains(QLatin1String("\"champion\" never lost")));
            for (std::size_t r = 1; r < board.rows.size(); ++r) {
                QVERIFY(board.rows[r].rating && std::isfinite(*board.rows[r].rating));
                QVERIFY(*board.rows[r].rank >= 2);
            }
        }
    }

    void rankIsOnePlusModelsClearlyAbove()
    {
        const BattleSet set = simulateBattles({1.5, 1.45, 0.5, 0.0, -0.05, -1.5}, 3000, 0.1, 4);
        LeaderboardOptions options;
        options.bootstrap.rounds = 300;
        const Leaderboard board = buildLeaderboard(set, options).value();
        QCOMPARE(board.rows.size(), std::size_t(6));
        for (const LeaderboardRow &row : board.rows) {
            int above = 0;
            for (const LeaderboardRow &other : board.rows)
                above += *other.ciLower > *row.ciUpper;
            QCOMPARE(*row.rank, 1 + above);
            QVERIFY(*row.ciLower <= *row.rating && *row.rating <= *row.ciUpper);
        }
        QCOMPARE(*board.rows.front().rank, 1);
        QCOMPARE(*board.rows.back().rank, 6); // clearly below everyone
    }

    void sortedQuantile_data()
    {
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");
        QTest::newRow("interpolates like numpy") << std::vector<double>{1, 2, 3, 4} << 0.5 << 2.5;
        QTest::newRow("lowest at 0") << std::vector<double>{1, 2, 3, 4} << 0.0 << 1.0;
        QTest::newRow("+inf neighbour wins upward") << std::vector<double>{1, 2, kInf} << 0.9 << kInf;
        QTest::newRow("-inf below wins downward") << std::vector<double>{-kInf, 2, 3} << 0.1 << -kInf;
        QTest::newRow("finite when the position is finite") << std::vector<double>{1, 2, kInf} << 0.25 << 1.5;
    }

    void sortedQuantile()
    {
        QFETCH(std::vector<double>, values);
        QFETCH(double, q);
        QFETCH(double, expected);
        QCOMPARE(majlis::rating::sortedQuantile(values, q), expected);
    }
};

QTEST_GUILESS_MAIN(TestIntervals)
#include "test_intervals.moc"
