// A bundle written by another program, from nothing but docs/formats.md ("Events" and "Vote
// bundle"), a JSON library and libsodium: `majlisctl bundle import` accepts it, and its votes
// show in `ratings` and `agreement`. Nothing of Majlis' own writer or event code is used here,
// so a change that breaks the documented contract breaks this test.
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "../../common/majlisctlrun.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

using nlohmann::json;

namespace {

const QString kPack = QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl");
// The pack's items and candidates (small-pack.jsonl): i1 has m-one, m-two, m-three; i2 m-one, m-two.
const char *const kModels[] = {"m-one", "m-two", "m-three"};

std::string uuid7(int n)
{
    char id[37];
    std::snprintf(id, sizeof id, "01900000-0000-7000-8000-%012x", n);
    return id;
}

std::string base64(const unsigned char *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).toBase64().toStdString();
}

struct Vote
{
    const char *annotator;
    const char *item;
    int a, b;             // candidate indices, a < b
    const char *outcome;  // a, b, tie, both_bad
    bool bShownFirst;
};

}  // namespace

class TestIndependentBundle : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    unsigned char m_public[crypto_sign_PUBLICKEYBYTES];
    unsigned char m_secret[crypto_sign_SECRETKEYBYTES];
    int m_seq = 0;

    using Run = majlis::testing::CtlRun;
    Run majlisctl(const QString &store, const QStringList &args)
    {
        return majlis::testing::runMajlisctl(QStringLiteral(MAJLISCTL), store, args);
    }

    json event(const char *kind, const char *annotator, const char *item, const std::string &comparison, json payload,
               const std::string &supersedes = {})
    {
        ++m_seq;
        json e{{"id", uuid7(m_seq)},
               {"kind", kind},
               {"pack", "store-test"},
               {"item", item},
               {"annotator", annotator},
               {"workstation", "field-site-7"},
               {"seq", m_seq},
               {"created", "2026-06-01T09:00:" + std::string(m_seq < 10 ? "0" : "") + std::to_string(m_seq) + ".000Z"},
               {"payload", std::move(payload)}};
        if (!comparison.empty())
            e["comparison"] = comparison;
        if (!supersedes.empty())
            e["supersedes"] = supersedes;
        return e;
    }

    json vote(const Vote &v)
    {
        const json payload{{"version", 2},
                           {"candidate_a", {{"candidate", v.a}, {"model", kModels[v.a]}}},
                           {"candidate_b", {{"candidate", v.b}, {"model", kModels[v.b]}}},
                           {"shown_first", v.bShownFirst ? "b" : "a"},
                           {"first_side", "right"},
                           {"outcome", v.outcome},
                           {"selection", "scheduled_random"}};
        return event("vote", v.annotator, v.item, std::string(v.item) + "/" + std::to_string(v.a) + "-" + std::to_string(v.b),
                     payload);
    }

    // Header, events, trailer, as "Vote bundle" describes them.
    QByteArray bundle(const std::vector<json> &events)
    {
        std::vector<std::string> annotators;
        for (const json &e : events)
            annotators.push_back(e["annotator"]);
        std::sort(annotators.begin(), annotators.end());
        annotators.erase(std::unique(annotators.begin(), annotators.end()), annotators.end());
        const json header{{"majlis_bundle", 1},
                          {"bundle_id", uuid7(900000 + m_seq)},
                          {"workstation", "field-site-7"},
                          {"public_key", base64(m_public, sizeof m_public)},
                          {"annotators", annotators},
                          {"seq_first", events.front()["seq"]},
                          {"seq_last", events.back()["seq"]},
                          {"event_count", events.size()},
                          {"created", "2026-06-01T10:00:00.000Z"}};
        std::string body = header.dump() + "\n";
        for (const json &e : events)
            body += e.dump() + "\n";
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(body.data()), body.size());
        std::string message = "majlis_bundle 1 sha256:";
        message.append(reinterpret_cast<const char *>(digest), sizeof digest);
        unsigned char signature[crypto_sign_BYTES];
        crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char *>(message.data()), message.size(),
                             m_secret);
        const json trailer{{"majlis_bundle_trailer", 1},
                           {"sha256", QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex().toStdString()},
                           {"signature", base64(signature, sizeof signature)}};
        return QByteArray::fromStdString(body + trailer.dump() + "\n");
    }

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        crypto_sign_keypair(m_public, m_secret);
    }

    void importedVotesAreCounted()
    {
        const QString store = m_dir.filePath(QStringLiteral("site.sqlite"));
        Run run = majlisctl(store, {QStringLiteral("pack"), QStringLiteral("import"), kPack});
        QVERIFY2(run.exitCode == 0, run.err.constData());

        // Two annotators judge the same four pairs; one vote is taken back and cast again.
        const Vote votes[] = {
            {"nour", "i1", 0, 1, "a", false},  {"nour", "i1", 0, 2, "a", true},     {"nour", "i1", 1, 2, "b", false},
            {"nour", "i2", 0, 1, "tie", true}, {"salem", "i1", 0, 1, "a", true},    {"salem", "i1", 0, 2, "b", false},
            {"salem", "i1", 1, 2, "b", true},  {"salem", "i2", 0, 1, "tie", false},
        };
        std::vector<json> events;
        for (const Vote &v : votes)
            events.push_back(vote(v));
        events.push_back(event("undo", "salem", "i1", "i1/0-2", {{"version", 2}}, events[5]["id"]));
        events.push_back(vote({"salem", "i1", 0, 2, "a", false}));
        events.push_back(event("annotation", "nour", "i1", "i1/1-2",
                               {{"version", 2},
                                {"candidate", 1},
                                {"model", "m-two"},
                                {"category", "factual_error"},
                                {"severity", "major"},
                                {"weight", 5},
                                {"comment", ""},
                                {"span", nullptr},
                                {"quote", ""}}));
        const QString file = write(QStringLiteral("site.majlisbundle"), bundle(events));

        run = majlisctl(store, {QStringLiteral("bundle"), QStringLiteral("import"), file, QStringLiteral("--trust-new-key")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("11 events (11 new"), run.out.constData());

        run = majlisctl(store, {QStringLiteral("ratings"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json ratings = json::parse(run.out.toStdString());
        QCOMPARE(ratings["leaderboard"]["battles"].get<int>(), 8);  // the undone vote is not counted
        std::map<std::string, json> byModel;
        for (const json &m : ratings["leaderboard"]["models"])
            byModel[m["model"]] = m;
        // m-one: beat m-two twice and m-three twice, tied m-two twice: 4 wins, 2 ties in 6 votes.
        QCOMPARE(byModel["m-one"]["votes"].get<int>(), 6);
        QCOMPARE(byModel["m-one"]["wins"].get<int>(), 4);
        QCOMPARE(byModel["m-one"]["ties"].get<int>(), 2);
        QCOMPARE(byModel["m-three"]["wins"].get<int>(), 2);
        QCOMPARE(byModel["m-two"]["losses"].get<int>(), 4);
        QCOMPARE(ratings["failures"].dump().find("factual_error") != std::string::npos, true);

        run = majlisctl(store, {QStringLiteral("agreement"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json agreement = json::parse(run.out.toStdString());
        QCOMPARE(agreement["units"].get<int>(), 4);
        QCOMPARE(agreement["pairs"].size(), std::size_t(1));
        QCOMPARE(agreement["pairs"][0]["units"].get<int>(), 4);
        QCOMPARE(agreement["pairs"][0]["observed"].get<double>(), 1.0);  // the two agree on every pair
    }

    // A payload that breaks the contract is refused with the field named; nothing is stored.
    void aBrokenPayloadIsRefusedByName()
    {
        const QString store = m_dir.filePath(QStringLiteral("broken.sqlite"));
        QVERIFY(majlisctl(store, {QStringLiteral("pack"), QStringLiteral("import"), kPack}).exitCode == 0);
        const json good = vote({"nour", "i1", 0, 1, "a", false});
        json bad = vote({"nour", "i2", 0, 1, "a", false});
        bad["payload"]["candidate_b"]["model"] = "";
        const QString file = write(QStringLiteral("broken.majlisbundle"), bundle({good, bad}));
        const Run run =
            majlisctl(store, {QStringLiteral("bundle"), QStringLiteral("import"), file, QStringLiteral("--trust-new-key")});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("payload field \"candidate_b.model\" is empty"), run.err.constData());
        const Run stats = majlisctl(store, {QStringLiteral("stats")});
        QVERIFY2(stats.out.contains("events       0"), stats.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestIndependentBundle)
#include "test_independent_bundle.moc"
