#pragma once

#include <QFrame>

#include <optional>

#include "model/dialects.h"
#include "text/offsets.h"
#include "ui/richtext.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QTextBrowser;
class QTextDocument;
class QStackedWidget;

namespace majlis::ui {

// A failure highlight as the answer view draws it.
struct Highlight
{
    QString id;
    text::CodePointSpan span;  // code points of the shown Markdown source
    int weight = 1;            // severity weight: decides the colour
    QString tooltip;
};

// One answer on the voting screen: its label ("A"/"B"), the model's name once revealed, the
// Markdown text laid out block by block in its own direction, failure highlights and the
// dialect judgment.
//
// Highlights are painted the way a selection is (QTextEdit extra selections), never as
// character formats: a format on part of an Arabic word would split the word into separately
// shaped runs and break its letter joining.
class AnswerView : public QFrame
{
    Q_OBJECT

public:
    explicit AnswerView(QWidget *parent = nullptr);

    void setAnswer(const QString &label, const QString &markdown, const TextFonts &fonts);
    // The same with a document built ahead (buildMarkdownDocument); takes ownership.
    void setAnswerDocument(const QString &label, const QString &markdown, QTextDocument *doc);
    // Double buffering: the next answer is laid out in a hidden page while the annotator reads
    // this one, so the key press only flips pages.
    void prepareNext(const QString &markdown, QTextDocument *doc);
    bool showPrepared(const QString &label, const QString &markdown);  // false: nothing prepared for it
    void setRevealedName(const QString &name);  // empty: hidden
    // Shows each invisible character of the answer by its name, in place (or hides them again).
    // Answers without any are left as they are.
    void setInvisibleShown(bool shown, const TextFonts &fonts);
    void clear();

    void setHighlights(const QList<Highlight> &highlights);
    // Failures flagged on the whole answer (no place in the text): shown under the header.
    void setWholeAnswerFlags(const QStringList &labels);
    const QList<Highlight> &highlights() const { return m_highlights; }
    // The selected text as a span of the Markdown source, widened to whole grapheme clusters.
    std::optional<text::CodePointSpan> selectedSpan() const;
    // Selects the rendered text of a source span (used by tests and by keyboard users' edits).
    void selectSpan(text::CodePointSpan span);
    QString highlightAtCursor() const;  // id of a highlight under the text cursor, or empty
    // Turns the paragraph at the text cursor to the other direction (and alignment), for the
    // rare paragraph the automatic choice gets wrong. Display only: nothing is stored.
    void flipParagraphDirection();

    // What "written in" offers: the groups of VotingSession::varietyChoices, each option with the
    // "as requested" its choice implies (VotingSession::impliedMatch), if any.
    struct VarietyOption
    {
        QString id;
        std::optional<bool> implied;
    };
    struct VarietyGroupOption
    {
        QString region;  // heading; empty: no heading
        QList<VarietyOption> options;
    };
    void setVarieties(const DialectRegistry &registry, const QList<VarietyGroupOption> &groups);
    void setDialectJudgment(const QString &variety, bool matches);

    QTextBrowser *browser() const { return m_pages[m_front]; }
    QString label() const { return m_label; }
    QString markdown() const { return m_markdown; }

Q_SIGNALS:
    void markRequested();            // the context menu, on a selection
    void flagRequested();            // the context menu: the whole answer
    void editRequested(const QString &highlightId);
    void removeRequested(const QString &highlightId);
    void dialectJudged(const QString &variety, bool matchesRequest);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateHeader();
    void retranslate();
    void followImpliedMatch();
    void showContextMenu(const QPoint &pos);
    void applyHighlights();
    text::SourceMap sourceMap() const;

    QString m_label;
    QString m_revealed;
    QString m_markdown;
    DialectRegistry m_registry;
    QList<Highlight> m_highlights;
    QLabel *m_header;
    QLabel *m_flags;
    QStackedWidget *m_stack;
    QTextBrowser *m_pages[2];
    int m_front = 0;
    QString m_preparedMarkdown;  // what the back page holds, if anything
    QLabel *m_varietyLabel;
    QComboBox *m_variety;
    QCheckBox *m_matches;
    bool m_settingJudgment = false;
    QLabel *m_invisible;  // "Contains 3 invisible characters"
    bool m_invisibleShown = false;
};

// The prompt (or conversation) above the answers, as Markdown: earlier turns labelled by role.
QString conversationMarkdown(const QList<std::pair<QString, QString>> &turns);

// A person's name for a variety code or a judgment kind, in the interface's language: "egy" →
// "Egyptian" / "مصرية" (through the registry), "arabizi" → "Arabizi (Arabic in Latin script)".
QString varietyName(const DialectRegistry &registry, const QString &code);

} // namespace majlis::ui
