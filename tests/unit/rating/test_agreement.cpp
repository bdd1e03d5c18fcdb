#include <QTest>

#include <cmath>
#include <optional>

#include "rating/agreement.h"

using namespace majlis::rating;

namespace {

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
// 12 units, values 1-5, "." missing. Nominal alpha = 0.743.
std::vector<Judgement> krippendorffExample()
{
    const char *rows[4] = {"1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 .",
                           "1 2 3 3 2 4 4 1 2 5 1 ."};
    std::vector<Judgement> out;
    for (int observer = 0; observer < 4; ++observer) {
        const QStringList values = QString::fromLatin1(rows[observer]).split(QLatin1Char(' '));
        for (int unit = 0; unit < values.size(); ++unit)
            if (values[unit] != QLatin1String("."))
                out.push_back({QStringLiteral("u%1").arg(unit + 1, 2, 10, QLatin1Char('0')),
                               QString(QLatin1Char(char('A' + observer))), values[unit]});
    }
    return out;
}

// Wikipedia, "Cohen's kappa": 50 applications; both yes 20, both no 15, A yes B no 5, A no B yes 10.
std::vector<Judgement> cohenExample()
{
    std::vector<Judgement> out;
    int unit = 0;
    auto add = [&](const char *a, const char *b, int count) {
        for (int i = 0; i < count; ++i, ++unit) {
            const QString id = QStringLiteral("application-%1").arg(unit);
            out.push_back({id, QStringLiteral("A"), QString::fromLatin1(a)});
            out.push_back({id, QStringLiteral("B"), QString::fromLatin1(b)});
        }
    };
    add("yes", "yes", 20);
    add("no", "no", 15);
    add("yes", "no", 5);
    add("no", "yes", 10);
    return out;
}

// Wikipedia, "Fleiss' kappa": 10 subjects, 14 raters, 5 categories; kappa = 0.210, P-bar = 0.378.
std::vector<Judgement> fleissExample()
{
    const int table[10][5] = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                              {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
    std::vector<Judgement> out;
    for (int subject = 0; subject < 10; ++subject) {
        int rater = 0;
        for (int category = 0; category < 5; ++category)
            for (int i = 0; i < table[subject][category]; ++i)
                out.push_back({QStringLiteral("s%1").arg(subject), QStringLiteral("r%1").arg(rater++, 2, 10, QLatin1Char('0')),
                               QStringLiteral("c%1").arg(category + 1)});
    }
    return out;
}

LabelTable table(const std::vector<Judgement> &judgements)
{
    auto result = makeLabelTable(judgements);
    if (!result)
        qFatal("makeLabelTable: %s", qPrintable(result.error().message));
    return *result;
}

} // namespace

class TestAgreement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedExamples_data()
    {
        QTest::addColumn<QString>("example");
        QTest::addColumn<QString>("figure");
        QTest::addColumn<double>("expected");
        QTest::newRow("Krippendorff 2011: nominal alpha, 4 coders, missing data") << "krippendorff" << "alpha" << 0.743;
        QTest::newRow("Wikipedia Cohen: 20/15 agree, 5/10 disagree") << "cohen" << "cohen" << 0.4;
        QTest::newRow("Wikipedia Cohen: observed agreement") << "cohen" << "observed" << 0.7;
        QTest::newRow("Wikipedia Fleiss: 10 subjects, 14 raters") << "fleiss" << "fleiss" << 0.210;
        QTest::newRow("Wikipedia Fleiss: P-bar is the observed agreement") << "fleiss" << "observed" << 0.378;
    }

    void publishedExamples()
    {
        QFETCH(QString, example);
        QFETCH(QString, figure);
        QFETCH(double, expected);
        const std::vector<Judgement> judgements = example == QLatin1String("krippendorff") ? krippendorffExample()
            : example == QLatin1String("cohen")                                              ? cohenExample()
                                                                                             : fleissExample();
        const AgreementReport report = measureAgreement(table(judgements));
        std::optional<double> got;
        if (figure == QLatin1String("alpha"))
            got = report.krippendorffAlpha;
        else if (figure == QLatin1String("fleiss"))
            got = report.fleissKappa;
        else if (figure == QLatin1String("observed"))
            got = report.observed;
        else if (!report.pairs.empty())
            got = report.pairs.front().kappa;
        QVERIFY(got);
        QVERIFY2(std::abs(*got - expected) < 0.0005, qPrintable(QString::number(*got, 'f', 6)));
    }

    void krippendorffCountsOnlyPairableUnits()
    {
        const AgreementReport report = measureAgreement(table(krippendorffExample()));
        QCOMPARE(report.units, 11); // unit 12 has a single value
        QCOMPARE(report.labels, 40);
    }

    void cohenPairDetails()
    {
        const auto pairs = cohensKappa(table(cohenExample()));
        QCOMPARE(pairs.size(), std::size_t(1));
        QCOMPARE(pairs[0].first, QStringLiteral("A"));
        QCOMPARE(pairs[0].second, QStringLiteral("B"));
        QCOMPARE(pairs[0].units, 50);
    }

    void agreementWithMajority_data()
    {
        QTest::addColumn<QString>("annotator");
        QTest::addColumn<int>("units");
        QTest::addColumn<double>("agreement");
        // u1: a=x b=x c=y   u2: all x   u3: a=y b=x   u4: all y   u5: a=x b=y c=y
        QTest::newRow("a: with u2 u4, against u3 u5; u1 has no majority among b, c") << "a" << 4 << 0.5;
        QTest::newRow("b: with u2 u4, against u3; u1 and u5 split") << "b" << 3 << 2.0 / 3;
        QTest::newRow("c: against u1, with u2 u4; u5 split") << "c" << 3 << 2.0 / 3;
    }

    void agreementWithMajority()
    {
        QFETCH(QString, annotator);
        QFETCH(int, units);
        QFETCH(double, agreement);
        const char *rows[] = {"u1 a x", "u1 b x", "u1 c y", "u2 a x", "u2 b x", "u2 c x", "u3 a y", "u3 b x",
                              "u4 a y", "u4 b y", "u4 c y", "u5 a x", "u5 b y", "u5 c y"};
        std::vector<Judgement> judgements;
        for (const char *row : rows) {
            const QStringList f = QString::fromLatin1(row).split(QLatin1Char(' '));
            judgements.push_back({f[0], f[1], f[2]});
        }
        const auto result = majlis::rating::agreementWithMajority(table(judgements));
        const auto found = std::find_if(result.begin(), result.end(), [&](const auto &m) { return m.annotator == annotator; });
        QVERIFY(found != result.end());
        QCOMPARE(found->units, units);
        QVERIFY(found->agreement && std::abs(*found->agreement - agreement) < 1e-12);
    }

    void undefinedWhenOnlyOneCategory()
    {
        const LabelTable t = table({{QStringLiteral("u1"), QStringLiteral("a"), QStringLiteral("tie")},
                                    {QStringLiteral("u1"), QStringLiteral("b"), QStringLiteral("tie")}});
        const AgreementReport report = measureAgreement(t);
        QCOMPARE(report.observed, std::optional<double>(1.0));
        QVERIFY(!report.fleissKappa);
        QVERIFY(!report.krippendorffAlpha);
        QVERIFY(!report.pairs.front().kappa);
        QVERIFY(toJson(report)["fleissKappa"].is_null());
    }

    void independentOfJudgementOrder()
    {
        std::vector<Judgement> judgements = krippendorffExample();
        const AgreementReport forward = measureAgreement(table(judgements));
        std::reverse(judgements.begin(), judgements.end());
        QCOMPARE(measureAgreement(table(judgements)), forward);
    }

    void conflictingLabelsAreAnError()
    {
        const auto result = makeLabelTable({{QStringLiteral("u1"), QStringLiteral("a"), QStringLiteral("first")},
                                            {QStringLiteral("u1"), QStringLiteral("a"), QStringLiteral("second")}});
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(QLatin1String("two labels")));
    }
};

QTEST_GUILESS_MAIN(TestAgreement)
#include "test_agreement.moc"
