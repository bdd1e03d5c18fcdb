#include "ui/answerview.h"
#include "ui/richtext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QTextBlock>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include "text/invisible.h"

namespace majlis::ui {

namespace {
constexpr int ImpliedRole = Qt::UserRole + 1;  // the option's implied "as requested", or none
constexpr int RegionRole = Qt::UserRole + 2;   // a heading's region id
} // namespace

QString varietyName(const DialectRegistry &registry, const QString &code)
{
    static const char *const kinds[][2] = {
        {"mixed", QT_TRANSLATE_NOOP("majlis::ui::AnswerView", "Mixed varieties")},
        {"arabizi", QT_TRANSLATE_NOOP("majlis::ui::AnswerView", "Arabizi (Arabic in Latin script)")},
        {"not_arabic", QT_TRANSLATE_NOOP("majlis::ui::AnswerView", "Not Arabic")},
        {"en", QT_TRANSLATE_NOOP("majlis::ui::AnswerView", "English")},
        {"unspecified", QT_TRANSLATE_NOOP("majlis::ui::AnswerView", "Unspecified")},
    };
    for (const auto &k : kinds)
        if (code == QLatin1String(k[0]))
            return AnswerView::tr(k[1]);
    return registry.varietyName(code, QLocale().uiLanguages());
}

AnswerView::AnswerView(QWidget *parent)
    : QFrame(parent), m_header(new QLabel(this)), m_flags(new QLabel(this)), m_stack(new QStackedWidget(this)),
      m_pages{new QTextBrowser(m_stack), new QTextBrowser(m_stack)}, m_varietyLabel(new QLabel(this)),
      m_variety(new QComboBox(this)), m_matches(new QCheckBox(this)), m_invisible(new QLabel(this))
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
    for (QTextBrowser *page : m_pages) {
        page->setObjectName(QStringLiteral("answerText"));
        guardLinks(page);
        // Tab or a click brings the caret into the text (Shift+arrows select, M marks, Esc
        // leaves); otherwise the keys belong to the voting screen.
        page->setFocusPolicy(Qt::StrongFocus);
        page->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        page->setContextMenuPolicy(Qt::CustomContextMenu);
        page->installEventFilter(this);
        connect(page, &QWidget::customContextMenuRequested, this, &AnswerView::showContextMenu);
        m_stack->addWidget(page);
    }

    m_variety->setObjectName(QStringLiteral("varietyChoice"));
    m_matches->setObjectName(QStringLiteral("varietyMatches"));
    m_varietyLabel->setBuddy(m_variety);
    auto *dialectRow = new QHBoxLayout;
    dialectRow->addWidget(m_varietyLabel);
    dialectRow->addWidget(m_variety, 1);
    dialectRow->addWidget(m_matches);
    auto judged = [this] {
        if (!m_settingJudgment && m_variety->currentIndex() > 0)
            Q_EMIT dialectJudged(m_variety->currentData().toString(), m_matches->isChecked());
    };
    connect(m_variety, &QComboBox::activated, this, [this, judged] {
        // The requested variety matches; another region's, or "not Arabic", cannot, and the box
        // then follows the choice (greyed). Elsewhere the annotator decides, from unticked.
        m_settingJudgment = true;
        m_matches->setChecked(false);
        followImpliedMatch();
        m_settingJudgment = false;
        judged();
    });
    connect(m_matches, &QCheckBox::toggled, this, judged);

    m_flags->setObjectName(QStringLiteral("wholeAnswerFlags"));
    m_flags->setWordWrap(true);
    m_flags->setAlignment(Qt::AlignCenter);
    m_flags->setStyleSheet(QStringLiteral("QLabel { background: #ffe1e1; padding: 3px; }"));
    m_flags->hide();
    // Quiet, and never a reason to stop: the annotator judges the answer as it reads, but should
    // know that what reads the same may not be the same text.
    m_invisible->setObjectName(QStringLiteral("invisibleMarker"));
    m_invisible->setWordWrap(true);
    m_invisible->setAlignment(Qt::AlignCenter);
    m_invisible->setStyleSheet(QStringLiteral("QLabel { color: #8a4b00; background: #fff4e0; padding: 2px; }"));
    m_invisible->hide();
    layout->addWidget(m_header);
    layout->addWidget(m_flags);
    layout->addWidget(m_invisible);
    layout->addWidget(m_stack, 1);
    layout->addLayout(dialectRow);
    retranslate();
}

void AnswerView::setAnswer(const QString &label, const QString &markdown, const TextFonts &fonts)
{
    setAnswerDocument(label, markdown, buildMarkdownDocument(markdown, fonts, nullptr));
}

void AnswerView::setAnswerDocument(const QString &label, const QString &markdown, QTextDocument *doc)
{
    m_label = label;
    m_markdown = markdown;
    m_revealed.clear();
    m_highlights.clear();
    adoptDocument(browser(), doc);
    m_invisibleShown = false;
    updateHeader();
}

void AnswerView::prepareNext(const QString &markdown, QTextDocument *doc)
{
    adoptDocument(m_pages[1 - m_front], doc);  // lays the document out now, at the page's width
    m_preparedMarkdown = markdown;
}

bool AnswerView::showPrepared(const QString &label, const QString &markdown)
{
    if (m_preparedMarkdown.isNull() || m_preparedMarkdown != markdown)
        return false;
    const bool hadFocus = browser()->hasFocus();
    m_front = 1 - m_front;
    m_stack->setCurrentWidget(browser());
    m_preparedMarkdown = QString();
    m_label = label;
    m_markdown = markdown;
    m_revealed.clear();
    m_highlights.clear();
    m_invisibleShown = false;
    if (hadFocus)
        browser()->setFocus();
    updateHeader();
    return true;
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
    m_markdown.clear();
    m_highlights.clear();
    for (QTextBrowser *page : m_pages) {
        page->setExtraSelections({});  // before the text their cursors point into goes
        page->clear();
    }
    m_preparedMarkdown = QString();
    m_variety->clear();
    m_invisibleShown = false;
    updateHeader();
}

void AnswerView::setInvisibleShown(bool shown, const TextFonts &fonts)
{
    if (shown == m_invisibleShown || text::countInvisible(m_markdown).total() == 0)
        return;
    adoptDocument(browser(), buildMarkdownDocument(m_markdown, fonts, nullptr, shown));
    m_invisibleShown = shown;
    applyHighlights();
    updateHeader();
}

text::SourceMap AnswerView::sourceMap() const
{
    return text::SourceMap(m_markdown, sourceAlignedText(*browser()->document()));
}

void AnswerView::setHighlights(const QList<Highlight> &highlights)
{
    m_highlights = highlights;
    applyHighlights();
}

void AnswerView::setWholeAnswerFlags(const QStringList &labels)
{
    m_flags->setText(labels.join(QStringLiteral("  ·  ")));
    m_flags->setAccessibleName(m_flags->text());
    m_flags->setVisible(!labels.isEmpty());
}

void AnswerView::applyHighlights()
{
    const text::SourceMap map = sourceMap();
    QList<QTextEdit::ExtraSelection> selections;
    for (const Highlight &h : std::as_const(m_highlights)) {
        const auto [from, to] = map.renderedRange(h.span);
        if (from < 0)
            continue;
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(browser()->document());
        sel.cursor.setPosition(int(from));
        sel.cursor.setPosition(int(to), QTextCursor::KeepAnchor);
        const QColor colour = h.weight >= 25 ? QColor(255, 80, 80, 110)
                              : h.weight >= 5 ? QColor(255, 165, 0, 110)
                                              : QColor(255, 220, 0, 110);
        sel.format.setBackground(colour);
        sel.format.setToolTip(h.tooltip);
        sel.format.setProperty(QTextFormat::UserProperty, h.id);
        selections << sel;
    }
    browser()->setExtraSelections(selections);
}

std::optional<text::CodePointSpan> AnswerView::selectedSpan() const
{
    const QTextCursor c = browser()->textCursor();
    if (!c.hasSelection())
        return std::nullopt;
    const QString raw = browser()->document()->toRawText();
    const auto [from, to] = text::snapToGraphemes(raw, c.selectionStart(), c.selectionEnd());
    const text::CodePointSpan span = sourceMap().sourceSpan(from, to);
    if (span.length <= 0)
        return std::nullopt;
    return span;
}

void AnswerView::selectSpan(text::CodePointSpan span)
{
    const auto [from, to] = sourceMap().renderedRange(span);
    if (from < 0)
        return;
    QTextCursor c(browser()->document());
    c.setPosition(int(from));
    c.setPosition(int(to), QTextCursor::KeepAnchor);
    browser()->setTextCursor(c);
}

QString AnswerView::highlightAtCursor() const
{
    const int pos = browser()->textCursor().position();
    const text::SourceMap map = sourceMap();
    for (const Highlight &h : m_highlights) {
        const auto [from, to] = map.renderedRange(h.span);
        if (from >= 0 && pos >= from && pos <= to)
            return h.id;
    }
    return {};
}


void AnswerView::setVarieties(const DialectRegistry &registry, const QList<VarietyGroupOption> &groups)
{
    m_registry = registry;
    m_settingJudgment = true;
    m_variety->clear();
    m_variety->addItem(tr("— choose —"), QString());
    auto *model = qobject_cast<QStandardItemModel *>(m_variety->model());
    for (const VarietyGroupOption &g : groups) {
        m_variety->insertSeparator(m_variety->count());
        if (!g.region.isEmpty()) {
            // The region's name as a heading the arrows and the mouse pass over.
            m_variety->addItem(registry.regionName(g.region, QLocale().uiLanguages()), QString());
            QStandardItem *heading = model->item(m_variety->count() - 1);
            heading->setFlags(Qt::NoItemFlags);
            QFont bold = m_variety->font();
            bold.setBold(true);
            heading->setFont(bold);
            heading->setData(g.region, RegionRole);
        }
        for (const VarietyOption &o : g.options) {
            m_variety->addItem(varietyName(registry, o.id), o.id);
            if (o.implied)
                m_variety->setItemData(m_variety->count() - 1, *o.implied, ImpliedRole);
        }
    }
    m_matches->setChecked(false);
    m_matches->setEnabled(false);
    m_settingJudgment = false;
}

void AnswerView::followImpliedMatch()
{
    const QVariant implied = m_variety->currentData(ImpliedRole);
    m_matches->setEnabled(m_variety->currentIndex() > 0 && !implied.isValid());
    if (implied.isValid())
        m_matches->setChecked(implied.toBool());
    m_matches->setToolTip(implied.isValid() ? tr("Follows from the variety chosen and the one the prompt asks for")
                                            : QString());
}

void AnswerView::setDialectJudgment(const QString &variety, bool matches)
{
    m_settingJudgment = true;
    m_variety->setCurrentIndex(std::max(0, m_variety->findData(m_registry.canonical(variety))));
    m_matches->setChecked(matches);
    followImpliedMatch();
    m_settingJudgment = false;
}

void AnswerView::flipParagraphDirection()
{
    QTextCursor c = browser()->textCursor();
    QTextBlockFormat f = c.blockFormat();
    const bool rtl = f.layoutDirection() != Qt::RightToLeft;
    f.setLayoutDirection(rtl ? Qt::RightToLeft : Qt::LeftToRight);
    f.setAlignment((rtl ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignAbsolute);
    c.setBlockFormat(f);
}

void AnswerView::showContextMenu(const QPoint &pos)
{
    // The paragraph under the mouse is the one the menu acts on, unless text is selected.
    if (!browser()->textCursor().hasSelection())
        browser()->setTextCursor(browser()->cursorForPosition(pos));
    QMenu menu(this);
    const QString under = highlightAtCursor();
    QAction *mark = menu.addAction(tr("Mark failure…"), this, &AnswerView::markRequested);
    mark->setShortcut(QKeySequence(Qt::Key_M));
    mark->setEnabled(browser()->textCursor().hasSelection());
    menu.addAction(tr("Flag the whole answer…"), this, &AnswerView::flagRequested);
    if (!under.isEmpty()) {
        menu.addSeparator();
        menu.addAction(tr("Edit this mark…"), this, [this, under] { Q_EMIT editRequested(under); });
        menu.addAction(tr("Remove this mark"), this, [this, under] { Q_EMIT removeRequested(under); });
    }
    menu.addSeparator();
    menu.addAction(tr("Flip this paragraph's direction"), this, &AnswerView::flipParagraphDirection)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    menu.addAction(tr("Copy"), browser(), &QTextEdit::copy)->setEnabled(browser()->textCursor().hasSelection());
    menu.exec(browser()->mapToGlobal(pos));
}

bool AnswerView::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_pages[0] || watched == m_pages[1]) && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_D && key->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier)) {
            flipParagraphDirection();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            // Leave the text: the arrow keys vote again.
            browser()->clearFocus();
            if (QWidget *w = window())
                w->setFocus();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void AnswerView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void AnswerView::retranslate()
{
    m_varietyLabel->setText(tr("&Written in:"));
    m_matches->setText(tr("as requested"));
    m_variety->setAccessibleName(tr("Variety this answer is written in"));
    m_matches->setAccessibleName(tr("The variety matches the request"));
    if (m_variety->count() > 0) {
        m_variety->setItemText(0, tr("— choose —"));
        for (int i = 1; i < m_variety->count(); ++i) {
            if (const QString region = m_variety->itemData(i, RegionRole).toString(); !region.isEmpty())
                m_variety->setItemText(i, m_registry.regionName(region, QLocale().uiLanguages()));
            else if (const QString id = m_variety->itemData(i).toString(); !id.isEmpty())
                m_variety->setItemText(i, varietyName(m_registry, id));
        }
        followImpliedMatch();
    }
    updateHeader();
}

void AnswerView::updateHeader()
{
    if (m_label.isEmpty()) {
        m_invisible->hide();
        m_header->clear();
        setAccessibleName(QString());
        return;
    }
    const int invisible = text::countInvisible(m_markdown).total();
    m_invisible->setVisible(invisible > 0);
    if (invisible > 0)
        m_invisible->setText(m_invisibleShown ? tr("%Ln invisible character(s) shown by name — Ctrl+Shift+U hides them", "", invisible)
                                              : tr("Contains %Ln invisible character(s) — Ctrl+Shift+U shows them", "", invisible));
    const QString title = tr("Answer %1").arg(m_label);
    m_header->setText(m_revealed.isEmpty() ? title : tr("Answer %1 — %2").arg(m_label, isolated(m_revealed)));
    setAccessibleName(title);
    browser()->setAccessibleName(title);
}

QString conversationMarkdown(const QList<std::pair<QString, QString>> &turns)
{
    QString markdown;
    for (qsizetype i = 0; i < turns.size(); ++i) {
        if (turns.size() > 1)
            markdown += QStringLiteral("**%1**\n\n").arg(turns.at(i).first);
        markdown += turns.at(i).second + QStringLiteral("\n\n");
    }
    return markdown;
}

} // namespace majlis::ui
