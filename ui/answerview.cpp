#include "ui/answerview.h"

#include <QEvent>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace majlis::ui {

AnswerView::AnswerView(QWidget *parent) : QFrame(parent), m_header(new QLabel(this)), m_browser(new QTextBrowser(this))
{
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_header->setObjectName(QStringLiteral("answerHeader"));
    m_header->setAlignment(Qt::AlignCenter);
    QFont f = m_header->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_header->setFont(f);
    m_browser->setOpenExternalLinks(false);
    m_browser->setOpenLinks(false);
    // The window's vote keys must reach the voting screen, so the text never takes the focus.
    m_browser->setFocusPolicy(Qt::NoFocus);
    m_browser->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_header);
    layout->addWidget(m_browser, 1);
}

void AnswerView::setAnswer(const QString &label, const QString &markdown, const TextFonts &fonts)
{
    m_label = label;
    m_revealed.clear();
    setMarkdownWithDirections(m_browser->document(), markdown, fonts);
    updateHeader();
}

void AnswerView::setRevealedName(const QString &name)
{
    m_revealed = name;
    updateHeader();
}

void AnswerView::clear()
{
    m_label.clear();
    m_revealed.clear();
    m_browser->clear();
    updateHeader();
}

void AnswerView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        updateHeader();
    QFrame::changeEvent(event);
}

void AnswerView::updateHeader()
{
    if (m_label.isEmpty()) {
        m_header->clear();
        setAccessibleName(QString());
        return;
    }
    const QString title = tr("Answer %1").arg(m_label);
    m_header->setText(m_revealed.isEmpty() ? title : tr("Answer %1 — %2").arg(m_label, m_revealed));
    setAccessibleName(title);
    m_browser->setAccessibleName(title);
}

void setConversation(QTextBrowser *view, const QList<std::pair<QString, QString>> &turns, const TextFonts &fonts)
{
    // Each turn is its own Markdown section; earlier turns are labelled by role.
    QString markdown;
    for (qsizetype i = 0; i < turns.size(); ++i) {
        if (turns.size() > 1)
            markdown += QStringLiteral("**%1**\n\n").arg(turns.at(i).first);
        markdown += turns.at(i).second + QStringLiteral("\n\n");
    }
    setMarkdownWithDirections(view->document(), markdown, fonts);
}

} // namespace majlis::ui
