#include "store/eventstore.h"
#include "store/votefacts.h"

#include "common/logging.h"
#include "common/uuid.h"
#include "pack/packparse.h"
#include "store/bodycodec.h"
#include "store/eventrow.h"
#include "store/schema.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <vector>

namespace majlis::store {

QString utcNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

EventStore::EventStore(QString path, Database db, std::unique_ptr<QLockFile> lock)
    : m_path(std::move(path)), m_db(std::move(db)), m_writerLock(std::move(lock))
{
}

EventStore::~EventStore() = default;

Error writerLockRefusal(const QLockFile &lock, const QString &path, const QString &what)
{
    const QString folder = QFileInfo(path).absolutePath();
    switch (lock.error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host, app;
        if (lock.getLockInfo(&pid, &host, &app) && pid > 0)
            return Error::conflict(QStringLiteral("the %1 %2 is already open for writing by %3 (process %4 on %5); "
                                                  "close it there first")
                                       .arg(what, path, app.isEmpty() ? QStringLiteral("another program") : app)
                                       .arg(pid)
                                       .arg(host));
        return Error::conflict(QStringLiteral("the %1 %2 is locked for writing by another program (%3.writer-lock); "
                                              "close it there first")
                                   .arg(what, path, path));
    }
    case QLockFile::PermissionError:
        return Error::io(QStringLiteral("cannot write in %1 (read-only, or no permission): the %2 %3 needs a writable "
                                        "folder for its lock file and journal")
                             .arg(folder, what, path));
    case QLockFile::UnknownError:
    case QLockFile::NoError: break;
    }
    return Error::io(QStringLiteral("cannot create the lock file of the %1 %2 in %3: is the disk full?")
                         .arg(what, path, folder));
}

Result<std::unique_ptr<EventStore>> EventStore::open(const QString &path, Mode mode)
{
    std::unique_ptr<QLockFile> lock;
    if (mode == Mode::ReadWrite) {
        lock = std::make_unique<QLockFile>(path + QStringLiteral(".writer-lock"));
        lock->setStaleLockTime(0);  // a lock whose process is gone (kill -9) is stale at once
        if (!lock->tryLock(2000))
            return writerLockRefusal(*lock, path, QStringLiteral("store"));
    } else if (!QFileInfo::exists(path)) {
        return Error::notFound(QStringLiteral("no store at %1").arg(path));
    }

    auto db = Database::open(path, mode == Mode::ReadOnly);
    if (!db)
        return db.error();
    if (mode == Mode::ReadWrite) {
        if (Status s = prepareConnection(*db); !s)
            return Error{s.error().code, QStringLiteral("%1: %2").arg(path, s.error().message)};
        if (Status s = migrate(*db); !s)
            return Error{s.error().code, QStringLiteral("%1: %2").arg(path, s.error().message)};
    } else if (Status s = db->exec("PRAGMA query_only=ON"); !s) {
        return s.error();
    } else if (Status s = checkStoreFile(*db); !s) {
        return Error{s.error().code, QStringLiteral("%1: %2").arg(path, s.error().message)};
    }

    std::unique_ptr<EventStore> store(new EventStore(path, std::move(*db), std::move(lock)));
    if (Status s = store->loadIdentity(); !s)
        return s.error();
    return store;
}

Status EventStore::loadIdentity()
{
    {
        Statement get(m_db, "SELECT value FROM meta WHERE key = 'workstation_id'");
        if (!get.valid())
            return get.prepareError();
        auto row = get.step();
        if (!row)
            return row.error();
        if (*row)
            m_workstation = get.columnText(0);
    }
    if (m_workstation.isEmpty()) {
        if (!m_writerLock)
            return Error::notFound(QStringLiteral("the store %1 has no workstation id yet").arg(m_path));
        m_workstation = makeUuidV7();
        Statement put(m_db, "INSERT INTO meta (key, value) VALUES ('workstation_id', ?1)");
        if (Status s = put.bind(1, m_workstation).run(); !s)
            return s;
    }
    Statement seq(m_db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE workstation = ?1");
    if (!seq.valid())
        return seq.prepareError();
    seq.bind(1, m_workstation);
    auto row = seq.step();
    if (!row)
        return row.error();
    m_nextSeq = seq.columnInt(0);
    return {};
}

Result<QList<PackSummary>> EventStore::packs()
{
    Statement st(m_db, "SELECT p.id, p.title, p.item_count, p.imported_utc, "
                       "p.comparison_count FROM packs p ORDER BY p.id");
    return readRows<PackSummary>(st, [](const Statement &row) {
        return PackSummary{row.columnText(0), row.columnText(1), row.columnInt(2), row.columnInt(4), row.columnText(3)};
    });
}

Result<PackHeader> EventStore::packHeader(const QString &packId)
{
    if (const auto cached = m_headers.constFind(packId); cached != m_headers.cend())
        return *cached;
    Statement st(m_db, "SELECT header FROM packs WHERE id = ?1");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, packId).step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::notFound(QStringLiteral("no pack \"%1\" in the store").arg(packId));
    auto header = pack::parseHeader(st.columnBytes(0), QStringLiteral("stored pack %1").arg(packId));
    if (header)
        m_headers.insert(packId, *header);
    return header;
}

Result<Item> EventStore::item(const QString &packId, const QString &itemId)
{
    auto header = packHeader(packId);
    if (!header)
        return header.error();
    Statement st(m_db, "SELECT body, line FROM items WHERE pack_id = ?1 AND id = ?2");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, packId).bind(2, itemId).step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::notFound(QStringLiteral("no item \"%1\" in pack \"%2\"").arg(itemId, packId));
    return decodeStoredItem(st.columnBlob(0), *header, itemId, st.columnInt(1));
}

Result<QList<ComparisonRef>> EventStore::comparisons(const QString &packId)
{
    // Read from the items_pairs index alone (schema 6), in its order: item ids as their bytes compare, each
    // item's pairs as imported. Schedules do not depend on this order (blind/schedule.h).
    Statement st(m_db, kComparisonsSql);
    if (!st.valid())
        return st.prepareError();
    st.bind(1, packId);
    QList<ComparisonRef> out;
    {
        // Room for them all when the pack says how many pairs each item has (0: all pairs).
        Statement size(m_db, "SELECT item_count * pairs_per_item FROM packs WHERE id = ?1");
        if (auto row = size.bind(1, packId).step(); row && *row)
            out.reserve(qsizetype(std::clamp<qint64>(size.columnInt(0), 0, qint64(1) << 24)));
    }
    Status read = forEachRow(st, [&](const Statement &row) -> Status {
        const QByteArray item = row.columnBytes(0);
        const QString itemId = QString::fromUtf8(item);
        const QByteArray pairs = row.columnBytes(1);
        for (qsizetype from = 0; from < pairs.size();) {
            qsizetype to = pairs.indexOf(' ', from);
            if (to < 0)
                to = pairs.size();
            const QByteArrayView pair = QByteArrayView(pairs).sliced(from, to - from);
            from = to + 1;
            if (pair.isEmpty())
                continue;
            const qsizetype dash = pair.indexOf('-');
            bool okA = false, okB = false;
            const int a = dash > 0 ? pair.first(dash).toInt(&okA) : 0;
            const int b = dash > 0 ? pair.sliced(dash + 1).toInt(&okB) : 0;
            if (!okA || !okB || a < 0 || b < 0 || a == b)
                return Error::sql(QStringLiteral("stored item \"%1\" of pack \"%2\" has a damaged pair list \"%3\"")
                                      .arg(itemId, packId, QString::fromLatin1(pairs)));
            QString id;
            id.reserve(itemId.size() + 1 + pair.size());
            id += itemId;
            id += QLatin1Char('/');
            id += QLatin1String(pair);
            out.append(ComparisonRef{std::move(id), itemId, a, b});
        }
        return Status();
    });
    if (!read)
        return read.error();
    return out;
}

Result<qint64> EventStore::annotatorSeed(const QString &name)
{
    if (name.trimmed().isEmpty())
        return Error::validation(QStringLiteral("an annotator needs a name"));
    Statement get(m_db, "SELECT placement_seed FROM annotators WHERE name = ?1");
    if (!get.valid())
        return get.prepareError();
    auto row = get.bind(1, name).step();
    if (!row)
        return row.error();
    if (*row)
        return get.columnInt(0);
    get.reset();
    const qint64 seed = qint64(QRandomGenerator::system()->generate64() >> 1);
    Statement put(m_db, "INSERT INTO annotators (name, placement_seed, created_utc) VALUES (?1, ?2, ?3)");
    if (Status s = put.bind(1, name).bind(2, seed).bind(3, utcNow()).run(); !s)
        return s.error();
    return seed;
}

Result<QStringList> EventStore::annotators()
{
    Statement st(m_db, "SELECT name FROM annotators ORDER BY name");
    return readRows<QString>(st, [](const Statement &row) { return row.columnText(0); });
}

Result<Event> EventStore::append(Event draft)
{
    std::vector<Event> one;
    one.push_back(std::move(draft));
    auto stored = appendAll(std::move(one));
    if (!stored)
        return stored.error();
    return std::move(stored->front());
}

Result<std::vector<Event>> EventStore::appendAll(std::vector<Event> drafts)
{
    if (!m_writerLock)
        return Error::internal(QStringLiteral("the store %1 is open read-only").arg(m_path));
    Statement st(m_db, "INSERT INTO events (id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, "
                       "created_utc, supersedes, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!st.valid())
        return st.prepareError();
    // The events and their vote facts in one transaction, durable (synchronous=FULL) at the commit.
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    VoteFactsWriter facts(m_db);
    qint64 seq = m_nextSeq;
    for (Event &draft : drafts) {
        if (draft.id.isEmpty())
            draft.id = makeUuidV7();
        draft.workstation = m_workstation;
        draft.seq = seq++;
        draft.createdUtc = utcNow();
        st.bind(1, draft.id).bind(2, draft.workstation).bind(3, draft.seq).bind(4, draft.kind).bind(5, draft.packId);
        st.bind(6, draft.itemId).bindOptional(7, draft.comparisonId).bind(8, draft.annotator).bind(9, draft.createdUtc);
        st.bindOptional(10, draft.supersedes).bind(11, QByteArray::fromStdString(draft.payload.dump()));
        if (Status s = st.run(); !s)
            return s.error();
        if (Status s = facts.add(draft); !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    m_nextSeq = seq;
    for (const Event &e : drafts)
        qCInfo(lcStore).noquote() << "committed event" << e.id << QStringLiteral("kind=%1").arg(e.kind);
    return drafts;
}

Status EventStore::forEachEvent(const std::function<void(const Event &)> &visit, const QString &packId,
                                const QString &annotator, const QSet<QString> *payloadKinds)
{
    return store::forEachEvent(m_db, visit, packId, annotator, payloadKinds);
}

Status EventStore::forEachEventHead(const std::function<void(const EventHead &)> &visit, const QString &packId,
                                    const QString &annotator, const QSet<QString> &fullKinds)
{
    Statement st(m_db, eventsInCastOrderSql(true, true));
    if (!st.valid())
        return st.prepareError();
    st.bind(1, packId).bind(2, annotator);
    std::vector<QByteArray> full;
    for (const QString &kind : fullKinds)
        full.push_back(kind.toUtf8());
    return forEachRow(st, [&](const Statement &row) -> Status {
        EventHead head{row.columnView(0), row.columnView(3), row.columnView(6)};
        const bool whole = std::any_of(full.cbegin(), full.cend(), [&](const QByteArray &k) {
            return head.kind == std::string_view(k.constData(), std::size_t(k.size()));
        });
        if (!whole) {
            visit(head);
            return Status();
        }
        auto e = eventFromRow(row, true);
        if (!e)
            return e.error();
        head.full = &*e;
        visit(head);
        return Status();
    });
}

Result<Event> EventStore::event(const QString &id)
{
    return store::eventById(m_db, id);
}

Result<QSet<QString>> EventStore::supersededIds(const QString &packId, const QString &annotator)
{
    return store::supersededIds(m_db, packId, annotator);
}

Result<QList<Event>> EventStore::events(const QString &packId, const QString &annotator)
{
    QList<Event> out;
    if (Status s = forEachEvent([&](const Event &e) { out.append(e); }, packId, annotator); !s)
        return s.error();
    return out;
}

Result<StoreStats> EventStore::stats()
{
    StoreStats s;
    for (auto [sql, out] : {std::pair{"SELECT COUNT(*) FROM packs", &s.packs},
                            std::pair{"SELECT COUNT(*) FROM items", &s.items},
                            std::pair{"SELECT COALESCE(SUM(comparison_count), 0) FROM packs", &s.comparisons},
                            std::pair{"SELECT COUNT(*) FROM events", &s.events}}) {
        auto n = m_db.queryInt(sql);
        if (!n)
            return n.error();
        *out = *n;
    }
    Statement kinds(m_db, "SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind");
    Statement live(m_db, "SELECT annotator, COUNT(*) FROM events v WHERE kind = 'vote' AND NOT EXISTS "
                         "(SELECT 1 FROM events u WHERE u.supersedes = v.id) GROUP BY annotator ORDER BY annotator");
    for (auto [st, map] : {std::pair{&kinds, &s.eventsByKind}, std::pair{&live, &s.liveVotesByAnnotator}}) {
        if (!st->valid())
            return st->prepareError();
        for (;;) {
            auto row = st->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            map->insert(st->columnText(0), st->columnInt(1));
        }
    }
    return s;
}

Result<bool> EventStore::hasVoteFacts()
{
    auto version = m_db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    return *version >= 7;
}

Result<qint64> EventStore::eventCount()
{
    return m_db.queryInt("SELECT COALESCE(MAX(rowid), 0) FROM events");
}

Status EventStore::forEachStoredVote(const std::function<void(const StoredVoteView &)> &visit, const QString &packId)
{
    return store::forEachStoredVote(m_db, visit, packId);
}

Status EventStore::forEachSupersededId(const std::function<void(const QString &)> &visit, const QString &packId)
{
    return store::forEachSupersededId(m_db, visit, packId);
}

Status EventStore::forEachEventOfKind(const QString &kind, const std::function<void(const Event &)> &visit,
                                      const QString &packId)
{
    return store::forEachEventOfKind(m_db, kind, visit, packId);
}

} // namespace majlis::store
