// majlisctl help: `help`, `help COMMAND`, `COMMAND --help` and `-h` for every command of its table
// (read from `majlisctl help`, so a command added without help fails here), every option a
// synopsis names is explained, and the libraries' log lines stay off stderr unless --verbose.
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "../../common/manpagecheck.h"

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run majlisctl(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MAJLISCTL), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

// The command words listed under "commands:" in `majlisctl help`, with their one-line summaries.
QList<std::pair<QString, QString>> listedCommands(const QString &help)
{
    QList<std::pair<QString, QString>> out;
    const qsizetype start = help.indexOf(QLatin1String("\ncommands:\n"));
    const qsizetype end = help.indexOf(QLatin1String("\nglobal options:"));
    if (start < 0 || end < 0)
        return out;
    for (const QString &line : help.mid(start + 11, end - start - 11).split(u'\n', Qt::SkipEmptyParts))
        out.push_back({line.left(22).trimmed(), line.mid(23).trimmed()});
    return out;
}

} // namespace

class TestCtlHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCommandHasHelp()
    {
        const Run overall = majlisctl({QStringLiteral("help")});
        QCOMPARE(overall.exitCode, 0);
        QCOMPARE(majlisctl({QStringLiteral("--help")}).out, overall.out);
        QCOMPARE(majlisctl({QStringLiteral("-h")}).out, overall.out);
        const auto commands = listedCommands(overall.out);
        QVERIFY2(commands.size() >= 17, qPrintable(overall.out));
        for (const auto &[words, summary] : commands) {
            QVERIFY2(summary.size() > 10, qPrintable(words + QStringLiteral(": no summary")));
            const QStringList w = words.split(u' ');
            const Run help = majlisctl(QStringList{QStringLiteral("help")} + w);
            QVERIFY2(help.exitCode == 0, qPrintable(words + QLatin1Char(' ') + help.err));
            QCOMPARE(majlisctl(w + QStringList{QStringLiteral("--help")}).out, help.out);
            QCOMPARE(majlisctl(w + QStringList{QStringLiteral("-h")}).out, help.out);
            const QString &text = help.out;
            QVERIFY2(text.startsWith(QStringLiteral("usage: majlisctl [--store PATH] ") + words), qPrintable(text));
            QVERIFY2(text.contains(summary), qPrintable(text));
            QVERIFY2(text.contains(QLatin1String("\nexample:\n  majlisctl ") + words), qPrintable(text));
            QVERIFY2(text.contains(QLatin1String("\nexit codes: 0 success")), qPrintable(text));

            // Every option of the synopsis line is explained under "options:".
            const QString synopsis = text.section(u'\n', 0, 0);
            const qsizetype optionsAt = text.indexOf(QLatin1String("\noptions:\n"));
            const QString options = optionsAt < 0 ? QString() : text.mid(optionsAt, text.indexOf(QLatin1String("\nexample:")) - optionsAt);
            static const QRegularExpression option(QStringLiteral("(--[a-z][a-z-]*)"));
            for (auto it = option.globalMatch(synopsis.mid(QStringLiteral("usage: majlisctl [--store PATH]").size())); it.hasNext();) {
                const QString name = it.next().captured(1);
                QVERIFY2(options.contains(QLatin1String("  ") + name) || options.contains(QLatin1String(", ") + name),
                         qPrintable(QStringLiteral("%1: %2 is in the synopsis but not explained:\n%3").arg(words, name, text)));
            }
        }
    }

    // majlisctl(1) comes from the same table: every command has its section, and groff reads the
    // page without a warning (-ww: all of them; -z: no output).
    void manPageHasEveryCommand()
    {
        QTemporaryDir dir;
        const QString page = dir.filePath(QStringLiteral("majlisctl.1"));
        const Run made = majlisctl({QStringLiteral("--man-page"), page});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QFile file(page);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QLatin1String(".TH MAJLISCTL 1 ")));
        const auto commands = listedCommands(majlisctl({QStringLiteral("help")}).out);
        QVERIFY(commands.size() >= 17);
        for (const auto &[words, summary] : commands) {
            QVERIFY2(text.contains(QStringLiteral("\n.SS \"%1\"\n").arg(words)), qPrintable(words));
            QVERIFY2(text.contains(QString(summary).replace(u'-', QLatin1String("\\-"))), qPrintable(summary));
        }
        const QString warnings = majlis::testing::groffWarnings(page);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
        // Rendered, an option reads as typed: "--pairs-per-item", not a typographic dash.
        QVERIFY(majlis::testing::renderedManPage(page).contains(QLatin1String("--pairs-per-item N")));
    }

    // stats and pack list printed their output whatever followed them.
    void commandsWithoutArgumentsRefuseThem()
    {
        for (const QStringList &words : {QStringList{QStringLiteral("stats")}, QStringList{QStringLiteral("pack"), QStringLiteral("list")}}) {
            const Run r = majlisctl(words + QStringList{QStringLiteral("extra")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(QLatin1String("takes no arguments (got \"extra\")")), qPrintable(r.err));
        }
    }

    void unknownHelpIsAUsageError()
    {
        const Run r = majlisctl({QStringLiteral("help"), QStringLiteral("nosuch")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith(QLatin1String("majlisctl: error: no command \"nosuch\"")), qPrintable(r.err));
        const Run partial = majlisctl({QStringLiteral("help"), QStringLiteral("pack")});
        QCOMPARE(partial.exitCode, 2);
    }

    // Each command said what it did, then the libraries' info lines said it again
    // ("majlis.bundle: verified bundle …"): off unless --verbose; --quiet leaves errors only.
    void logLinesOnlyWhenVerbose()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        const QString bundle = QStringLiteral(MAJLIS_FIXTURES_DIR "/bundles/good.majlisbundle");
        auto import = [&](const QString &store, const QStringList &global) {
            return majlisctl(global + QStringList{QStringLiteral("--store"), dir.filePath(store), QStringLiteral("bundle"),
                                                  QStringLiteral("import"), bundle, QStringLiteral("--trust-new-key")},
                             env);
        };
        const Run plain = import(QStringLiteral("a.sqlite"), {});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        QVERIFY2(!plain.err.contains(QLatin1String("majlis.")), qPrintable(plain.err));
        QVERIFY(!plain.out.isEmpty());

        const Run verbose = import(QStringLiteral("b.sqlite"), {QStringLiteral("--verbose")});
        QVERIFY2(verbose.exitCode == 0, qPrintable(verbose.err));
        QVERIFY2(verbose.err.contains(QLatin1String("verified bundle")), qPrintable(verbose.err));
        QCOMPARE(verbose.out, plain.out);

        const Run quiet = majlisctl({QStringLiteral("-q"), QStringLiteral("--store"), dir.filePath(QStringLiteral("a.sqlite")),
                                     QStringLiteral("bundle"), QStringLiteral("import"), QStringLiteral("/nonexistent.majlisbundle")},
                                    env);
        QCOMPARE(quiet.exitCode, 1);
        QCOMPARE(quiet.err.count(u'\n'), 1);
        QVERIFY2(quiet.err.startsWith(QLatin1String("majlisctl: error: ")), qPrintable(quiet.err));
    }

    // pack build left prompts and empty answers out and said only how many prompts: the notes and
    // the ids of what was left out go to stderr (not with --quiet), the summary stays on stdout.
    void packBuildSaysWhatItLeftOut()
    {
        QTemporaryDir dir;
        const QString csv = QStringLiteral(MAJLIS_FIXTURES_DIR "/pack-build/long/answers.csv");
        const QStringList build{QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("long"), csv,
                                QStringLiteral("-o"), dir.filePath(QStringLiteral("survey.jsonl"))};
        const Run r = majlisctl(build);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QLatin1String("wrote ")) && r.out.contains(QLatin1String("1 prompts with fewer than two answers left out")),
                 qPrintable(r.out));
        QVERIFY2(r.err.contains(QLatin1String("note: left out for fewer than two answers: q3\n")), qPrintable(r.err));
        const Run empty = majlisctl({QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("long"),
                                     QStringLiteral(MAJLIS_FIXTURES_DIR "/pack-build/long/answers.jsonl"), QStringLiteral("-o"),
                                     dir.filePath(QStringLiteral("levant.jsonl"))});
        QVERIFY2(empty.exitCode == 0, qPrintable(empty.err));
        QCOMPARE(empty.err, QStringLiteral("note: 1 empty answer(s) left out\n"));

        const Run quiet = majlisctl(QStringList{QStringLiteral("--quiet")} + build + QStringList{QStringLiteral("--force")});
        QVERIFY2(quiet.exitCode == 0, qPrintable(quiet.err));
        QCOMPARE(quiet.err, QString());
        QCOMPARE(quiet.out, r.out);
    }
};

QTEST_GUILESS_MAIN(TestCtlHelp)
#include "test_ctl_help.moc"
