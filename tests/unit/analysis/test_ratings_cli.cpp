// majlisctl ratings --battles: the built command's JSON is the library's, and errors are one line
// with the documented exit codes.
#include "common/json.h"
#include "rating/arenafile.h"
#include "rating/leaderboard.h"
#include "rating/leaderboardformat.h"
#include "session/votingsession.h"
#include "store/eventstore.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

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

    // `export --format arena -o arena.json` wrote JSON Lines into a ".json" name: the layout now
    // follows the name, and either file reads back to the same battles.
    void arenaExportLayoutFollowsTheName()
    {
        const QString store = m_dir.filePath(QStringLiteral("v1.sqlite"));
        QVERIFY(QFile::copy(QStringLiteral(MAJLIS_FIXTURES_DIR "/payload-v1/store.sqlite"), store));
        QFile::setPermissions(store, QFile::ReadOwner | QFile::WriteOwner);
        std::optional<rating::BattleSet> first;
        for (const QString &name : {QStringLiteral("arena.json"), QStringLiteral("arena.jsonl")}) {
            const QString out = m_dir.filePath(name);
            QProcess p;
            p.start(QStringLiteral(MAJLISCTL), {QStringLiteral("--store"), store, QStringLiteral("export"), QStringLiteral("--format"),
                                                QStringLiteral("arena"), QStringLiteral("-o"), out});
            QVERIFY(p.waitForFinished(60000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
            QFile f(out);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY(bytes.size() > 10);
            if (name.endsWith(QLatin1String(".json"))) {
                const auto j = nlohmann::json::parse(bytes.cbegin(), bytes.cend(), nullptr, false);
                QVERIFY2(j.is_array() && !j.empty(), bytes.left(200).constData());
            } else {
                QVERIFY2(bytes.startsWith('{') && bytes.count('\n') > 1, bytes.left(200).constData());
            }
            auto battles = rating::readArenaBattles(out);
            QVERIFY2(battles.ok(), qPrintable(battles ? QString() : battles.error().message));
            QVERIFY(!battles->battles.empty());
            if (!first)
                first = *battles;
            else
                QVERIFY(*battles == *first);
        }
    }

    // `ratings --slice dialect --format csv` printed the overall board only: the slices' rows
    // were lost, and the slice column's name was glued to the header line.
    void slicedCsvHasEverySlice()
    {
        const QString store = m_dir.filePath(QStringLiteral("v1-csv.sqlite"));
        QVERIFY(QFile::copy(QStringLiteral(MAJLIS_FIXTURES_DIR "/payload-v1/store.sqlite"), store));
        QFile::setPermissions(store, QFile::ReadOwner | QFile::WriteOwner);
        auto run = [&](const QStringList &extra) {
            QProcess p;
            p.start(QStringLiteral(MAJLISCTL), QStringList{QStringLiteral("--store"), store, QStringLiteral("ratings"),
                                                           QStringLiteral("--format"), QStringLiteral("csv"),
                                                           QStringLiteral("--ci"), QStringLiteral("none")} + extra);
            p.waitForFinished(60000);
            return QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        };
        const QStringList overall = run({});
        const QStringList sliced = run({QStringLiteral("--slice"), QStringLiteral("dialect")});
        QVERIFY(overall.size() > 2);
        QCOMPARE(sliced.first(), QStringLiteral("dialect,") + overall.first());
        QStringList slices;
        for (qsizetype i = 1; i < sliced.size(); ++i) {
            QCOMPARE(sliced[i].count(u','), overall.first().count(u',') + 1);
            slices << sliced[i].section(u',', 0, 0);
        }
        slices.removeDuplicates();
        QVERIFY2(slices.size() >= 3 && slices.first() == QLatin1String("(all)"), qPrintable(sliced.join(u'\n')));
        for (qsizetype i = 1; i < overall.size(); ++i)
            QCOMPARE(sliced[i], QStringLiteral("(all),") + overall[i]);
    }

    // The failure marks under the board named their categories by id ("factual_error"): they are
    // labelled in the language chosen with --lang (or the environment's), as the desktop does.
    void failureCategoriesAreLabelled()
    {
        const QString store = m_dir.filePath(QStringLiteral("v1-labels.sqlite"));
        QVERIFY(QFile::copy(QStringLiteral(MAJLIS_FIXTURES_DIR "/payload-v1/store.sqlite"), store));
        QFile::setPermissions(store, QFile::ReadOwner | QFile::WriteOwner);
        QFile taxonomyFile(QStringLiteral(MAJLIS_FIXTURES_DIR "/../../resources/taxonomy/default.json"));
        QVERIFY(taxonomyFile.open(QIODevice::ReadOnly));
        const auto taxonomy = nlohmann::json::parse(taxonomyFile.readAll().toStdString());
        auto run = [&](const QStringList &extra) {
            QProcess p;
            p.start(QStringLiteral(MAJLISCTL), QStringList{QStringLiteral("--store"), store, QStringLiteral("ratings"),
                                                           QStringLiteral("--ci"), QStringLiteral("none")} + extra);
            p.waitForFinished(60000);
            return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
        };
        for (const char *lang : {"en", "ar"}) {
            QStringList labels, ids;
            for (const auto &c : taxonomy.at("categories")) {
                labels << QString::fromStdString(c.at("label").at(lang).get<std::string>());
                ids << QString::fromStdString(c.at("id").get<std::string>());
            }
            const Run r = run({QStringLiteral("--lang"), QLatin1String(lang)});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QString out = QString::fromUtf8(r.out);
            const qsizetype section = out.indexOf(QLatin1String("\nFailure marks"));
            QVERIFY2(section > 0, qPrintable(out));
            int categoryLines = 0;
            for (const QString &line : out.mid(section + 1).split(u'\n')) {
                if (!line.startsWith(QLatin1String("      ")))
                    continue;
                ++categoryLines;
                const QString label = line.trimmed().section(QStringLiteral("  "), 0, 0);
                QVERIFY2(labels.contains(label), qPrintable(QString(QLatin1String(lang) + QStringLiteral(": not a label: ") + line)));
                QVERIFY2(!ids.contains(label), qPrintable(line));
            }
            QVERIFY(categoryLines > 0);
        }
        // The ids stay where scripts read them.
        const Run json = run({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--lang"), QStringLiteral("ar")});
        QCOMPARE(json.exitCode, 0);
        for (const auto &c : taxonomy.at("categories"))
            QVERIFY(!json.out.contains(QByteArray::fromStdString(c.at("label").at("ar").get<std::string>())));
        const Run bad = run({QStringLiteral("--lang"), QStringLiteral("fr")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--lang takes en or ar"), bad.err.constData());
    }

    // A pack built from a CSV with AL-QASIDA's codes (egy, syr, sau, mar) and one the registry
    // does not know: the build and the check say which, the board slices by variety and region,
    // named in the table's language and by id in JSON (issue 13, the dialect registry).
    void dialectCodesFromACsvSliceByVarietyAndRegion()
    {
        const QString pack = m_dir.filePath(QStringLiteral("alqasida.jsonl"));
        const QString store = m_dir.filePath(QStringLiteral("alqasida.sqlite"));
        auto run = [&](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral(MAJLISCTL), QStringList{QStringLiteral("--store"), store} + args);
            p.waitForFinished(60000);
            return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
        };
        Run r = run({QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("long"),
                     QStringLiteral(MAJLIS_FIXTURES_DIR "/pack-build/long/alqasida.csv"), QStringLiteral("-o"), pack});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("egy → egyptian, mar → moroccan, sau → saudi, syr → syrian"), r.err.constData());
        QVERIFY2(r.err.contains("xyz (1 item)"), r.err.constData());
        r = run({QStringLiteral("pack"), QStringLiteral("validate"), pack});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("dialects the registry does not know, shown and sliced as written: xyz"), r.err.constData());
        r = run({QStringLiteral("pack"), QStringLiteral("import"), pack});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            auto opened = store::EventStore::open(store);
            QVERIFY(opened);
            auto session = session::VotingSession::start(**opened, QStringLiteral("alqasida"), QStringLiteral("noura"));
            QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
            for (;;) {
                auto pair = (*session)->next();
                QVERIFY(pair);
                if (!pair->has_value())
                    break;
                QVERIFY((*session)->vote(Choice::First, Side::Left));
            }
        }
        const QStringList base{QStringLiteral("ratings"), QStringLiteral("--ci"), QStringLiteral("none"),
                               QStringLiteral("--slice-min-votes"), QStringLiteral("1")};
        r = run(base + QStringList{QStringLiteral("--slice"), QStringLiteral("region"), QStringLiteral("--lang"), QStringLiteral("ar")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QString out = QString::fromUtf8(r.out);
        for (const char *heading : {"== region: وادي النيل (3 votes)", "== region: بلاد الشام (3 votes)", "== region: الخليج (3 votes)",
                                    "== region: المغرب العربي (3 votes)", "== region: (none) (1 votes)"})
            QVERIFY2(out.contains(QString::fromUtf8(heading)), qPrintable(QString::fromUtf8(heading) + QStringLiteral("\n") + out));
        r = run(base + QStringList{QStringLiteral("--slice"), QStringLiteral("dialect"), QStringLiteral("--lang"), QStringLiteral("en")});
        out = QString::fromUtf8(r.out);
        for (const char *heading : {"== dialect: Egyptian (3 votes)", "== dialect: Syrian", "== dialect: Saudi", "== dialect: Moroccan",
                                    "== dialect: xyz (1 votes)"})
            QVERIFY2(out.contains(QLatin1String(heading)), qPrintable(QLatin1String(heading) + QStringLiteral("\n") + out));
        r = run(base + QStringList{QStringLiteral("--slice"), QStringLiteral("region"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto doc = nlohmann::json::parse(r.out.toStdString());
        QStringList values;
        for (const auto &s : doc.at("slices").at("boards"))
            values << QString::fromStdString(s.at("value").get<std::string>());
        values.sort();
        QCOMPARE(values, (QStringList{QString(), QStringLiteral("gulf"), QStringLiteral("levant"), QStringLiteral("maghreb"),
                                      QStringLiteral("nile_valley")}));
    }

    // `agreement` printed kappa = -0.167 from 7 comparisons as if it meant something, in columns
    // that did not line up.
    void agreementSaysWhenTooFew()
    {
        const QString store = m_dir.filePath(QStringLiteral("v1-agreement.sqlite"));
        QVERIFY(QFile::copy(QStringLiteral(MAJLIS_FIXTURES_DIR "/payload-v1/store.sqlite"), store));
        QFile::setPermissions(store, QFile::ReadOwner | QFile::WriteOwner);
        QProcess p;
        p.start(QStringLiteral(MAJLISCTL), {QStringLiteral("--store"), store, QStringLiteral("agreement")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n');
        QVERIFY(lines.first().startsWith(QLatin1String("comparisons with 2+ annotators")));
        const int units = QRegularExpression(QStringLiteral("annotators +(\\d+)")).match(lines.first()).captured(1).toInt();
        QVERIFY(units > 0);
        QCOMPARE(lines.first().contains(QLatin1String("(too few to mean much)")), units < 30);
        QCOMPARE(lines.join(u'\n').contains(QLatin1String("figures from fewer than 30 comparisons are not meaningful")), units < 30);
        // The pair table: the right end of "comparisons" is the right end of every count below it.
        const qsizetype header = lines.indexOf(QStringLiteral("Cohen's kappa by pair of annotators"));
        QVERIFY(header > 0);
        const qsizetype end = lines[header + 1].indexOf(QLatin1String("comparisons")) + 11;
        for (qsizetype i = header + 2; i < lines.size() && !lines[i].isEmpty(); ++i) {
            QVERIFY2(lines[i].size() > end && lines[i][end - 1].isDigit() && lines[i][end] == u' ', qPrintable(lines[i]));
            QCOMPARE(lines[i].contains(QLatin1String("too few")), lines[i].mid(0, end).section(u' ', -1).toInt() < 30);
        }
    }

    // `ratings --pack nosuch` printed an empty board and exited 0, and a board without --pack
    // merged every pack of the store without a word.
    void packChoiceIsChecked()
    {
        const QString packs = QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/");
        for (const char *file : {"dialects.jsonl", "hostile-output.jsonl"}) {
            const Run imported = majlisctl({QStringLiteral("pack"), QStringLiteral("import"), packs + QLatin1String(file)});
            QVERIFY2(imported.exitCode == 0, imported.err.constData());
        }
        for (const QString &command : {QStringLiteral("ratings"), QStringLiteral("agreement"), QStringLiteral("bias")}) {
            const Run unknown = majlisctl({command, QStringLiteral("--pack"), QStringLiteral("nosuch")});
            QCOMPARE(unknown.exitCode, 1);
            QVERIFY(unknown.out.isEmpty());
            QVERIFY2(unknown.err.contains("no pack \"nosuch\"")
                         && unknown.err.contains("(packs: fixture-dialects, fixture-hostile-output)"),
                     unknown.err.constData());

            const Run known = majlisctl({command, QStringLiteral("--pack"), QStringLiteral("fixture-dialects")});
            QVERIFY2(known.exitCode == 0 && known.err.isEmpty(), known.err.constData());

            const Run merged = majlisctl({command});
            QVERIFY2(merged.exitCode == 0, merged.err.constData());
            QVERIFY2(merged.err.contains("holds 2 packs (fixture-dialects, fixture-hostile-output); the votes of all of them are merged"),
                     merged.err.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestRatingsCli)
#include "test_ratings_cli.moc"
