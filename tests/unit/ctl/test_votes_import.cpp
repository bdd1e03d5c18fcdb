// majlisctl votes import, as a coordinator runs it on files in the shape of real exports
// (tests/fixtures/judgments): PandaLM's testset, MT-Bench human judgments, Chatbot Arena
// conversations and a long pairwise CSV. The agreement figures on the PandaLM file are checked
// against a reference computed here from the file itself, with Qt's JSON reader and the textbook
// formulas, not with the project's code.
#include "../../common/majlisctlrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using majlis::testing::CtlRun;

namespace {

const QString kFixtures = QStringLiteral(MAJLIS_FIXTURES_DIR);
const QString kPandaLm = kFixtures + QStringLiteral("/judgments/pandalm/testset-v1.json");
const QString kMtBenchHuman = kFixtures + QStringLiteral("/judgments/mt-bench-human/human_judgments.jsonl");
const QString kMtBenchBare = kFixtures + QStringLiteral("/judgments/mt-bench-human/no-conversations.jsonl");
const QString kArena = kFixtures + QStringLiteral("/judgments/arena/chatbot_arena_conversations.jsonl");
const QString kLong = kFixtures + QStringLiteral("/judgments/long/pairwise-judgments.csv");
const QString kLongAnswers = kFixtures + QStringLiteral("/pack-build/long/evaluation-export.csv");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject jsonOf(const QByteArray &out)
{
    return QJsonDocument::fromJson(out).object();
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n'))
        if (!line.trimmed().isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    return lines;
}

// The reference: Fleiss' kappa, Krippendorff's alpha (nominal) and Cohen's kappa per pair of
// annotators, from a table of units x raters (every unit rated by every rater).
struct Reference
{
    double fleiss = 0, alpha = 0;
    std::map<std::pair<int, int>, double> cohen;
};

Reference reference(const std::vector<std::vector<int>> &units)
{
    const double n = double(units.front().size()), count = double(units.size());
    std::set<int> categories;
    for (const auto &u : units)
        categories.insert(u.cbegin(), u.cend());
    const auto share = [&](int c, const std::vector<int> &u) { return double(std::count(u.cbegin(), u.cend(), c)); };
    Reference r;
    double agreement = 0;
    for (const auto &u : units) {
        double squares = 0;
        for (int c : categories)
            squares += share(c, u) * share(c, u);
        agreement += (squares - n) / (n * (n - 1));
    }
    agreement /= count;
    double chance = 0;
    std::map<int, double> total;
    for (int c : categories) {
        for (const auto &u : units)
            total[c] += share(c, u);
        chance += (total[c] / (count * n)) * (total[c] / (count * n));
    }
    r.fleiss = (agreement - chance) / (1 - chance);
    // Krippendorff: observed disagreement from the coincidences within units, expected from the
    // pooled label counts.
    double coincidentApart = 0;
    for (const auto &u : units)
        for (size_t i = 0; i < u.size(); ++i)
            for (size_t j = 0; j < u.size(); ++j)
                if (i != j && u[i] != u[j])
                    coincidentApart += 1 / (n - 1);
    double labels = 0, expectedApart = 0;
    for (int c : categories)
        labels += total[c];
    for (int c : categories)
        for (int k : categories)
            if (c != k)
                expectedApart += total[c] * total[k];
    r.alpha = 1 - (labels - 1) * coincidentApart / expectedApart;
    for (size_t a = 0; a < size_t(n); ++a)
        for (size_t b = a + 1; b < size_t(n); ++b) {
            double same = 0, expected = 0;
            for (const auto &u : units)
                same += u[a] == u[b] ? 1 : 0;
            for (int c : categories) {
                double ca = 0, cb = 0;
                for (const auto &u : units) {
                    ca += u[a] == c ? 1 : 0;
                    cb += u[b] == c ? 1 : 0;
                }
                expected += (ca / count) * (cb / count);
            }
            r.cohen[{int(a), int(b)}] = (same / count - expected) / (1 - expected);
        }
    return r;
}

} // namespace

class TestVotesImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_stores = 0;

    QString newStore() { return m_dir.filePath(QStringLiteral("store-%1.sqlite").arg(++m_stores)); }

    CtlRun ctl(const QString &store, const QStringList &args)
    {
        return majlis::testing::runMajlisctl(QStringLiteral(MAJLISCTL), store, args);
    }

    // A pack built from `file` with --from `format` and imported into a new store.
    QString storeWithPack(const QString &format, const QString &file, const QStringList &extra = {})
    {
        const QString store = newStore();
        const QString pack = m_dir.filePath(QStringLiteral("pack-%1.jsonl").arg(m_stores));
        const CtlRun built = ctl(store, QStringList{QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"),
                                                    format, file, QStringLiteral("-o"), pack} + extra);
        if (built.exitCode != 0)
            qWarning("%s", built.err.constData());
        const CtlRun imported = ctl(store, {QStringLiteral("pack"), QStringLiteral("import"), pack});
        if (imported.exitCode != 0)
            qWarning("%s", imported.err.constData());
        return store;
    }

    qsizetype eventCount(const QString &store)
    {
        return jsonLines(ctl(store, {QStringLiteral("events"), QStringLiteral("export")}).out).size();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void pandaLmAgreementEqualsTheReference()
    {
        const QString store = storeWithPack(QStringLiteral("pandalm"), kPandaLm);
        const CtlRun run = ctl(store, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                                       QStringLiteral("pandalm"), kPandaLm});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("imported 120 votes into pack pack-1"), run.out.constData());

        // The file read independently: Python's json writes NaN for a missing input.
        const QJsonArray records = QJsonDocument::fromJson(readAll(kPandaLm).replace("NaN", "null")).array();
        QCOMPARE(records.size(), 40);
        std::vector<std::vector<int>> units;
        for (const QJsonValue &r : records)
            units.push_back({r[QLatin1String("annotator1")].toInt(), r[QLatin1String("annotator2")].toInt(),
                             r[QLatin1String("annotator3")].toInt()});
        const Reference expected = reference(units);

        const QJsonObject got = jsonOf(ctl(store, {QStringLiteral("agreement"), QStringLiteral("--format"), QStringLiteral("json")}).out);
        QCOMPARE(got[QLatin1String("units")].toInt(), 40);
        QCOMPARE(got[QLatin1String("labels")].toInt(), 120);
        QVERIFY(qAbs(got[QLatin1String("fleissKappa")].toDouble() - expected.fleiss) < 1e-12);
        QVERIFY(qAbs(got[QLatin1String("krippendorffAlpha")].toDouble() - expected.alpha) < 1e-12);
        const QJsonArray pairs = got[QLatin1String("pairs")].toArray();
        QCOMPARE(pairs.size(), 3);
        for (const QJsonValue &p : pairs) {
            const int a = p[QLatin1String("first")].toString().right(1).toInt() - 1;
            const int b = p[QLatin1String("second")].toString().right(1).toInt() - 1;
            QVERIFY(p[QLatin1String("first")].toString().startsWith(QLatin1String("pandalm:annotator")));
            QCOMPARE(p[QLatin1String("units")].toInt(), 40);
            QVERIFY2(qAbs(p[QLatin1String("cohensKappa")].toDouble() - expected.cohen.at({a, b})) < 1e-12,
                     qPrintable(QStringLiteral("annotators %1 and %2").arg(a + 1).arg(b + 1)));
        }
        // The table says the same, and that 40 comparisons are enough to mean something.
        const CtlRun table = ctl(store, {QStringLiteral("agreement")});
        QVERIFY(table.out.contains(QByteArray(QByteArray("Fleiss' kappa                   ") + QByteArray::number(expected.fleiss, 'f', 3))));
        QVERIFY(!table.out.left(table.out.indexOf("Cohen")).contains("too few"));
    }

    void importedVotesRankAndStayOutOfThePositionBias()
    {
        const QString store = storeWithPack(QStringLiteral("pandalm"), kPandaLm);
        QCOMPARE(ctl(store, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                             QStringLiteral("pandalm"), kPandaLm})
                     .exitCode,
                 0);
        const QJsonObject board = jsonOf(ctl(store, {QStringLiteral("ratings"), QStringLiteral("--format"), QStringLiteral("json"),
                                                     QStringLiteral("--bootstrap"), QStringLiteral("0")})
                                             .out);
        const QJsonObject votes = board[QLatin1String("votes")].toObject();
        QCOMPARE(votes[QLatin1String("live")].toInt(), 120);
        QCOMPARE(votes[QLatin1String("ranking")].toInt(), 120);
        QCOMPARE(votes[QLatin1String("imported")].toInt(), 120);
        QCOMPARE(board[QLatin1String("leaderboard")].toObject()[QLatin1String("models")].toArray().size(), 5);
        const QJsonObject bias = jsonOf(ctl(store, {QStringLiteral("bias"), QStringLiteral("--format"), QStringLiteral("json")}).out);
        QCOMPARE(bias[QLatin1String("importedLeftOut")].toInt(), 120);
        QCOMPARE(bias[QLatin1String("overall")].toObject()[QLatin1String("decisive")].toInt(), 0);

        // What each vote records: its source and record, PandaLM's fixed order and no side.
        const QList<QJsonObject> events = jsonLines(ctl(store, {QStringLiteral("events"), QStringLiteral("export")}).out);
        QCOMPARE(events.size(), 120);
        const QJsonObject first = events.first();
        QCOMPARE(first[QLatin1String("annotator")].toString(), QStringLiteral("pandalm:annotator1"));
        QCOMPARE(first[QLatin1String("item")].toString(), QStringLiteral("0"));
        const QJsonObject payload = first[QLatin1String("payload")].toObject();
        QCOMPARE(payload[QLatin1String("selection")].toString(), QStringLiteral("imported"));
        QCOMPARE(payload[QLatin1String("imported")].toObject()[QLatin1String("source")].toString(), QStringLiteral("pandalm"));
        QCOMPARE(payload[QLatin1String("imported")].toObject()[QLatin1String("record")].toString(), QStringLiteral("idx 0"));
        QVERIFY(payload.contains(QLatin1String("shown_first")));
        QVERIFY(!payload.contains(QLatin1String("first_side")));
        // Record 0: annotator1 said 2 (response2 better); cmp_key bloom-7b_llama-7b, so llama-7b won.
        QCOMPARE(payload[QLatin1String("outcome")].toString(), QStringLiteral("b"));
        QCOMPARE(payload[QLatin1String("candidate_b")].toObject()[QLatin1String("model")].toString(), QStringLiteral("llama-7b"));
    }

    void importingTheSameFileAgainAddsNothing()
    {
        const QString store = storeWithPack(QStringLiteral("pandalm"), kPandaLm);
        const QStringList args{QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("pandalm"), kPandaLm};
        QCOMPARE(ctl(store, args).exitCode, 0);
        const CtlRun again = ctl(store, args);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.startsWith("imported 0 votes"), again.out.constData());
        QVERIFY(again.err.contains("120 judgments were imported before"));
        QCOMPARE(eventCount(store), 120);
    }

    void mtBenchHumanJudgmentsWithTheirConversations()
    {
        const QString store = storeWithPack(QStringLiteral("mt-bench-human"), kMtBenchHuman);
        const CtlRun run = ctl(store, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                                       QStringLiteral("mt-bench-human"), kMtBenchHuman});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("imported 45 votes"), run.out.constData());
        const QList<QJsonObject> events = jsonLines(ctl(store, {QStringLiteral("events"), QStringLiteral("export")}).out);
        std::set<QString> items;
        for (const QJsonObject &e : events)
            items.insert(e[QLatin1String("item")].toString());
        QVERIFY(items.count(QStringLiteral("81-t1")) && items.count(QStringLiteral("81-t2")) && items.count(QStringLiteral("131-t2")));
        const QJsonObject agreement = jsonOf(ctl(store, {QStringLiteral("agreement"), QStringLiteral("--format"), QStringLiteral("json")}).out);
        QCOMPARE(agreement[QLatin1String("units")].toInt(), 18);  // 3 questions x 3 pairs x 2 turns
        QCOMPARE(agreement[QLatin1String("labels")].toInt(), 45);
    }

    // Judgments without conversations meet a pack built from FastChat's model answers: items
    // <question_id>-t1, and -t2 only when the pack was built with --second-turns.
    void mtBenchHumanJudgmentsMatchAPackOfFastChatAnswers()
    {
        const QString dir = kFixtures + QStringLiteral("/pack-build/mt_bench");
        const QStringList inputs{dir + QStringLiteral("/question.jsonl"), dir + QStringLiteral("/model_answer/gpt-3.5-turbo.jsonl"),
                                 dir + QStringLiteral("/model_answer/jais-13b.jsonl"), dir + QStringLiteral("/model_answer/vicuna-13b.jsonl")};
        const QStringList import{QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                                 QStringLiteral("mt-bench-human"), kMtBenchBare};

        const QString store = newStore();
        const QString pack = m_dir.filePath(QStringLiteral("fastchat.jsonl"));
        QCOMPARE(ctl(store, QStringList{QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("mt_bench")}
                                + inputs + QStringList{QStringLiteral("-o"), pack})
                     .exitCode,
                 0);
        QCOMPARE(ctl(store, {QStringLiteral("pack"), QStringLiteral("import"), pack}).exitCode, 0);
        const CtlRun refused = ctl(store, import);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("2 of 5 judgments match no comparison of pack \"fastchat\", so none was imported"),
                 refused.err.constData());
        QVERIFY(refused.err.contains("no-conversations.jsonl:3: the pack has no item \"81-t2\" (second turns: build the pack with them)"));
        QCOMPARE(eventCount(store), 0);
        const CtlRun some = ctl(store, import + QStringList{QStringLiteral("--skip-unmatched")});
        QCOMPARE(some.exitCode, 0);
        QVERIFY2(some.out.startsWith("imported 3 votes"), some.out.constData());

        const QString withSecond = newStore();
        const QString pack2 = m_dir.filePath(QStringLiteral("fastchat2.jsonl"));
        QCOMPARE(ctl(withSecond, QStringList{QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("mt_bench")}
                                     + inputs + QStringList{QStringLiteral("-o"), pack2, QStringLiteral("--second-turns")})
                     .exitCode,
                 0);
        QCOMPARE(ctl(withSecond, {QStringLiteral("pack"), QStringLiteral("import"), pack2}).exitCode, 0);
        const CtlRun all = ctl(withSecond, import);
        QVERIFY2(all.exitCode == 0, all.err.constData());
        QVERIFY2(all.out.startsWith("imported 5 votes"), all.out.constData());
        // Line 2 has jais-13b as model_a and gpt-3.5-turbo winning: candidate a of 81-t1 (gpt-3.5-turbo
        // comes first in the pack) won, and b was shown first.
        const QList<QJsonObject> events = jsonLines(ctl(withSecond, {QStringLiteral("events"), QStringLiteral("export")}).out);
        const QJsonObject second = events[1][QLatin1String("payload")].toObject();
        QCOMPARE(second[QLatin1String("candidate_a")].toObject()[QLatin1String("model")].toString(), QStringLiteral("gpt-3.5-turbo"));
        QCOMPARE(second[QLatin1String("outcome")].toString(), QStringLiteral("a"));
        QCOMPARE(second[QLatin1String("shown_first")].toString(), QStringLiteral("b"));
    }

    void arenaBattlesKeepTheirSide()
    {
        const QString store = storeWithPack(QStringLiteral("arena"), kArena);
        const CtlRun run = ctl(store, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                                       QStringLiteral("arena"), kArena});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("imported 14 votes"), run.out.constData());
        const QList<QByteArray> battles = readAll(kArena).trimmed().split('\n');
        const QList<QJsonObject> events = jsonLines(ctl(store, {QStringLiteral("events"), QStringLiteral("export")}).out);
        QCOMPARE(events.size(), battles.size());
        int bothBad = 0;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QJsonObject battle = QJsonDocument::fromJson(battles[i]).object();
            const QJsonObject p = events[i][QLatin1String("payload")].toObject();
            QCOMPARE(events[i][QLatin1String("annotator")].toString(), QStringLiteral("arena:") + battle[QLatin1String("judge")].toString());
            QCOMPARE(events[i][QLatin1String("item")].toString(), battle[QLatin1String("question_id")].toString());
            // model_a was on the left and shown first, whichever candidate of the pack it is.
            const QString shown = p[QLatin1String("shown_first")].toString();
            QCOMPARE(p[QLatin1String("candidate_") + shown].toObject()[QLatin1String("model")].toString(),
                     battle[QLatin1String("model_a")].toString());
            QCOMPARE(p[QLatin1String("first_side")].toString(), QStringLiteral("left"));
            const QString winner = battle[QLatin1String("winner")].toString();
            const QString outcome = p[QLatin1String("outcome")].toString();
            if (winner == QLatin1String("tie (bothbad)")) {
                QCOMPARE(outcome, QStringLiteral("both_bad"));
                ++bothBad;
            } else if (winner == QLatin1String("tie")) {
                QCOMPARE(outcome, QStringLiteral("tie"));
            } else {
                QCOMPARE(p[QLatin1String("candidate_") + outcome].toObject()[QLatin1String("model")].toString(),
                         battle[winner].toString());
            }
        }
        QVERIFY(bothBad > 0);
    }

    // No model names: the answers are found by their text, whichever order the row gives them in.
    void longPairwiseCsvMatchesByAnswerText()
    {
        const QString store = storeWithPack(QStringLiteral("long"), kLongAnswers);
        const CtlRun run = ctl(store, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                                       QStringLiteral("long"), kLong});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("imported 10 votes"), run.out.constData());
        std::map<QString, QString> outcomes;  // annotator on p-001 -> outcome
        for (const QJsonObject &e : jsonLines(ctl(store, {QStringLiteral("events"), QStringLiteral("export")}).out))
            if (e[QLatin1String("item")].toString() == QLatin1String("p-001"))
                outcomes[e[QLatin1String("annotator")].toString()] = e[QLatin1String("payload")].toObject()[QLatin1String("outcome")].toString();
        // Candidate 0 of p-001 is sahra-7b. rater-04's row puts nakheel-13b first and chose A.
        const std::map<QString, QString> expected{{QStringLiteral("long:rater-01"), QStringLiteral("a")},
                                                  {QStringLiteral("long:rater-02"), QStringLiteral("both_bad")},
                                                  {QStringLiteral("long:rater-03"), QStringLiteral("b")},
                                                  {QStringLiteral("long:rater-04"), QStringLiteral("b")},
                                                  {QStringLiteral("long:rater-05"), QStringLiteral("tie")}};
        QCOMPARE(outcomes, expected);
    }

    // Two packs built from the same answers share their item and comparison ids; agreement over
    // both (no --pack) merged their votes into one unit per comparison id.
    void agreementKeepsPacksApart()
    {
        const QString store = newStore();
        for (const QString &id : {QStringLiteral("first"), QStringLiteral("second")}) {
            const QString pack = m_dir.filePath(id + QStringLiteral(".jsonl"));
            QCOMPARE(ctl(store, {QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("long"),
                                 kLongAnswers, QStringLiteral("-o"), pack})
                         .exitCode,
                     0);
            QCOMPARE(ctl(store, {QStringLiteral("pack"), QStringLiteral("import"), pack}).exitCode, 0);
            const CtlRun run = ctl(store, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                                           QStringLiteral("long"), kLong, QStringLiteral("--pack"), id});
            QVERIFY2(run.exitCode == 0, run.err.constData());
        }
        const QJsonObject both = jsonOf(ctl(store, {QStringLiteral("agreement"), QStringLiteral("--format"), QStringLiteral("json")}).out);
        QCOMPARE(both[QLatin1String("units")].toInt(), 4);  // p-001 and p-002 in each pack
        QCOMPARE(both[QLatin1String("labels")].toInt(), 20);
        const QJsonObject one = jsonOf(ctl(store, {QStringLiteral("agreement"), QStringLiteral("--format"), QStringLiteral("json"),
                                                   QStringLiteral("--pack"), QStringLiteral("first")})
                                           .out);
        QCOMPARE(one[QLatin1String("units")].toInt(), 2);
        QCOMPARE(both[QLatin1String("fleissKappa")].toDouble(), one[QLatin1String("fleissKappa")].toDouble());
    }

    void refusalsSayWhatAndWhereAndStoreNothing_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("message");
        QByteArray panda = readAll(kPandaLm);
        QTest::newRow("PandaLM read as MT-Bench") << QStringLiteral("mt-bench-human") << panda << QStringLiteral("json")
                                                  << QStringLiteral("record 1: not a mt-bench-human record: it needs model_a, "
                                                                    "model_b and winner; it looks like a pandalm file: read it with --from pandalm");
        QByteArray badLabel = panda;
        badLabel.replace("\"annotator2\": 1,", "\"annotator2\": 5,");
        QTest::newRow("a label PandaLM does not have") << QStringLiteral("pandalm") << badLabel << QStringLiteral("json")
                                                       << QStringLiteral("field \"annotator2\": must be 0 (tie), 1 (response1 better) or 2 (response2 better), not 5");
        QByteArray huge = panda;
        huge.replace("\"idx\": 3,", "\"idx\": 3, \"meta\": 1e400,");
        QTest::newRow("a number out of range") << QStringLiteral("pandalm") << huge << QStringLiteral("json") << QStringLiteral("1e400");
        QTest::newRow("MT-Bench read as Arena, no judge")
            << QStringLiteral("arena") << QByteArray(R"({"question_id": "q1", "model_a": "x", "model_b": "y", "winner": "model_a"})" "\n")
            << QStringLiteral("jsonl") << QStringLiteral(":1: field \"judge\": is missing or empty; imported votes are authored by their judges");
        QTest::newRow("a winner nobody writes")
            << QStringLiteral("mt-bench-human")
            << QByteArray(R"({"question_id": 81, "model_a": "x", "model_b": "y", "winner": "model_c", "judge": "j", "turn": 1})" "\n")
            << QStringLiteral("jsonl") << QStringLiteral(":1: field \"winner\": \"model_c\" is not model_a, model_b, tie or tie (bothbad)");
        QTest::newRow("long without a judge column")
            << QStringLiteral("long") << QByteArray("Prompt,Response A,Response B,Preference\nq,x,y,A\n") << QStringLiteral("csv")
            << QStringLiteral("no column for judge (looked for judge, judge_id, annotator");
        QTest::newRow("long with a choice nobody writes")
            << QStringLiteral("long") << QByteArray("prompt,output_a,output_b,judge,choice\nq,x,y,j1,A\nq,x,y,j2,maybe\n")
            << QStringLiteral("csv") << QStringLiteral(":3: the choice \"maybe\" is none of a, b, tie, both bad");
    }

    void refusalsSayWhatAndWhereAndStoreNothing()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, content);
        QFETCH(QString, suffix);
        QFETCH(QString, message);
        const QString store = storeWithPack(QStringLiteral("pandalm"), kPandaLm);
        const QString file = m_dir.filePath(QStringLiteral("bad-%1.%2").arg(m_stores).arg(suffix));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const CtlRun run = ctl(store, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"), format, file});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith(QByteArray("majlisctl: error: " + file.toUtf8())), run.err.constData());
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        QCOMPARE(eventCount(store), 0);
    }

    void judgmentsOfAnotherPackAreRefusedWhole()
    {
        const QString store = storeWithPack(QStringLiteral("long"), kLongAnswers);
        const CtlRun run = ctl(store, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                                       QStringLiteral("pandalm"), kPandaLm});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("120 of 120 judgments match no comparison of pack"), run.err.constData());
        QVERIFY(run.err.contains("testset-v1.json: record 1: the pack has no item \"0\""));
        QCOMPARE(eventCount(store), 0);

        const QString empty = newStore();
        const CtlRun none = ctl(empty, {QStringLiteral("votes"), QStringLiteral("import"), QStringLiteral("--from"),
                                        QStringLiteral("pandalm"), kPandaLm});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("holds no pack; the judgments are matched to the items of a pack built from the same data: "
                                   "majlisctl pack build --from pandalm"),
                 none.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestVotesImport)
#include "test_votes_import.moc"
