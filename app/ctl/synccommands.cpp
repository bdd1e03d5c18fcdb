// majlisctl sync: push this store's outbox to a server, headless (core/sync SyncClient).
#include "commands.h"
#include "options.h"

#include "store/eventstore.h"
#include "store/outbox.h"
#include "sync/syncclient.h"

#include <QEventLoop>

namespace majlis::ctl {

int sync(Context &ctx)
{
    Options o(ctx.args);
    const auto server = o.take(QStringLiteral("--server"));
    const auto token = o.take(QStringLiteral("--token"));
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
    const QUrl url(server.value_or(QString()), QUrl::StrictMode);
    if (!server || !token || !url.isValid() || url.scheme().isEmpty() || !o.positional().isEmpty() || !ok1 || !ok2
        || !ok3 || maxAttempts < 1 || options.batchSize < 1) {
        ctx.err << "majlisctl: error: sync needs --server URL and --token T "
                   "[--batch N] [--max-attempts N] [--backoff-ms MS]\n";
        return Usage;
    }
    options.server = url;
    options.token = token->toUtf8();
    options.maxBackoff = std::max(options.firstBackoff, std::chrono::milliseconds(30000));

    auto store = store::EventStore::open(ctx.storePath);
    if (!store) {
        ctx.err << "majlisctl: error: " << store.error().message << '\n';
        return Failed;
    }
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

} // namespace majlis::ctl
