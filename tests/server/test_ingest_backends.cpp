// The one ingest procedure on both server backends: the same hostile batch and the same
// contested bundle through SQLite and a real PostgreSQL 15 must get the same verdicts and the
// same messages, word for word.
#include "analysis/livevotes.h"
#include "bundle/bundleverifier.h"
#include "bundle/bundlewriter.h"
#include "bundle/workstationkey.h"
#include "sync/serverstorage.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "servertestkit.h"

using namespace majlis;

namespace {

const QString Ws = QStringLiteral("018f0000-0000-7000-8000-00000000c003");

Event makeEvent(qint64 seq, const QString &idTail = {})
{
    Event e;
    e.id = QStringLiteral("018f0000-c003-7000-8000-%1")
               .arg(idTail.isEmpty() ? QString::number(seq).rightJustified(12, QLatin1Char('0')) : idTail);
    e.kind = EventKind::Vote;
    e.packId = QStringLiteral("majlis-demo-ar");
    e.itemId = QStringLiteral("greet-%1").arg(seq % 7);
    e.comparisonId = e.itemId + QStringLiteral("/0-1");
    e.annotator = QStringLiteral("amina");
    e.workstation = Ws;
    e.seq = seq;
    e.createdUtc = QStringLiteral("2024-05-01T10:00:%1.000Z").arg(seq % 60, 2, 10, QLatin1Char('0'));
    e.payload = {{"choice", "first"}, {"note", "الإجابة \"الأولى\" أفضل"}};
    return e;
}

// Every way a batch can contradict the store or break the contract, with an ordinary event
// before and after, so that a backend that stops early or counts wrongly differs too.
QList<Event> hostileBatch()
{
    QList<Event> batch;
    batch << makeEvent(1) << makeEvent(1);  // new, then the very same again
    Event otherPayload = makeEvent(1);
    otherPayload.payload["choice"] = "tie";
    Event otherItem = makeEvent(1);
    otherItem.itemId = QStringLiteral("greet-other");
    Event otherSeq = makeEvent(1);
    otherSeq.seq = 9;
    Event squatter = makeEvent(1, QStringLiteral("00000000ffff"));  // another id on seq 1
    Event brokenV2 = makeEvent(4);
    brokenV2.payload = {{"version", 2}, {"outcome", "sideways"}};
    Event beyondMax = makeEvent(5);
    beyondMax.seq = MaxSeq + 1;
    Event controlChar = makeEvent(6);
    controlChar.annotator = QStringLiteral("ami\u0007na");
    Event notUtc = makeEvent(7);
    notUtc.createdUtc = QStringLiteral("2024-05-01 10:00:00");
    batch << otherPayload << otherItem << otherSeq << squatter << brokenV2 << beyondMax << controlChar << notUtc
          << makeEvent(3);  // leaves seq 2 missing
    return batch;
}

// Votes of every outcome on both sides, one undone, one whose payload cannot be counted, a
// failure mark, and a vote of another pack.
QList<Event> votingBatch()
{
    QList<Event> batch;
    const VoteOutcome outcomes[] = {VoteOutcome::A, VoteOutcome::B, VoteOutcome::Tie, VoteOutcome::BothBad};
    for (qint64 seq = 1; seq <= 12; ++seq) {
        Event e = makeEvent(seq);
        VotePayload v;
        v.candidateA = {0, QStringLiteral("m-%1").arg(seq % 3)};
        v.candidateB = {1, QStringLiteral("m-%1").arg((seq + 1) % 3)};
        v.shownFirst = seq % 2 ? Letter::A : Letter::B;
        v.firstSide = seq % 4 < 2 ? Side::Left : Side::Right;
        v.outcome = outcomes[seq % 4];
        v.selection = seq == 5 ? Selection::PickedByHand : Selection::ScheduledRandom;
        v.placement = Placement{0, QStringLiteral("1")};
        v.maskingA = std::vector<MaskedName>(std::size_t(seq % 2), MaskedName{0, 1, QStringLiteral("X"), QStringLiteral("X")});
        v.maskingB = std::vector<MaskedName>{};
        e.payload = toJson(v);
        if (seq == 7)
            e.packId = QStringLiteral("another-pack");
        batch << e;
    }
    batch << makeEvent(13);  // {"choice": "first"}: no candidates, unreadable
    Event undo = makeEvent(14);
    undo.kind = EventKind::Undo;
    undo.supersedes = batch[1].id;
    undo.payload = nlohmann::json::object();
    Event mark = makeEvent(15);
    mark.kind = EventKind::Annotation;
    mark.comparisonId.clear();
    FailureMark m;
    m.model = QStringLiteral("m-1");
    m.category = QStringLiteral("msa_drift");
    m.severity = QStringLiteral("minor");
    m.weight = 1;
    mark.payload = toJson(m);
    batch << undo << mark;
    return batch;
}

// The server's fold needs no pack facts to be compared.
class NoPackFacts final : public analysis::PackFacts
{
public:
    QHash<QString, QString> modelNames(const QString &) override { return {}; }
    analysis::ItemFacts item(const QString &, const QString &) override { return {}; }
};

struct Fold
{
    std::vector<analysis::LiveVote> votes;
    std::vector<analysis::LiveFailure> failures;
    std::map<QString, analysis::Exposure> exposure;
    qint64 superseded = 0, unreadable = 0;
    QString firstUnreadable;
    friend bool operator==(const Fold &, const Fold &) = default;
};

Fold foldOf(const analysis::LiveVotes &live)
{
    return {live.votes.toVector(), live.failures, live.exposure, live.supersededVotes, live.unreadableVotes, live.firstUnreadable};
}

struct Verdict
{
    QString id;
    qint64 seq = 0;
    QString status;
    QString reason;
    friend bool operator==(const Verdict &, const Verdict &) = default;
};

QList<Verdict> verdicts(const store::IngestReport &report)
{
    QList<Verdict> out;
    for (const store::IngestOutcome &o : report.outcomes)
        out.append({o.eventId, o.seq, store::toString(o.status), o.reason});
    return out;
}

}  // namespace

class TestIngestBackends : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    servertest::Postgres m_pg;
    int m_n = 0;

    // A fresh SQLite and a fresh PostgreSQL database, in that order.
    std::vector<std::unique_ptr<sync::ServerStorage>> openBoth()
    {
        std::vector<std::unique_ptr<sync::ServerStorage>> out;
        auto lite = sync::openServerStorage(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++m_n)));
        if (!lite)
            qWarning() << lite.error().message;
        else
            out.push_back(std::move(*lite));
        // One PostgreSQL cluster for the suite, a database per test.
        const QString name = QStringLiteral("t%1").arg(m_n);
        {
            const QUrl admin(m_pg.url());
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("admin"));
            db.setHostName(admin.host());
            db.setPort(admin.port());
            db.setUserName(admin.userName());
            db.setDatabaseName(admin.path().mid(1));
            if (!db.open() || !QSqlQuery(db).exec(QStringLiteral("CREATE DATABASE ") + name))
                qWarning() << "CREATE DATABASE failed:" << db.lastError().text();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("admin"));
        QUrl url(m_pg.url());
        url.setPath(QLatin1Char('/') + name);
        auto pg = sync::openServerStorage(url.toString());
        if (!pg)
            qWarning() << pg.error().message;
        else
            out.push_back(std::move(*pg));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));  // a backend that cannot start fails, never skips
    }

    void sameHostileBatchSameVerdicts()
    {
        auto both = openBoth();
        QCOMPARE(both.size(), std::size_t(2));
        QList<QList<Verdict>> seen;
        QList<store::WorkstationProgress> progress;
        for (const auto &storage : both) {
            auto report = storage->ingestEvents(hostileBatch());
            QVERIFY2(report, qPrintable(storage->kind() + QStringLiteral(": ") + (report ? QString() : report.error().message)));
            QCOMPARE(report->accepted, 2);
            QCOMPARE(report->alreadyKnown, 1);
            seen.append(verdicts(*report));
            progress.append(report->workstations.value(Ws));
            // The count health and the leaderboard's cache key read: the stored events, however
            // many were refused, known already or fought over (SQLite reads it as the largest rowid).
            QCOMPARE(*storage->eventCount(), qint64(2));
            QVERIFY(storage->ingestEvents(hostileBatch()));
            QCOMPARE(*storage->eventCount(), qint64(2));
        }
        QCOMPARE(seen[1], seen[0]);
        QCOMPARE(progress[1].acknowledgedSeq, progress[0].acknowledgedSeq);
        QCOMPARE(progress[1].gaps, progress[0].gaps);
        QCOMPARE(progress[0].acknowledgedSeq, 1);
        QCOMPARE(progress[0].gapText(), QStringLiteral("seq 2 missing"));
        // The rejections name what is wrong.
        const QList<Verdict> &v = seen[0];
        QVERIFY2(v[2].reason.contains(QLatin1String("different \"payload\"")), qPrintable(v[2].reason));
        QVERIFY2(v[3].reason.contains(QLatin1String("different \"item\"")), qPrintable(v[3].reason));
        QVERIFY2(v[4].reason.contains(QLatin1String("different \"seq\" (stored 1, sent 9)")), qPrintable(v[4].reason));
        QVERIFY2(v[5].reason.contains(QLatin1String("already taken by event")), qPrintable(v[5].reason));
        for (int i = 6; i <= 9; ++i)
            QVERIFY2(v[i].status == QLatin1String("rejected") && v[i].reason.startsWith(QLatin1String("event ")),
                     qPrintable(v[i].reason));
        QVERIFY2(v[7].reason.contains(QLatin1String("\"seq\"")), qPrintable(v[7].reason));
        QVERIFY2(v[8].reason.contains(QLatin1String("\"annotator\"")), qPrintable(v[8].reason));
    }

    // The leaderboard's fold through each backend's vote-facts projection equals the fold over
    // its events, and the two backends fold the same; a backend migrated from before the
    // projection fills it, a damaged payload among the old votes counted as unreadable.
    void sameVotesSameFold()
    {
        auto both = openBoth();
        QCOMPARE(both.size(), std::size_t(2));
        std::vector<Fold> folds;
        for (const auto &storage : both) {
            auto report = storage->ingestEvents(votingBatch());
            QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
            QCOMPARE(report->accepted, 15);
            for (const QString &pack : {QString(), QStringLiteral("majlis-demo-ar")}) {
                NoPackFacts packs;
                analysis::FoldReaderOf<sync::ServerStorage> reader(*storage);
                auto viaFacts = analysis::collectLiveVotes(reader, packs, {pack, {}});
                auto viaEvents = analysis::collectLiveVotes(analysis::eventSourceOf(*storage, pack), packs, {pack, {}});
                QVERIFY2(viaFacts && viaEvents, qPrintable(storage->kind()));
                QVERIFY2(foldOf(*viaFacts) == foldOf(*viaEvents), qPrintable(storage->kind() + u' ' + pack));
                if (pack.isEmpty())
                    folds.push_back(foldOf(*viaFacts));
            }
        }
        QVERIFY(folds[1] == folds[0]);
        QCOMPARE(folds[0].votes.size(), std::size_t(11));
        QCOMPARE(folds[0].superseded, 1);
        QCOMPARE(folds[0].unreadable, 1);
        QCOMPARE(folds[0].failures.size(), std::size_t(1));
        QVERIFY2(folds[0].firstUnreadable.contains(QLatin1String("no candidate_a/candidate_b")),
                 qPrintable(folds[0].firstUnreadable));

        // PostgreSQL back to schema 4, as a server before the projection left it, one old
        // payload damaged in the database: the migration to 5 fills the facts and keeps going.
        const QString url = m_pg.url().section(u'/', 0, -2) + QStringLiteral("/t%1").arg(m_n);
        const QString damagedId = votingBatch()[2].id;
        both.clear();
        {
            const QUrl u(url);
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("back"));
            db.setHostName(u.host());
            db.setPort(u.port());
            db.setUserName(u.userName());
            db.setDatabaseName(u.path().mid(1));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            for (const QString &sql : {QStringLiteral("DROP TABLE vote_facts"), QStringLiteral("DROP FUNCTION majlis_vote_facts_immutable"),
                                       QStringLiteral("DROP INDEX events_of_kind"),
                                       QStringLiteral("UPDATE meta SET value = '4' WHERE key = 'schema_version'"),
                                       QStringLiteral("ALTER TABLE events DISABLE TRIGGER events_no_update"),
                                       QStringLiteral("UPDATE events SET payload = '{\"outcome\": ' WHERE id = '%1'").arg(damagedId),
                                       QStringLiteral("ALTER TABLE events ENABLE TRIGGER events_no_update")}) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(sql), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("back"));
        auto migrated = sync::openServerStorage(url);
        QVERIFY2(migrated, qPrintable(migrated ? QString() : migrated.error().message));
        NoPackFacts packs;
        analysis::FoldReaderOf<sync::ServerStorage> reader(**migrated);
        auto live = analysis::collectLiveVotes(reader, packs);
        QVERIFY2(live, qPrintable(live ? QString() : live.error().message));
        QCOMPARE(live->unreadableVotes, 2);
        QCOMPARE(live->votes.size(), std::size_t(10));
        QCOMPARE(live->supersededVotes, 1);
        std::vector<analysis::LiveVote> expected;
        for (const analysis::LiveVote &v : folds[0].votes)
            if (v.eventId != damagedId)
                expected.push_back(v);
        QVERIFY(live->votes.toVector() == expected);
    }

    // Verified on first use, then someone binds another key before the import: both backends
    // refuse it with the message that names the key it keeps.
    void keyBoundMeanwhileSameRefusal()
    {
        auto mine = bundle::WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("keys-mine")));
        auto other = bundle::WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("keys-other")));
        QVERIFY(mine && other);
        const QString path = m_dir.filePath(QStringLiteral("contested.majlisbundle"));
        bundle::BundleWriter writer(*mine, Ws);
        QVERIFY(writer.write(path, [](const bundle::EventSink &sink) -> Status {
            for (qint64 seq = 1; seq <= 3; ++seq)
                if (Status s = sink(makeEvent(seq)); !s)
                    return s;
            return {};
        }));
        QStringList messages;
        for (const auto &storage : openBoth()) {
            bundle::VerifyOptions options;
            options.keyPolicy = bundle::KeyPolicy::TrustOnFirstUse;
            bundle::BundleVerifier verifier([](const QString &) { return std::optional<QByteArray>(); }, options);
            auto opened = verifier.open(path);
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
            store::WorkstationBinding binding{
                Ws, other->publicKey(), QStringLiteral("amina"), QStringLiteral("coordinator:test"), {}};
            QVERIFY(storage->bindWorkstation(binding, QStringLiteral("coordinator:test")));
            auto report = storage->importBundle(*opened, QStringLiteral("first_use"));
            QVERIFY(!report);
            QCOMPARE(report.error().code, Error::Code::Conflict);
            messages << report.error().message;
            QCOMPARE(*storage->eventCount(), 0);
        }
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1], messages[0]);
        QVERIFY2(messages[0].contains(QLatin1String("already has another key registered")), qPrintable(messages[0]));
    }
};

QTEST_GUILESS_MAIN(TestIngestBackends)
#include "test_ingest_backends.moc"
