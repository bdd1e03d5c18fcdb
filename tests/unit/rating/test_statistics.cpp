#include <QTest>

#include <cmath>
#include <random>

#include "rating/statistics.h"

using namespace majlis::rating;

class TestStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalQuantile_data()
    {
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("z");
        QTest::newRow("median") << 0.5 << 0.0;
        QTest::newRow("two-sided 95%") << 0.975 << 1.959963984540054;
        QTest::newRow("two-sided 99%, lower tail") << 0.005 << -2.5758293035489;
    }

    void normalQuantile()
    {
        QFETCH(double, p);
        QFETCH(double, z);
        QVERIFY(std::abs(majlis::rating::normalQuantile(p) - z) < 1e-9);
    }

    // Mean, variance and (for small n) every probability of the sampler against the binomial law.
    void binomialSample_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<double>("p");
        QTest::newRow("inversion: n p = 3") << qint64(100) << 0.03;
        QTest::newRow("rejection (BTRS): n p = 12") << qint64(40) << 0.3;
        QTest::newRow("rejection, p > 0.5 by symmetry") << qint64(60) << 0.8;
        QTest::newRow("bootstrap-sized: n = 1.7 million, n p = 51") << qint64(1700000) << 3e-5;
        QTest::newRow("bootstrap-sized, large share") << qint64(1700000) << 0.2;
    }

    void binomialSample()
    {
        QFETCH(qint64, n);
        QFETCH(double, p);
        constexpr int draws = 200000;
        std::mt19937_64 engine(5);
        std::vector<int> histogram(std::size_t(std::min<qint64>(n, 200)) + 1, 0);
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < draws; ++i) {
            const auto k = majlis::rating::binomialSample(n, p, engine);
            QVERIFY(k >= 0 && k <= n);
            sum += double(k);
            sumSquares += double(k) * double(k);
            if (n <= 200)
                ++histogram[std::size_t(k)];
        }
        const double mean = sum / draws, variance = sumSquares / draws - mean * mean;
        const double expectedMean = double(n) * p, expectedVariance = double(n) * p * (1 - p);
        // Five standard errors of the sample mean and (roughly) of the sample variance.
        QVERIFY2(std::abs(mean - expectedMean) < 5 * std::sqrt(expectedVariance / draws), qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(variance / expectedVariance - 1) < 5 * std::sqrt(2.0 / draws), qPrintable(QString::number(variance)));
        if (n > 200)
            return;
        double chiSquare = 0;
        int cells = 0;
        for (qint64 k = 0; k <= n; ++k) {
            const double logPmf = std::lgamma(double(n) + 1) - std::lgamma(double(k) + 1) - std::lgamma(double(n - k) + 1)
                + double(k) * std::log(p) + double(n - k) * std::log1p(-p);
            const double expected = draws * std::exp(logPmf);
            if (expected < 5)
                continue;
            const double d = histogram[std::size_t(k)] - expected;
            chiSquare += d * d / expected;
            ++cells;
        }
        // Far beyond the 99.9th percentile of chi-square with `cells` degrees of freedom.
        QVERIFY2(chiSquare < cells + 6 * std::sqrt(2.0 * cells) + 10, qPrintable(QStringLiteral("chi2 %1 on %2 cells").arg(chiSquare).arg(cells)));
    }

    void binomialEdges()
    {
        std::mt19937_64 engine(1);
        QCOMPARE(majlis::rating::binomialSample(0, 0.5, engine), std::int64_t(0));
        QCOMPARE(majlis::rating::binomialSample(10, 0.0, engine), std::int64_t(0));
        QCOMPARE(majlis::rating::binomialSample(10, 1.0, engine), std::int64_t(10));
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "test_statistics.moc"
