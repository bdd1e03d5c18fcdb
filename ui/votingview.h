#pragma once

#include <QWidget>

#include "blind/blindpair.h"
#include "model/event.h"
#include "ui/richtext.h"

class QAction;
class QLabel;
class QPushButton;
class QSplitter;
class QTextBrowser;
class QTextDocument;

namespace majlis::session {
class VotingSession;
enum class AnswerSlot;
}

namespace majlis::ui {

class AnswerView;

// The voting screen: the prompt on top, the two answers side by side ("A" first in reading
// order: on the left in a left-to-right interface, on the right in a right-to-left one), and
// the vote actions. Every action is committed by the session before the screen moves on.
class VotingView : public QWidget
{
    Q_OBJECT

public:
    enum class State { NoSession, Voting, Revealed, Finished };

    explicit VotingView(QWidget *parent = nullptr);

    // Not owned; must outlive the view or be replaced first.
    void setSession(session::VotingSession *session);
    session::VotingSession *session() const { return m_session; }
    // Shows the session's current pair as it is (after a pick by hand), without moving on.
    void showCurrent();
    State state() const { return m_state; }

    void setTextFonts(const TextFonts &fonts);
    const TextFonts &textFonts() const { return m_fonts; }
    void zoom(int steps);  // +1 / -1 point on every text

    QList<QAction *> voteActions() const;

    // The physical side "A" stands on in the current layout direction.
    Side firstSide() const;

public Q_SLOTS:
    void castVote(majlis::Choice choice);
    void voteLeft();   // the answer on the left, whichever label it has
    void voteRight();
    void skipPair();
    void undoLast();
    void continueToNext();
    // Every answer's invisible characters shown by name (Ctrl+Shift+U), on this pair and the next.
    void setInvisibleShown(bool shown);
    void markSelection();               // M: the selected text of either answer
    void flagAnswer(session::AnswerSlot slot);  // Ctrl+1 / Ctrl+2: the whole answer

Q_SIGNALS:
    void voteCommitted(const QString &eventId);
    void progressChanged(qint64 judged, qint64 total);
    void pairShown(const QString &comparisonId);
    void errorOccurred(const QString &message);
    // The likely next pair is prepared (laid out ahead): the next key press shows it at once.
    void nextPairPrepared(const QString &comparisonId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void retranslate();
    void showPair(const BlindPair &pair);
    void showFinished();
    void advance();
    void setState(State state);
    void reportError(const QString &message);
    void prefetch();
    QString promptMarkdown(const BlindPair &pair) const;
    void dropPrefetched();
    void refreshMarks();
    void connectAnswer(AnswerView *view, session::AnswerSlot slot);
    AnswerView *viewOf(session::AnswerSlot slot) const;

    session::VotingSession *m_session = nullptr;
    State m_state = State::NoSession;
    TextFonts m_fonts;

    QLabel *m_meta;
    QTextBrowser *m_prompt;
    QSplitter *m_answers;
    AnswerView *m_first;
    AnswerView *m_second;
    QLabel *m_banner;
    QPushButton *m_buttons[7] = {};
    QAction *m_voteFirst = nullptr, *m_voteSecond = nullptr, *m_tie = nullptr, *m_bothBad = nullptr;
    struct Prepared
    {
        QString comparisonId;
        QTextDocument *prompt = nullptr;  // owned by this view; the answers wait in their views
    };
    Prepared m_prepared;

    QAction *m_left = nullptr, *m_right = nullptr, *m_skip = nullptr, *m_undo = nullptr, *m_next = nullptr;
    QAction *m_mark = nullptr, *m_flagFirst = nullptr, *m_flagSecond = nullptr;
    QAction *m_showInvisible = nullptr;  // Ctrl+Shift+U, checkable
};

} // namespace majlis::ui
