#include "sync/serverstorage.h"

#include "sync/pgstorage.h"
#include "sync/sqlitestorage.h"

namespace majlis::sync {

Result<QList<store::IngestReport>> ServerStorage::ingestEventBatches(const QList<QList<Event>> &batches)
{
    // A storage failure part way leaves the earlier batches committed; their senders get the
    // error and send again, which is safe: ingest is idempotent.
    QList<store::IngestReport> reports;
    for (const QList<Event> &batch : batches) {
        auto report = ingestEvents(batch);
        if (!report)
            return report.error();
        reports.append(std::move(*report));
    }
    return reports;
}

Result<std::unique_ptr<ServerStorage>> openServerStorage(const QString &spec)
{
    if (spec.startsWith(QLatin1String("postgresql://")) || spec.startsWith(QLatin1String("postgres://"))) {
        auto pg = PgStorage::open(spec);
        if (!pg)
            return pg.error();
        return std::unique_ptr<ServerStorage>(std::move(*pg));
    }
    QString path = spec;
    if (path.startsWith(QLatin1String("sqlite:")))
        path = path.mid(7);
    if (path.isEmpty())
        return Error::validation(QStringLiteral("--db sqlite:PATH needs a path"));
    auto lite = SqliteStorage::open(path);
    if (!lite)
        return lite.error();
    return std::unique_ptr<ServerStorage>(std::move(*lite));
}

} // namespace majlis::sync
