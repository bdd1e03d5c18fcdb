// The voting screen's keys: its actions and their shortcuts, the vote buttons' words, and the
// keys that vote by side. The rest of VotingView lives in votingview.cpp.
#include "ui/votingview.h"

#include "session/votingsession.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>

namespace majlis::ui {

void VotingView::buildActions()
{
    auto make = [this](const char *name, QList<QKeySequence> keys, auto slot) {
        auto *a = new QAction(this);
        a->setObjectName(QLatin1String(name));
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_voteFirst = make("voteFirst", {QKeySequence(Qt::Key_1)}, [this] { castVote(Choice::First); });
    m_voteSecond = make("voteSecond", {QKeySequence(Qt::Key_2)}, [this] { castVote(Choice::Second); });
    m_tie = make("voteTie", {QKeySequence(Qt::Key_3)}, [this] { castVote(Choice::Tie); });
    m_bothBad = make("voteBothBad", {QKeySequence(Qt::Key_4)}, [this] { castVote(Choice::BothBad); });
    m_left = make("voteLeft", {QKeySequence(Qt::Key_Left)}, &VotingView::voteLeft);
    m_right = make("voteRight", {QKeySequence(Qt::Key_Right)}, &VotingView::voteRight);
    m_skip = make("skip", {QKeySequence(Qt::Key_S)}, &VotingView::skipPair);
    m_undo = make("undo", {QKeySequence::Undo}, &VotingView::undoLast);
    m_mark = make("markFailure", {QKeySequence(Qt::Key_M)}, &VotingView::markSelection);
    m_flagFirst = make("flagFirst", {QKeySequence(Qt::CTRL | Qt::Key_1)}, [this] { flagAnswer(session::AnswerSlot::First); });
    m_flagSecond = make("flagSecond", {QKeySequence(Qt::CTRL | Qt::Key_2)}, [this] { flagAnswer(session::AnswerSlot::Second); });
    m_next = make("nextPair", {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter), QKeySequence(Qt::Key_Space)},
                  &VotingView::continueToNext);
    m_showInvisible = make("showInvisible", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U)}, [this] {
        setInvisibleShown(m_showInvisible->isChecked());  // triggering a checkable action toggles it first
    });
    m_showInvisible->setCheckable(true);
}

void VotingView::retranslate()
{
    m_voteFirst->setText(tr("A is better"));
    m_voteSecond->setText(tr("B is better"));
    m_tie->setText(tr("Tie"));
    m_bothBad->setText(tr("Both are bad"));
    m_left->setText(tr("The answer on the left is better"));
    m_right->setText(tr("The answer on the right is better"));
    m_skip->setText(tr("Skip"));
    m_undo->setText(tr("Undo"));
    m_next->setText(tr("Next pair"));
    m_mark->setText(tr("Mark a failure in the selected text"));
    m_flagFirst->setText(tr("Flag answer A as a whole"));
    m_showInvisible->setText(tr("Show invisible characters by name"));
    m_flagSecond->setText(tr("Flag answer B as a whole"));
    const QList<QAction *> actions{m_voteFirst, m_voteSecond, m_tie, m_bothBad, m_skip, m_undo, m_next};
    const QStringList keys{QStringLiteral("1"), QStringLiteral("2"),
                           QStringLiteral("3"), QStringLiteral("4"),
                           QStringLiteral("S"), QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText),
                           tr("Enter")};
    for (qsizetype i = 0; i < actions.size(); ++i) {
        m_buttons[i]->setText(QStringLiteral("%1  [%2]").arg(actions[i]->text(), keys[i]));
        m_buttons[i]->setAccessibleName(actions[i]->text());
        m_buttons[i]->setToolTip(tr("Shortcut: %1").arg(keys[i]));
    }
    m_prompt->setAccessibleName(tr("Prompt"));
    m_meta->setAccessibleName(tr("Pair details"));
    m_banner->setAccessibleName(tr("Revealed models"));
    if (m_state == State::Finished)
        showFinished();
}

void VotingView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QList<QAction *> VotingView::voteActions() const
{
    return {m_voteFirst, m_voteSecond, m_tie,  m_bothBad, m_left,      m_right,
            m_skip,      m_undo,       m_next, m_mark,    m_flagFirst, m_flagSecond};
}

void VotingView::voteLeft()
{
    castVote(firstSide() == Side::Left ? Choice::First : Choice::Second);
}

void VotingView::voteRight()
{
    castVote(firstSide() == Side::Right ? Choice::First : Choice::Second);
}

}  // namespace majlis::ui
