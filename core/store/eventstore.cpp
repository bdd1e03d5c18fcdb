#include "store/eventstore.h"

#include "common/boundedqueue.h"
#include "common/json.h"
#include "common/logging.h"
#include "common/uuid.h"
#include "pack/packreader.h"
#include "store/eventrow.h"
#include "store/schema.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QScopeGuard>

#include <sodium.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <random>
#include <thread>

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

namespace {

// Item bodies are zstd frames; stores written before that hold qCompress blobs, which start with
// a big-endian length and never with zstd's magic number.
constexpr unsigned char kZstdMagic[4] = {0x28, 0xb5, 0x2f, 0xfd};

class BodyCompressor
{
public:
    // zstd's fastest regular level less one: on item lines of a few kilobytes it compresses as
    // well as level 1 (measured on the bench pack: 0.01% larger) in less time.
    static constexpr int kLevel = -1;
    BodyCompressor() : m_context(ZSTD_createCCtx()) {}
    ~BodyCompressor() { ZSTD_freeCCtx(m_context); }
    Q_DISABLE_COPY_MOVE(BodyCompressor)

    QByteArray compress(const QByteArray &body)
    {
        QByteArray out(qsizetype(ZSTD_compressBound(size_t(body.size()))), Qt::Uninitialized);
        const size_t n = ZSTD_compressCCtx(m_context, out.data(), size_t(out.size()), body.constData(),
                                           size_t(body.size()), kLevel);
        if (ZSTD_isError(n))
            return {}; // only for a bound that is too small, which ZSTD_compressBound rules out
        out.truncate(qsizetype(n));
        out.squeeze();
        return out;
    }

private:
    ZSTD_CCtx *m_context;
};

std::optional<QByteArray> decompressBody(const QByteArray &stored)
{
    if (stored.size() < 4 || memcmp(stored.constData(), kZstdMagic, 4) != 0) {
        QByteArray body = qUncompress(stored);
        return body.isEmpty() ? std::nullopt : std::optional<QByteArray>(std::move(body));
    }
    const unsigned long long size = ZSTD_getFrameContentSize(stored.constData(), size_t(stored.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31))
        return std::nullopt;
    QByteArray body(qsizetype(size), Qt::Uninitialized);
    const size_t n = ZSTD_decompress(body.data(), size_t(body.size()), stored.constData(), size_t(stored.size()));
    if (ZSTD_isError(n) || n != size)
        return std::nullopt;
    return body;
}

QList<std::pair<int, int>> choosePairs(const QString &packId, const QString &itemId, int candidates, int budget)
{
    QList<std::pair<int, int>> pairs;
    for (int a = 0; a < candidates; ++a)
        for (int b = a + 1; b < candidates; ++b)
            pairs.append({a, b});
    if (budget > 0 && budget < pairs.size()) {
        // Reproducible on every workstation: seeded by the pack and item ids, not by a clock.
        const QByteArray key = packId.toUtf8() + '\0' + itemId.toUtf8();
        const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
        std::seed_seq seed(digest.cbegin(), digest.cend());
        std::mt19937_64 rng(seed);
        std::shuffle(pairs.begin(), pairs.end(), rng);
        pairs.resize(budget);
        std::sort(pairs.begin(), pairs.end());
    }
    return pairs;
}

} // namespace

Result<ImportReport> EventStore::importPack(const QString &file, const ImportOptions &options)
{
    auto reader = pack::PackReader::open(file);
    if (!reader)
        return reader.error();
    (*reader)->setPairBudget(options.pairsPerItem);
    const PackHeader &header = (*reader)->header();

    ImportReport report;
    report.packId = header.id;

    QString storedHash;
    {
        Statement find(m_db, "SELECT content_sha256 FROM packs WHERE id = ?1");
        if (!find.valid())
            return find.prepareError();
        auto row = find.bind(1, header.id).step();
        if (!row)
            return row.error();
        if (*row)
            storedHash = find.columnText(0);
    }

    // Validation and insertion happen in one pass inside one transaction: the first error rolls
    // everything back, so a bad pack leaves the store exactly as it was.
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();

    const bool store = storedHash.isEmpty();
    Statement insertPack(m_db, "INSERT INTO packs (id, title, header, content_sha256, item_count, pairs_per_item, "
                               "source_path, imported_utc) VALUES (?1, ?2, ?3, '', 0, ?4, ?5, ?6)");
    Statement insertItem(m_db, "INSERT INTO items (pack_id, id, line, body, pairs) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const Statement *st : {&insertPack, &insertItem})
        if (!st->valid())
            return st->prepareError();

    if (store) {
        insertPack.bind(1, header.id).bind(2, header.title).bind(3, (*reader)->headerLine());
        insertPack.bind(4, options.pairsPerItem).bind(5, QFileInfo(file).absoluteFilePath()).bind(6, utcNow());
        if (Status s = insertPack.run(); !s)
            return s.error();
    }

    // Stages on their own threads, so a large pack keeps both cores busy: reading and validating
    // lines (a worker), which also hands them to a hasher (a worker); compressing them and
    // choosing their pairs (a worker); storing (this thread, the store's one writer). Each stage hands the next
    // only what it needs, and frees what it made itself. The queues are bounded: memory stays
    // flat. Items travel in batches: one wake-up per batch, not per item.
    struct Line // from the reader to the preparer
    {
        std::optional<Error> error; // a bad line: the import stops there
        QString itemId;
        qint64 lineNumber = 0;
        int candidates = 0;
        QByteArray rawLine;
    };
    struct Prepared // from the preparer to the store
    {
        std::optional<Error> error;
        QByteArray itemIdUtf8;
        qint64 lineNumber = 0;
        QByteArray compressedBody;
        QByteArray pairs; // "0-1 0-2 1-2"
        qsizetype pairCount = 0;
    };
    constexpr size_t kBatch = 64;
    BoundedQueue<std::vector<Line>> lines(8);
    BoundedQueue<std::vector<Prepared>> prepared(8);
    QByteArray digestBytes(crypto_hash_sha256_BYTES, Qt::Uninitialized);
    pack::PackReader *source = reader->get();
    BoundedQueue<QByteArrayList> toHash(16);
    std::thread hasher([&toHash, &digestBytes, headerLine = (*reader)->headerLine()] {
        crypto_hash_sha256_state hash;
        crypto_hash_sha256_init(&hash);
        auto add = [&hash](const QByteArray &line) {
            crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char *>(line.constData()),
                                      static_cast<unsigned long long>(line.size()));
            crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char *>("\n"), 1);
        };
        add(headerLine);
        while (auto batch = toHash.pop())
            for (const QByteArray &line : std::as_const(*batch))
                add(line);
        crypto_hash_sha256_final(&hash, reinterpret_cast<unsigned char *>(digestBytes.data()));
    });
    std::thread parser([source, &lines, &toHash] {
        std::vector<Line> batch;
        QByteArrayList hashBatch;
        batch.reserve(kBatch);
        for (;;) {
            auto next = source->next();
            if (!next) {
                batch.push_back({next.error(), {}, 0, 0, {}});
                break;
            }
            if (!next->has_value())
                break;
            pack::ItemRecord &record = **next;
            hashBatch.append(record.rawLine); // implicitly shared: no copy
            batch.push_back({std::nullopt, record.item.id, record.lineNumber, int(record.item.candidates.size()),
                             std::move(record.rawLine)});
            if (batch.size() == kBatch) {
                if (!toHash.push(std::exchange(hashBatch, {})) || !lines.push(std::exchange(batch, {})))
                    break; // the storing side gave up
                batch.reserve(kBatch);
            }
        }
        if (!hashBatch.isEmpty())
            toHash.push(std::move(hashBatch));
        if (!batch.empty())
            lines.push(std::move(batch));
        toHash.close();
        lines.close();
    });
    std::thread preparer([&lines, &prepared, packId = header.id, pairsPerItem = options.pairsPerItem] {
        BodyCompressor compressor;
        while (auto batch = lines.pop()) {
            std::vector<Prepared> out;
            out.reserve(batch->size());
            for (Line &line : *batch) {
                if (line.error) {
                    out.push_back({line.error, {}, 0, {}, {}, 0});
                    continue;
                }
                Prepared p;
                p.itemIdUtf8 = line.itemId.toUtf8();
                p.lineNumber = line.lineNumber;
                p.compressedBody = compressor.compress(line.rawLine);
                const auto pairs = choosePairs(packId, line.itemId, line.candidates, pairsPerItem);
                p.pairCount = pairs.size();
                for (const auto &[a, b] : pairs) {
                    if (!p.pairs.isEmpty())
                        p.pairs += ' ';
                    p.pairs += QByteArray::number(a) + '-' + QByteArray::number(b);
                }
                out.push_back(std::move(p));
            }
            batch.reset(); // the raw lines are freed here, not on the storing thread
            if (!prepared.push(std::move(out)))
                break;
        }
        prepared.close();
    });
    // Whatever happens below, both workers are stopped and joined before this function returns.
    auto joinWorkers = qScopeGuard([&] {
        prepared.close();
        lines.close();
        toHash.close();
        parser.join();
        preparer.join();
        hasher.join();
    });

    const QByteArray packIdUtf8 = header.id.toUtf8();
    QHash<QByteArray, qint64> seenIds;
    while (auto batch = prepared.pop())
    for (const Prepared &item : *batch) {
        if (item.error)
            return *item.error;
        if (auto it = seenIds.constFind(item.itemIdUtf8); it != seenIds.cend())
            return Error::validation(QStringLiteral("%1:%2: field \"id\": duplicate item id \"%3\" (first on line %4)")
                                         .arg(file)
                                         .arg(item.lineNumber)
                                         .arg(QString::fromUtf8(item.itemIdUtf8))
                                         .arg(*it));
        seenIds.insert(item.itemIdUtf8, item.lineNumber);
        ++report.items;
        if (!store)
            continue;
        insertItem.bind(1, packIdUtf8).bind(2, item.itemIdUtf8).bind(3, item.lineNumber).bindBlob(4, item.compressedBody);
        if (Status s = insertItem.bind(5, item.pairs).run(); !s)
            return s.error();
        report.comparisons += item.pairCount;
    }
    joinWorkers.dismiss();
    parser.join();
    preparer.join();
    hasher.join();
    report.bytes = (*reader)->bytesRead();
    const QString digest = QString::fromLatin1(digestBytes.toHex());
    // As validate and the server do: a header alone would hold the pack's id for nothing.
    if (report.items == 0)
        return Error::validation(QStringLiteral("%1: the pack has a header and no items; nothing imported").arg(file));

    if (!store) {
        if (storedHash != digest)
            return Error::conflict(QStringLiteral("%1: a different pack with the id \"%2\" is already stored; "
                                                  "a changed pack needs a new id")
                                       .arg(file, header.id));
        report.alreadyPresent = true;
        report.comparisons = 0;
        qCInfo(lcPack) << "pack" << header.id << "already stored; nothing changed";
        return report;
    }

    Statement finish(m_db, "UPDATE packs SET content_sha256 = ?1, item_count = ?2, comparison_count = ?3 WHERE id = ?4");
    if (Status s = finish.bind(1, digest).bind(2, report.items).bind(3, report.comparisons).bind(4, header.id).run(); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    qCInfo(lcPack) << "imported pack" << header.id << report.items << "items" << report.comparisons << "comparisons";
    return report;
}

Result<QList<PackSummary>> EventStore::packs()
{
    Statement st(m_db, "SELECT p.id, p.title, p.item_count, p.imported_utc, "
                       "p.comparison_count FROM packs p ORDER BY p.id");
    if (!st.valid())
        return st.prepareError();
    QList<PackSummary> out;
    for (;;) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append({st.columnText(0), st.columnText(1), st.columnInt(2), st.columnInt(4), st.columnText(3)});
    }
    return out;
}

Result<PackHeader> EventStore::packHeader(const QString &packId)
{
    Statement st(m_db, "SELECT header FROM packs WHERE id = ?1");
    if (!st.valid())
        return st.prepareError();
    auto row = st.bind(1, packId).step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::notFound(QStringLiteral("no pack \"%1\" in the store").arg(packId));
    return pack::parseHeader(st.columnBytes(0), QStringLiteral("stored pack %1").arg(packId));
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
    const auto body = decompressBody(st.columnBlob(0));
    if (!body)
        return Error::sql(QStringLiteral("stored item \"%1\" of pack \"%2\" is damaged (cannot decompress)").arg(itemId, packId));
    return pack::parseItem(*body, *header, QStringLiteral("stored pack %1").arg(packId), st.columnInt(1));
}

Result<QList<ComparisonRef>> EventStore::comparisons(const QString &packId)
{
    Statement st(m_db, "SELECT id, pairs FROM items WHERE pack_id = ?1");
    if (!st.valid())
        return st.prepareError();
    st.bind(1, packId);
    // Ordered by comparison id as the bytes compare (SQLite's BINARY order, as before the pairs
    // moved onto their items), so schedules do not change with the storage.
    std::vector<std::pair<QByteArray, ComparisonRef>> sorted;
    for (;;) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const QByteArray item = st.columnBytes(0);
        const QString itemId = QString::fromUtf8(item);
        const QByteArray pairs = st.columnBytes(1);
        for (const QByteArray &pair : pairs.split(' ')) {
            if (pair.isEmpty())
                continue;
            const qsizetype dash = pair.indexOf('-');
            bool okA = false, okB = false;
            const int a = pair.left(dash).toInt(&okA), b = pair.mid(dash + 1).toInt(&okB);
            if (dash <= 0 || !okA || !okB)
                return Error::sql(QStringLiteral("stored item \"%1\" of pack \"%2\" has a damaged pair list \"%3\"")
                                      .arg(itemId, packId, QString::fromLatin1(pairs)));
            const QByteArray id = item + '/' + pair;
            sorted.push_back({id, ComparisonRef{QString::fromUtf8(id), itemId, a, b}});
        }
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto &l, const auto &r) { return l.first < r.first; });
    QList<ComparisonRef> out;
    out.reserve(qsizetype(sorted.size()));
    for (auto &entry : sorted)
        out.append(std::move(entry.second));
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
    if (!st.valid())
        return st.prepareError();
    QStringList out;
    for (;;) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(st.columnText(0));
    }
    return out;
}

Result<Event> EventStore::append(Event draft)
{
    if (!m_writerLock)
        return Error::internal(QStringLiteral("the store %1 is open read-only").arg(m_path));
    if (draft.id.isEmpty())
        draft.id = makeUuidV7();
    draft.workstation = m_workstation;
    draft.seq = m_nextSeq;
    draft.createdUtc = utcNow();

    Statement st(m_db, "INSERT INTO events (id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, "
                       "created_utc, supersedes, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!st.valid())
        return st.prepareError();
    st.bind(1, draft.id).bind(2, draft.workstation).bind(3, draft.seq).bind(4, draft.kind).bind(5, draft.packId);
    st.bind(6, draft.itemId).bindOptional(7, draft.comparisonId).bind(8, draft.annotator).bind(9, draft.createdUtc);
    st.bindOptional(10, draft.supersedes).bind(11, QByteArray::fromStdString(draft.payload.dump()));
    // Autocommit: the INSERT is its own transaction, durable (synchronous=FULL) when step() returns.
    if (Status s = st.run(); !s)
        return s.error();
    ++m_nextSeq;
    qCInfo(lcStore).noquote() << "committed event" << draft.id << QStringLiteral("kind=%1").arg(draft.kind);
    return draft;
}

Status EventStore::forEachEvent(const std::function<void(const Event &)> &visit, const QString &packId,
                                const QString &annotator)
{
    return store::forEachEvent(m_db, visit, packId, annotator);
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

} // namespace majlis::store
