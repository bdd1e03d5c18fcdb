#include "ui/markdown/markdown.h"

#include "text/direction.h"
#include "text/offsets.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

namespace majlis::ui {

namespace {

bool isCodeBlock(const QTextBlock &block)
{
    const QTextBlockFormat f = block.blockFormat();
    return f.hasProperty(QTextFormat::UserProperty) || f.hasProperty(QTextFormat::BlockCodeFence) || f.hasProperty(QTextFormat::BlockCodeLanguage)
           || f.nonBreakableLines();
}

bool isCodeFragment(const QTextFragment &fragment)
{
    const QTextCharFormat f = fragment.charFormat();
    return f.fontFixedPitch() || f.hasProperty(QTextFormat::FontFixedPitch);
}

// The block's text without its inline code, which never decides a paragraph's direction.
QString proseOf(const QTextBlock &block)
{
    QString prose;
    for (auto it = block.begin(); !it.atEnd(); ++it)
        if (it.fragment().isValid() && !isCodeFragment(it.fragment()))
            prose += it.fragment().text();
    return prose;
}

void styleBlock(const QTextBlock &block, text::Direction dir, const TextFonts &fonts)
{
    QTextCursor cursor(block);
    QTextBlockFormat bf = block.blockFormat();
    const bool code = isCodeBlock(block);
    const bool rtl = !code && dir == text::Direction::RightToLeft;
    bf.setLayoutDirection(rtl ? Qt::RightToLeft : Qt::LeftToRight);
    if (!(bf.alignment() & Qt::AlignHCenter))
        bf.setAlignment((rtl ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignAbsolute);
    if (code) {
        bf.setBackground(QColor(0xf3, 0xf4, 0xf6));
        // Code wraps instead of widening the page: a wide page scrolls sideways, and in a
        // right-to-left view that hides the start of every Arabic line.
        bf.setNonBreakableLines(false);
        bf.setProperty(QTextFormat::UserProperty, true);  // remembered as code once unmarked
    }
    cursor.setBlockFormat(bf);

    // Formats go on whole fragments only (the runs Markdown already made): a format on part of
    // an Arabic word would split it into separately shaped runs and break its letter joining.
    if (!code && !rtl)
        return;
    QTextCharFormat cf;
    if (code) {
        cf.setFontFamilies({fonts.monoFamily});
        cf.setFontFixedPitch(true);
    } else {
        cf.setFontFamilies({fonts.arabicFamily, fonts.latinFamily});
        if (bf.headingLevel() == 0)  // headings keep their own relative sizes
            cf.setFontPointSize(fonts.latinPointSize + fonts.arabicStep);
    }
    if (rtl) {
        // Latin phrases inside Arabic keep their punctuation with them: each is wrapped in
        // FSI … PDI for display (the stored answer text never holds these marks).
        const auto runs = text::embeddedRuns(block.text());
        for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
            cursor.setPosition(block.position() + int(it->second));
            cursor.insertText(QString(QChar(text::kPopDirectionalIsolate)));
            cursor.setPosition(block.position() + int(it->first));
            cursor.insertText(QString(QChar(text::kFirstStrongIsolate)));
        }
    }
    QList<std::pair<int, int>> ranges;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        if (f.isValid() && (code || !isCodeFragment(f)))
            ranges.append({f.position(), f.position() + f.length()});
    }
    for (const auto &[from, to] : ranges) {
        cursor.setPosition(from);
        cursor.setPosition(to, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(cf);
    }
}

// Qt 6.4 lays table columns out left to right whatever the table's direction (see
// QTextDocumentLayoutPrivate::layoutTable), so a right-to-left table gets its cells' contents
// mirrored: its first column then stands on the right. Markdown cells hold one paragraph; their
// runs move with their character formats. Empty paragraphs the importer leaves in front of a
// cell's text are dropped on the way.
void mirrorColumns(QTextTable *table)
{
    struct Run
    {
        QString text;
        QTextCharFormat format;
    };
    const int rows = table->rows(), columns = table->columns();
    for (int r = 0; r < rows; ++r) {
        QList<QList<Run>> contents;
        for (int c = 0; c < columns; ++c) {
            QList<Run> runs;
            const QTextTableCell cell = table->cellAt(r, c);
            for (QTextBlock b = cell.firstCursorPosition().block();
                 b.isValid() && b.position() <= cell.lastCursorPosition().position(); b = b.next())
                for (auto it = b.begin(); !it.atEnd(); ++it)
                    if (it.fragment().isValid())
                        runs.append({it.fragment().text(), it.fragment().charFormat()});
            contents << runs;
        }
        for (int c = 0; c < columns; ++c) {
            const QTextTableCell cell = table->cellAt(r, c);
            QTextCursor cur = cell.firstCursorPosition();
            cur.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
            cur.removeSelectedText();
            for (const Run &run : contents.at(columns - 1 - c))
                cur.insertText(run.text, run.format);
        }
    }
}

void styleTables(QTextFrame *frame)
{
    for (auto it = frame->begin(); !it.atEnd(); ++it) {
        QTextFrame *child = it.currentFrame();
        if (!child)
            continue;
        if (auto *table = qobject_cast<QTextTable *>(child)) {
            QString all;
            for (int r = 0; r < table->rows(); ++r)
                for (int c = 0; c < table->columns(); ++c) {
                    const QTextTableCell cell = table->cellAt(r, c);
                    for (QTextBlock b = cell.firstCursorPosition().block();
                         b.isValid() && b.position() <= cell.lastCursorPosition().position(); b = b.next())
                        all += proseOf(b) + QLatin1Char(' ');
                }
            const bool rtl = text::dominantDirection(all) == text::Direction::RightToLeft;
            if (rtl)
                mirrorColumns(table);
            QTextTableFormat tf = table->format();
            tf.setLayoutDirection(rtl ? Qt::RightToLeft : Qt::LeftToRight);
            tf.setAlignment(rtl ? Qt::AlignRight | Qt::AlignAbsolute : Qt::AlignLeft | Qt::AlignAbsolute);
            tf.setCellPadding(4);
            tf.setCellSpacing(0);
            tf.setBorder(1);
            tf.setBorderCollapse(true);
            table->setFormat(tf);
        }
        styleTables(child);
    }
}

} // namespace

void setMarkdownWithDirections(QTextDocument *doc, const QString &markdown, const TextFonts &fonts)
{
    QFont base;
    base.setFamilies({fonts.latinFamily, fonts.arabicFamily});
    base.setPointSizeF(fonts.latinPointSize);
    doc->setDefaultFont(base);
    doc->setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    QTextOption wrap = doc->defaultTextOption();
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc->setDefaultTextOption(wrap);

    // A list item's direction follows its own text; the list marker is then drawn on the side
    // the item's direction puts it (right for Arabic).
    // A block with no strong letters (a number, a lone emoji) follows the document.
    styleTables(doc->rootFrame());  // before the blocks: mirroring moves cell contents
    const text::Direction documentDir = text::dominantDirection(markdown);
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        text::Direction dir = text::dominantDirection(proseOf(block));
        if (dir == text::Direction::Neutral)
            dir = documentDir;
        styleBlock(block, dir, fonts);
    }
}

} // namespace majlis::ui

namespace majlis::ui {

QTextDocument *buildMarkdownDocument(const QString &markdown, const TextFonts &fonts, QObject *parent)
{
    auto *doc = new QTextDocument(parent);
    setMarkdownWithDirections(doc, markdown, fonts);
    return doc;
}

} // namespace majlis::ui
