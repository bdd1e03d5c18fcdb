// majlisctl: the command line over the core. Parses the command words and hands over to
// commands.cpp; nothing else lives here.
#include "commands.h"

#include <QCoreApplication>
#include <QDir>
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
         "pack build --from long|alpaca_eval|mt_bench FILES... -o OUT [--id ID] [--title T] [--dialects a,b] "
         "[--default-dialect D] [--reveal after_vote|never] [--map field=column]... [--questions FILE] [--second-turns]",
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
         "ratings [--pack ID] [--slice dialect|category|group] [--groups FILE] [--bootstrap N] "
         "[--ci bootstrap|sandwich|none] [--include-picked] [--both-bad tie|exclude] [--anchor MODEL] "
         "[--min-votes N] [--format table|json|csv]  |  ratings --battles FILE [...]",
         ctl::ratings},
        {{QStringLiteral("export")}, "export --format arena|csv [-o FILE] [--pack ID] [--include-picked]",
         ctl::exportVotes},
        {{QStringLiteral("agreement")}, "agreement [--pack ID] [--format table|json]", ctl::agreement},
        {{QStringLiteral("bias")}, "bias [--pack ID] [--format table|json]", ctl::bias},
    };
    return list;
}

void usage(QTextStream &s)
{
    s << "usage: majlisctl [--store PATH] COMMAND ...\n\ncommands:\n";
    for (const Command &c : commands())
        s << "  " << c.synopsis << '\n';
    s << "\nThe default store is the desktop app's: "
      << QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) << "/majlis.sqlite\n";
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
    while (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
        const QString opt = args.takeFirst();
        if (opt == QLatin1String("--store") && !args.isEmpty()) {
            storePath = args.takeFirst();
        } else if (opt.startsWith(QLatin1String("--store="))) {
            storePath = opt.mid(8);
        } else if (opt == QLatin1String("--help")) {
            usage(out);
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

    for (const Command &c : commands()) {
        if (args.size() >= c.words.size() && args.mid(0, c.words.size()) == c.words) {
            ctl::Context ctx{args.mid(c.words.size()), storePath, out, err};
            const int code = c.run(ctx);
            out.flush();
            err.flush();
            return code;
        }
    }
    err << "majlisctl: error: " << (args.isEmpty() ? QStringLiteral("no command given")
                                                   : QStringLiteral("unknown command \"%1\"").arg(args.join(u' ')))
        << '\n';
    usage(err);
    return ctl::Usage;
}
