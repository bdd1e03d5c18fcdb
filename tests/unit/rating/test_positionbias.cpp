#include <QTest>

#include <cmath>

#include "rating/positionbias.h"

using namespace majlis::rating;

class TestPositionBias : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wilson_data()
    {
        QTest::addColumn<int>("successes");
        QTest::addColumn<int>("trials");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        // Reference values: Wilson score interval at 95% (z = 1.959964).
        QTest::newRow("8 of 10") << 8 << 10 << 0.4902 << 0.9433;
        QTest::newRow("50 of 100") << 50 << 100 << 0.4038 << 0.5962;
        QTest::newRow("0 of 20 stays inside [0, 1]") << 0 << 20 << 0.0 << 0.1611;
        QTest::newRow("no trials: everything possible") << 0 << 0 << 0.0 << 1.0;
    }

    void wilson()
    {
        QFETCH(int, successes);
        QFETCH(int, trials);
        QFETCH(double, lower);
        QFETCH(double, upper);
        const Interval interval = wilsonInterval(successes, trials, 0.95);
        QVERIFY2(std::abs(interval.lower - lower) < 5e-5, qPrintable(QString::number(interval.lower, 'f', 6)));
        QVERIFY2(std::abs(interval.upper - upper) < 5e-5, qPrintable(QString::number(interval.upper, 'f', 6)));
    }

    void flagsOnlyAnnotatorsWhoseIntervalExcludesHalf()
    {
        std::vector<PlacedVote> votes;
        auto add = [&](const char *who, PlacedOutcome outcome, int count) {
            for (int i = 0; i < count; ++i)
                votes.push_back({QString::fromLatin1(who), outcome});
        };
        add("leftie", PlacedOutcome::LeftWon, 70);
        add("leftie", PlacedOutcome::RightWon, 30);
        add("fair", PlacedOutcome::LeftWon, 52);
        add("fair", PlacedOutcome::RightWon, 48);
        add("fair", PlacedOutcome::NoWinner, 40);
        add("few", PlacedOutcome::LeftWon, 3);

        const PositionBiasReport report = measurePositionBias(votes);
        QCOMPARE(report.annotators.size(), std::size_t(3));
        const SideBias &fair = report.annotators[0], &few = report.annotators[1], &leftie = report.annotators[2];
        QCOMPARE(fair.annotator, QStringLiteral("fair"));
        QCOMPARE(fair.votes, 140);
        QCOMPARE(fair.decisive, 100);
        QCOMPARE(*fair.leftShare, 0.52);
        QVERIFY(!fair.significant);
        QVERIFY(!few.significant); // 3 of 3: the interval still reaches below 0.5
        QVERIFY(few.interval.lower < 0.5);
        QVERIFY(leftie.significant);
        QVERIFY(leftie.interval.lower > 0.5);
        QCOMPARE(report.overall.decisive, 203);
        QCOMPARE(report.overall.leftWins, 125);
        QVERIFY(report.overall.significant);
        QCOMPARE(toJson(report)["annotators"][2]["significant"].get<bool>(), true);
    }

    void noDecisiveVotesMeansNoShare()
    {
        const PositionBiasReport report = measurePositionBias({{QStringLiteral("a"), PlacedOutcome::NoWinner}});
        QVERIFY(!report.overall.leftShare);
        QVERIFY(!report.overall.significant);
        QVERIFY(toJson(report)["overall"]["leftShare"].is_null());
    }
};

QTEST_GUILESS_MAIN(TestPositionBias)
#include "test_positionbias.moc"
