// The vote-facts projection (store/votefacts.h): the fold through it equals the fold over the
// events themselves, on stores a session wrote, on stores of payload version 1 migrated to schema
// 7, and on bundles imported; every path that stores a vote writes its facts; a damaged payload
// or projection row is an unreadable vote, named, never a failed fold or a guess.
#include "analysis/analysis.h"
#include "analysis/livevotes.h"
#include "session/votingsession.h"
#include "store/bundleimport.h"
#include "store/eventstore.h"
#include "store/schema.h"
#include "store/sqlite.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;

namespace {

const QString kSmallPack = QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl");
const QString kDemoPack = QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl");
const QString kV1 = QStringLiteral(MAJLIS_FIXTURES_DIR "/payload-v1");

qint64 count(store::Database &db, const char *sql)
{
    auto n = db.queryInt(sql);
    if (!n)
        qFatal("%s: %s", sql, qPrintable(n.error().message));
    return *n;
}

}  // namespace

class TestVoteFacts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++m_n)); }

    QString copyOfV1Store()
    {
        const QString path = freshPath();
        if (!QFile::copy(kV1 + QStringLiteral("/store.sqlite"), path))
            qFatal("cannot copy the payload-v1 store");
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    // The two folds of `store`, field by field, for every pack and each pack alone.
    void sameFolds(store::EventStore &store, const QHash<QString, QString> &groups = {})
    {
        auto packs = store.packs();
        QVERIFY(packs);
        QStringList ids{QString()};
        for (const auto &p : *packs)
            ids << p.id;
        for (const QString &packId : std::as_const(ids)) {
            const analysis::CollectOptions options{packId, groups};
            auto viaFacts = analysis::collectLiveVotes(store, options);
            auto viaEvents = analysis::collectLiveVotesFromEvents(store, options);
            QVERIFY2(viaFacts, qPrintable(viaFacts ? QString() : viaFacts.error().message));
            QVERIFY2(viaEvents, qPrintable(viaEvents ? QString() : viaEvents.error().message));
            QCOMPARE(viaFacts->votes.size(), viaEvents->votes.size());
            for (std::size_t i = 0; i < viaFacts->votes.size(); ++i)
                QVERIFY2(viaFacts->votes[i] == viaEvents->votes[i], qPrintable(viaEvents->votes[i].eventId));
            QVERIFY(viaFacts->failures == viaEvents->failures);
            QVERIFY(viaFacts->exposure == viaEvents->exposure);
            QCOMPARE(viaFacts->modelNames, viaEvents->modelNames);
            QCOMPARE(viaFacts->supersededVotes, viaEvents->supersededVotes);
            QCOMPARE(viaFacts->unreadableVotes, viaEvents->unreadableVotes);
            QCOMPARE(viaFacts->firstUnreadable, viaEvents->firstUnreadable);
        }
    }

    // A fold without identities (the leaderboards') holds the same votes but their ids, times and
    // comparisons, and gives the same analysis; the slices of one fold computed on the overall
    // board of another slicing are those computed from scratch.
    void sameAnalyses(store::EventStore &store, const QHash<QString, QString> &groups)
    {
        auto full = analysis::collectLiveVotes(store, {QString(), groups});
        auto bare = analysis::collectLiveVotes(store, {QString(), groups, false});
        QVERIFY(full && bare);
        QCOMPARE(bare->votes.size(), full->votes.size());
        for (std::size_t i = 0; i < full->votes.size(); ++i) {
            analysis::LiveVote expected = full->votes[i];
            const analysis::LiveVote got = bare->votes[i];
            QVERIFY(got.eventId.isEmpty() && got.createdUtc.isEmpty() && got.comparisonId.isEmpty());
            QVERIFY(!expected.eventId.isEmpty() && !expected.createdUtc.isEmpty() && !expected.comparisonId.isEmpty());
            expected.eventId.clear(), expected.createdUtc.clear(), expected.comparisonId.clear();
            QVERIFY(got == expected);
        }
        analysis::AnalysisOptions options;
        options.annotatorGroups = groups;
        options.sliceMinVotes = 2;
        for (bool includePicked : {false, true}) {
            options.includePicked = includePicked;
            options.slice = analysis::SliceBy::Dialect;
            auto byDialect = analysis::analyse(*bare, options);
            auto fullByDialect = analysis::analyse(*full, options);
            QVERIFY(byDialect && fullByDialect);
            QCOMPARE(analysis::toJson(*byDialect).dump(), analysis::toJson(*fullByDialect).dump());
            QVERIFY(!byDialect->slices.empty());
            for (analysis::SliceBy by : {analysis::SliceBy::Category, analysis::SliceBy::Group, analysis::SliceBy::None}) {
                options.slice = by;
                auto fresh = analysis::analyse(*bare, options);
                auto reused = analysis::analyseSlices(*bare, options, *byDialect);
                QVERIFY(fresh && reused);
                QCOMPARE(analysis::toJson(*reused).dump(), analysis::toJson(*fresh).dump());
            }
        }
        // An overall analysis of other votes (here: with the picked pairs) is not taken.
        options.includePicked = false;
        options.slice = analysis::SliceBy::Dialect;
        auto withPicked = analysis::analyse(*bare, [&] {
            analysis::AnalysisOptions o = options;
            o.includePicked = true;
            return o;
        }());
        QVERIFY(withPicked);
        options.slice = analysis::SliceBy::Category;
        auto fresh = analysis::analyse(*bare, options);
        auto reused = analysis::analyseSlices(*bare, options, *withPicked);
        QVERIFY(fresh && reused);
        QCOMPARE(analysis::toJson(*reused).dump(), analysis::toJson(*fresh).dump());
    }

    static void everyVoteHasItsFacts(store::EventStore &store)
    {
        store::Database &db = store.database();
        QCOMPARE(count(db, "SELECT COUNT(*) FROM vote_facts"), count(db, "SELECT COUNT(*) FROM events WHERE kind = 'vote'"));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM vote_facts f JOIN events e ON e.id = f.event_id AND e.pack_id = "
                           "f.pack_id AND e.created_utc = f.created_utc AND e.workstation = f.workstation AND e.seq = "
                           "f.seq AND e.kind = 'vote'"),
                 count(db, "SELECT COUNT(*) FROM vote_facts"));
    }

    // A vote event written by hand, outside any session (an old or a hostile writer's payload).
    static Event handVote(store::EventStore &store, const nlohmann::json &payload)
    {
        Event e;
        e.kind = EventKind::Vote;
        e.packId = QStringLiteral("store-test");
        e.itemId = QStringLiteral("i1");
        e.comparisonId = QStringLiteral("i1/0-1");
        e.annotator = QStringLiteral("hand");
        e.payload = payload;
        auto stored = store.append(std::move(e));
        if (!stored)
            qFatal("append: %s", qPrintable(stored.error().message));
        return *stored;
    }

    // Two annotators over two packs: votes of every outcome on both sides, a skip, undos and
    // votes again, a pair picked by hand, failure marks edited and removed.
    std::unique_ptr<store::EventStore> sessionStore()
    {
        auto s = store::EventStore::open(freshPath());
        if (!s)
            qFatal("%s", qPrintable(s.error().message));
        std::unique_ptr<store::EventStore> st = std::move(*s);
        for (const QString &pack : {kSmallPack, kDemoPack})
            if (auto imported = st->importPack(pack); !imported)
                qFatal("%s", qPrintable(imported.error().message));
        for (const QString &pack : {QStringLiteral("store-test"), QStringLiteral("majlis-demo-ar-2")}) {
            for (const QString &who : {QStringLiteral("amina"), QStringLiteral("omar")}) {
                auto session = session::VotingSession::start(*st, pack, who);
                if (!session)
                    qFatal("%s", qPrintable(session.error().message));
                session::VotingSession &v = **session;
                int n = 0;
                for (Choice c : {Choice::First, Choice::Second, Choice::Tie, Choice::BothBad, Choice::First,
                                 Choice::Second}) {
                    auto pair = v.next();
                    if (!pair || !*pair)
                        break;
                    const Side side = ++n % 2 ? Side::Left : Side::Right;
                    if (n == 3) {
                        (void)v.skip();
                        continue;
                    }
                    if (!v.vote(c, side))
                        qFatal("vote failed");
                    if (n == 2) {
                        auto mark = v.markFailure(session::AnswerSlot::First, std::nullopt, QStringLiteral("msa_drift"),
                                                  QStringLiteral("minor"), QStringLiteral("تعليق"));
                        if (mark && who == QLatin1String("omar"))
                            (void)v.removeFailure(mark->id);
                        else if (mark)
                            (void)v.editFailure(mark->id, QStringLiteral("msa_drift"), QStringLiteral("major"), {});
                    }
                    if (n == 4) {
                        (void)v.undo();
                        (void)v.vote(Choice::Tie, side);
                    }
                }
                auto refs = st->comparisons(pack);
                if (refs && !refs->isEmpty())
                    (void)v.pick(refs->first().id), (void)v.vote(Choice::Second, Side::Right);
            }
        }
        return st;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
    }

    // The projection's side of the winner is the payload's, for every combination.
    void chosenSideAsThePayloads()
    {
        for (VoteOutcome o : {VoteOutcome::A, VoteOutcome::B, VoteOutcome::Tie, VoteOutcome::BothBad})
            for (std::optional<Letter> first : {std::optional<Letter>(), std::optional(Letter::A), std::optional(Letter::B)})
                for (std::optional<Side> side : {std::optional<Side>(), std::optional(Side::Left), std::optional(Side::Right)}) {
                    VotePayload p;
                    p.outcome = o;
                    p.shownFirst = first;
                    p.firstSide = side;
                    VoteFacts f;
                    f.outcome = o;
                    f.shownFirst = first;
                    f.firstSide = side;
                    QVERIFY(f.chosenSide() == p.chosenSide());
                }
    }

    void sessionStoreFoldsTheSame()
    {
        auto st = sessionStore();
        // Votes that cannot be counted: no outcome, both candidates the same model, not an object.
        const Event noOutcome = handVote(*st, {{"candidate_a", {{"index", 0}, {"model", "m-one"}}},
                                               {"candidate_b", {{"index", 1}, {"model", "m-two"}}}});
        handVote(*st, {{"version", 2}, {"candidate_a", {{"index", 0}, {"model", "m-one"}}},
                       {"candidate_b", {{"index", 1}, {"model", "m-one"}}}, {"outcome", "a"}});
        handVote(*st, nlohmann::json::array({1, 2}));
        everyVoteHasItsFacts(*st);
        sameFolds(*st, {{QStringLiteral("amina"), QStringLiteral("gulf")}});
        sameAnalyses(*st, {{QStringLiteral("amina"), QStringLiteral("gulf")}});
        auto live = analysis::collectLiveVotes(*st);
        QVERIFY(live);
        QVERIFY(live->votes.size() >= 10);
        QVERIFY(live->supersededVotes >= 2);
        QVERIFY(!live->failures.empty());
        QCOMPARE(live->unreadableVotes, 3);
        QVERIFY2(live->firstUnreadable.startsWith(QStringLiteral("event %1: ").arg(noOutcome.id)),
                 qPrintable(live->firstUnreadable));
        // The projection is as immutable as the events it comes from.
        for (const char *sql : {"UPDATE vote_facts SET outcome = 'b'", "DELETE FROM vote_facts"}) {
            const Status s = st->database().exec(sql);
            QVERIFY(!s);
            QVERIFY2(s.error().message.contains(QLatin1String("derived from immutable events")), qPrintable(s.error().message));
        }
    }

    // A store of payload version 1 (schema 6, made by commit f245b49) gets its facts at the
    // migration to schema 7, and folds as before.
    void oldStoreMigratesToTheSameFold()
    {
        const QString path = copyOfV1Store();
        {
            auto raw = store::Database::open(path);
            QVERIFY(raw);
            QVERIFY(count(*raw, "PRAGMA user_version") < 7);
        }
        qint64 readOnlyVotes = 0;
        {
            // Read-only, it is not migrated: the fold reads its events.
            auto readOnly = store::EventStore::open(path, store::EventStore::Mode::ReadOnly);
            QVERIFY2(readOnly, qPrintable(readOnly ? QString() : readOnly.error().message));
            QVERIFY(!*(*readOnly)->hasVoteFacts());
            auto live = analysis::collectLiveVotes(**readOnly);
            QVERIFY(live);
            readOnlyVotes = qint64(live->votes.size());
        }
        auto st = store::EventStore::open(path);
        QVERIFY2(st, qPrintable(st ? QString() : st.error().message));
        QCOMPARE(count((*st)->database(), "PRAGMA user_version"), qint64(store::kSchemaVersion));
        QCOMPARE(qint64(analysis::collectLiveVotes(**st)->votes.size()), readOnlyVotes);
        QVERIFY(count((*st)->database(), "SELECT COUNT(*) FROM vote_facts") > 10);
        everyVoteHasItsFacts(**st);
        sameFolds(**st);
    }

    // The store of one workstation, carried as a bundle, folds the same on the other side.
    void importedBundleFoldsTheSame()
    {
        auto st = store::EventStore::open(freshPath());
        QVERIFY(st);
        QVERIFY((*st)->importPack(kDemoPack));
        auto imported = store::importBundleFile((*st)->database(), kV1 + QStringLiteral("/votes.majlisbundle"), true);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        QVERIFY(imported->ingest.accepted > 10);
        everyVoteHasItsFacts(**st);
        sameFolds(**st);
    }

    // A vote whose stored payload is not JSON at all (a row damaged on disk) does not stop the
    // migration: it becomes an unreadable vote, named in the analyses' warning.
    void damagedPayloadIsUnreadableAfterMigration()
    {
        const QString path = copyOfV1Store();
        QString damagedId;
        qint64 liveBefore = 0;
        {
            auto before = store::EventStore::open(copyOfV1Store());
            QVERIFY(before);
            liveBefore = qint64(analysis::collectLiveVotes(**before)->votes.size());
        }
        {
            auto raw = store::Database::open(path);
            QVERIFY(raw);
            store::Statement pick(*raw, "SELECT id FROM events WHERE kind = 'vote' AND id NOT IN "
                                        "(SELECT supersedes FROM events WHERE supersedes IS NOT NULL) ORDER BY id LIMIT 1");
            const auto row = pick.step();
            QVERIFY(row && *row);
            damagedId = pick.columnText(0);
            QVERIFY(raw->exec("DROP TRIGGER events_no_update"));
            store::Statement damage(*raw, "UPDATE events SET payload = '{\"outcome\": \"a\", ' WHERE id = ?1");
            damage.bind(1, damagedId);
            QVERIFY(damage.run());
        }
        auto st = store::EventStore::open(path);
        QVERIFY2(st, qPrintable(st ? QString() : st.error().message));
        everyVoteHasItsFacts(**st);
        auto live = analysis::collectLiveVotes(**st);
        QVERIFY2(live, qPrintable(live ? QString() : live.error().message));
        QCOMPARE(live->unreadableVotes, 1);
        QCOMPARE(live->firstUnreadable, QStringLiteral("event %1: the stored payload is not JSON").arg(damagedId));
        QCOMPARE(qint64(live->votes.size()), liveBefore - 1);
    }

    // A projection row changed behind the store's back is counted as unreadable, naming the
    // column, not read as some other outcome.
    void damagedFactsRowIsUnreadable()
    {
        auto st = sessionStore();
        store::Database &db = st->database();
        store::Statement pick(db, "SELECT event_id FROM vote_facts WHERE event_id NOT IN "
                                  "(SELECT supersedes FROM events WHERE supersedes IS NOT NULL) ORDER BY event_id LIMIT 1");
        const auto row = pick.step();
        QVERIFY(row && *row);
        const QString id = pick.columnText(0);
        const qint64 before = qint64(analysis::collectLiveVotes(*st)->votes.size());
        QVERIFY(db.exec("DROP TRIGGER vote_facts_no_update"));
        for (const auto &[column, value] : {std::pair{"outcome", "sideways"}, std::pair{"first_side", "up"}}) {
            const QByteArray sql = QByteArray("UPDATE vote_facts SET ") + column + " = ?1 WHERE event_id = ?2";
            store::Statement damage(db, sql.constData());
            damage.bindText(1, value).bind(2, id);
            QVERIFY(damage.run());
            auto live = analysis::collectLiveVotes(*st);
            QVERIFY(live);
            QCOMPARE(live->unreadableVotes, 1);
            QCOMPARE(live->firstUnreadable,
                     QStringLiteral("event %1: vote_facts column %2 holds \"%3\"").arg(id, QLatin1String(column), QLatin1String(value)));
            QCOMPARE(qint64(live->votes.size()), before - 1);
            const QByteArray repair = "UPDATE vote_facts SET outcome = 'a', first_side = 'left' WHERE event_id = '" + id.toLatin1() + "'";
            QVERIFY(db.exec(repair.constData()));
        }
    }
};

QTEST_GUILESS_MAIN(TestVoteFacts)
#include "test_vote_facts.moc"
