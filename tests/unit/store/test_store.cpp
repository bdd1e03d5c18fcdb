#include "store/eventrow.h"
#include "store/eventstore.h"
#include "store/schema.h"
#include "store/sqlite.h"

#include <QTemporaryDir>
#include <QTest>

using namespace majlis;
using namespace majlis::store;
using nlohmann::json;

namespace {
QString fixture(const char *name)
{
    return QStringLiteral(MAJLIS_FIXTURES_DIR "/store/") + QLatin1String(name);
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("store-%1.sqlite").arg(++m_n));
    }

    void durabilityPragmas()
    {
        auto store = EventStore::open(m_path);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        Database &db = (*store)->database();
        QCOMPARE(*db.queryText("PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(*db.queryInt("PRAGMA synchronous"), 2);  // FULL
        QCOMPARE(*db.queryInt("PRAGMA foreign_keys"), 1);
        QCOMPARE(*db.queryInt("PRAGMA user_version"), kSchemaVersion);
    }

    void migratesFromEmptyFile()
    {
        QFile empty(m_path);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QCOMPARE(empty.size(), 0);
        auto store = EventStore::open(m_path);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        auto tables = (*store)->database().queryInt(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
            "('meta','packs','items','annotators','events')");
        QCOMPARE(*tables, 5);
        // The pairs live on their items since schema 3.
        QCOMPARE(*(*store)->database().queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'comparisons'"), 0);
        QVERIFY(!(*store)->workstationId().isEmpty());
    }

    // A store written by schema 2 (pairs as comparison rows, item bodies from qCompress) opens
    // with the same pairs, counts and items, and takes a new pack in the current format.
    void migratesSchemaTwoStore()
    {
        QVERIFY(QFile::copy(fixture("schema-v2.sqlite"), m_path));
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
        {
            auto db = Database::open(m_path, true);
            QVERIFY(db);
            QCOMPARE(*db->queryInt("PRAGMA user_version"), 2);
        }
        auto store = EventStore::open(m_path);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        QCOMPARE(*(*store)->database().queryInt("PRAGMA user_version"), kSchemaVersion);
        auto refs = (*store)->comparisons(QStringLiteral("store-test"));
        QVERIFY(refs);
        QStringList ids;
        for (const ComparisonRef &r : std::as_const(*refs)) {
            ids << r.id;
            QCOMPARE(r.id, QStringLiteral("%1/%2-%3").arg(r.itemId).arg(r.candidateA).arg(r.candidateB));
        }
        QCOMPARE(ids, (QStringList{QStringLiteral("i1/0-1"), QStringLiteral("i1/0-2"), QStringLiteral("i1/1-2"),
                                   QStringLiteral("i2/0-1"), QStringLiteral("i3/0-1")}));
        auto packs = (*store)->packs();
        QVERIFY(packs);
        QCOMPARE(packs->size(), 1);
        QCOMPARE(packs->first().comparisonCount, 5);
        auto item = (*store)->item(QStringLiteral("store-test"), QStringLiteral("i1")); // a qCompress body
        QVERIFY2(item, qPrintable(item ? QString() : item.error().message));
        QCOMPARE(item->candidates.size(), qsizetype(3));
        // Schema 6 read every stored item's dialect and category into columns, from the bodies.
        QCOMPARE(*(*store)->database().queryInt("SELECT COUNT(*) FROM items WHERE dialect IS NULL OR category IS NULL"), 0);
        auto facts = (*store)->itemFacts(QStringLiteral("store-test"));
        QVERIFY(facts);
        QCOMPARE(facts->size(), 3);
        for (const QString &id : {QStringLiteral("i1"), QStringLiteral("i2"), QStringLiteral("i3")}) {
            auto whole = (*store)->item(QStringLiteral("store-test"), id);
            QVERIFY(whole);
            QCOMPARE(facts->value(id), (ItemFacts{whole->dialect, whole->category}));
        }
        QCOMPARE(facts->value(QStringLiteral("i1")).dialect, QStringLiteral("emirati"));
        // The same pack again is recognised: the content hash did not change with the schema.
        auto again = (*store)->importPack(fixture("small-pack.jsonl"));
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
        QVERIFY(again->alreadyPresent);
        QCOMPARE((*store)->stats()->comparisons, 5);
    }

    // itemFacts reads the columns, falls back to the body where a column is NULL (a row the
    // migration could not fill), and a damaged body costs that item's facts only.
    void itemFactsFromColumnsAndBodies()
    {
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        QVERIFY((*store)->importPack(fixture("small-pack.jsonl")));
        Database &db = (*store)->database();
        QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM items WHERE dialect IS NULL OR category IS NULL"), 0);
        QVERIFY(db.exec("UPDATE items SET dialect = NULL WHERE id = 'i1'"));
        QVERIFY(db.exec("UPDATE items SET category = NULL, body = x'00' WHERE id = 'i2'"));
        auto facts = (*store)->itemFacts(QStringLiteral("store-test"));
        QVERIFY2(facts, qPrintable(facts ? QString() : facts.error().message));
        QCOMPARE(facts->value(QStringLiteral("i1")), (ItemFacts{QStringLiteral("emirati"), QStringLiteral("greetings")}));
        QVERIFY(!facts->contains(QStringLiteral("i2")));
        QVERIFY(facts->contains(QStringLiteral("i3")));
    }

    void reopeningKeepsWorkstationAndSeq()
    {
        QString ws;
        {
            auto store = EventStore::open(m_path);
            QVERIFY(store);
            ws = (*store)->workstationId();
            QVERIFY((*store)->importPack(fixture("small-pack.jsonl")));
            Event e;
            e.kind = EventKind::Skip;
            e.packId = QStringLiteral("store-test");
            e.itemId = QStringLiteral("i1");
            e.annotator = QStringLiteral("amna");
            auto first = (*store)->append(e);
            QVERIFY(first);
            QCOMPARE(first->seq, 1);
            QCOMPARE((*store)->append(e)->seq, 2);
        }
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        QCOMPARE((*store)->workstationId(), ws);
        Event e;
        e.kind = EventKind::Skip;
        e.packId = QStringLiteral("store-test");
        e.itemId = QStringLiteral("i1");
        e.annotator = QStringLiteral("amna");
        QCOMPARE((*store)->append(e)->seq, 3);
    }

    void refusesNewerSchema()
    {
        {
            auto db = Database::open(m_path);
            QVERIFY(db);
            QVERIFY(db->exec("PRAGMA user_version = 99"));
        }
        auto store = EventStore::open(m_path);
        QVERIFY(!store);
        QCOMPARE(store.error().code, Error::Code::Conflict);
        QVERIFY(store.error().message.contains(QLatin1String("99")));
    }

    void oneWriterOnly()
    {
        auto first = EventStore::open(m_path);
        QVERIFY(first);
        auto second = EventStore::open(m_path);
        QVERIFY(!second);
        QVERIFY2(second.error().message.contains(QLatin1String("already open")), qPrintable(second.error().message));
        auto reader = EventStore::open(m_path, EventStore::Mode::ReadOnly);
        QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message));
    }

    void eventsAreImmutable()
    {
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        Event e;
        e.kind = EventKind::Vote;
        e.packId = QStringLiteral("p");
        e.itemId = QStringLiteral("i");
        e.annotator = QStringLiteral("a");
        e.payload = {{"choice", "first"}};
        auto stored = (*store)->append(e);
        QVERIFY(stored);
        QVERIFY(!(*store)->database().exec("UPDATE events SET kind = 'skip'"));
        QVERIFY(!(*store)->database().exec("DELETE FROM events"));
        auto all = (*store)->events();
        QVERIFY(all);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->first(), *stored);
    }

    void packImportIsIdempotent()
    {
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        auto first = (*store)->importPack(fixture("small-pack.jsonl"));
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        QCOMPARE(first->items, 3);
        QCOMPARE(first->comparisons, 3 + 1 + 1);
        QVERIFY(!first->alreadyPresent);
        const auto before = *(*store)->stats();
        auto second = (*store)->importPack(fixture("small-pack.jsonl"));
        QVERIFY(second);
        QVERIFY(second->alreadyPresent);
        const auto after = *(*store)->stats();
        QCOMPARE(after.items, before.items);
        QCOMPARE(after.comparisons, before.comparisons);
        QCOMPARE(after.packs, 1);
    }

    void changedPackWithSameIdIsRefused()
    {
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        QVERIFY((*store)->importPack(fixture("small-pack.jsonl")));
        auto changed = (*store)->importPack(fixture("small-pack-changed.jsonl"));
        QVERIFY(!changed);
        QCOMPARE(changed.error().code, Error::Code::Conflict);
        QVERIFY(changed.error().message.contains(QLatin1String("store-test")));
        auto item = (*store)->item(QStringLiteral("store-test"), QStringLiteral("i2"));
        QVERIFY(item);
        QCOMPARE(item->candidates.at(1).output, QStringLiteral("Four."));
    }

    void badPackLeavesStoreUnchanged()
    {
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        QVERIFY((*store)->importPack(fixture("small-pack.jsonl")));
        const auto before = *(*store)->stats();
        auto bad = (*store)->importPack(fixture("bad-late-error.jsonl"));
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains(QLatin1String(":3:")), qPrintable(bad.error().message));
        const auto after = *(*store)->stats();
        QCOMPARE(after.packs, before.packs);
        QCOMPARE(after.items, before.items);
        QCOMPARE(after.comparisons, before.comparisons);
    }

    void sampledPairsAreReproducible()
    {
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        auto report = (*store)->importPack(fixture("small-pack.jsonl"), ImportOptions{1});
        QVERIFY(report);
        QCOMPARE(report->comparisons, 3);  // one pair per item
        const auto first = *(*store)->comparisons(QStringLiteral("store-test"));

        const QString other = m_dir.filePath(QStringLiteral("other.sqlite"));
        auto store2 = EventStore::open(other);
        QVERIFY(store2);
        QVERIFY((*store2)->importPack(fixture("small-pack.jsonl"), ImportOptions{1}));
        const auto second = *(*store2)->comparisons(QStringLiteral("store-test"));
        QCOMPARE(second.size(), first.size());
        for (qsizetype i = 0; i < first.size(); ++i)
            QCOMPARE(second[i].id, first[i].id);
    }

    // A pack's events are read in cast order through an index, not a sort of every row (1,000,000
    // votes spent seconds in that sort before the first came out), and the order is the same
    // whichever filter is used.
    void eventsComeInCastOrderThroughAnIndex()
    {
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        Database &db = (*store)->database();
        auto plan = [&](bool ofPack, bool ofAnnotator) {
            const QByteArray sql = QByteArray("EXPLAIN QUERY PLAN ") + eventsInCastOrderSql(ofPack, ofAnnotator);
            Statement st(db, sql.constData());
            QString text;
            for (;;) {
                auto row = st.step();
                if (!st.valid() || !row || !*row)
                    break;
                text += st.columnText(3) + QLatin1Char('\n');
            }
            return text;
        };
        const QString ofPack = plan(true, false);
        QVERIFY2(ofPack.contains(QLatin1String("events_in_cast_order")), qPrintable(ofPack));
        QVERIFY2(!ofPack.contains(QLatin1String("TEMP B-TREE")), qPrintable(ofPack));
        const QString ofBoth = plan(true, true);
        QVERIFY2(ofBoth.contains(QLatin1String("INDEX")), qPrintable(ofBoth));
        // What a voting session starts with comes from an index alone (schema 6): reopening a
        // pack of 100,000 items looked up every item's row, bodies and all, in the table.
        for (const auto &[sql, index] : {std::pair{kComparisonsSql, "COVERING INDEX items_pairs"},
                                         std::pair{kSupersededIdsSql, "COVERING INDEX events_superseding"},
                                         std::pair{kPublishedPacksSql, "COVERING INDEX published_packs_listed"}}) {
            const QByteArray explain = QByteArray("EXPLAIN QUERY PLAN ") + sql;
            Statement st(db, explain.constData());
            QString text;
            QVERIFY(forEachRow(st, [&](const Statement &row) { text += row.columnText(3) + QLatin1Char('\n'); }));
            QVERIFY2(text.contains(QLatin1String(index)), qPrintable(text));
            QVERIFY2(!text.contains(QLatin1String("TEMP B-TREE")), qPrintable(text));
        }

        // Three annotators of two packs, cast interleaved: every filter sees its events in the
        // order they were appended (one workstation: created_utc then seq).
        QStringList cast;
        for (int i = 0; i < 12; ++i) {
            Event e;
            e.kind = EventKind::Skip;
            e.packId = i % 2 ? QStringLiteral("p1") : QStringLiteral("p2");
            e.itemId = QStringLiteral("i%1").arg(i);
            e.annotator = QStringLiteral("a%1").arg(i % 3);
            e.payload = json{{"version", 2}, {"selection", "scheduled_random"}};
            auto stored = (*store)->append(e);
            QVERIFY(stored);
            cast << stored->id + QLatin1Char(' ') + e.packId + QLatin1Char(' ') + e.annotator;
        }
        for (const QString &pack : {QString(), QStringLiteral("p1")})
            for (const QString &annotator : {QString(), QStringLiteral("a1")}) {
                QStringList seen;
                QVERIFY((*store)->forEachEvent([&](const Event &e) { seen << e.id + QLatin1Char(' ') + e.packId + QLatin1Char(' ') + e.annotator; },
                                               pack, annotator));
                QStringList expected;
                for (const QString &c : std::as_const(cast))
                    if ((pack.isEmpty() || c.section(QLatin1Char(' '), 1, 1) == pack)
                        && (annotator.isEmpty() || c.section(QLatin1Char(' '), 2, 2) == annotator))
                        expected << c;
                QCOMPARE(seen, expected);
            }
    }

    void quotesAndEmptyValuesRoundTrip()
    {
        auto store = EventStore::open(m_path);
        QVERIFY(store);
        Event e;
        e.kind = EventKind::Vote;
        e.packId = QStringLiteral("p'; DROP TABLE events; --");
        e.itemId = QStringLiteral("\"quoted\" 'item'");
        e.comparisonId = QString();  // stored as NULL, read back empty
        e.annotator = QStringLiteral("عائشة");
        e.payload = {{"note", "it's \"fine\""}};
        auto stored = (*store)->append(e);
        QVERIFY(stored);
        auto all = (*store)->events(e.packId, e.annotator);
        QVERIFY(all);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->first(), *stored);
        QCOMPARE(*(*store)->database().queryInt("SELECT COUNT(*) FROM events WHERE comparison_id IS NULL"), 1);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
