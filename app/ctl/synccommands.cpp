// majlisctl sync and workstation enroll: talk to a server as this store's workstation, headless
// (core/sync SyncClient).
#include "commands.h"
#include "options.h"

#include "store/eventstore.h"
#include "store/outbox.h"
#include "store/workstationregistry.h"
#include "sync/protocol.h"
#include "sync/enrollclient.h"
#include "sync/syncclient.h"
#include "sync/syncsettings.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>


namespace majlis::ctl {

namespace {

struct ServerAccess
{
    QUrl server;
    QByteArray token;
};

// The server and token, from the options or the store's saved sync settings. A token is read
// from --token-file or $MAJLIS_TOKEN so that it never shows in `ps`; --token still works, with
// a warning.
Result<ServerAccess> serverAccess(Context &ctx, Options &o)
{
    const auto server = o.take(QStringLiteral("--server"));
    const auto token = o.take(QStringLiteral("--token"));
    const auto tokenFile = o.take(QStringLiteral("--token-file"));
    auto saved = sync::loadSyncSettings(ctx.storePath);
    if (!saved)
        return saved.error();
    ServerAccess access;
    if (server) {
        auto url = sync::parseServerUrl(*server);
        if (!url)
            return Error::validation(QStringLiteral("--server: %1").arg(url.error().message));
        access.server = *url;
    } else if (*saved) {
        access.server = (*saved)->server;
    }
    if (tokenFile) {
        QFile f(*tokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return Error::io(QStringLiteral("cannot read --token-file %1: %2").arg(*tokenFile, f.errorString()));
        access.token = f.readAll().trimmed();
    } else if (const QByteArray env = qgetenv("MAJLIS_TOKEN"); !env.isEmpty()) {
        access.token = env.trimmed();
    } else if (token) {
        ctx.err << "majlisctl: warning: --token is visible to other users of this machine (ps); use --token-file "
                   "FILE or MAJLIS_TOKEN\n";
        access.token = token->toUtf8();
    } else if (*saved) {
        access.token = (*saved)->token;
    }
    if (access.server.isEmpty() || access.token.isEmpty())
        return Error::validation(QStringLiteral("needs a server and a token: --server URL with --token-file FILE (or "
                                                "MAJLIS_TOKEN), or the sync settings saved in the desktop app"));
    return access;
}

} // namespace

int sync(Context &ctx)
{
    Options o(ctx.args);
    auto access = serverAccess(ctx, o);
    const QString batch = o.take(QStringLiteral("--batch")).value_or(QStringLiteral("500"));
    const QString attempts = o.take(QStringLiteral("--max-attempts")).value_or(QStringLiteral("6"));
    const QString backoff = o.take(QStringLiteral("--backoff-ms")).value_or(QStringLiteral("1000"));
    if (auto bad = o.unknownOption()) {
        ctx.err << "majlisctl: error: unknown option " << *bad << '\n';
        return Usage;
    }
    bool ok1 = false, ok2 = false, ok3 = false;
    sync::SyncOptions options;
    options.batchSize = batch.toInt(&ok1);
    const int maxAttempts = attempts.toInt(&ok2);
    options.firstBackoff = std::chrono::milliseconds(backoff.toInt(&ok3));
    if (!access || !o.positional().isEmpty() || !ok1 || !ok2 || !ok3 || maxAttempts < 1 || options.batchSize < 1) {
        ctx.err << "majlisctl: error: " << (access ? QStringLiteral("bad arguments") : access.error().message)
                << "\nusage: majlisctl sync [--server URL] [--token-file FILE] [--batch N] [--max-attempts N] "
                   "[--backoff-ms MS]\n";
        return Usage;
    }
    const QUrl url = access->server;
    options.server = url;
    options.token = access->token;
    options.maxBackoff = std::max(options.firstBackoff, std::chrono::milliseconds(30000));

    auto store = store::EventStore::open(ctx.storePath);
    if (!store) {
        ctx.err << "majlisctl: error: " << store.error().message << '\n';
        return Failed;
    }
    auto key = store::workstationKey(**store);
    if (!key) {
        ctx.err << "majlisctl: error: " << key.error().message << '\n';
        return Failed;
    }
    options.key = std::make_shared<const bundle::WorkstationKey>(std::move(*key));
    store::Outbox outbox((*store)->database(), (*store)->workstationId(), url.toString(QUrl::StripTrailingSlash));
    sync::SyncClient client(outbox, options);
    QEventLoop loop;
    bool done = false;
    QObject::connect(&client, &sync::SyncClient::synced, &loop, [&] {
        done = true;
        loop.quit();
    });
    QObject::connect(&client, &sync::SyncClient::stalled, &loop, [&] { loop.quit(); });
    QObject::connect(&client, &sync::SyncClient::failed, &loop, [&](const QString &message) {
        ctx.err << "majlisctl: sync attempt " << client.consecutiveFailures() << " failed: " << message << '\n';
        ctx.err.flush();
        if (client.consecutiveFailures() >= maxAttempts)
            loop.quit();
    });
    client.syncNow();
    if (!done && !client.isStalled() && client.consecutiveFailures() < maxAttempts)
        loop.exec();
    auto acked = outbox.acknowledgedSeq();
    if (done) {
        ctx.out << "synced with " << url.toDisplayString() << ": acknowledged up to seq " << (acked ? *acked : 0)
                << ", nothing pending\n";
        return Ok;
    }
    ctx.err << "majlisctl: error: " << client.pending() << " events left unacknowledged on "
            << url.toDisplayString() << " (acknowledged up to seq " << (acked ? *acked : 0)
            << "): " << client.lastError() << '\n';
    return Failed;
}

int workstationEnroll(Context &ctx)
{
    Options o(ctx.args);
    auto access = serverAccess(ctx, o);
    const auto code = o.take(QStringLiteral("--code"));
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (!access || !code || !o.positional().isEmpty())
        return usageError(ctx, (access ? QString() : access.error().message + QStringLiteral("; "))
                                   + QStringLiteral("workstation enroll needs --code CODE (from a coordinator's "
                                                    "`majlis-server workstation invite`)"));
    auto store = store::EventStore::open(ctx.storePath);
    if (!store)
        return fail(ctx, store.error().message);
    auto key = store::workstationKey(**store);
    if (!key)
        return fail(ctx, key.error().message);
    auto shared = std::make_shared<const bundle::WorkstationKey>(std::move(*key));
    sync::EnrollClient client;
    QEventLoop loop;
    sync::EnrollClient::Outcome outcome{};
    QString detail;
    QObject::connect(&client, &sync::EnrollClient::finished, &loop,
                     [&](sync::EnrollClient::Outcome o, const QString &d) {
                         outcome = o;
                         detail = d;
                         loop.quit();
                     });
    client.enroll(access->server, access->token, (*store)->workstationId(), shared, *code);
    loop.exec();
    if (!sync::EnrollClient::succeeded(outcome))
        return fail(ctx, QStringLiteral("enrollment refused: %1").arg(detail));
    ctx.out << "workstation " << (*store)->workstationId() << " enrolled on " << access->server.toDisplayString()
            << (outcome == sync::EnrollClient::Outcome::AlreadyEnrolled ? " (it already was)" : "") << " with key "
            << shared->publicKeyBase64() << '\n';
    return Ok;
}

} // namespace majlis::ctl
