// Ingest as set union by event id, the bundle import built on it, and the outbox state.
#include "bundle/bundlewriter.h"
#include "bundle/workstationkey.h"
#include "store/bundleimport.h"
#include "store/eventstore.h"
#include "store/ingest.h"
#include "store/outbox.h"
#include "store/schema.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <random>

using namespace majlis;
using namespace majlis::store;

namespace {

const QString WsA = QStringLiteral("018f0000-0000-7000-8000-00000000a001");
const QString WsB = QStringLiteral("018f0000-0000-7000-8000-00000000b002");

Event makeEvent(const QString &workstation, qint64 seq, const QString &annotator = QStringLiteral("amina"))
{
    Event e;
    // A UUIDv7 (every ingest checks it) that still says whose and which event it is.
    e.id = QStringLiteral("018f0000-%1-7000-8000-%2").arg(workstation.right(4)).arg(seq, 12, 10, QLatin1Char('0'));
    e.kind = EventKind::Vote;
    e.packId = QStringLiteral("majlis-demo-ar");
    e.itemId = QStringLiteral("greet-%1").arg(seq % 7);
    e.comparisonId = seq % 4 ? e.itemId + QStringLiteral("/0-1") : QString();
    e.annotator = annotator;
    e.workstation = workstation;
    e.seq = seq;
    e.createdUtc = QStringLiteral("2024-05-01T10:00:%1.000Z").arg(seq % 60, 2, 10, QLatin1Char('0'));
    e.payload = {{"choice", seq % 2 ? "first" : "second"}, {"note", "الإجابة \"الأولى\" أفضل"}};
    return e;
}

QList<Event> events(const QString &workstation, QList<qint64> seqs)
{
    QList<Event> out;
    for (qint64 s : seqs)
        out.append(makeEvent(workstation, s));
    return out;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> out;
    for (qint64 s = first; s <= last; ++s)
        out.append(s);
    return out;
}

bundle::EventSource sourceOf(const QList<Event> &list)
{
    return [list](const bundle::EventSink &sink) -> Status {
        for (const Event &e : list)
            if (Status s = sink(e); !s)
                return s;
        return {};
    };
}

QString message(const Error &e)
{
    return e.message;
}

} // namespace

class TestIngest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Database m_db;
    int m_n = 0;

    qint64 count(const char *sql) { return *m_db.queryInt(sql); }

    Result<IngestReport> ingest(const QList<Event> &list) { return ingestEvents(m_db, sourceOf(list)); }

    // A signed bundle of `list` (one workstation) written by `key`.
    QString writeBundle(const bundle::WorkstationKey &key, const QString &workstation, const QList<Event> &list)
    {
        const QString path = m_dir.filePath(QStringLiteral("b%1.majlisbundle").arg(++m_n));
        bundle::BundleWriter writer(key, workstation);
        auto summary = writer.write(path, sourceOf(list));
        if (!summary)
            qWarning() << summary.error().message;
        return path;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto db = Database::open(m_dir.filePath(QStringLiteral("ingest-%1.sqlite").arg(++m_n)));
        QVERIFY(db);
        m_db = std::move(*db);
        QVERIFY(prepareConnection(m_db));
        QVERIFY(migrate(m_db));
    }

    void schemaHasBundleAndSyncTables()
    {
        QCOMPARE(*m_db.queryInt("PRAGMA user_version"), kSchemaVersion);
        QCOMPARE(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('workstation_keys', "
                       "'bundle_imports', 'bundle_exports', 'workstation_seq', 'sync_acks', 'api_tokens', "
                       "'published_packs')"),
                 7);
    }

    void acceptsThenKnows()
    {
        auto first = ingest(events(WsA, range(1, 5)));
        QVERIFY2(first, qPrintable(first ? QString() : message(first.error())));
        QCOMPARE(first->accepted, 5);
        QCOMPARE(first->workstations.value(WsA).acknowledgedSeq, 5);
        auto again = ingest(events(WsA, range(1, 5)));
        QVERIFY(again);
        QCOMPARE(again->accepted, 0);
        QCOMPARE(again->alreadyKnown, 5);
        QCOMPARE(again->outcomes.size(), 5);
        QVERIFY(again->outcomes[2].status == IngestStatus::AlreadyKnown);
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 5);
    }

    // Batches committed together are each decided as if ingested alone, in order, with reports
    // of their own; a storage failure would leave none of them stored.
    void batchesSharingOneCommit()
    {
        Event edited = makeEvent(WsA, 2);
        edited.payload["choice"] = "tie";
        auto reports = ingestEventBatches(m_db, {events(WsA, range(1, 3)), events(WsA, range(3, 6)) + QList<Event>{edited},
                                                 events(WsB, {2})});
        QVERIFY2(reports, qPrintable(reports ? QString() : message(reports.error())));
        QCOMPARE(reports->size(), 3);
        QCOMPARE((*reports)[0].accepted, 3);
        QCOMPARE((*reports)[0].workstations.value(WsA).acknowledgedSeq, 3);
        QCOMPARE((*reports)[1].accepted, 3);
        QCOMPARE((*reports)[1].alreadyKnown, 1);
        QCOMPARE((*reports)[1].rejected, 1);
        QVERIFY((*reports)[1].outcomes.last().status == IngestStatus::Rejected);
        QCOMPARE((*reports)[1].workstations.value(WsA).acknowledgedSeq, 6);
        QCOMPARE((*reports)[2].workstations.value(WsB).acknowledgedSeq, 0);
        QCOMPARE((*reports)[2].workstations.value(WsB).missingCount, 1);
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 7);
    }

    void changedContentIsRejectedNeverOverwritten_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("payload edited") << QStringLiteral("payload");
        QTest::newRow("annotator changed") << QStringLiteral("annotator");
        QTest::newRow("seq moved") << QStringLiteral("seq");
        QTest::newRow("optional comparison emptied") << QStringLiteral("comparison");
    }
    void changedContentIsRejectedNeverOverwritten()
    {
        QFETCH(QString, field);
        QVERIFY(ingest(events(WsA, {1})));
        Event changed = makeEvent(WsA, 1);
        if (field == QLatin1String("payload"))
            changed.payload["choice"] = "tie";
        else if (field == QLatin1String("annotator"))
            changed.annotator = QStringLiteral("خالد");
        else if (field == QLatin1String("seq"))
            changed.seq = 2;
        else
            changed.comparisonId.clear();
        auto report = ingest({changed});
        QVERIFY(report);
        QCOMPARE(report->rejected, 1);
        QVERIFY2(report->outcomes[0].reason.contains(QStringLiteral("\"%1\"").arg(field)),
                 qPrintable(report->outcomes[0].reason));
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM events WHERE payload LIKE '%\"first\"%' AND seq = 1"), 1);
    }

    void seqTakenByAnotherIdIsRejected()
    {
        QVERIFY(ingest(events(WsA, {1, 2})));
        Event impostor = makeEvent(WsA, 2);
        impostor.id = QStringLiteral("018f0000-ffff-7000-8000-000000000001");
        auto report = ingest({impostor, makeEvent(WsA, 3)});
        QVERIFY(report);
        QCOMPARE(report->rejected, 1);
        QCOMPARE(report->accepted, 1);
        QVERIFY(report->outcomes[0].reason.contains(QLatin1String("already taken by event")));
        QCOMPARE(count("SELECT COUNT(*) FROM events WHERE id = '018f0000-ffff-7000-8000-000000000001'"), 0);
    }

    void gapsAndHighWaterSeq()
    {
        auto report = ingest(events(WsA, {1, 2, 5, 6, 9}));
        QVERIFY(report);
        WorkstationProgress p = report->workstations.value(WsA);
        QCOMPARE(p.acknowledgedSeq, 2);
        QCOMPARE(p.maxSeq, 9);
        QCOMPARE(p.missingCount, 4);
        QCOMPARE(p.gaps, (QList<MissingSeqs>{{3, 4}, {7, 8}}));
        QCOMPARE(p.gapText(), QStringLiteral("seq 3–4 missing, seq 7–8 missing"));

        report = ingest(events(WsA, {4, 3}));
        QVERIFY(report);
        p = report->workstations.value(WsA);
        QCOMPARE(p.acknowledgedSeq, 6);
        QCOMPARE(p.gaps, (QList<MissingSeqs>{{7, 8}}));
        QCOMPARE(count("SELECT contiguous_seq FROM workstation_seq"), 6);
    }

    void orderFreeUnionOfOverlappingBatches()
    {
        QList<Event> all = events(WsA, range(1, 40)) + events(WsB, range(1, 25));
        std::mt19937 rng(7);
        for (int round = 0; round < 4; ++round) {
            QList<Event> batch = all;
            std::shuffle(batch.begin(), batch.end(), rng);
            batch.resize(30);
            QVERIFY(ingest(batch));
        }
        QVERIFY(ingest(all));
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 65);
        auto p = workstationProgress(m_db, WsB);
        QVERIFY(p);
        QCOMPARE(p->acknowledgedSeq, 25);
    }

    void failingSourceStoresNothing()
    {
        const QList<Event> list = events(WsA, range(1, 3));
        auto report = ingestEvents(m_db, [&](const bundle::EventSink &sink) -> Status {
            for (const Event &e : list)
                if (Status s = sink(e); !s)
                    return s;
            return Error::io(QStringLiteral("the stick was pulled out"));
        });
        QVERIFY(!report);
        QCOMPARE(report.error().message, QStringLiteral("the stick was pulled out"));
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 0);
    }

    void malformedEventRejectedRestAccepted()
    {
        Event noSeq = makeEvent(WsA, 1);
        noSeq.seq = 0;
        auto report = ingest({noSeq, makeEvent(WsA, 2)});
        QVERIFY(report);
        QCOMPARE(report->rejected, 1);
        QCOMPARE(report->accepted, 1);
    }

    void bundleRoundTripDoubleImportAndOverlap()
    {
        auto key = bundle::WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("keys-a")));
        QVERIFY(key);
        const QString first = writeBundle(*key, WsA, events(WsA, range(1, 10)));
        const QString overlapping = writeBundle(*key, WsA, events(WsA, range(1, 15)));

        auto unknown = importBundleFile(m_db, first, false);
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.contains(QLatin1String("unknown workstation")), qPrintable(unknown.error().message));
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 0);

        auto imported = importBundleFile(m_db, first, true);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        QVERIFY(imported->keyRegistered);
        QCOMPARE(imported->ingest.accepted, 10);

        auto twice = importBundleFile(m_db, first, false);
        QVERIFY(twice);
        QVERIFY(twice->alreadyImported);
        QCOMPARE(count("SELECT COUNT(*) FROM bundle_imports"), 1);

        auto more = importBundleFile(m_db, overlapping, false);
        QVERIFY(more);
        QCOMPARE(more->ingest.accepted, 5);
        QCOMPARE(more->ingest.alreadyKnown, 10);
        QCOMPARE(more->ingest.workstations.value(WsA).acknowledgedSeq, 15);
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 15);
    }

    void bundleContradictingTheStoreImportsNothing()
    {
        auto key = bundle::WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("keys-c")));
        QVERIFY(key);
        QVERIFY(registerKey(m_db, WsA, key->publicKey(), QStringLiteral("manual")));
        QVERIFY(ingest(events(WsA, {3})));
        QList<Event> list = events(WsA, range(1, 5));
        list[2].payload["choice"] = "tie";  // seq 3 differs from the stored one
        auto report = importBundleFile(m_db, writeBundle(*key, WsA, list), false);
        QVERIFY(!report);
        QVERIFY2(report.error().message.contains(QLatin1String("nothing imported")), qPrintable(report.error().message));
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM bundle_imports"), 0);
    }

    void anotherKeyForARegisteredWorkstationIsRefused()
    {
        auto mine = bundle::WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("keys-d")));
        auto thief = bundle::WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("keys-e")));
        QVERIFY(mine && thief);
        QVERIFY(registerKey(m_db, WsA, mine->publicKey(), QStringLiteral("manual")));
        QVERIFY(registerKey(m_db, WsA, mine->publicKey(), QStringLiteral("manual")));
        QCOMPARE(registerKey(m_db, WsA, thief->publicKey(), QStringLiteral("manual")).error().code, Error::Code::Conflict);
        auto report = importBundleFile(m_db, writeBundle(*thief, WsA, events(WsA, {1})), true);
        QVERIFY(!report);
        QCOMPARE(count("SELECT COUNT(*) FROM events"), 0);
    }

    void outboxPendingAndAcknowledge()
    {
        QVERIFY(ingest(events(WsA, range(1, 7))));
        Outbox outbox(m_db, WsA, QStringLiteral("http://127.0.0.1:8787"));
        QCOMPARE(*outbox.pendingCount(), 7);
        auto batch = outbox.pending(3);
        QVERIFY(batch);
        QCOMPARE(batch->size(), 3);
        QCOMPARE(batch->constLast().seq, 3);
        QCOMPARE(batch->constFirst(), makeEvent(WsA, 1));
        QVERIFY(outbox.acknowledge(3));
        QVERIFY(outbox.acknowledge(2));  // never goes back
        QCOMPARE(*outbox.acknowledgedSeq(), 3);
        QCOMPARE(*outbox.pendingCount(), 4);
        QCOMPARE(outbox.pending(10)->constFirst().seq, 4);
        Outbox other(m_db, WsA, QStringLiteral("http://other:8787"));
        QCOMPARE(*other.pendingCount(), 7);
    }
};

QTEST_GUILESS_MAIN(TestIngest)
#include "test_ingest.moc"
