// core/analysis: the fold of vote events into battles and into the figures beside the ratings.
#include "analysis/analysis.h"
#include "analysis/voteexport.h"
#include "common/json.h"
#include "rating/leaderboardformat.h"
#include "session/votingsession.h"
#include "store/eventstore.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace majlis;

namespace {

const QString kPack = QStringLiteral(MAJLIS_FIXTURES_DIR "/store/small-pack.jsonl");

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::EventStore> m_store;
    QList<store::ComparisonRef> m_refs;
    int m_n = 0;

    const store::ComparisonRef &ref(const QString &itemId, int nth = 0)
    {
        for (const store::ComparisonRef &r : std::as_const(m_refs))
            if (r.itemId == itemId && nth-- == 0)
                return r;
        qFatal("no such comparison");
    }

    // A vote event as VotingSession writes it. `outcome` is in candidate terms (a, b, tie,
    // both_bad); `swapped` puts candidate b on the left.
    Event vote(const QString &annotator, const store::ComparisonRef &r, const QString &outcome, bool swapped = false,
               Selection selection = Selection::ScheduledRandom, int maskedA = 0, int maskedB = 0)
    {
        const Item item = *m_store->item(QStringLiteral("store-test"), r.itemId);
        const auto ref = [&](int index) { return CandidateRef{index, item.candidates.at(index).model}; };
        // `masked` names, each a stand-in span of one code point.
        const auto names = [](int masked) { return std::vector<MaskedName>(std::size_t(masked), MaskedName{0, 1, QStringLiteral("X"), QStringLiteral("X")}); };
        VotePayload v;
        v.candidateA = ref(r.candidateA);
        v.candidateB = ref(r.candidateB);
        v.shownFirst = swapped ? Letter::B : Letter::A;
        v.firstSide = Side::Left;
        for (VoteOutcome o : {VoteOutcome::A, VoteOutcome::B, VoteOutcome::Tie, VoteOutcome::BothBad})
            if (toString(o) == outcome)
                v.outcome = o;
        v.selection = selection;
        v.placement = Placement{0, QStringLiteral("1")};
        v.maskingA = names(maskedA);
        v.maskingB = names(maskedB);
        const nlohmann::json p = toJson(v);
        Event e;
        e.kind = EventKind::Vote;
        e.packId = QStringLiteral("store-test");
        e.itemId = r.itemId;
        e.comparisonId = r.id;
        e.annotator = annotator;
        e.payload = p;
        auto committed = m_store->append(std::move(e));
        if (!committed)
            qFatal("append failed: %s", qPrintable(committed.error().message));
        return *committed;
    }

    void undo(const Event &target)
    {
        Event e;
        e.kind = EventKind::Undo;
        e.packId = target.packId;
        e.itemId = target.itemId;
        e.comparisonId = target.comparisonId;
        e.annotator = target.annotator;
        e.supersedes = target.id;
        QVERIFY(m_store->append(std::move(e)));
    }

    Event mark(const QString &model, const QString &category, const QString &severity, double weight,
               const QString &quote)
    {
        Event e;
        e.kind = EventKind::Annotation;
        e.packId = QStringLiteral("store-test");
        e.itemId = QStringLiteral("i1");
        e.annotator = QStringLiteral("rev");
        FailureMark m;
        m.model = model;
        m.category = category;
        m.severity = severity;
        m.weight = weight;
        if (!quote.isEmpty())
            m.span = text::CodePointSpan{0, text::codePointCount(quote)};
        m.quote = quote;
        e.payload = toJson(m);
        return *m_store->append(std::move(e));
    }

    analysis::LiveVotes live()
    {
        auto v = analysis::collectLiveVotes(*m_store);
        if (!v)
            qFatal("%s", qPrintable(v.error().message));
        return std::move(*v);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        auto s = store::EventStore::open(m_dir.filePath(QStringLiteral("a%1.sqlite").arg(++m_n)));
        QVERIFY(s);
        m_store = std::move(*s);
        QVERIFY(m_store->importPack(kPack));
        auto refs = m_store->comparisons(QStringLiteral("store-test"));
        QVERIFY(refs);
        m_refs = *refs;
        QCOMPARE(m_refs.size(), 5);
    }

    void cleanup() { m_store.reset(); }

    void undoneVoteIsDead()
    {
        auto session = session::VotingSession::start(*m_store, QStringLiteral("store-test"), QStringLiteral("ann"));
        QVERIFY(session);
        for (Choice c : {Choice::First, Choice::Second, Choice::Tie}) {
            QVERIFY((*session)->next());
            QVERIFY((*session)->vote(c, Side::Left));
        }
        QVERIFY((*session)->undo());
        const analysis::LiveVotes v = live();
        QCOMPARE(v.votes.size(), std::size_t(2));
        QCOMPARE(v.supersededVotes, 1);
        QCOMPARE(analysis::toBattleSet(v.votes, false).battles.size(), std::size_t(2));
        QCOMPARE(v.modelNames.value(QStringLiteral("m-one")), QStringLiteral("Model One"));
    }

    void pickedByHandLeftOutByDefault()
    {
        auto session = session::VotingSession::start(*m_store, QStringLiteral("store-test"), QStringLiteral("ann"));
        QVERIFY(session);
        QVERIFY((*session)->pick(ref(QStringLiteral("i2")).id));
        QVERIFY((*session)->vote(Choice::First, Side::Left));
        QVERIFY((*session)->next());
        QVERIFY((*session)->vote(Choice::Second, Side::Right));
        const analysis::LiveVotes v = live();
        QCOMPARE(v.votes.size(), std::size_t(2));
        QCOMPARE(analysis::toBattleSet(v.votes, false).battles.size(), std::size_t(1));
        QCOMPARE(analysis::toBattleSet(v.votes, true).battles.size(), std::size_t(2));
        auto a = analysis::analyse(v, {});
        QVERIFY(a);
        QCOMPARE(a->pickedLeftOut, 1);
        QCOMPARE(a->rankingVotes, 1);
        QCOMPARE(a->board.battles, 1);
        analysis::AnalysisOptions all;
        all.includePicked = true;
        QCOMPARE(analysis::analyse(v, all)->board.battles, 2);
    }

    void sidesDoNotChangeTheRanking()
    {
        // The same judgements in candidate terms, first with every answer where the schedule put
        // it, then with every pair mirrored on screen.
        const QStringList outcomes{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("tie"),
                                   QStringLiteral("a"), QStringLiteral("both_bad"), QStringLiteral("b"), QStringLiteral("a")};
        QList<nlohmann::json> boards;
        QList<analysis::LiveVotes> lives;
        for (bool swapped : {false, true}) {
            init();
            for (int i = 0; i < outcomes.size(); ++i)
                vote(QStringLiteral("ann"), m_refs[i % m_refs.size()], outcomes[i], swapped);
            lives << live();
            analysis::AnalysisOptions o;
            o.leaderboard.bootstrap.rounds = 200;
            auto a = analysis::analyse(lives.last(), o);
            QVERIFY(a);
            boards << analysis::toJson(*a);
        }
        QCOMPARE(analysis::toBattleSet(lives[0].votes, false), analysis::toBattleSet(lives[1].votes, false));
        QCOMPARE(QString::fromStdString(boards[0].dump()), QString::fromStdString(boards[1].dump()));
        // ...while the screen sides did change: left wins become right wins.
        const auto bias0 = analysis::positionBias(lives[0]), bias1 = analysis::positionBias(lives[1]);
        QCOMPARE(bias0.overall.decisive, bias1.overall.decisive);
        QCOMPARE(bias0.overall.leftWins, bias0.overall.decisive - bias1.overall.leftWins);
    }

    void slicesCountTheirVotes()
    {
        // i1 (emirati, greetings) x3, i2 (en, no category) x2, i3 (emirati, no category) x1
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 0), QStringLiteral("a"));
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 1), QStringLiteral("b"));
        vote(QStringLiteral("badr"), ref(QStringLiteral("i1"), 2), QStringLiteral("a"));
        vote(QStringLiteral("badr"), ref(QStringLiteral("i2")), QStringLiteral("a"));
        vote(QStringLiteral("huda"), ref(QStringLiteral("i2")), QStringLiteral("tie"));
        vote(QStringLiteral("huda"), ref(QStringLiteral("i3")), QStringLiteral("b"));

        auto slicesOf = [&](analysis::SliceBy by, const DialectRegistry &dialects = defaultDialects()) {
            analysis::AnalysisOptions o;
            o.slice = by;
            o.dialects = dialects;
            o.sliceMinVotes = 3;
            o.leaderboard.intervals = rating::IntervalMethod::Sandwich;
            o.annotatorGroups = {{QStringLiteral("amal"), QStringLiteral("experts")},
                                 {QStringLiteral("badr"), QStringLiteral("experts")},
                                 {QStringLiteral("huda"), QStringLiteral("crowd")}};
            auto live = analysis::collectLiveVotes(*m_store, {{}, o.annotatorGroups});
            auto a = analysis::analyse(*live, o);
            QMap<QString, QPair<qint64, bool>> out;
            for (const analysis::SliceBoard &s : a->slices) {
                out.insert(s.value, {s.votes, s.tooFewVotes});
                if (s.board.battles != s.votes)
                    qFatal("slice board has %lld battles for %lld votes", qint64(s.board.battles), s.votes);
                if (a->models.size() != 3 || s.board.rows.size() != 3)
                    qFatal("every slice lists every model");
            }
            return out;
        };
        using Counts = QMap<QString, QPair<qint64, bool>>;
        QCOMPARE(slicesOf(analysis::SliceBy::Dialect),
                 (Counts{{QStringLiteral("emirati"), {4, false}}, {QStringLiteral("en"), {2, true}}}));
        // Regions through the dialect registry: emirati is in the Gulf, "en" in no region.
        QCOMPARE(slicesOf(analysis::SliceBy::Region),
                 (Counts{{QStringLiteral("gulf"), {4, false}}, {QString(), {2, true}}}));
        // Two codes of one variety are one slice: a registry where "en" also names emirati.
        const auto merged = applyPackDialects(
            defaultDialects(), nlohmann::json::parse(R"({"varieties": [{"id": "emirati", "codes": ["en"]}]})"), kPack);
        QVERIFY(merged);
        QCOMPARE(slicesOf(analysis::SliceBy::Dialect, *merged), (Counts{{QStringLiteral("emirati"), {6, false}}}));
        QCOMPARE(slicesOf(analysis::SliceBy::Region, *merged), (Counts{{QStringLiteral("gulf"), {6, false}}}));
        QCOMPARE(slicesOf(analysis::SliceBy::Category),
                 (Counts{{QString(), {3, false}}, {QStringLiteral("greetings"), {3, false}}}));
        QCOMPARE(slicesOf(analysis::SliceBy::Group),
                 (Counts{{QStringLiteral("crowd"), {2, true}}, {QStringLiteral("experts"), {4, false}}}));
        QVERIFY(slicesOf(analysis::SliceBy::None).isEmpty());
    }

    void identityLeakShare()
    {
        // m-one is shown in 4 votes (i1 twice, i2 twice); one of those answers had a masked name.
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 0), QStringLiteral("a"), false,
             Selection::ScheduledRandom, 1, 0);
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 1), QStringLiteral("a"));
        vote(QStringLiteral("badr"), ref(QStringLiteral("i2")), QStringLiteral("b"), true);
        vote(QStringLiteral("huda"), ref(QStringLiteral("i2")), QStringLiteral("b"), false, Selection::PickedByHand, 0, 3);
        auto a = analysis::analyse(live(), {});
        QVERIFY(a);
        QCOMPARE(a->leaks.size(), std::size_t(3));
        for (const analysis::LeakShare &l : a->leaks) {
            if (l.model == QLatin1String("m-one")) {
                QCOMPARE(l.shown, 4);
                QCOMPARE(l.masked, 1);
                QCOMPARE(*l.share, 0.25);
            }
            if (l.model == QLatin1String("m-two")) {
                QCOMPARE(l.shown, 3);
                QCOMPARE(l.masked, 1); // the picked vote counts: what was shown was shown
            }
            if (l.model == QLatin1String("m-three")) {
                QCOMPARE(l.shown, 1);
                QCOMPARE(*l.share, 0.0);
            }
        }
    }

    void agreementOfThreeAnnotators()
    {
        // u1: a a a; u2: a a b; u3: tie tie tie; u4 has one label only (does not count).
        const auto &u1 = ref(QStringLiteral("i1"), 0), &u2 = ref(QStringLiteral("i1"), 1), &u3 = ref(QStringLiteral("i2")),
                   &u4 = ref(QStringLiteral("i3"));
        for (const char *who : {"amal", "badr", "huda"}) {
            vote(QLatin1String(who), u1, QStringLiteral("a"), who[0] == 'b');
            vote(QLatin1String(who), u3, QStringLiteral("tie"));
        }
        vote(QStringLiteral("amal"), u2, QStringLiteral("a"));
        vote(QStringLiteral("badr"), u2, QStringLiteral("a"), true);
        // huda first said "a" and undid it; then "b" twice (two workstations): counted once.
        undo(vote(QStringLiteral("huda"), u2, QStringLiteral("a")));
        vote(QStringLiteral("huda"), u2, QStringLiteral("tie"));
        vote(QStringLiteral("huda"), u2, QStringLiteral("b"));
        vote(QStringLiteral("amal"), u4, QStringLiteral("b"));

        const rating::AgreementReport r = analysis::agreement(live());
        QCOMPARE(r.units, 3);
        QCOMPARE(r.labels, 9);
        QVERIFY(r.observed);
        QCOMPARE(std::round(*r.observed * 1e6) / 1e6, std::round(7.0 / 9.0 * 1e6) / 1e6);
        QCOMPARE(r.pairs.size(), std::size_t(3));
        for (const rating::PairAgreement &p : r.pairs) {
            const bool withHuda = p.second == QLatin1String("huda");
            QCOMPARE(p.units, 3);
            QCOMPARE(p.observed, withHuda ? 2.0 / 3.0 : 1.0);
        }
        QCOMPARE(r.withMajority.size(), std::size_t(3));
        QCOMPARE(*r.withMajority[2].agreement, 2.0 / 3.0); // huda disagreed once with the others' majority
    }

    void failureMarksPerModel()
    {
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 0), QStringLiteral("a"));
        // Zero-safe: no marks yet, every model listed with nothing.
        auto none = analysis::analyse(live(), {});
        QVERIFY(none);
        QCOMPARE(none->failures.size(), std::size_t(2));
        for (const analysis::ModelFailures &f : none->failures) {
            QCOMPARE(f.count, 0);
            QVERIFY(f.categories.empty());
        }
        mark(QStringLiteral("m-one"), QStringLiteral("wrong_dialect"), QStringLiteral("minor"), 1, QStringLiteral("q1"));
        mark(QStringLiteral("m-one"), QStringLiteral("wrong_dialect"), QStringLiteral("critical"), 25, QStringLiteral("q2"));
        mark(QStringLiteral("m-one"), QStringLiteral("factual_error"), QStringLiteral("major"), 5, QStringLiteral("q3"));
        Event dead = mark(QStringLiteral("m-two"), QStringLiteral("msa_drift"), QStringLiteral("major"), 5, {});
        undo(dead);
        auto a = analysis::analyse(live(), {});
        QVERIFY(a);
        const analysis::ModelFailures &one = a->failures[0];
        QCOMPARE(one.model, QStringLiteral("m-one"));
        QCOMPARE(one.count, 3);
        QCOMPARE(one.weighted, 31.0);
        QCOMPARE(one.categories[0].category, QStringLiteral("wrong_dialect"));
        QCOMPARE(one.categories[0].examples[0].mark.quote, QStringLiteral("q2")); // heaviest first
        QCOMPARE(one.categories[0].bySeverity.value(QStringLiteral("minor")), 1);
        QCOMPARE(a->failures.size(), std::size_t(2)); // the undone mark on m-two is dead
        QCOMPARE(a->failures[1].model, QStringLiteral("m-two"));
        QCOMPARE(a->failures[1].count, 0);
        const nlohmann::json j = analysis::toJson(*a);
        QCOMPARE(j["failures"][0]["categories"][0]["count"].get<int>(), 2);
    }

    void oneJsonDocument()
    {
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 0), QStringLiteral("a"));
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 1), QStringLiteral("b"));
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 2), QStringLiteral("tie"));
        analysis::AnalysisOptions o;
        o.packId = QStringLiteral("store-test");
        o.slice = analysis::SliceBy::Dialect;
        o.leaderboard.bootstrap.rounds = 100;
        auto j = analysis::leaderboardJson(*m_store, o);
        QVERIFY(j);
        for (const char *key : {"pack", "selection", "votes", "modelNames", "leaderboard", "winRate", "predictedWin",
                                "slices", "identityLeaks", "failures", "warnings"})
            QVERIFY2(j->contains(key), key);
        QCOMPARE((*j)["votes"]["ranking"].get<int>(), 3);
        QCOMPARE((*j)["leaderboard"]["models"].size(), std::size_t(3));
        QCOMPARE((*j)["slices"]["by"].get<std::string>(), std::string("dialect"));
        QCOMPARE((*j)["modelNames"]["m-two"].get<std::string>(), std::string("Model Two"));
        // The same options give the same document.
        QCOMPARE(QString::fromStdString(j->dump()), QString::fromStdString(analysis::leaderboardJson(*m_store, o)->dump()));
        o.leaderboard.anchorModel = QStringLiteral("nobody");
        QVERIFY(!analysis::leaderboardJson(*m_store, o));
    }

    void noVotesIsNotAnError()
    {
        auto a = analysis::analyse(live(), {});
        QVERIFY2(a, qPrintable(a ? QString() : a.error().message));
        QCOMPARE(a->board.rows.size(), std::size_t(0));
        QCOMPARE(analysis::agreement(live()).units, 0);
        QCOMPARE(analysis::positionBias(live()).overall.votes, 0);
    }

    void csvExportHasOneRowPerLiveVote()
    {
        vote(QStringLiteral("amal"), ref(QStringLiteral("i1"), 0), QStringLiteral("a"), true);
        undo(vote(QStringLiteral("amal"), ref(QStringLiteral("i2")), QStringLiteral("b")));
        vote(QStringLiteral("badr"), ref(QStringLiteral("i2")), QStringLiteral("both_bad"), false, Selection::PickedByHand);
        const QStringList lines = QString::fromUtf8(analysis::votesToCsv(live().votes)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QLatin1String("event_id,pack_id,item_id,comparison_id,annotator,dialect,category")));
        QVERIFY(lines[1].contains(QLatin1String(",amal,emirati,greetings,m-one,m-two,a,m-one,left,right,scheduled_random,")));
        QVERIFY(lines[2].contains(QLatin1String(",badr,en,,m-one,m-two,both_bad,,left,,picked_by_hand,")));
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "test_analysis.moc"
