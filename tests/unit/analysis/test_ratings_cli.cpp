// majlisctl ratings --battles: the built command's JSON is the library's, and errors are one line
// with the documented exit codes.
#include "common/json.h"
#include "rating/arenafile.h"
#include "rating/leaderboard.h"
#include "rating/leaderboardformat.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;

namespace {
const QString kBattles = QStringLiteral(MAJLIS_FIXTURES_DIR "/arena/small-battles.jsonl");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
} // namespace

class TestRatingsCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    Run majlisctl(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(MAJLISCTL),
                QStringList{QStringLiteral("--store"), m_dir.filePath(QStringLiteral("cli.sqlite"))} + args);
        if (!p.waitForFinished(60000))
            return {};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    void battlesJsonMatchesLibrary_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("rounds");
        QTest::addColumn<int>("method");
        QTest::addColumn<bool>("bothBadAsTie");
        QTest::addColumn<QString>("anchor");
        QTest::newRow("bootstrap, 200 rounds") << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("200")} << 200
                                               << int(rating::IntervalMethod::Bootstrap) << true << QString();
        QTest::newRow("sandwich, both bad left out, anchored")
            << QStringList{QStringLiteral("--ci"), QStringLiteral("sandwich"), QStringLiteral("--both-bad"),
                           QStringLiteral("exclude"), QStringLiteral("--anchor"), QStringLiteral("gamma-3")}
            << 1000 << int(rating::IntervalMethod::Sandwich) << false << QStringLiteral("gamma-3");
    }

    void battlesJsonMatchesLibrary()
    {
        QFETCH(QStringList, args);
        QFETCH(int, rounds);
        QFETCH(int, method);
        QFETCH(bool, bothBadAsTie);
        QFETCH(QString, anchor);
        const Run run = majlisctl(QStringList{QStringLiteral("ratings"), QStringLiteral("--battles"), kBattles,
                                              QStringLiteral("--format"), QStringLiteral("json")}
                                  + args);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cli = nlohmann::json::parse(run.out.toStdString());

        auto set = rating::readArenaBattles(kBattles);
        QVERIFY(set);
        rating::LeaderboardOptions options;
        options.bootstrap.rounds = rounds;
        options.intervals = rating::IntervalMethod(method);
        options.fit.bothBadAsTie = bothBadAsTie;
        options.anchorModel = anchor;
        auto board = rating::buildLeaderboard(*set, options);
        QVERIFY(board);
        QCOMPARE(QString::fromStdString(cli.dump()), QString::fromStdString(rating::toJson(*board).dump()));
        QCOMPARE(cli["models"].size(), std::size_t(4));
    }

    void errorsAreOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing battle file")
            << QStringList{QStringLiteral("ratings"), QStringLiteral("--battles"), QStringLiteral("/nonexistent/x.jsonl")}
            << 1 << QStringLiteral("/nonexistent/x.jsonl");
        QTest::newRow("unknown interval method")
            << QStringList{QStringLiteral("ratings"), QStringLiteral("--battles"), kBattles, QStringLiteral("--ci"),
                           QStringLiteral("magic")}
            << 2 << QStringLiteral("--ci takes");
        QTest::newRow("store option with a battle file")
            << QStringList{QStringLiteral("ratings"), QStringLiteral("--battles"), kBattles, QStringLiteral("--pack"),
                           QStringLiteral("p")}
            << 2 << QStringLiteral("--battles reads a file");
        QTest::newRow("export without a format") << QStringList{QStringLiteral("export")} << 2
                                                 << QStringLiteral("--format arena");
        QTest::newRow("group slice without groups")
            << QStringList{QStringLiteral("ratings"), QStringLiteral("--slice"), QStringLiteral("group")} << 2
            << QStringLiteral("--groups FILE");
    }

    void errorsAreOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = majlisctl(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.out.isEmpty());
        const QString err = QString::fromUtf8(run.err);
        QCOMPARE(err.count(u'\n'), 1);
        QVERIFY2(err.startsWith(QLatin1String("majlisctl: error: ")) && err.contains(message), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestRatingsCli)
#include "test_ratings_cli.moc"
