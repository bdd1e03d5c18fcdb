// GET /api/v1/leaderboard through the handler over a real SQLite storage: facts from the published
// pack, the group slice from --groups, the cache kept exactly as long as nothing arrives.
#include "sync/apihandler.h"
#include "sync/leaderboardservice.h"
#include "sync/protocol.h"
#include "sync/sqlitestorage.h"

#include "common/json.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace majlis;
using namespace majlis::sync;

namespace {

const QString kPack = QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl");

// A vote on item i1 of the small pack (m-one is candidate 0, m-two candidate 1), in candidate
// terms: "a" is a win for m-one.
Event vote(qint64 seq, const QString &annotator, const char *outcome, const QString &supersedes = {})
{
    Event e;
    e.id = QStringLiteral("018f3320-0000-7000-8000-%1").arg(seq, 12, 10, QLatin1Char('0'));
    e.kind = supersedes.isEmpty() ? EventKind::Vote : EventKind::Undo;
    e.packId = QStringLiteral("store-test");
    e.itemId = QStringLiteral("i1");
    e.comparisonId = QStringLiteral("i1/0-1");
    e.annotator = annotator;
    e.workstation = QStringLiteral("ws-") + annotator;
    e.seq = seq;
    e.createdUtc = QStringLiteral("2024-05-01T10:00:%1.000Z").arg(seq % 60, 2, 10, QLatin1Char('0'));
    e.supersedes = supersedes;
    if (supersedes.isEmpty())
        e.payload = {{"candidate_a", {{"candidate", 0}, {"model", "m-one"}}},
                     {"candidate_b", {{"candidate", 1}, {"model", "m-two"}}},
                     {"outcome", outcome},
                     {"first_side", "left"},
                     {"chosen_side", std::string(outcome) == "a" ? "left" : "right"},
                     {"selection", "scheduled_random"}};
    return e;
}

// QCOMPARE cannot print nlohmann::json; this says what was found instead.
#define COMPARE_JSON(actual, expected)                                                                               \
    QVERIFY2((actual) == nlohmann::json(expected), ((actual).dump() + " is not " + nlohmann::json(expected).dump()).c_str())

nlohmann::json body(const ApiResponse &r)
{
    return nlohmann::json::parse(r.body.cbegin(), r.body.cend(), nullptr, false);
}

} // namespace

class TestLeaderboardService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStorage> m_storage;
    std::unique_ptr<ApiHandler> m_handler;
    QByteArray m_reviewer;

    ApiResponse get(const QString &query)
    {
        return m_handler->handle({"GET", QLatin1String(LeaderboardPath), "Bearer " + m_reviewer, {}, query});
    }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        auto storage = SqliteStorage::open(m_dir.filePath(QStringLiteral("server-%1.sqlite").arg(++n)));
        QVERIFY(storage);
        m_storage = std::move(*storage);
        m_reviewer = makeToken();
        QVERIFY(m_storage->addToken(tokenHash(m_reviewer), QStringLiteral("rana"), Role::Reviewer));
        m_handler = std::make_unique<ApiHandler>(*m_storage);
        QList<Event> events;
        qint64 seq = 0;
        for (const char *outcome : {"a", "a", "a", "b", "tie"})
            events.append(vote(++seq, QStringLiteral("amina"), outcome));
        for (const char *outcome : {"b", "b", "a"})
            events.append(vote(++seq, QStringLiteral("khalid"), outcome));
        QVERIFY(m_storage->ingestEvents(events));
    }
    void cleanup()
    {
        m_handler.reset();
        m_storage.reset();
    }

    void factsComeFromThePublishedPack()
    {
        auto before = body(get(QStringLiteral("slice=dialect&bootstrap=0")));
        QCOMPARE(before["slices"]["boards"].size(), std::size_t(1));
        COMPARE_JSON(before["slices"]["boards"][0]["value"], "");  // pack not published: no dialect
        COMPARE_JSON(before["modelNames"]["m-one"], "m-one");

        QFile pack(kPack);
        QVERIFY(pack.open(QIODevice::ReadOnly));
        auto published = m_handler->handle({"POST", QLatin1String(PacksPath), "Bearer " + m_reviewer, {}, {}});
        QCOMPARE(published.status, 403);
        const QByteArray coordinator = makeToken();
        QVERIFY(m_storage->addToken(tokenHash(coordinator), QStringLiteral("coord"), Role::Coordinator));
        published = m_handler->handle({"POST", QLatin1String(PacksPath), "Bearer " + coordinator, pack.readAll(), {}});
        QCOMPARE(published.status, 201);

        auto after = body(get(QStringLiteral("slice=dialect&bootstrap=0")));
        QCOMPARE(after["slices"]["boards"].size(), std::size_t(1));
        COMPARE_JSON(after["slices"]["boards"][0]["value"], "emirati");
        COMPARE_JSON(after["slices"]["boards"][0]["votes"], 8);
        COMPARE_JSON(after["slices"]["boards"][0]["tooFewVotes"], true);
        COMPARE_JSON(after["modelNames"]["m-one"], "Model One");
        COMPARE_JSON(after["votes"]["live"], 8);
    }

    void groupSliceNeedsGroups()
    {
        QCOMPARE(get(QStringLiteral("slice=group")).status, 400);
        m_handler->setAnnotatorGroups({{QStringLiteral("amina"), QStringLiteral("abu-dhabi")},
                                       {QStringLiteral("khalid"), QStringLiteral("cairo")}});
        const ApiResponse r = get(QStringLiteral("slice=group&bootstrap=0"));
        QVERIFY2(r.status == 200, r.body.constData());
        const auto j = body(r);
        COMPARE_JSON(j["slices"]["by"], "group");
        QCOMPARE(j["slices"]["boards"].size(), std::size_t(2));
        COMPARE_JSON(j["slices"]["boards"][0]["value"], "abu-dhabi");
        COMPARE_JSON(j["slices"]["boards"][0]["votes"], 5);
        COMPARE_JSON(j["slices"]["boards"][1]["value"], "cairo");
        COMPARE_JSON(j["slices"]["boards"][1]["votes"], 3);
        // In Abu Dhabi m-one won three of four decisive votes; in Cairo it lost two of three.
        COMPARE_JSON(j["slices"]["boards"][0]["winRate"]["values"][0][1], 0.7);
        QCOMPARE(j["slices"]["boards"][1]["winRate"]["values"][0][1].get<double>(), 1.0 / 3.0);
    }

    void resultsAreKeptUntilSomethingArrives()
    {
        LeaderboardService service(*m_storage);
        auto options = service.options(QUrlQuery(QStringLiteral("bootstrap=50")));
        QVERIFY(options);
        const auto first = service.leaderboard(*options);
        QVERIFY(first);
        QCOMPARE(service.fits(), 1);
        QCOMPARE(*service.leaderboard(*options), *first);
        QCOMPARE(service.fits(), 1);
        auto other = service.options(QUrlQuery(QStringLiteral("bootstrap=50&both_bad=exclude")));
        QVERIFY(other);
        QVERIFY(service.leaderboard(*other));
        QCOMPARE(service.fits(), 2);

        // An undo arrives: the first vote is dead, and the board is computed again.
        QVERIFY(m_storage->ingestEvents({vote(9, QStringLiteral("amina"), "", vote(1, QStringLiteral("amina"), "a").id)}));
        const auto second = service.leaderboard(*options);
        QVERIFY(second);
        QCOMPARE(service.fits(), 3);
        const auto j = nlohmann::json::parse(second->cbegin(), second->cend());
        COMPARE_JSON(j["votes"]["live"], 7);
        COMPARE_JSON(j["votes"]["superseded"], 1);
    }

    void badQueries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << QStringLiteral("bootstraps=5") << QStringLiteral("unknown query parameter \"bootstraps\"");
        QTest::newRow("twice") << QStringLiteral("pack=a&pack=b") << QStringLiteral("\"pack\": given twice");
        QTest::newRow("negative") << QStringLiteral("min_votes=-1") << QStringLiteral("\"min_votes\": takes a whole number >= 0");
        QTest::newRow("ci needs rounds") << QStringLiteral("bootstrap=0&ci=bootstrap")
                                         << QStringLiteral("\"ci\": bootstrap needs bootstrap=N");
        QTest::newRow("both bad") << QStringLiteral("both_bad=loss") << QStringLiteral("\"both_bad\": takes tie or exclude");
        QTest::newRow("anchor rating") << QStringLiteral("anchor_rating=high") << QStringLiteral("\"anchor_rating\"");
        QTest::newRow("include picked") << QStringLiteral("include_picked=yes") << QStringLiteral("true or false");
    }
    void badQueries()
    {
        QFETCH(QString, query);
        QFETCH(QString, message);
        const ApiResponse r = get(query);
        QCOMPARE(r.status, 400);
        QVERIFY2(QString::fromStdString(body(r)["message"].get<std::string>()).contains(message), r.body.constData());
    }

    void percentEncodedValues()
    {
        // An anchor model id with a space and Arabic letters arrives percent-encoded.
        const ApiResponse r = get(QStringLiteral("anchor=%D9%86%D9%85%D9%88%D8%B0%D8%AC%20x&bootstrap=0"));
        QVERIFY2(r.status == 200 || r.status == 422, r.body.constData());
        QVERIFY2(r.body.contains("\xd9\x86\xd9\x85\xd9\x88\xd8\xb0\xd8\xac x"), r.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestLeaderboardService)
#include "test_leaderboardservice.moc"
