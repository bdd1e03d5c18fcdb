#include "sync/pgstorage.h"

#include "store/eventstore.h"
#include "store/ingestprocedure.h"
#include "sync/pgevents.h"
#include "sync/pgquery.h"
#include "sync/pgvotefacts.h"

#include <functional>
#include <optional>

// PgStorage::ingestEvents and ::importBundle: the ingest of event batches and bundles.
namespace majlis::sync {

using pg::eventFromQuery;
using pg::kEventColumns;
using pg::nullable;
using pg::PgTransaction;
using pg::Query;

namespace {

// The PostgreSQL statements of the one ingest procedure (store/ingestprocedure.h); every
// decision is the procedure's, as for SQLite.
class PgIngestBackend final : public store::BundleImportBackend
{
public:
    explicit PgIngestBackend(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<bool> insertIfAbsent(const Event &e) override
    {
        Query ins(m_db, QStringLiteral("INSERT INTO events (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                       "ON CONFLICT DO NOTHING")
                            .arg(QLatin1String(kEventColumns)));
        ins.bind(e.id).bind(e.workstation).bind(e.seq).bind(e.kind).bind(e.packId).bind(e.itemId);
        ins.bind(nullable(e.comparisonId)).bind(e.annotator).bind(e.createdUtc).bind(nullable(e.supersedes));
        ins.bind(QString::fromStdString(e.payload.dump()));
        if (Status s = ins.exec(); !s)
            return s.error();
        if (ins.rowsAffected() != 1)
            return false;
        // The vote's facts in the same transaction (store/votefacts.h).
        if (Status s = pg::insertVoteFacts(m_db, e); !s)
            return s.error();
        return true;
    }

    Result<std::optional<Event>> eventById(const QString &id) override
    {
        Query q(m_db, QStringLiteral("SELECT %1 FROM events WHERE id = ?").arg(QLatin1String(kEventColumns)));
        if (Status s = q.bind(id).exec(); !s)
            return s.error();
        if (!q.next())
            return absentUnlessFailed<Event>(q);
        auto e = eventFromQuery(q);
        if (!e)
            return e.error();
        return std::optional<Event>(std::move(*e));
    }

    Result<std::optional<QString>> seqHolder(const QString &workstation, qint64 seq) override
    {
        Query q(m_db, QStringLiteral("SELECT id FROM events WHERE workstation = ? AND seq = ?"));
        if (Status s = q.bind(workstation).bind(seq).exec(); !s)
            return s.error();
        if (!q.next())
            return absentUnlessFailed<QString>(q);
        return std::optional<QString>(q.value(0).toString());
    }

    Result<qint64> acknowledgedHint(const QString &workstation) override
    {
        Query q(m_db, QStringLiteral("SELECT contiguous_seq FROM workstation_seq WHERE workstation = ?"));
        if (Status s = q.bind(workstation).exec(); !s)
            return s.error();
        if (q.next())
            return q.value(0).toLongLong();
        if (q.failed())
            return q.error();
        return qint64(0);
    }

    Status visitSeqsAbove(const QString &workstation, qint64 after, const std::function<void(qint64)> &visit) override
    {
        Query walk(m_db, QStringLiteral("SELECT seq FROM events WHERE workstation = ? AND seq > ? ORDER BY seq"));
        if (Status s = walk.bind(workstation).bind(after).exec(); !s)
            return s.error();
        while (walk.next())
            visit(walk.value(0).toLongLong());
        // next() is false on an error too: a cut-off walk must not pass for the whole one.
        if (walk.failed())
            return walk.error();
        return {};
    }

    Status raiseAcknowledgedHint(const QString &workstation, qint64 seq) override
    {
        Query save(m_db, QStringLiteral("INSERT INTO workstation_seq (workstation, contiguous_seq) VALUES (?, ?) "
                                        "ON CONFLICT (workstation) DO UPDATE SET contiguous_seq = "
                                        "GREATEST(workstation_seq.contiguous_seq, excluded.contiguous_seq)"));
        return save.bind(workstation).bind(seq).exec();
    }

    Result<std::optional<PreviousImport>> previousImport(const QString &bundleId) override
    {
        Query q(m_db, QStringLiteral("SELECT sha256, imported_utc FROM bundle_imports WHERE bundle_id = ?"));
        if (Status s = q.bind(bundleId).exec(); !s)
            return s.error();
        if (!q.next())
            return absentUnlessFailed<PreviousImport>(q);
        return std::optional<PreviousImport>(PreviousImport{q.value(0).toString(), q.value(1).toString()});
    }

    Result<std::optional<QByteArray>> registeredKey(const QString &workstation) override
    {
        Query q(m_db, QStringLiteral("SELECT public_key FROM workstation_keys WHERE workstation = ?"));
        if (Status s = q.bind(workstation).exec(); !s)
            return s.error();
        if (!q.next())
            return absentUnlessFailed<QByteArray>(q);
        return std::optional<QByteArray>(QByteArray::fromBase64(q.value(0).toString().toLatin1()));
    }

    Result<bool> insertKeyIfAbsent(const QString &workstation, const QByteArray &publicKey, const QString &registeredBy) override
    {
        Query reg(m_db, QStringLiteral("INSERT INTO workstation_keys (workstation, public_key, registered_by, "
                                       "registered_utc) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
        reg.bind(workstation).bind(QString::fromLatin1(publicKey.toBase64())).bind(registeredBy);
        if (Status s = reg.bind(store::utcNow()).exec(); !s)
            return s.error();
        return reg.rowsAffected() == 1;
    }

    Status recordImport(const store::BundleImportReport &report) override
    {
        const bundle::BundleHeader &header = report.summary.header;
        Query record(m_db, QStringLiteral("INSERT INTO bundle_imports (bundle_id, sha256, workstation, seq_first, "
                                          "seq_last, event_count, accepted, already_known, imported_utc) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        record.bind(header.bundleId).bind(QString::fromLatin1(report.summary.sha256.toHex())).bind(header.workstation);
        record.bind(header.seqFirst).bind(header.seqLast).bind(header.eventCount).bind(report.ingest.accepted);
        record.bind(report.ingest.alreadyKnown).bind(store::utcNow());
        return record.exec();
    }

private:
    template <typename T>
    static Result<std::optional<T>> absentUnlessFailed(const Query &q)
    {
        if (q.failed())
            return q.error();
        return std::optional<T>();
    }

    QSqlDatabase m_db;
};

}  // namespace

Result<store::IngestReport> PgStorage::ingestEvents(const QList<Event> &events)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s.error();
    PgIngestBackend backend(db);
    store::IngestProcedure ingest(backend);
    for (const Event &e : events)
        if (auto outcome = ingest.add(e); !outcome)
            return outcome.error();
    auto report = ingest.finish();
    if (!report)
        return report.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<store::BundleImportReport> PgStorage::importBundle(bundle::VerifiedBundle &bundle, const QString &registeredBy)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    PgTransaction tx(db);
    if (Status s = tx.begun(); !s)
        return s.error();
    PgIngestBackend backend(db);
    auto report = store::importBundle(backend, bundle, registeredBy);
    if (!report || report->alreadyImported)
        return report;
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

}  // namespace majlis::sync
