#include <QTest>

#include <cmath>

#include "rating/bradleyterry.h"
#include "rating/outcomecounts.h"
#include "simulatedvotes.h"

using namespace majlis::rating;
using majlis::rating::testing::addBattles;
using majlis::rating::testing::simulateBattles;

Q_DECLARE_METATYPE(majlis::rating::BattleSet)
Q_DECLARE_METATYPE(majlis::rating::ModelStatus)

namespace {

BradleyTerryFit fit(const BattleSet &set, const BradleyTerryOptions &options = {})
{
    const auto counts = countOutcomes(set);
    if (!counts)
        qFatal("countOutcomes: %s", qPrintable(counts.error().message));
    auto result = fitBradleyTerry(*counts, options);
    if (!result)
        qFatal("fitBradleyTerry: %s", qPrintable(result.error().message));
    return *result;
}

// Wikipedia, "Bradley-Terry model", worked example: 22 games among four teams.
BattleSet wikipediaGames()
{
    BattleSet set;
    addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinA, 2);
    addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinB, 3);
    addBattles(set, QStringLiteral("A"), QStringLiteral("D"), Outcome::WinA, 1);
    addBattles(set, QStringLiteral("A"), QStringLiteral("D"), Outcome::WinB, 4);
    addBattles(set, QStringLiteral("B"), QStringLiteral("C"), Outcome::WinA, 5);
    addBattles(set, QStringLiteral("B"), QStringLiteral("C"), Outcome::WinB, 3);
    addBattles(set, QStringLiteral("C"), QStringLiteral("D"), Outcome::WinA, 1);
    addBattles(set, QStringLiteral("C"), QStringLiteral("D"), Outcome::WinB, 3);
    return set;
}

} // namespace

class TestBradleyTerry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wikipediaExample_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("strength");
        QTest::newRow("A: 2-3 against B, 1-4 against D") << QStringLiteral("A") << 0.640;
        QTest::newRow("B: 3-2 against A, 5-3 against C") << QStringLiteral("B") << 1.043;
        QTest::newRow("C: 3-5 against B, 1-3 against D") << QStringLiteral("C") << 0.660;
        QTest::newRow("D: 4-1 against A, 3-1 against C") << QStringLiteral("D") << 2.270;
    }

    void wikipediaExample()
    {
        QFETCH(QString, model);
        QFETCH(double, strength);
        const BattleSet set = wikipediaGames();
        const BradleyTerryFit result = fit(set);
        QVERIFY(result.converged);
        QVERIFY(result.gradientNorm <= 1e-8);
        // Mean log-strength 0 is geometric mean 1, the article's normalisation.
        const double got = std::exp(result.logStrength[std::size_t(set.models.indexOf(model))]);
        QVERIFY2(std::abs(got - strength) <= 1e-3, qPrintable(QStringLiteral("got %1").arg(got, 0, 'f', 6)));
    }

    void ratingScale_data()
    {
        QTest::addColumn<double>("logStrength");
        QTest::addColumn<double>("expected");
        QTest::newRow("strength 1 is the initial rating") << 0.0 << 1000.0;
        QTest::newRow("strength 10 is 400 points up") << std::log(10.0) << 1400.0;
        QTest::newRow("strength 1/100 is 800 points down") << std::log(0.01) << 200.0;
    }

    void ratingScale()
    {
        QFETCH(double, logStrength);
        QFETCH(double, expected);
        QCOMPARE(rating(logStrength, RatingScale{}), expected);
    }

    void invariantToOrderAndSides()
    {
        const BattleSet set = simulateBattles({0.5, 0.1, -0.3, 0.9, -1.0}, 3000, 0.15, 7);
        BattleSet turned = set;
        for (Battle &b : turned.battles)
            b = swapSides(b);
        std::reverse(turned.battles.begin(), turned.battles.end());
        const BradleyTerryFit x = fit(set), y = fit(turned);
        QCOMPARE(countOutcomes(set).value(), countOutcomes(turned).value());
        for (std::size_t m = 0; m < x.logStrength.size(); ++m)
            QCOMPARE(x.logStrength[m], y.logStrength[m]);
    }

    void convergesOnLargeSkewedData()
    {
        std::vector<double> truth;
        for (int m = 0; m < 40; ++m)
            truth.push_back(-2.0 + 4.0 * m / 39.0);
        const BattleSet set = simulateBattles(truth, 200000, 0.15, 11);
        const BradleyTerryFit result = fit(set);
        QVERIFY(result.converged);
        QVERIFY2(result.gradientNorm <= 1e-8, qPrintable(QString::number(result.gradientNorm)));
        QVERIFY(result.iterations < 20);
        // The gradient is zero at the maximum: check it independently of the solver.
        const auto counts = countOutcomes(set).value();
        std::vector<double> gradient(truth.size(), 0.0);
        for (const OutcomeRow &row : counts.rows) {
            const double score = row.outcome == Outcome::WinA ? 1 : row.outcome == Outcome::WinB ? 0 : 0.5;
            const double p = 1 / (1 + std::exp(result.logStrength[std::size_t(row.modelB)] - result.logStrength[std::size_t(row.modelA)]));
            gradient[std::size_t(row.modelA)] += double(row.count) * (score - p);
            gradient[std::size_t(row.modelB)] -= double(row.count) * (score - p);
        }
        for (double g : gradient)
            QVERIFY2(std::abs(g) < 1e-7, qPrintable(QString::number(g)));
    }

    void status_data()
    {
        QTest::addColumn<BattleSet>("set");
        QTest::addColumn<QString>("model");
        QTest::addColumn<ModelStatus>("status");
        const QString a = QStringLiteral("a"), b = QStringLiteral("b"), c = QStringLiteral("c"), x = QStringLiteral("x"),
                      y = QStringLiteral("y");
        BattleSet core;
        addBattles(core, a, b, Outcome::WinA, 3);
        addBattles(core, a, b, Outcome::WinB, 2);
        addBattles(core, b, c, Outcome::WinA, 2);
        addBattles(core, b, c, Outcome::WinB, 2);

        BattleSet neverLoses = core;
        addBattles(neverLoses, x, a, Outcome::WinA, 4);
        addBattles(neverLoses, c, x, Outcome::WinB, 1);
        QTest::newRow("never loses: unbounded above") << neverLoses << x << ModelStatus::UnboundedAbove;
        QTest::newRow("the others stay rated beside it") << neverLoses << a << ModelStatus::Rated;

        BattleSet neverWins = core;
        addBattles(neverWins, x, c, Outcome::WinB, 3);
        QTest::newRow("never wins: unbounded below") << neverWins << x << ModelStatus::UnboundedBelow;

        BattleSet onlyTies = core;
        addBattles(onlyTies, x, c, Outcome::Tie, 2);
        QTest::newRow("only ties: rated, a tie is half a win each way") << onlyTies << x << ModelStatus::Rated;

        BattleSet onlyBothBad = core;
        addBattles(onlyBothBad, x, c, Outcome::BothBad, 2);
        QTest::newRow("only both-bad, counted as ties: rated") << onlyBothBad << x << ModelStatus::Rated;

        BattleSet chain = core;
        addBattles(chain, y, x, Outcome::WinA, 2);
        addBattles(chain, x, a, Outcome::WinA, 2);
        QTest::newRow("beats only a model that never lost: unbounded above") << chain << y << ModelStatus::UnboundedAbove;

        BattleSet between = core;
        addBattles(between, x, a, Outcome::WinA, 2); // x above the core
        addBattles(between, c, y, Outcome::WinA, 2); // y below the core
        addBattles(between, x, QStringLiteral("m"), Outcome::WinA, 1);
        addBattles(between, QStringLiteral("m"), y, Outcome::WinA, 1);
        QTest::newRow("between an unbounded-above and an unbounded-below model: unidentified")
            << between << QStringLiteral("m") << ModelStatus::Unidentified;

        BattleSet island = core;
        addBattles(island, x, y, Outcome::WinA, 2);
        addBattles(island, x, y, Outcome::WinB, 1);
        QTest::newRow("no battle links it to the others: disconnected") << island << x << ModelStatus::Disconnected;

        BattleSet silent = core;
        silent.models << x;
        QTest::newRow("listed but never in a battle: no votes") << silent << x << ModelStatus::NoVotes;
    }

    void status()
    {
        QFETCH(BattleSet, set);
        QFETCH(QString, model);
        QFETCH(ModelStatus, status);
        const BradleyTerryFit result = fit(set);
        const auto m = std::size_t(set.models.indexOf(model));
        QCOMPARE(toString(result.status[m]), toString(status));
        QVERIFY(result.converged);
        switch (status) {
        case ModelStatus::Rated:
            QVERIFY(std::isfinite(result.logStrength[m]));
            break;
        case ModelStatus::UnboundedAbove:
            QCOMPARE(result.logStrength[m], std::numeric_limits<double>::infinity());
            break;
        case ModelStatus::UnboundedBelow:
            QCOMPARE(result.logStrength[m], -std::numeric_limits<double>::infinity());
            break;
        default:
            QVERIFY(std::isnan(result.logStrength[m]));
        }
        for (std::size_t i = 0; i < result.status.size(); ++i)
            QVERIFY((result.status[i] == ModelStatus::Rated) == std::isfinite(result.logStrength[i]));
    }

    void unboundedModelLeavesTheRestAsWithoutIt()
    {
        BattleSet core;
        addBattles(core, QStringLiteral("a"), QStringLiteral("b"), Outcome::WinA, 3);
        addBattles(core, QStringLiteral("a"), QStringLiteral("b"), Outcome::WinB, 2);
        addBattles(core, QStringLiteral("b"), QStringLiteral("c"), Outcome::WinA, 1);
        addBattles(core, QStringLiteral("b"), QStringLiteral("c"), Outcome::WinB, 2);
        BattleSet withWinner = core;
        addBattles(withWinner, QStringLiteral("x"), QStringLiteral("c"), Outcome::WinA, 5);
        const BradleyTerryFit x = fit(core), y = fit(withWinner);
        for (std::size_t m = 0; m < 3; ++m)
            QVERIFY(std::abs(x.logStrength[m] - y.logStrength[m]) < 1e-9);
    }

    void disconnectedComponentsReported()
    {
        BattleSet set;
        addBattles(set, QStringLiteral("a"), QStringLiteral("b"), Outcome::WinA, 3);
        addBattles(set, QStringLiteral("a"), QStringLiteral("b"), Outcome::WinB, 3);
        addBattles(set, QStringLiteral("b"), QStringLiteral("c"), Outcome::Tie, 2);
        addBattles(set, QStringLiteral("x"), QStringLiteral("y"), Outcome::WinA, 1);
        addBattles(set, QStringLiteral("x"), QStringLiteral("y"), Outcome::WinB, 1);
        BradleyTerryFit result = fit(set);
        QVERIFY(result.disconnected());
        QCOMPARE(result.components.size(), std::size_t(2));
        QCOMPARE(result.components[0], (std::vector<int>{0, 1, 2}));
        QCOMPARE(result.components[1], (std::vector<int>{3, 4}));

        BradleyTerryOptions preferSmall;
        preferSmall.mainModel = 3;
        result = fit(set, preferSmall);
        QCOMPARE(result.components[0], (std::vector<int>{3, 4}));
        QCOMPARE(toString(result.status[0]), toString(ModelStatus::Disconnected));
        QCOMPARE(toString(result.status[3]), toString(ModelStatus::Rated));
    }

    void bothBadCountsAsTieUnlessLeftOut()
    {
        BattleSet set;
        addBattles(set, QStringLiteral("a"), QStringLiteral("b"), Outcome::WinA, 6);
        addBattles(set, QStringLiteral("a"), QStringLiteral("b"), Outcome::WinB, 2);
        addBattles(set, QStringLiteral("a"), QStringLiteral("b"), Outcome::BothBad, 8);
        const BradleyTerryFit asTie = fit(set);
        BradleyTerryOptions leaveOut;
        leaveOut.bothBadAsTie = false;
        const BradleyTerryFit without = fit(set, leaveOut);
        // Two models: P(a beats b) is a's share of the points, so the log-odds are closed form.
        QVERIFY(std::abs((asTie.logStrength[0] - asTie.logStrength[1]) - std::log(10.0 / 6.0)) < 1e-9);
        QVERIFY(std::abs((without.logStrength[0] - without.logStrength[1]) - std::log(6.0 / 2.0)) < 1e-9);
    }

    void rejectsBadOptions()
    {
        BradleyTerryOptions options;
        options.tolerance = 0;
        QVERIFY(!fitBradleyTerry(countOutcomes(wikipediaGames()).value(), options).ok());
        BattleSet broken = wikipediaGames();
        broken.battles.push_back({0, 0, Outcome::Tie});
        const auto counts = countOutcomes(broken);
        QVERIFY(!counts.ok());
        QVERIFY(counts.error().message.contains(QLatin1String("against itself")));
    }
};

QTEST_GUILESS_MAIN(TestBradleyTerry)
#include "test_bradleyterry.moc"
