// Drives the real main window offscreen: open the demo pack, vote by keys with both placements,
// undo, and check that the stored events map each vote to the candidate that was on screen.
#include "blind/masking.h"
#include "session/votingsession.h"
#include "store/eventstore.h"
#include "ui/answerview.h"
#include "ui/dialogs.h"
#include "ui/mainwindow.h"
#include "ui/votingview.h"

#include <QApplication>
#include <QLabel>
#include <QTextBlock>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace majlis;

namespace {
const QString kDemo = QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl");
}

class TestVotingGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::EventStore> m_store;
    QString m_packId;
    int m_n = 0;

    struct Expectation
    {
        QString comparisonId;
        QString winnerText;  // masked text of the answer the key pointed at; empty for tie/both bad
        QString outcome;
    };

    // Votes once with `key` and returns what the stored event must say.
    Expectation press(ui::MainWindow &w, Qt::Key key)
    {
        ui::VotingView *view = w.votingView();
        const BlindPair pair = *w.session()->current();
        auto *first = view->findChild<ui::AnswerView *>(QStringLiteral("answerFirst"));
        auto *second = view->findChild<ui::AnswerView *>(QStringLiteral("answerSecond"));
        const bool firstOnLeft = first->mapTo(view, QPoint(0, 0)).x() < second->mapTo(view, QPoint(0, 0)).x();
        Expectation e{pair.comparisonId, {}, {}};
        switch (key) {
        case Qt::Key_1: e.winnerText = pair.first.text; break;
        case Qt::Key_2: e.winnerText = pair.second.text; break;
        case Qt::Key_Left: e.winnerText = firstOnLeft ? pair.first.text : pair.second.text; break;
        case Qt::Key_Right: e.winnerText = firstOnLeft ? pair.second.text : pair.first.text; break;
        case Qt::Key_3: e.outcome = QStringLiteral("tie"); break;
        case Qt::Key_4: e.outcome = QStringLiteral("both_bad"); break;
        default: break;
        }
        QTest::keyClick(&w, key);
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::Dialogs::setAnswerWithDefaults(true);
    }

    void init()
    {
        auto store = store::EventStore::open(m_dir.filePath(QStringLiteral("gui%1.sqlite").arg(++m_n)));
        QVERIFY(store);
        m_store = std::move(*store);
        auto report = m_store->importPack(kDemo);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QVERIFY(report->items >= 40);
        m_packId = report->packId;
    }

    void cleanup()
    {
        QApplication::setLayoutDirection(Qt::LeftToRight);
        m_store.reset();
    }

    void voteByKeysAndUndo_data()
    {
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::newRow("left-to-right interface") << Qt::LeftToRight;
        QTest::newRow("right-to-left interface") << Qt::RightToLeft;
    }

    void voteByKeysAndUndo()
    {
        QFETCH(Qt::LayoutDirection, direction);
        QApplication::setLayoutDirection(direction);
        ui::MainWindow w(*m_store);
        QVERIFY(w.openPack(m_packId, QStringLiteral("tester")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        ui::VotingView *view = w.votingView();
        QCOMPARE(view->state(), ui::VotingView::State::Voting);

        auto *first = view->findChild<ui::AnswerView *>(QStringLiteral("answerFirst"));
        auto *second = view->findChild<ui::AnswerView *>(QStringLiteral("answerSecond"));
        const int firstX = first->mapTo(view, QPoint(0, 0)).x(), secondX = second->mapTo(view, QPoint(0, 0)).x();
        QVERIFY(direction == Qt::LeftToRight ? firstX < secondX : firstX > secondX);

        QList<Expectation> expected;
        for (Qt::Key key : {Qt::Key_1, Qt::Key_2, Qt::Key_Left, Qt::Key_Right, Qt::Key_3, Qt::Key_4, Qt::Key_1,
                            Qt::Key_Right}) {
            const QString before = w.session()->current()->comparisonId;
            expected << press(w, key);
            QTRY_COMPARE(view->state(), ui::VotingView::State::Revealed);
            QVERIFY(w.findChild<QWidget *>(QStringLiteral("revealBanner"))->isVisible());
            QTest::keyClick(&w, Qt::Key_Return);
            QTRY_COMPARE(view->state(), ui::VotingView::State::Voting);
            QVERIFY(w.session()->current()->comparisonId != before);
        }
        QCOMPARE(w.votesThisSession(), 8);
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("progressLabel"))->text(),
                 QStringLiteral("Judged 8 of %1").arg(w.session()->totalCount()));

        // Undo the last vote: its pair comes back, unvoted.
        const QString afterLast = w.session()->current()->comparisonId;
        QTest::keySequence(&w, QKeySequence::Undo);
        QTRY_COMPARE(w.session()->current()->comparisonId, expected.last().comparisonId);
        QCOMPARE(view->state(), ui::VotingView::State::Voting);
        QVERIFY(afterLast != expected.last().comparisonId);

        auto header = m_store->packHeader(m_packId);
        const blind::IdentityMasker masker(header->models);
        auto events = m_store->events(m_packId, QStringLiteral("tester"));
        QVERIFY(events);
        QList<Event> votes;
        for (const Event &e : std::as_const(*events))
            if (e.kind == EventKind::Vote)
                votes << e;
        QCOMPARE(votes.size(), expected.size());
        QCOMPARE(events->last().kind, EventKind::Undo);
        QCOMPARE(events->last().supersedes, votes.last().id);

        QSet<bool> placements;
        for (qsizetype i = 0; i < votes.size(); ++i) {
            const Event &e = votes[i];
            QCOMPARE(e.comparisonId, expected[i].comparisonId);
            QCOMPARE(payloadProblem(e.kind, e.payload), QString());
            auto vote = votePayloadFromJson(e.payload);
            QVERIFY(vote);
            placements.insert(*vote->swapped());
            QVERIFY(vote->firstSide == (direction == Qt::LeftToRight ? Side::Left : Side::Right));
            if (expected[i].winnerText.isEmpty()) {
                QVERIFY(!vote->winner());
                QCOMPARE(toString(vote->outcome), expected[i].outcome);
                continue;
            }
            auto item = m_store->item(m_packId, e.itemId);
            QVERIFY(item);
            const int winner = vote->winner()->candidate;
            QCOMPARE(masker.mask(item->candidates.at(winner).output).text, expected[i].winnerText);
            QCOMPARE(vote->winner()->model, item->candidates.at(winner).model);
        }
        QCOMPARE(placements.size(), 2);  // both placements were exercised
    }

    void answersAreLaidOutInTheirOwnDirection()
    {
        ui::MainWindow w(*m_store);
        QVERIFY(w.openPack(m_packId, QStringLiteral("reader")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Every block of every answer: Arabic blocks right-to-left and right-aligned, others left.
        for (int n = 0; n < 10; ++n) {
            for (const char *name : {"answerFirst", "answerSecond"}) {
                auto *answer = w.findChild<ui::AnswerView *>(QLatin1String(name));
                QTextDocument *doc = answer->browser()->document();
                for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
                    const QTextBlockFormat f = b.blockFormat();
                    if (f.layoutDirection() == Qt::RightToLeft)
                        QVERIFY(f.alignment() & Qt::AlignRight);
                    else
                        QVERIFY(f.alignment() & (Qt::AlignLeft | Qt::AlignHCenter));
                }
            }
            QTest::keyClick(&w, Qt::Key_S);
        }
    }
};

QTEST_MAIN(TestVotingGui)
#include "test_voting_gui.moc"
