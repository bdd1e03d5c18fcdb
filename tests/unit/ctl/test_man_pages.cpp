// majlis-server(1) and majlis(1) are written by the programs from the texts of their --help
// (app/cli/manpage.h): each option --help lists is in the page, groff reads it without a warning,
// and rendered an option reads as typed. majlisctl(1) has its own test (test_ctl_help).
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "../../common/manpagecheck.h"

namespace {

struct Run
{
    int exitCode = -1;
    QString out, err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));  // the desktop's --help
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

// The option spellings a --help text lists: "--listen", "--db" …
QStringList optionsIn(const QString &help)
{
    QStringList options;
    static const QRegularExpression option(QStringLiteral("(?<![\\w-])--[a-z][a-z-]+"));
    for (auto it = option.globalMatch(help); it.hasNext();) {
        const QString o = it.next().captured();
        if (!options.contains(o))
            options << o;
    }
    return options;
}

} // namespace

class TestManPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pageHasWhatHelpSays_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("rendered");  // a line of the rendered page, as typed
        QTest::newRow("majlis-server") << QStringLiteral(MAJLIS_SERVER) << QStringLiteral("MAJLIS-SERVER")
                                       << QStringLiteral("--max-per-client N");
        QTest::newRow("majlis") << QStringLiteral(MAJLIS_DESKTOP) << QStringLiteral("MAJLIS") << QStringLiteral("--annotator NAME");
    }

    void pageHasWhatHelpSays()
    {
        QFETCH(QString, program);
        QFETCH(QString, title);
        QFETCH(QString, rendered);
        QTemporaryDir dir;
        const QString page = dir.filePath(QStringLiteral("page.1"));
        const Run made = run(program, {QStringLiteral("--man-page"), page});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QFile file(page);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral(".TH %1 1 ").arg(title)));
        const Run help = run(program, {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const QStringList options = optionsIn(help.out);
        QVERIFY2(options.size() >= 4, qPrintable(help.out));
        for (const QString &o : options)
            QVERIFY2(text.contains(QString(o).replace(u'-', QLatin1String("\\-"))), qPrintable(o));
        QVERIFY(text.contains(QLatin1String(".SH SEE ALSO")));

        const QString warnings = majlis::testing::groffWarnings(page);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
        QVERIFY(majlis::testing::renderedManPage(page).contains(rendered));
    }

    // The server's --help wraps: no line is wider than 100 columns.
    void serverHelpFitsTheTerminal()
    {
        const Run help = run(QStringLiteral(MAJLIS_SERVER), {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const QString &line : help.out.split(u'\n'))
            QVERIFY2(line.size() <= 100, qPrintable(line));
        QVERIFY(help.out.startsWith(QLatin1String("usage: majlis-server [--config FILE] [--listen HOST:PORT]")));
    }
};

QTEST_GUILESS_MAIN(TestManPages)
#include "test_man_pages.moc"
