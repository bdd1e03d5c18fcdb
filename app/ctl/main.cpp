// majlisctl: the command line over the core. Parses the command words and hands over to
// commands.cpp; nothing else lives here.
#include "commands.h"
#include "help.h"

#include "cli/manpage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <cstdio>
#include <functional>

using namespace majlis;

namespace {

struct Command
{
    QStringList words;
    const char *synopsis;
    std::function<int(ctl::Context &)> run;
};

const QList<Command> &commands()
{
    static const QList<Command> list{
        {{QStringLiteral("pack"), QStringLiteral("import")}, "pack import FILE [--pairs-per-item N]", ctl::packImport},
        {{QStringLiteral("pack"), QStringLiteral("validate")}, "pack validate FILE", ctl::packValidate},
        {{QStringLiteral("pack"), QStringLiteral("build")},
         "pack build --from long|alpaca_eval|mt_bench|pandalm|mt-bench-human|arena FILES... -o OUT [--id ID] [--title T] [--dialects a,b] "
         "[--default-dialect D] [--guidelines FILE] [--guidelines-ar FILE] [--labels FILE] [--reveal after_vote|never] [--map field=column]... [--questions FILE] [--second-turns] [--force]",
         ctl::packBuild},
        {{QStringLiteral("pack"), QStringLiteral("list")}, "pack list", ctl::packList},
        {{QStringLiteral("events"), QStringLiteral("export")},
         "events export [--format jsonl] [-o FILE] [--pack ID] [--annotator NAME]", ctl::eventsExport},
        {{QStringLiteral("stats")}, "stats", ctl::stats},
        {{QStringLiteral("bundle"), QStringLiteral("export")}, "bundle export [--all | --since-last] -o FILE",
         ctl::bundleExport},
        {{QStringLiteral("bundle"), QStringLiteral("verify")}, "bundle verify FILE [--trust-new-key]", ctl::bundleVerify},
        {{QStringLiteral("bundle"), QStringLiteral("import")}, "bundle import FILE [--trust-new-key]", ctl::bundleImport},
        {{QStringLiteral("workstation"), QStringLiteral("show")}, "workstation show", ctl::workstationShow},
        {{QStringLiteral("workstation"), QStringLiteral("trust")}, "workstation trust ID KEY|FILE.pub",
         ctl::workstationTrust},
        {{QStringLiteral("workstation"), QStringLiteral("enroll")},
         "workstation enroll --code CODE [--server URL] [--token-file FILE]", ctl::workstationEnroll},
        {{QStringLiteral("sync")},
         "sync [--server URL] [--token-file FILE] [--batch N] [--max-attempts N] [--backoff-ms MS] "
         "(token also from $MAJLIS_TOKEN or the saved sync settings)",
         ctl::sync},
        {{QStringLiteral("ratings")},
         "ratings [--pack ID] [--slice dialect|region|category|group] [--groups FILE] [--slice-min-votes N] [--bootstrap N] "
         "[--ci bootstrap|sandwich|none] [--include-picked] [--both-bad tie|exclude] [--anchor MODEL] "
         "[--anchor-rating R] [--min-votes N] [--format table|json|csv] [--lang en|ar]  |  ratings --battles FILE [...]",
         ctl::ratings},
        {{QStringLiteral("export")}, "export --format arena|csv [-o FILE] [--pack ID] [--include-picked]",
         ctl::exportVotes},
        {{QStringLiteral("agreement")}, "agreement [--pack ID] [--format table|json]", ctl::agreement},
        {{QStringLiteral("bias")}, "bias [--pack ID] [--format table|json]", ctl::bias},
        {{QStringLiteral("votes"), QStringLiteral("import")},
         "votes import --from arena|pandalm|mt-bench-human|long FILE [--pack ID] [--map field=column]... [--skip-unmatched]",
         ctl::votesImport},
    };
    return list;
}

void usage(QTextStream &s)
{
    s << "usage: majlisctl [--store PATH] [--verbose | --quiet] COMMAND ...\n"
         "       majlisctl help [COMMAND]      (or COMMAND --help, COMMAND -h)\n\ncommands:\n";
    for (const Command &c : commands()) {
        const ctl::CommandHelp *help = ctl::helpFor(c.words.join(u' '));
        s << "  " << c.words.join(u' ').leftJustified(20) << ' '
          << (help ? QString::fromUtf8(help->summary) : QString()) << '\n';
    }
    s << "\nglobal options:\n"
         "  --store PATH   the store to work on; default the desktop app's: "
      << QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) << "/majlis.sqlite\n"
      << "  --verbose, -v  also print what the libraries log as they work\n"
         "  --quiet, -q    print nothing on stderr but errors\n"
         "\nOn a terminal, long commands (pack import, validate and build, bundle export, verify and import,\n"
         "events export, ratings) show their progress on stderr after half a second; not when stderr is not\n"
         "a terminal, nor with --quiet.\n"
         "\nenvironment:\n"
         "  MAJLIS_TOKEN              the bearer token of sync and workstation enroll\n"
         "  MAJLIS_PROGRESS_AFTER_MS  the delay before progress shows, default 500\n"
         "  QT_LOGGING_RULES          overrides --verbose/--quiet for the libraries' log lines\n"
         "\nexit codes: 0 success, 1 the command failed (one line on stderr says why), 2 usage error\n";
}

// `help COMMAND`, `COMMAND --help`: the synopsis, what it does, every option, an example and the
// exit codes, from the command table and ctl/helptext.cpp.
void commandUsage(QTextStream &s, const Command &c)
{
    s << "usage: majlisctl [--store PATH] " << c.synopsis << "\n";
    const ctl::CommandHelp *help = ctl::helpFor(c.words.join(u' '));
    if (!help)
        return;
    s << '\n' << QString::fromUtf8(help->summary) << '\n';
    if (*help->details)
        s << '\n' << QString::fromUtf8(help->details) << '\n';
    if (!help->options.isEmpty()) {
        s << "\noptions:\n";
        for (const ctl::OptionHelp &o : help->options)
            s << "  " << QString::fromUtf8(o.spelling) << "\n      " << QString::fromUtf8(o.description) << '\n';
    }
    s << "\nexample:\n";
    for (const QString &line : QString::fromUtf8(help->example).split(u'\n'))
        s << "  " << line << '\n';
    s << "\nexit codes: 0 success, 1 the command failed (one line on stderr says why), 2 usage error\n";
    if (*help->exitCodes)
        s << QString::fromUtf8(help->exitCodes) << '\n';
}

using app::roff;

// majlisctl(1), from the same table and texts as `majlisctl help`: the build writes it with
// `majlisctl --man-page FILE` and installs it (app/ctl/CMakeLists.txt).
QString manPage()
{
    QString s;
    QTextStream m(&s);
    m << ".TH MAJLISCTL 1 \"\" \"majlisctl " << MAJLIS_VERSION << "\" \"Majlis\"\n"
      << ".SH NAME\nmajlisctl \\- the command line of Majlis, community evaluation of language models\n"
      << ".SH SYNOPSIS\n.B majlisctl\n" << roff(QStringLiteral("[--store PATH] [--verbose | --quiet] COMMAND ...")) << "\n.br\n"
      << ".B majlisctl help\n" << roff(QStringLiteral("[COMMAND]")) << '\n'
      << ".SH DESCRIPTION\n"
      << roff(QStringLiteral("majlisctl works on the same event store as the desktop app (by default the app's own, "
                             "or --store PATH): it builds and imports task packs, carries vote bundles, talks to "
                             "the sync server and computes the leaderboard, agreement and bias figures."))
      << '\n'
      << ".SH GLOBAL OPTIONS\n"
      << ".TP\n" << "\\fB\\-\\-store\\fR \\fIPATH\\fR" << "\nthe store to work on; default the desktop app's\n"
      << ".TP\n" << "\\fB\\-\\-verbose\\fR, \\fB\\-v\\fR" << "\nalso print what the libraries log as they work\n"
      << ".TP\n" << "\\fB\\-\\-quiet\\fR, \\fB\\-q\\fR" << "\nprint nothing on stderr but errors; no progress\n"
      << ".SH COMMANDS\n";
    for (const Command &c : commands()) {
        const ctl::CommandHelp *help = ctl::helpFor(c.words.join(u' '));
        m << ".SS \"" << c.words.join(u' ') << "\"\n.B majlisctl\n" << roff(QString::fromUtf8(c.synopsis)) << "\n.PP\n";
        if (!help)
            continue;
        m << roff(QString::fromUtf8(help->summary)) << '\n';
        if (*help->details)
            m << ".PP\n" << roff(QString::fromUtf8(help->details)) << '\n';
        for (const ctl::OptionHelp &o : help->options)
            m << ".TP\n.B " << roff(QString::fromUtf8(o.spelling)) << '\n' << roff(QString::fromUtf8(o.description)) << '\n';
        m << ".PP\nExample:\n.nf\n" << roff(QString::fromUtf8(help->example)) << "\n.fi\n";
        if (*help->exitCodes)
            m << ".PP\nExit codes besides 0, 1 and 2:\n.nf\n" << roff(QString::fromUtf8(help->exitCodes)) << "\n.fi\n";
    }
    m << ".SH ENVIRONMENT\n"
      << ".TP\n.B MAJLIS_TOKEN\nthe bearer token of sync and workstation enroll\n"
      << ".TP\n.B MAJLIS_PROGRESS_AFTER_MS\n"
      << roff(QStringLiteral("the delay before a long command shows its progress on a terminal, default 500"))
      << "\n.TP\n.B QT_LOGGING_RULES\n" << roff(QStringLiteral("overrides --verbose and --quiet for the libraries' log lines"))
      << "\n.SH EXIT STATUS\n0 success, 1 the command failed (one line on stderr says why), 2 usage error; "
         "some commands say more under COMMANDS.\n"
      << ".SH SEE ALSO\n.BR majlis (1),\n.BR majlis-server (1)\n";
    m.flush();
    return s;
}

const Command *findCommand(const QStringList &args)
{
    for (const Command &c : commands())
        if (args.size() >= c.words.size() && args.mid(0, c.words.size()) == c.words)
            return &c;
    return nullptr;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("majlis"));
    QCoreApplication::setOrganizationName(QStringLiteral("majlis"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MAJLIS_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments().mid(1);

    QString storePath;
    enum class Verbosity { Normal, Verbose, Quiet } verbosity = Verbosity::Normal;
    while (!args.isEmpty() && args.first().startsWith(u'-')) {
        // The short spellings of the global options.
        if (args.first() == QLatin1String("-h"))
            args.first() = QStringLiteral("--help");
        else if (args.first() == QLatin1String("-v"))
            args.first() = QStringLiteral("--verbose");
        else if (args.first() == QLatin1String("-q"))
            args.first() = QStringLiteral("--quiet");
        const QString opt = args.takeFirst();
        if (opt == QLatin1String("--store") && !args.isEmpty()) {
            storePath = args.takeFirst();
        } else if (opt.startsWith(QLatin1String("--store="))) {
            storePath = opt.mid(8);
        } else if (opt == QLatin1String("--help")) {
            usage(out);
            return ctl::Ok;
        } else if (opt == QLatin1String("--verbose")) {
            verbosity = Verbosity::Verbose;
        } else if (opt == QLatin1String("--quiet")) {
            verbosity = Verbosity::Quiet;
        } else if (opt == QLatin1String("--man-page") && !args.isEmpty()) {
            QFile page(args.takeFirst());
            if (!page.open(QIODevice::WriteOnly | QIODevice::Truncate) || page.write(manPage().toUtf8()) < 0) {
                err << "majlisctl: error: cannot write " << page.fileName() << ": " << page.errorString() << '\n';
                return ctl::Failed;
            }
            return ctl::Ok;
        } else if (opt == QLatin1String("--version")) {
            out << "majlisctl " << MAJLIS_VERSION << '\n';
            return ctl::Ok;
        } else {
            err << "majlisctl: error: unknown option " << opt << '\n';
            usage(err);
            return ctl::Usage;
        }
    }
    if (storePath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        storePath = dir + QStringLiteral("/majlis.sqlite");
    }

    // The libraries log what they do (majlis.* categories); a command says what matters once, in
    // its own words, so their info lines only repeated it. QT_LOGGING_RULES still wins.
    switch (verbosity) {
    case Verbosity::Normal: QLoggingCategory::setFilterRules(QStringLiteral("majlis.*.debug=false\nmajlis.*.info=false")); break;
    case Verbosity::Verbose: QLoggingCategory::setFilterRules(QStringLiteral("majlis.*=true")); break;
    case Verbosity::Quiet: QLoggingCategory::setFilterRules(QStringLiteral("majlis.*=false")); break;
    }

    if (!args.isEmpty() && args.first() == QLatin1String("help")) {
        const QStringList words = args.mid(1);
        if (words.isEmpty()) {
            usage(out);
            return ctl::Ok;
        }
        const Command *c = findCommand(words);
        if (!c || c->words.size() != words.size()) {
            err << "majlisctl: error: no command \"" << words.join(u' ') << "\"; majlisctl help lists them\n";
            return ctl::Usage;
        }
        commandUsage(out, *c);
        return ctl::Ok;
    }

    if (const Command *c = findCommand(args)) {
        const QStringList rest = args.mid(c->words.size());
        if (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h"))) {
            commandUsage(out, *c);
            return ctl::Ok;
        }
        ctl::Context ctx{rest, storePath, out, err, verbosity == Verbosity::Quiet};
        const int code = c->run(ctx);
        out.flush();
        err.flush();
        return code;
    }
    err << "majlisctl: error: " << (args.isEmpty() ? QStringLiteral("no command given")
                                                   : QStringLiteral("unknown command \"%1\"").arg(args.join(u' ')))
        << '\n';
    usage(err);
    return ctl::Usage;
}
