// majlis-server: the sync server. Parses the command line and wires storage, handler and HTTP;
// the logic lives in core/sync.
#include "admincommands.h"
#include "manual.h"
#include "cli/optionlist.h"
#include "httpfront.h"
#include "serverconfig.h"

#include "analysis/groups.h"
#include "sync/apihandler.h"
#include "sync/serverstorage.h"
#include "sync/tokens.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <limits>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace majlis;

namespace {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

void usage(QTextStream &s)
{
    s << app::helpText(server::manual());
}

// SIGTERM and SIGINT, turned into a Qt signal through a socket pair (only write() is safe in a
// signal handler).
int g_signalSocket[2] = {-1, -1};

void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalSocket[0], &byte, 1);
}

// Each connection is a file descriptor: let --max-connections fit under the process's limit.
void raiseFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// A positive number option; `value` keeps its default when the option is absent.
template <typename T>
bool takeNumber(QStringList &args, const QString &name, T &value, const server::ConfigFile &config, QTextStream &err)
{
    const auto text = app::take(args, name);
    if (!text)
        return true;
    bool ok = false;
    const qulonglong n = text->toULongLong(&ok);
    if (!ok || n == 0 || n > qulonglong(std::numeric_limits<T>::max()) || n > qulonglong(1) << 31) {
        err << "majlis-server: error: " << name << config.where(name) << " takes a positive whole number\n";
        return false;
    }
    value = T(n);
    return true;
}

int tokenCreate(QStringList args, QTextStream &out, QTextStream &err)
{
    const auto db = app::take(args, QStringLiteral("--db"));
    const auto name = app::take(args, QStringLiteral("--name"));
    const auto roleText = app::take(args, QStringLiteral("--role"));
    if (!db || !name || !roleText || !args.isEmpty() || name->trimmed().isEmpty()) {
        err << "majlis-server: error: token create needs --db, --name and --role and nothing else\n";
        return kUsage;
    }
    const auto role = sync::roleFromString(*roleText);
    if (!role) {
        err << "majlis-server: error: --role takes annotator, reviewer or coordinator\n";
        return kUsage;
    }
    auto storage = server::openStore(*db, QStringLiteral("token create --name %1 --role %2 --db %3").arg(*name, *roleText, *db));
    if (!storage) {
        err << "majlis-server: error: " << storage.error().message << '\n';
        return kFailed;
    }
    const QByteArray token = sync::makeToken();
    if (Status s = (*storage)->addToken(sync::tokenHash(token), *name, *role); !s) {
        err << "majlis-server: error: " << s.error().message << '\n';
        return kFailed;
    }
    err << "token for " << *name << " (" << *roleText << "); it is shown only this once:\n";
    out << token << '\n';
    return kOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("majlis-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MAJLIS_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments().mid(1);
    const bool tokenCommand = args.size() >= 2 && args[0] == QLatin1String("token") && args[1] == QLatin1String("create");
    const bool stationCommand = !args.isEmpty() && args[0] == QLatin1String("workstation");
    // --config FILE: the admin commands take only the store from it, serving takes everything.
    auto config = server::applyConfigFile(args, tokenCommand || stationCommand ? QStringList{QStringLiteral("db")}
                                                                               : server::configNames());
    if (!config) {
        err << "majlis-server: error: " << config.error().message << '\n';
        return config.error().code == Error::Code::Io ? kFailed : kUsage;
    }

    if (tokenCommand)
        return tokenCreate(args.mid(2), out, err);
    if (stationCommand)
        return workstationCommand(args.mid(1), out, err);
    if (args.contains(QStringLiteral("--help"))) {
        usage(out);
        return kOk;
    }
    if (const auto manFile = app::take(args, QStringLiteral("--man-page"))) {
        QFile f(*manFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || f.write(app::manPageText(server::manual(), QStringLiteral(MAJLIS_VERSION)).toUtf8()) < 0) {
            err << "majlis-server: error: cannot write " << *manFile << ": " << f.errorString() << '\n';
            return kFailed;
        }
        return kOk;
    }
    const QString listen = app::take(args, QStringLiteral("--listen")).value_or(QStringLiteral("127.0.0.1:8787"));
    const QString dbSpec = app::take(args, QStringLiteral("--db")).value_or(QStringLiteral("sqlite:majlis-server.sqlite"));
    const auto certFile = app::take(args, QStringLiteral("--cert"));
    const auto keyFile = app::take(args, QStringLiteral("--key"));
    const auto groupsFile = app::take(args, QStringLiteral("--groups"));
    const QString enrollmentText = app::take(args, QStringLiteral("--enrollment")).value_or(QStringLiteral("code"));
    if (enrollmentText != QLatin1String("code") && enrollmentText != QLatin1String("first-use")) {
        err << "majlis-server: error: --enrollment" << config->where(QStringLiteral("--enrollment")) << " takes code or first-use\n";
        return kUsage;
    }
    HttpFront::Limits limits;
    if (!takeNumber(args, QStringLiteral("--max-connections"), limits.maxConnections, *config, err)
        || !takeNumber(args, QStringLiteral("--max-per-client"), limits.maxPerClient, *config, err)
        || !takeNumber(args, QStringLiteral("--timeout"), limits.timeoutSeconds, *config, err)
        || !takeNumber(args, QStringLiteral("--max-header-bytes"), limits.headerBytes, *config, err))
        return kUsage;
    if (!args.isEmpty() || certFile.has_value() != keyFile.has_value()) {
        err << "majlis-server: error: "
            << (args.isEmpty() ? QStringLiteral("--cert and --key go together")
                               : QStringLiteral("unknown argument %1").arg(args.first()))
            << '\n';
        usage(err);
        return kUsage;
    }
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    const QHostAddress host(colon > 0 ? listen.left(colon) : QString());
    if (!portOk || port > 65535 || host.isNull()) {
        err << "majlis-server: error: --listen" << config->where(QStringLiteral("--listen")) << " takes HOST:PORT with a numeric host, e.g. 127.0.0.1:8787\n";
        return kUsage;
    }

    auto storage = server::openStore(dbSpec, QCoreApplication::arguments().mid(1).join(u' '));
    if (!storage) {
        err << "majlis-server: error: " << storage.error().message << '\n';
        return kFailed;
    }
    sync::ApiHandler handler(**storage, enrollmentText == QLatin1String("first-use") ? sync::Enrollment::FirstUse
                                                                                      : sync::Enrollment::Code);
    if (groupsFile) {
        auto groups = analysis::readAnnotatorGroups(*groupsFile);
        if (!groups) {
            err << "majlis-server: error: " << groups.error().message << '\n';
            return kFailed;
        }
        handler.setAnnotatorGroups(std::move(*groups));
    }
    if (Status s = handler.preloadLeaderboard(); !s) {
        err << "majlis-server: error: " << s.error().message << '\n';
        return kFailed;
    }
    std::optional<HttpFront::Tls> tls;
    if (certFile) {
        QFile cf(*certFile), kf(*keyFile);
        for (QFile *f : {&cf, &kf})
            if (!f->open(QIODevice::ReadOnly)) {
                const QString option = f == &cf ? QStringLiteral("--cert") : QStringLiteral("--key");
                err << "majlis-server: error: cannot read " << option << config->where(option) << ' ' << f->fileName() << ": "
                    << f->errorString() << '\n';
                return kFailed;
            }
        tls = HttpFront::Tls{cf.readAll(), kf.readAll()};
        if (!tls->certificatePem.contains("-----BEGIN CERTIFICATE-----")
            || !tls->keyPem.contains("PRIVATE KEY-----")) {
            err << "majlis-server: error: --cert must be a PEM certificate and --key a PEM private key\n";
            return kFailed;
        }
    }
    raiseFileLimit();
    HttpFront front(handler, limits);  // after the handler and storage: destroyed before them
    QString error;
    const quint16 bound = front.listen(host, quint16(port), tls, &error);
    if (bound == 0) {
        err << "majlis-server: error: " << error << '\n';
        return kFailed;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalSocket) != 0) {
        err << "majlis-server: error: cannot set up signal handling\n";
        return kFailed;
    }
    QSocketNotifier stopRequested(g_signalSocket[1], QSocketNotifier::Read);
    QObject::connect(&stopRequested, &QSocketNotifier::activated, &front, [&] {
        stopRequested.setEnabled(false);
        err << "majlis-server: stopping: finishing the requests begun\n";
        err.flush();
        front.shutdown();
    });
    QObject::connect(&front, &HttpFront::drained, &app, &QCoreApplication::quit);
    struct sigaction action{};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    const QString scheme = tls ? QStringLiteral("https") : QStringLiteral("http");
    const QString shownHost =
        host.protocol() == QAbstractSocket::IPv6Protocol ? QLatin1Char('[') + host.toString() + QLatin1Char(']') : host.toString();
    out << "majlis-server " << MAJLIS_VERSION << " (" << (*storage)->kind() << ") listening on " << scheme << "://"
        << shownHost << ':' << bound << '\n';
    out.flush();
    return app.exec();
}
