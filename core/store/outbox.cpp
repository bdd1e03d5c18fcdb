#include "store/outbox.h"

#include "store/bundleimport.h"

#include "store/eventrow.h"

#include "store/eventstore.h"

namespace majlis::store {

Status forEachWorkstationEvent(Database &db, const QString &workstation, qint64 afterSeq, qint64 upToSeq,
                               const std::function<Status(const Event &)> &visit)
{
    static const QByteArray sql = QByteArray("SELECT ") + kEventColumns
                                  + " FROM events WHERE workstation = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq";
    Statement st(db, sql.constData());
    if (!st.valid())
        return st.prepareError();
    st.bind(1, workstation).bind(2, afterSeq).bind(3, upToSeq);
    return visitEventRows(st, visit);
}

Result<qint64> maxSeq(Database &db, const QString &workstation)
{
    Statement st(db, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE workstation = ?1");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, workstation).step();
    if (!row)
        return row.error();
    return st.columnInt(0);
}

Outbox::Outbox(Database &db, QString workstation, QString server)
    : m_db(db), m_workstation(std::move(workstation)), m_server(std::move(server))
{
}

Result<qint64> Outbox::acknowledgedSeq()
{
    Statement st(m_db, "SELECT acked_seq FROM sync_acks WHERE server = ?1");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, m_server).step();
    if (!row)
        return row.error();
    return *row ? st.columnInt(0) : qint64(0);
}

Result<qint64> Outbox::pendingCount()
{
    auto acked = acknowledgedSeq();
    if (!acked)
        return acked.error();
    Statement st(m_db, "SELECT COUNT(*) FROM events WHERE workstation = ?1 AND seq > ?2");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, m_workstation).bind(2, *acked).step();
    if (!row)
        return row.error();
    return st.columnInt(0);
}

Result<QList<Event>> Outbox::pending(int limit)
{
    auto acked = acknowledgedSeq();
    if (!acked)
        return acked.error();
    // A workstation's own seqs are gap-free, so the next `limit` seqs are the next `limit` events.
    QList<Event> out;
    Status s = forEachWorkstationEvent(m_db, m_workstation, *acked, *acked + limit, [&](const Event &e) -> Status {
        out.append(e);
        return {};
    });
    if (!s)
        return s.error();
    return out;
}

Status Outbox::acknowledge(qint64 seq)
{
    Statement st(m_db, "INSERT INTO sync_acks (server, acked_seq, updated_utc) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT (server) DO UPDATE SET acked_seq = excluded.acked_seq, "
                       "updated_utc = excluded.updated_utc WHERE excluded.acked_seq > sync_acks.acked_seq");
    if (!st.valid())
        return st.prepareError();
    return st.bind(1, m_server).bind(2, seq).bind(3, utcNow()).run();
}

Result<qint64> Outbox::exportedSeq()
{
    return lastExportedSeq(m_db);
}

} // namespace majlis::store
