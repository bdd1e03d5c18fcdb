#include <QTest>

#include <cmath>

#include "rating/elo.h"
#include "simulatedvotes.h"

using namespace majlis::rating;
using majlis::rating::testing::addBattles;

class TestElo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handComputedSequence_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("expected");
        // K = 4, scale 400, base 10, everyone starts at 1000; E_a = 1 / (1 + 10^((R_b - R_a) / 400)).
        // 1. A beats B, both 1000: E = 0.5, A = 1000 + 4 * 0.5 = 1002, B = 998.
        // 2. A beats B: E_A = 1 / (1 + 10^(-4/400)) = 1 / 1.97723722 = 0.50575621;
        //    A = 1002 + 4 * 0.49424379 = 1003.97697517, B = 998 - 1.97697517 = 996.02302483.
        // 3. B ties C: E_B = 1 / (1 + 10^(3.97697517/400)) = 1 / 2.02315743 = 0.49427692;
        //    B = 996.02302483 + 4 * (0.5 - 0.49427692) = 996.04591715, C = 1000 - 0.02289232 = 999.97710768.
        // 4. C beats A: E_C = 1 / (1 + 10^((1003.97697517 - 999.97710768) / 400)) = 0.49424398;
        //    C = 999.97710768 + 4 * 0.50575602 = 1002.00013176, A = 1003.97697517 - 2.02302408 = 1001.95395109.
        QTest::newRow("A: two wins, then a loss to C") << QStringLiteral("A") << 1001.95395109;
        QTest::newRow("B: two losses, then a tie with C") << QStringLiteral("B") << 996.04591715;
        QTest::newRow("C: a tie with B, then a win over A") << QStringLiteral("C") << 1002.00013176;
        QTest::newRow("D: never played, keeps the initial rating") << QStringLiteral("D") << 1000.0;
    }

    void handComputedSequence()
    {
        QFETCH(QString, model);
        QFETCH(double, expected);
        BattleSet set;
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinA, 2);
        addBattles(set, QStringLiteral("B"), QStringLiteral("C"), Outcome::Tie);
        addBattles(set, QStringLiteral("C"), QStringLiteral("A"), Outcome::WinA);
        set.models << QStringLiteral("D");
        const std::vector<double> ratings = onlineElo(set);
        const double got = ratings[std::size_t(set.models.indexOf(model))];
        QVERIFY2(std::abs(got - expected) < 1e-6, qPrintable(QString::number(got, 'f', 8)));
    }

    void bothBadIsATieUnlessLeftOut()
    {
        BattleSet set;
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinA);
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::BothBad);
        BattleSet asTie = set;
        asTie.battles.back().outcome = Outcome::Tie;
        QCOMPARE(onlineElo(set), onlineElo(asTie));
        EloOptions leaveOut;
        leaveOut.bothBadAsTie = false;
        QCOMPARE(onlineElo(set, leaveOut), (std::vector<double>{1002.0, 998.0}));
    }

    void sameWhicheverSideEachVoteIsSeenFrom()
    {
        BattleSet set;
        addBattles(set, QStringLiteral("A"), QStringLiteral("B"), Outcome::WinA, 3);
        addBattles(set, QStringLiteral("C"), QStringLiteral("B"), Outcome::Tie, 2);
        addBattles(set, QStringLiteral("A"), QStringLiteral("C"), Outcome::WinB, 4);
        BattleSet swapped = set;
        for (Battle &b : swapped.battles)
            b = swapSides(b);
        QCOMPARE(onlineElo(set), onlineElo(swapped));
    }
};

QTEST_GUILESS_MAIN(TestElo)
#include "test_elo.moc"
