#include <QTest>

#include <cmath>
#include <limits>

#include "rating/leaderboardformat.h"
#include "simulatedvotes.h"

using namespace majlis::rating;
using majlis::rating::testing::addBattles;
using majlis::rating::testing::simulateBattles;

namespace {

// Three rated models, one that never lost, one with few votes.
BattleSet sampleBattles()
{
    BattleSet set = simulateBattles({0.6, 0.0, -0.6}, 900, 0.15, 12);
    addBattles(set, QStringLiteral("winner, \"the\" best"), QStringLiteral("model-00"), Outcome::WinA, 3);
    addBattles(set, QStringLiteral("rookie"), QStringLiteral("model-01"), Outcome::WinA, 2);
    addBattles(set, QStringLiteral("rookie"), QStringLiteral("model-02"), Outcome::WinB, 2);
    return set;
}

Leaderboard board(const BattleSet &set, LeaderboardOptions options = {})
{
    options.bootstrap.rounds = options.bootstrap.rounds == 1000 ? 200 : options.bootstrap.rounds;
    auto result = buildLeaderboard(set, options);
    if (!result)
        qFatal("buildLeaderboard: %s", qPrintable(result.error().message));
    return *result;
}

const LeaderboardRow &row(const Leaderboard &b, const QString &model)
{
    for (const LeaderboardRow &r : b.rows)
        if (r.model == model)
            return r;
    qFatal("no row for %s", qPrintable(model));
}

} // namespace

class TestLeaderboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsCarryCountsAndFlags()
    {
        const Leaderboard b = board(sampleBattles());
        const LeaderboardRow &rookie = row(b, QStringLiteral("rookie"));
        QCOMPARE(rookie.votes, 4);
        QCOMPARE(rookie.wins, 2);
        QCOMPARE(rookie.losses, 2);
        QVERIFY(rookie.provisional);
        QVERIFY(!row(b, QStringLiteral("model-00")).provisional);
        QCOMPARE(b.battles, 907);
        QCOMPARE(b.fittedVotes, 907);
        QVERIFY(b.converged);
        const LeaderboardRow &winner = b.rows.front();
        QCOMPARE(winner.model, QStringLiteral("winner, \"the\" best"));
        QCOMPARE(toString(winner.status), toString(ModelStatus::UnboundedAbove));
        QVERIFY(!winner.rating);
        QVERIFY(winner.elo && *winner.elo > 1000);
    }

    void meanRatingOrAnchor_data()
    {
        QTest::addColumn<QString>("anchor");
        QTest::addColumn<double>("anchorRating");
        QTest::newRow("no anchor: the rated models average 1000") << QString() << 0.0;
        QTest::newRow("anchored at 1000") << QStringLiteral("model-01") << 1000.0;
        QTest::newRow("anchored at 1114, as Arena does") << QStringLiteral("model-02") << 1114.0;
    }

    void meanRatingOrAnchor()
    {
        QFETCH(QString, anchor);
        QFETCH(double, anchorRating);
        LeaderboardOptions options;
        options.anchorModel = anchor;
        options.anchorRating = anchorRating;
        options.intervals = IntervalMethod::Sandwich;
        const BattleSet set = sampleBattles();
        const Leaderboard plain = board(set, {}), b = board(set, options);
        if (anchor.isEmpty()) {
            double sum = 0;
            int n = 0;
            for (const LeaderboardRow &r : b.rows)
                if (r.rating)
                    sum += *r.rating, ++n;
            QVERIFY(std::abs(sum / n - 1000) < 1e-9);
        } else {
            QVERIFY(std::abs(*row(b, anchor).rating - anchorRating) < 1e-9);
        }
        // Anchoring shifts, never stretches: differences stay.
        const double gap = *row(b, QStringLiteral("model-00")).rating - *row(b, QStringLiteral("model-02")).rating;
        const double plainGap = *row(plain, QStringLiteral("model-00")).rating - *row(plain, QStringLiteral("model-02")).rating;
        QVERIFY(std::abs(gap - plainGap) < 1e-9);
        QVERIFY(gap > 100);
    }

    void badAnchorIsAnError()
    {
        LeaderboardOptions options;
        options.anchorModel = QStringLiteral("nobody");
        const auto result = buildLeaderboard(sampleBattles(), options);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(QLatin1String("\"nobody\"")));
    }

    void unboundedAnchorFallsBackWithAWarning()
    {
        LeaderboardOptions options;
        options.anchorModel = QStringLiteral("winner, \"the\" best");
        options.intervals = IntervalMethod::None;
        const Leaderboard b = board(sampleBattles(), options);
        QVERIFY(b.warnings.join(QLatin1Char('\n')).contains(QLatin1String("no finite rating (unbounded_above)")));
    }

    void noBattlesNoRows()
    {
        BattleSet set;
        set.models << QStringLiteral("lonely");
        const Leaderboard b = board(set);
        QVERIFY(b.converged);
        QCOMPARE(b.rows.size(), std::size_t(1));
        QVERIFY(!b.rows.front().rating && !b.rows.front().rank);
        QCOMPARE(b.warnings, QStringList{QStringLiteral("\"lonely\" has no counted votes")});
        QVERIFY(toTable(b).contains(QStringLiteral("no votes, provisional")));
    }

    void json()
    {
        const nlohmann::json j = toJson(board(sampleBattles()));
        QVERIFY(j["method"].get<std::string>() == "bradley-terry");
        QVERIFY(j["intervals"]["method"].get<std::string>() == "bootstrap");
        QCOMPARE(j["intervals"]["rounds"].get<int>(), 200);
        QCOMPARE(j["disconnected"].get<bool>(), false);
        const auto &top = j["models"][0];
        QVERIFY(top["model"].get<std::string>() == "winner, \"the\" best");
        QVERIFY(top["status"].get<std::string>() == "unbounded_above");
        QVERIFY(top["rating"].is_null());
        QVERIFY(top["ciLower"].get<std::string>() == "Infinity");
        QVERIFY(top["ciUpper"].get<std::string>() == "Infinity");
        QCOMPARE(top["rank"].get<int>(), 1);
        const auto &second = *std::find_if(j["models"].begin(), j["models"].end(),
                                           [](const auto &m) { return m["model"] == "model-00"; });
        QVERIFY(second["rating"].is_number());
        QVERIFY(second["ciLower"].get<double>() <= second["rating"].get<double>());
        // Three decimals: 0.001 of a rating point is far below any real difference.
        const double r = second["rating"].get<double>();
        QVERIFY(std::abs(r * 1000 - std::round(r * 1000)) < 1e-6);
        QVERIFY(j["warnings"].size() >= 1);
    }

    void jsonReportsDisconnectedParts()
    {
        BattleSet set = sampleBattles();
        addBattles(set, QStringLiteral("x"), QStringLiteral("y"), Outcome::WinA);
        addBattles(set, QStringLiteral("x"), QStringLiteral("y"), Outcome::WinB);
        const nlohmann::json j = toJson(board(set));
        QCOMPARE(j["disconnected"].get<bool>(), true);
        QCOMPARE(j["components"].size(), std::size_t(2));
        QVERIFY(j["components"][1] == nlohmann::json({"x", "y"}));
        const auto &last = j["models"].back();
        QVERIFY(last["status"].get<std::string>() == "disconnected");
        QVERIFY(last["rank"].is_null() && last["ciLower"].is_null());
    }

    void csv()
    {
        const QString csv = toCsv(board(sampleBattles()));
        const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QStringLiteral("rank,model,rating,ci_lower,ci_upper,votes,wins,losses,ties,both_bad,provisional,status,elo"));
        QVERIFY2(lines[1].startsWith(QStringLiteral("1,\"winner, \"\"the\"\" best\",,inf,inf,3,3,0,0,0,true,unbounded_above,")),
                 qPrintable(lines[1]));
    }

    void table()
    {
        const QString text = toTable(board(sampleBattles()));
        const QStringList lines = text.split(QLatin1Char('\n'));
        QVERIFY(lines[0].startsWith(QStringLiteral("Rank  Model")));
        // Every row starts its model name in the same column and ends its rating column in the same one.
        const qsizetype ratingEnd = lines[0].indexOf(QStringLiteral("Rating")) + 6;
        const qsizetype modelStart = lines[0].indexOf(QStringLiteral("Model"));
        for (int i = 1; i <= 5; ++i) {
            QVERIFY2(lines[i].at(modelStart - 1) == QLatin1Char(' ') && lines[i].at(modelStart) != QLatin1Char(' '),
                     qPrintable(lines[i]));
            QVERIFY2(lines[i].at(ratingEnd - 1) != QLatin1Char(' ') && lines[i].at(ratingEnd) == QLatin1Char(' '),
                     qPrintable(lines[i]));
        }
        QVERIFY(text.contains(QStringLiteral("+inf .. +inf")));
        QVERIFY(text.contains(QStringLiteral("unbounded above, provisional")));
        QVERIFY(text.contains(QStringLiteral("warning: \"winner, \"the\" best\" never lost")));
    }
};

QTEST_GUILESS_MAIN(TestLeaderboard)
#include "test_leaderboard.moc"
