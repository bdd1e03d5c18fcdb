#include "store/eventstore.h"

#include "blind/pairchoice.h"
#include "common/boundedqueue.h"
#include "common/logging.h"
#include "pack/packreader.h"
#include "store/bodycodec.h"

#include <QFileInfo>
#include <QHash>
#include <QScopeGuard>

#include <sodium.h>

#include <optional>
#include <thread>
#include <vector>

// EventStore::importPack: the pack import pipeline (reader, hasher, preparer, storing thread).
namespace majlis::store {

Result<ImportReport> EventStore::importPack(const QString &file, const ImportOptions &options)
{
    auto reader = pack::PackReader::open(file);
    if (!reader)
        return reader.error();
    (*reader)->setPairBudget(options.pairsPerItem);
    const PackHeader &header = (*reader)->header();
    if (options.progress)
        options.progress->setPhase("importing", Progress::Unit::Bytes, QFileInfo(file).size());

    ImportReport report;
    report.packId = header.id;
    m_headers.remove(header.id);  // whatever happens below: a rolled-back import leaves no header

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
    LargeCacheScope cache(m_db);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();

    const bool store = storedHash.isEmpty();
    Statement insertPack(m_db, "INSERT INTO packs (id, title, header, content_sha256, item_count, pairs_per_item, "
                               "source_path, imported_utc) VALUES (?1, ?2, ?3, '', 0, ?4, ?5, ?6)");
    Statement insertItem(m_db, "INSERT INTO items (pack_id, id, line, body, pairs, dialect, category) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
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
    struct Line  // from the reader to the preparer
    {
        std::optional<Error> error;  // a bad line: the import stops there
        QString itemId;
        qint64 lineNumber = 0;
        int candidates = 0;
        QByteArray rawLine;
        QString dialect;
        QString category;
    };
    struct Prepared  // from the preparer to the store
    {
        std::optional<Error> error;
        QByteArray itemIdUtf8;
        qint64 lineNumber = 0;
        QByteArray compressedBody;
        QByteArray pairs;  // "0-1 0-2 1-2"
        qsizetype pairCount = 0;
        QString dialect;
        QString category;
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
    std::thread parser([source, &lines, &toHash, progress = options.progress] {
        std::vector<Line> batch;
        QByteArrayList hashBatch;
        batch.reserve(kBatch);
        for (;;) {
            auto next = source->next();
            if (!next) {
                batch.push_back({next.error(), {}, 0, 0, {}, {}, {}});
                break;
            }
            if (!next->has_value())
                break;
            if (progress)
                progress->setDone(source->bytesRead());
            pack::ItemRecord &record = **next;
            hashBatch.append(record.rawLine);  // implicitly shared: no copy
            batch.push_back({std::nullopt, record.item.id, record.lineNumber, int(record.item.candidates.size()),
                             std::move(record.rawLine), record.item.dialect, record.item.category});
            if (batch.size() == kBatch) {
                if (!toHash.push(std::exchange(hashBatch, {})) || !lines.push(std::exchange(batch, {})))
                    break;  // the storing side gave up
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
                    out.push_back({line.error, {}, 0, {}, {}, 0, {}, {}});
                    continue;
                }
                Prepared p;
                p.itemIdUtf8 = line.itemId.toUtf8();
                p.lineNumber = line.lineNumber;
                p.compressedBody = compressor.compress(line.rawLine);
                p.dialect = std::move(line.dialect);
                p.category = std::move(line.category);
                const auto pairs = blind::choosePairs(packId, line.itemId, line.candidates, pairsPerItem);
                p.pairCount = pairs.size();
                for (const auto &[a, b] : pairs) {
                    if (!p.pairs.isEmpty())
                        p.pairs += ' ';
                    p.pairs += QByteArray::number(a) + '-' + QByteArray::number(b);
                }
                out.push_back(std::move(p));
            }
            batch.reset();  // the raw lines are freed here, not on the storing thread
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
    while (auto batch = prepared.pop()) {
        if (cancelled(options.progress))
            return Error::cancelled(Progress::cancelledMessage());
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
            // Text, empty when the item has none, never NULL: NULL marks rows imported before
            // the columns existed (bind binds a null QString as "").
            insertItem.bind(6, item.dialect).bind(7, item.category);
            if (Status s = insertItem.bind(5, item.pairs).run(); !s)
                return s.error();
            report.comparisons += item.pairCount;
        }
    }
    joinWorkers.dismiss();
    parser.join();
    preparer.join();
    hasher.join();
    report.bytes = (*reader)->bytesRead();
    if (options.progress)
        options.progress->setDone(report.bytes);
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

}  // namespace majlis::store
