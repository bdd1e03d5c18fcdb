#include "ui/votingview.h"

#include "session/votingsession.h"
#include "ui/answerview.h"
#include "ui/failuredialog.h"
#include "ui/richtext.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

namespace majlis::ui {

VotingView::VotingView(QWidget *parent)
    : QWidget(parent), m_meta(new QLabel(this)), m_prompt(new QTextBrowser(this)), m_answers(new QSplitter(Qt::Horizontal, this)),
      m_first(new AnswerView(m_answers)), m_second(new AnswerView(m_answers)), m_banner(new QLabel(this))
{
    setObjectName(QStringLiteral("votingView"));
    m_meta->setObjectName(QStringLiteral("pairMeta"));
    m_prompt->setObjectName(QStringLiteral("promptView"));
    m_prompt->setFocusPolicy(Qt::NoFocus);
    m_prompt->setMaximumHeight(220);
    guardLinks(m_prompt);
    m_first->setObjectName(QStringLiteral("answerFirst"));
    m_second->setObjectName(QStringLiteral("answerSecond"));
    m_banner->setObjectName(QStringLiteral("revealBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff7d6; border: 1px solid #e0c060; padding: 6px; }"));
    m_banner->hide();

    // Added first, "A" stands first in reading order: the splitter mirrors itself in a
    // right-to-left layout.
    m_answers->addWidget(m_first);
    m_answers->addWidget(m_second);
    m_answers->setChildrenCollapsible(false);

    setFocusPolicy(Qt::StrongFocus);
    buildActions();
    connectAnswer(m_first, session::AnswerSlot::First);
    connectAnswer(m_second, session::AnswerSlot::Second);

    auto *buttons = new QHBoxLayout;
    const QList<QAction *> actions{m_voteFirst, m_voteSecond, m_tie, m_bothBad, m_skip, m_undo, m_next};
    for (qsizetype i = 0; i < actions.size(); ++i) {
        auto *b = new QPushButton(this);
        b->setObjectName(actions[i]->objectName() + QStringLiteral("Button"));
        b->setFocusPolicy(Qt::NoFocus);  // keys belong to the shortcuts, not to a focused button
        connect(b, &QPushButton::clicked, actions[i], &QAction::trigger);
        connect(actions[i], &QAction::changed, b, [b, a = actions[i]] {
            b->setEnabled(a->isEnabled());
            b->setVisible(a->isVisible());
        });
        m_buttons[i] = b;
        buttons->addWidget(b);
        if (i == 3 || i == 5)
            buttons->addSpacing(24);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_meta);
    layout->addWidget(m_prompt);
    layout->addWidget(m_answers, 1);
    layout->addWidget(m_banner);
    layout->addLayout(buttons);

    retranslate();
    setState(State::NoSession);
}

void VotingView::setInvisibleShown(bool shown)
{
    // Stays as chosen from pair to pair, until toggled again.
    m_showInvisible->setChecked(shown);
    m_first->setInvisibleShown(shown, m_fonts);
    m_second->setInvisibleShown(shown, m_fonts);
}

Side VotingView::firstSide() const
{
    return layoutDirection() == Qt::RightToLeft ? Side::Right : Side::Left;
}

void VotingView::setTextFonts(const TextFonts &fonts)
{
    m_fonts = fonts;
    dropPrefetched();  // built with the old fonts
    if (m_session && m_session->current() && m_state != State::Finished)
        showPair(*m_session->current());
}

void VotingView::zoom(int steps)
{
    TextFonts f = m_fonts;
    f.latinPointSize = std::clamp(f.latinPointSize + steps, 7.0, 40.0);
    setTextFonts(f);
    if (m_state == State::Revealed && m_session)
        if (auto r = m_session->reveal()) {
            m_first->setRevealedName(r->first);
            m_second->setRevealedName(r->second);
        }
}

void VotingView::setSession(session::VotingSession *session)
{
    dropPrefetched();
    m_session = session;
    if (!m_session) {
        m_first->clear();
        m_second->clear();
        m_prompt->clear();
        setState(State::NoSession);
        return;
    }
    advance();
}

void VotingView::showCurrent()
{
    if (!m_session || !m_session->current())
        return;
    showPair(*m_session->current());
    setState(State::Voting);
    Q_EMIT pairShown(m_session->current()->comparisonId);
}

void VotingView::setState(State state)
{
    m_state = state;
    const bool voting = state == State::Voting;
    for (QAction *a : {m_voteFirst, m_voteSecond, m_tie, m_bothBad, m_left, m_right, m_skip})
        a->setEnabled(voting);
    m_next->setEnabled(state == State::Revealed);
    m_next->setVisible(state == State::Revealed);
    m_undo->setEnabled(m_session && m_session->canUndo());
    m_banner->setVisible(state == State::Revealed || state == State::Finished);
}

QString VotingView::promptMarkdown(const BlindPair &pair) const
{
    QList<std::pair<QString, QString>> turns;
    for (const Turn &t : pair.conversation) {
        const QString role = t.role == QLatin1String("user")        ? tr("User")
                             : t.role == QLatin1String("assistant") ? tr("Assistant")
                                                                    : tr("System");
        turns.append({role, t.content});
    }
    return conversationMarkdown(turns);
}

void VotingView::showPair(const BlindPair &pair)
{
    const bool prepared = m_prepared.comparisonId == pair.comparisonId;
    if (prepared)
        adoptDocument(m_prompt, std::exchange(m_prepared.prompt, nullptr));
    else
        showMarkdown(m_prompt, promptMarkdown(pair), m_fonts);
    if (!prepared || !m_first->showPrepared(pair.first.label, pair.first.text))
        m_first->setAnswer(pair.first.label, pair.first.text, m_fonts);
    if (!prepared || !m_second->showPrepared(pair.second.label, pair.second.text))
        m_second->setAnswer(pair.second.label, pair.second.text, m_fonts);
    if (m_showInvisible->isChecked())
        setInvisibleShown(true);
    m_prepared.comparisonId.clear();
    QStringList meta;
    if (!pair.dialect.isEmpty())
        meta << tr("Requested variety: %1").arg(isolated(varietyName(m_session->dialects(), pair.dialect)));
    if (!pair.category.isEmpty()) {
        QString category = pair.category;
        for (const CategoryInfo &c : m_session->header().categories)
            if (c.id == pair.category)
                category = pickLanguage(c.label, QLocale().uiLanguages());
        meta << tr("Category: %1").arg(category);
    }
    if (pair.first.maskedCount + pair.second.maskedCount > 0)
        meta << tr("Model names masked: %1").arg(QLocale().toString(pair.first.maskedCount + pair.second.maskedCount));
    m_meta->setText(meta.join(QStringLiteral("  ·  ")));
    QList<AnswerView::VarietyGroupOption> choices;
    for (const session::VotingSession::VarietyGroup &g : m_session->varietyChoices()) {
        AnswerView::VarietyGroupOption group{g.region, {}};
        for (const QString &id : g.ids)
            group.options.append({id, m_session->impliedMatch(id)});
        choices.append(group);
    }
    for (session::AnswerSlot slot : {session::AnswerSlot::First, session::AnswerSlot::Second}) {
        viewOf(slot)->setVarieties(m_session->dialects(), choices);
        if (auto j = m_session->dialectJudgment(slot))
            viewOf(slot)->setDialectJudgment(j->variety, j->matchesRequest);
    }
    refreshMarks();
    setFocus();  // the arrow keys vote until the annotator tabs into a text
    // Prepare the likely next pair once this one is on screen, while the annotator reads.
    QTimer::singleShot(0, this, &VotingView::prefetch);
}

void VotingView::dropPrefetched()
{
    delete std::exchange(m_prepared.prompt, nullptr);
    m_prepared.comparisonId.clear();
}

void VotingView::prefetch()
{
    if (!m_session || m_state == State::Finished)
        return;
    auto next = m_session->prefetchNext();
    if (!next || !next->has_value())
        return;  // nothing to prepare; the pair is built when it is needed
    const BlindPair &pair = **next;
    if (m_prepared.comparisonId == pair.comparisonId)
        return;
    dropPrefetched();
    m_prepared.prompt = buildMarkdownDocument(promptMarkdown(pair), m_fonts, this);
    m_first->prepareNext(pair.first.text, buildMarkdownDocument(pair.first.text, m_fonts, nullptr));
    m_second->prepareNext(pair.second.text, buildMarkdownDocument(pair.second.text, m_fonts, nullptr));
    m_prepared.comparisonId = pair.comparisonId;
    Q_EMIT nextPairPrepared(pair.comparisonId);
}

void VotingView::showFinished()
{
    m_first->clear();
    m_second->clear();
    m_prompt->clear();
    m_meta->clear();
    m_banner->setText(tr("Every pair in this pack has your vote. Thank you! Ctrl+Z takes back the last one."));
}

void VotingView::advance()
{
    auto next = m_session->next();
    if (!next) {
        reportError(next.error().message);
        return;
    }
    if (!next->has_value()) {
        setState(State::Finished);
        showFinished();
    } else {
        showPair(**next);
        setState(State::Voting);
        Q_EMIT pairShown((*next)->comparisonId);
    }
    Q_EMIT progressChanged(m_session->judgedCount(), m_session->totalCount());
}

void VotingView::castVote(Choice choice)
{
    if (m_state != State::Voting || !m_session)
        return;
    auto event = m_session->vote(choice, firstSide(), QLocale().name());
    if (!event) {
        reportError(event.error().message);
        return;
    }
    Q_EMIT voteCommitted(event->id);
    if (auto r = m_session->reveal()) {
        m_first->setRevealedName(r->first);
        m_second->setRevealedName(r->second);
        m_banner->setText(tr("A was %1 · B was %2 — press Enter for the next pair").arg(isolated(r->first), isolated(r->second)));
        setState(State::Revealed);
        Q_EMIT progressChanged(m_session->judgedCount(), m_session->totalCount());
    } else {
        advance();
    }
}

void VotingView::skipPair()
{
    if (m_state != State::Voting || !m_session)
        return;
    if (auto e = m_session->skip(); !e) {
        reportError(e.error().message);
        return;
    }
    advance();
}

void VotingView::continueToNext()
{
    if (m_state == State::Revealed && m_session)
        advance();
}

void VotingView::undoLast()
{
    if (!m_session || !m_session->canUndo())
        return;
    auto pair = m_session->undo();
    if (!pair) {
        reportError(pair.error().message);
        return;
    }
    if (pair->has_value()) {
        showPair(**pair);
        setState(State::Voting);
        Q_EMIT pairShown((*pair)->comparisonId);
    }
    Q_EMIT progressChanged(m_session->judgedCount(), m_session->totalCount());
}

AnswerView *VotingView::viewOf(session::AnswerSlot slot) const
{
    return slot == session::AnswerSlot::First ? m_first : m_second;
}

void VotingView::connectAnswer(AnswerView *view, session::AnswerSlot slot)
{
    connect(view, &AnswerView::markRequested, this, &VotingView::markSelection);
    connect(view, &AnswerView::flagRequested, this, [this, slot] { flagAnswer(slot); });
    connect(view, &AnswerView::editRequested, this, [this](const QString &id) {
        if (!m_session)
            return;
        for (const session::ShownMark &f : m_session->failures()) {
            if (f.eventId != id)
                continue;
            auto answer = FailureDialog::ask(m_session->taxonomy(), f.mark.quote,
                                             FailureDialog::Answer{f.mark.category, f.mark.severity, f.mark.comment}, this);
            if (!answer)
                return;
            if (auto e = m_session->editFailure(id, answer->category, answer->severity, answer->comment); !e)
                reportError(e.error().message);
            refreshMarks();
            return;
        }
    });
    connect(view, &AnswerView::removeRequested, this, [this](const QString &id) {
        if (!m_session)
            return;
        if (auto e = m_session->removeFailure(id); !e)
            reportError(e.error().message);
        refreshMarks();
    });
    connect(view, &AnswerView::dialectJudged, this, [this, slot](const QString &variety, bool matches) {
        if (!m_session)
            return;
        if (auto e = m_session->judgeDialect(slot, variety, matches); !e)
            reportError(e.error().message);
    });
}

void VotingView::markSelection()
{
    if (!m_session || !m_session->current() || m_state == State::Finished)
        return;
    // The answer whose text has the focus first, else whichever has a selection.
    QList<session::AnswerSlot> order{session::AnswerSlot::First, session::AnswerSlot::Second};
    if (m_second->browser()->hasFocus())
        std::swap(order[0], order[1]);
    for (session::AnswerSlot slot : order) {
        AnswerView *view = viewOf(slot);
        const auto span = view->selectedSpan();
        if (!span)
            continue;
        const QString quote = text::quote(view->markdown(), *span);
        auto answer = FailureDialog::ask(m_session->taxonomy(), quote, std::nullopt, this);
        if (!answer)
            return;
        if (auto e = m_session->markFailure(slot, span, answer->category, answer->severity, answer->comment); !e)
            reportError(e.error().message);
        refreshMarks();
        return;
    }
    reportError(tr("Select the text that went wrong first (Tab into an answer, then Shift+arrows), or flag "
                   "the whole answer with Ctrl+1 / Ctrl+2."));
}

void VotingView::flagAnswer(session::AnswerSlot slot)
{
    if (!m_session || !m_session->current() || m_state == State::Finished)
        return;
    auto answer = FailureDialog::ask(m_session->taxonomy(), QString(), std::nullopt, this);
    if (!answer)
        return;
    if (auto e = m_session->markFailure(slot, std::nullopt, answer->category, answer->severity, answer->comment); !e)
        reportError(e.error().message);
    refreshMarks();
}

void VotingView::refreshMarks()
{
    if (!m_session)
        return;
    QList<Highlight> first, second;
    QStringList firstFlags, secondFlags;
    const QStringList languages = QLocale().uiLanguages();
    for (const session::ShownMark &f : m_session->failures()) {
        const TaxonomyEntry *category = m_session->taxonomy().category(f.mark.category);
        const TaxonomyEntry *severity = m_session->taxonomy().severity(f.mark.severity);
        QString tip = (category ? pickLanguage(category->label, languages) : f.mark.category) + QStringLiteral(" · ")
                      + (severity ? pickLanguage(severity->label, languages) : f.mark.severity);
        if (!f.mark.comment.isEmpty())
            tip += QStringLiteral("\n") + f.mark.comment;
        if (!f.shownSpan) {  // no place to paint: listed under the answer's header
            (f.slot == session::AnswerSlot::First ? firstFlags : secondFlags) << tip.section(QLatin1Char('\n'), 0, 0);
            continue;
        }
        (f.slot == session::AnswerSlot::First ? first : second)
            << Highlight{f.eventId, *f.shownSpan, severity ? severity->weight : 1, tip};
    }
    m_first->setHighlights(first);
    m_second->setHighlights(second);
    m_first->setWholeAnswerFlags(firstFlags);
    m_second->setWholeAnswerFlags(secondFlags);
}

void VotingView::reportError(const QString &message)
{
    Q_EMIT errorOccurred(message);
}

}  // namespace majlis::ui
