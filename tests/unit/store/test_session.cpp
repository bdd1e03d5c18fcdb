#include "../model/formatsdoc.h"
#include "session/votingsession.h"
#include "store/sqlite.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;

namespace {
const QString kPack = QStringLiteral("store-test");
QString fixture(const char *name)
{
    return QStringLiteral(MAJLIS_FIXTURES_DIR "/store/") + QLatin1String(name);
}
} // namespace

class TestSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::EventStore> m_store;
    int m_n = 0;

private Q_SLOTS:
    void init()
    {
        auto store = store::EventStore::open(m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++m_n)));
        QVERIFY(store);
        m_store = std::move(*store);
        QVERIFY(m_store->importPack(fixture("small-pack.jsonl")));
    }
    void cleanup() { m_store.reset(); }

    void votesMapToTheShownCandidates()
    {
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
        QVERIFY(session);
        auto &s = **session;
        QCOMPARE(s.totalCount(), 5);
        QSet<QString> seen;
        int swapped = 0;
        for (int i = 0; i < 5; ++i) {
            auto pair = s.next();
            QVERIFY(pair && pair->has_value());
            const BlindPair p = **pair;
            QVERIFY(!seen.contains(p.comparisonId));
            seen.insert(p.comparisonId);
            const Choice choice = i % 2 ? Choice::Second : Choice::First;
            auto e = s.vote(choice, Side::Left);
            QVERIFY2(e, qPrintable(e ? QString() : e.error().message));
            // The winner recorded is the candidate whose (masked) text was shown in that slot.
            auto item = m_store->item(kPack, e->itemId);
            QVERIFY(item);
            QCOMPARE(e->payload["version"].get<int>(), PayloadVersion);
            auto vote = votePayloadFromJson(e->payload);
            QVERIFY2(vote, qPrintable(vote ? QString() : vote.error().message));
            const int winner = vote->winner()->candidate;
            const QString shown = choice == Choice::First ? p.first.text : p.second.text;
            QCOMPARE(item->candidates.at(winner).output, shown);
            QVERIFY(vote->choice() == choice);
            QVERIFY(vote->chosenSide() == (choice == Choice::First ? Side::Left : Side::Right));
            swapped += *vote->swapped();
            QVERIFY(vote->selection == Selection::ScheduledRandom);
        }
        QVERIFY(swapped >= 2 && swapped <= 3);  // balanced within one
        QCOMPARE(s.judgedCount(), 5);
        auto end = s.next();
        QVERIFY(end && !end->has_value());
    }

    void revealNamesFollowThePolicy()
    {
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
        QVERIFY(session);
        auto pair = (*session)->next();
        QVERIFY(pair && pair->has_value());
        QVERIFY(!(*session)->reveal());  // never before the vote
        QVERIFY((*session)->vote(Choice::Tie, Side::Left));
        auto r = (*session)->reveal();
        QVERIFY(r);
        QVERIFY(r->first.startsWith(QLatin1String("Model ")));
        QVERIFY(r->first != r->second);
    }

    void undoReopensThePairAndTheFoldSurvivesReopen()
    {
        QString undonePair;
        {
            auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
            QVERIFY(session);
            auto &s = **session;
            QVERIFY(s.next());
            QVERIFY(s.vote(Choice::First, Side::Left));
            QVERIFY(s.next());
            undonePair = s.current()->comparisonId;
            QVERIFY(s.vote(Choice::Second, Side::Left));
            auto back = s.undo();
            QVERIFY(back && back->has_value());
            QCOMPARE((*back)->comparisonId, undonePair);
            QCOMPARE(s.judgedCount(), 1);
        }
        // A new session (say, after a crash) folds the same events into the same state.
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
        QVERIFY(session);
        QCOMPARE((*session)->judgedCount(), 1);
        auto pair = (*session)->next();
        QVERIFY(pair && pair->has_value());
        QCOMPARE((*pair)->comparisonId, undonePair);
        auto events = m_store->events(kPack, QStringLiteral("amna"));
        QCOMPARE(events->size(), 3);
        QCOMPARE(events->at(2).kind, EventKind::Undo);
        QCOMPARE(events->at(2).supersedes, events->at(1).id);
    }

    void skippedPairsComeBackLast()
    {
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("badr"));
        QVERIFY(session);
        auto &s = **session;
        QVERIFY(s.next());
        const QString skipped = s.current()->comparisonId;
        QVERIFY(s.skip());
        for (int i = 0; i < 4; ++i) {
            auto p = s.next();
            QVERIFY(p && p->has_value());
            QVERIFY((*p)->comparisonId != skipped);
            QVERIFY(s.vote(Choice::Tie, Side::Right));
        }
        auto last = s.next();
        QVERIFY(last && last->has_value());
        QCOMPARE((*last)->comparisonId, skipped);
        QVERIFY(s.vote(Choice::BothBad, Side::Right));
        QCOMPARE(s.judgedCount(), 5);
    }

    void annotatorsHaveTheirOwnPlacement()
    {
        auto a = session::VotingSession::start(*m_store, kPack, QStringLiteral("a"));
        auto b = session::VotingSession::start(*m_store, kPack, QStringLiteral("b"));
        QVERIFY(a && b);
        QVERIFY(*m_store->annotatorSeed(QStringLiteral("a")) != *m_store->annotatorSeed(QStringLiteral("b")));
        QCOMPARE(*m_store->annotatorSeed(QStringLiteral("a")), *m_store->annotatorSeed(QStringLiteral("a")));
    }

    // "Written in" offers the registry grouped, the request first; "as requested" cannot
    // contradict the variety (issue 13, defect 9: "Egyptian" and "as requested" were both saved
    // on an item asking for another variety).
    void dialectChoicesFollowTheRequest()
    {
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("huda"));
        QVERIFY(session);
        auto &s = **session;
        QVERIFY(s.pick(QStringLiteral("i1/0-1")));  // asks for emirati
        const auto groups = s.varietyChoices();
        QVERIFY(groups.size() >= 7);
        QCOMPARE(groups[0].region, QStringLiteral("gulf"));
        QCOMPARE(groups[0].ids.first(), QStringLiteral("emirati"));
        QVERIFY(groups[0].ids.contains(QStringLiteral("najdi")));
        QCOMPARE(groups[1].region, QString());
        QCOMPARE(groups[1].ids, (QStringList{QStringLiteral("msa"), QStringLiteral("mixed"), QStringLiteral("arabizi"),
                                             QStringLiteral("not_arabic")}));
        QCOMPARE(groups[2].region, QStringLiteral("standard"));
        QCOMPARE(groups[2].ids, QStringList{QStringLiteral("classical")});  // msa is already offered
        QStringList all, regions;
        for (const auto &g : groups) {
            all << g.ids;
            regions << g.region;
        }
        QCOMPARE(regions.count(QStringLiteral("gulf")), 1);
        QVERIFY(regions.contains(QStringLiteral("maghreb")));
        QCOMPARE(all.size(), QSet<QString>(all.cbegin(), all.cend()).size());  // each once
        const QStringList takes = s.varieties();
        QCOMPARE(QSet<QString>(all.cbegin(), all.cend()), QSet<QString>(takes.cbegin(), takes.cend()));

        QCOMPARE(s.impliedMatch(QStringLiteral("emirati")), std::optional<bool>(true));
        QCOMPARE(s.impliedMatch(QStringLiteral("egyptian")), std::optional<bool>(false));
        QCOMPARE(s.impliedMatch(QStringLiteral("msa")), std::optional<bool>(false));
        QCOMPARE(s.impliedMatch(QStringLiteral("not_arabic")), std::optional<bool>(false));
        QCOMPARE(s.impliedMatch(QStringLiteral("kuwaiti")), std::nullopt);  // same region: the annotator decides
        QCOMPARE(s.impliedMatch(QStringLiteral("mixed")), std::nullopt);
        auto contradiction = s.judgeDialect(session::AnswerSlot::First, QStringLiteral("egyptian"), true);
        QVERIFY(!contradiction);
        QVERIFY2(contradiction.error().message.contains(QStringLiteral("cannot match the requested variety \"emirati\"")),
                 qPrintable(contradiction.error().message));
        QVERIFY(!s.judgeDialect(session::AnswerSlot::First, QStringLiteral("emirati"), false));
        QVERIFY(s.judgeDialect(session::AnswerSlot::First, QStringLiteral("egyptian"), false));
        QVERIFY(s.judgeDialect(session::AnswerSlot::First, QStringLiteral("kuwaiti"), true));
        QVERIFY(s.judgeDialect(session::AnswerSlot::First, QStringLiteral("arabizi"), true));
        QVERIFY(!s.judgeDialect(session::AnswerSlot::First, QStringLiteral("klingon"), false));

        QVERIFY(s.pick(QStringLiteral("i2/0-1")));  // asks for English
        QCOMPARE(s.varietyChoices().first().region, QString());
        QCOMPARE(s.impliedMatch(QStringLiteral("not_arabic")), std::optional<bool>(true));
        QCOMPARE(s.impliedMatch(QStringLiteral("msa")), std::optional<bool>(false));
    }

    void failureMarksAreEditedAndRemovedBySupersedingEvents()
    {
        text::CodePointSpan span{0, 3};
        QString markId, comparison;
        {
            auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("huda"));
            QVERIFY(session);
            auto &s = **session;
            QVERIFY(s.pick(QStringLiteral("i1/0-1")));
            comparison = s.current()->comparisonId;
            auto mark = s.markFailure(session::AnswerSlot::First, span, QStringLiteral("msa_drift"), QStringLiteral("minor"),
                                      QString());
            QVERIFY2(mark, qPrintable(mark ? QString() : mark.error().message));
            QVERIFY(!s.markFailure(session::AnswerSlot::First, span, QStringLiteral("no_such_category"), QStringLiteral("minor"),
                                   QString()));
            auto flag = s.markFailure(session::AnswerSlot::Second, std::nullopt, QStringLiteral("identity_leak"),
                                      QStringLiteral("critical"), QStringLiteral("names itself"));
            QVERIFY(flag);
            auto edited = s.editFailure(mark->id, QStringLiteral("wrong_dialect"), QStringLiteral("major"), QStringLiteral("مصري"));
            QVERIFY(edited);
            QCOMPARE(edited->supersedes, mark->id);
            QVERIFY(s.removeFailure(flag->id));
            QVERIFY(s.judgeDialect(session::AnswerSlot::First, QStringLiteral("msa"), false));
            QVERIFY(s.judgeDialect(session::AnswerSlot::First, QStringLiteral("emirati"), true));
            markId = edited->id;
            const auto marks = s.failures();
            QCOMPARE(marks.size(), 1);
            QCOMPARE(marks.first().mark.category, QStringLiteral("wrong_dialect"));
            QCOMPARE(marks.first().shownSpan, std::optional<text::CodePointSpan>(span));
        }
        // Reopened: the fold gives the same marks and the latest dialect judgment.
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("huda"));
        QVERIFY(session);
        QVERIFY((*session)->pick(comparison));
        const auto marks = (*session)->failures();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.first().eventId, markId);
        QCOMPARE(marks.first().mark.severity, QStringLiteral("major"));
        QCOMPARE(marks.first().mark.comment, QStringLiteral("مصري"));
        const auto judgment = (*session)->dialectJudgment(session::AnswerSlot::First);
        QVERIFY(judgment);
        QCOMPARE(judgment->variety, QStringLiteral("emirati"));
        QVERIFY(judgment->matchesRequest);
    }

    // Every event a session writes — votes either way round, ties, skips, undos, marks on spans
    // and whole answers, edits, removals, dialect judgments — keeps the contract of
    // docs/formats.md: valid, version 2, and no field the page does not list for its kind.
    void everyEventWrittenKeepsTheDocumentedContract()
    {
        QMap<QString, QSet<QString>> documented;
        for (const auto &d : testing::documentedPayloads(QStringLiteral(MAJLIS_SOURCE_DIR "/docs/formats.md")))
            documented[d.kind] += d.fields;
        QVERIFY(documented.size() >= 5);
        {
            auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("layla"));
            QVERIFY(session);
            auto &s = **session;
            const Choice choices[] = {Choice::First, Choice::Second, Choice::Tie, Choice::BothBad};
            for (int i = 0; i < 4; ++i) {
                auto pair = s.next();
                QVERIFY(pair && pair->has_value());
                const auto mark = s.markFailure(session::AnswerSlot::First, text::CodePointSpan{0, 1}, QStringLiteral("msa_drift"),
                                                QStringLiteral("minor"), QStringLiteral("تعليق"));
                QVERIFY(mark);
                const auto flag = s.markFailure(session::AnswerSlot::Second, std::nullopt, QStringLiteral("identity_leak"),
                                                QStringLiteral("major"), QString());
                QVERIFY(flag);
                QVERIFY(i % 2 ? bool(s.removeFailure(flag->id))
                              : bool(s.editFailure(mark->id, QStringLiteral("factual_error"), QStringLiteral("critical"), {})));
                QVERIFY(s.judgeDialect(session::AnswerSlot::Second, QStringLiteral("mixed"),
                                       s.impliedMatch(QStringLiteral("mixed")).value_or(i % 2)));
                QVERIFY(s.vote(choices[i], i % 2 ? Side::Right : Side::Left, QStringLiteral("ar")));
            }
            QVERIFY(s.undo());
            QVERIFY(s.skip());
            QVERIFY(s.pick(QStringLiteral("i2/0-1")));
            QVERIFY(s.vote(Choice::First, Side::Left));
        }
        auto events = m_store->events(kPack, QStringLiteral("layla"));
        QVERIFY(events);
        QSet<QString> kinds;
        for (const Event &e : std::as_const(*events)) {
            kinds.insert(e.kind);
            QCOMPARE(eventProblem(e), QString());
            QCOMPARE(e.payload["version"].get<int>(), PayloadVersion);
            for (const QString &field : testing::flattenFields(e.payload))
                QVERIFY2(documented.value(e.kind).contains(field),
                         qPrintable(QStringLiteral("%1 writes \"%2\", which docs/formats.md does not list").arg(e.kind, field)));
        }
        QCOMPARE(kinds, (QSet<QString>{EventKind::Vote, EventKind::Skip, EventKind::Undo, EventKind::Annotation,
                                       EventKind::DialectJudgment}));
    }

    // A vote whose stored payload no longer parses (damage on disk) is still undone after a
    // reopen: the fold never parses it, and the undo takes the default selection.
    void undoAfterReopenOfADamagedVote()
    {
        QString damaged;
        {
            auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
            QVERIFY(session);
            QVERIFY((*session)->next());
            auto vote = (*session)->vote(Choice::First, Side::Left);
            QVERIFY(vote);
            damaged = vote->id;
        }
        store::Database &db = m_store->database();
        QVERIFY(db.exec("DROP TRIGGER events_no_update"));
        store::Statement st(db, "UPDATE events SET payload = '{\"candidate_a\":' WHERE id = ?1");
        QVERIFY(st.bind(1, damaged).run());
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
        QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
        QCOMPARE((*session)->judgedCount(), 1);
        auto back = (*session)->undo();
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QVERIFY(back->has_value() && (*back)->selection == Selection::ScheduledRandom);
        QCOMPARE((*session)->judgedCount(), 0);
    }

    void pickedByHandIsRecorded()
    {
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
        QVERIFY(session);
        auto p = (*session)->pick(QStringLiteral("i2/0-1"));
        QVERIFY(p);
        QVERIFY(p->selection == Selection::PickedByHand);
        auto e = (*session)->vote(Choice::First, Side::Left);
        QVERIFY(e);
        QVERIFY(votePayloadFromJson(e->payload)->selection == Selection::PickedByHand);
        QVERIFY(!(*session)->pick(QStringLiteral("no-such/0-1")));
    }

    // A reopened session folds votes and skips without parsing their payloads; what the undone
    // action was chosen by is read back from its event when the undo needs it.
    void undoAfterReopenKeepsHowThePairWasChosen()
    {
        {
            auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
            QVERIFY(session);
            auto &s = **session;
            QVERIFY(s.pick(QStringLiteral("i2/0-1")));
            QVERIFY(s.skip());
            QVERIFY(s.pick(QStringLiteral("i1/0-1")));
            QVERIFY(s.vote(Choice::Tie, Side::Right));
            QVERIFY(s.next());
            QVERIFY(s.vote(Choice::First, Side::Left));
        }
        auto session = session::VotingSession::start(*m_store, kPack, QStringLiteral("amna"));
        QVERIFY(session);
        auto &s = **session;
        QCOMPARE(s.judgedCount(), 2);
        auto back = s.undo(); // the scheduled vote
        QVERIFY(back && back->has_value());
        QVERIFY((*back)->selection == Selection::ScheduledRandom);
        back = s.undo(); // the vote on the pair picked by hand
        QVERIFY(back && back->has_value());
        QCOMPARE((*back)->comparisonId, QStringLiteral("i1/0-1"));
        QVERIFY((*back)->selection == Selection::PickedByHand);
        auto again = s.vote(Choice::Second, Side::Left);
        QVERIFY(again);
        QVERIFY(votePayloadFromJson(again->payload)->selection == Selection::PickedByHand);
        QVERIFY(s.undo()); // the new vote
        back = s.undo();   // the one before: the vote undone above is gone from the stack
        QVERIFY(back && back->has_value());
        QCOMPARE((*back)->comparisonId, QStringLiteral("i2/0-1"));
        QVERIFY((*back)->selection == Selection::PickedByHand);
        QVERIFY(!s.canUndo());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "test_session.moc"
