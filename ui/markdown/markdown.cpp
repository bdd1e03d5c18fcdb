#include "ui/markdown/markdown.h"

#include "text/direction.h"
#include "text/invisible.h"
#include "text/offsets.h"

#include <QCoreApplication>
#include <QTextBlock>
#include <QTextCursor>
#include <QRegularExpression>
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
// (Nor do the words Majlis adds, such as an image placeholder's "Image".)
QString proseOf(const QTextBlock &block)
{
    QString prose;
    for (auto it = block.begin(); !it.atEnd(); ++it)
        if (it.fragment().isValid() && !isCodeFragment(it.fragment()) && !it.fragment().charFormat().boolProperty(kAddedByMajlis))
            prose += it.fragment().text();
    return prose;
}

bool isArabicScript(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x0600 && u <= 0x06FF) || (u >= 0x0750 && u <= 0x077F) || (u >= 0x08A0 && u <= 0x08FF)
           || (u >= 0xFB50 && u <= 0xFDFF) || (u >= 0xFE70 && u <= 0xFEFF);
}

// In a left-to-right paragraph, each Arabic word gets the Arabic font and size it has everywhere
// else (issue 13, defect 4: a transliteration list drew exactly the words to judge smaller than
// the Latin around them). Whole words only, joiners and marks included, so no word is split
// into separately shaped runs; inline code keeps its own font.
void styleArabicWords(QTextCursor &cursor, const QTextBlock &block, const TextFonts &fonts, bool sized)
{
    const QString text = block.text();
    QTextCharFormat cf;
    cf.setFontFamilies({fonts.arabicFamily, fonts.latinFamily});
    if (sized)
        cf.setFontPointSize(fonts.latinPointSize + fonts.arabicStep);
    const auto joins = [](QChar c) {
        return c.category() == QChar::Mark_NonSpacing || c.unicode() == 0x200C || c.unicode() == 0x200D;
    };
    QList<std::pair<int, int>> words;
    for (int i = 0; i < text.size();) {
        if (!isArabicScript(text[i])) {
            ++i;
            continue;
        }
        int end = i + 1;
        while (end < text.size() && (isArabicScript(text[end]) || joins(text[end])))
            ++end;
        words.append({i, end});
        i = end;
    }
    QList<std::pair<int, int>> ranges;  // collected first: formatting splits the fragments
    for (const auto &[from, to] : words)
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (!f.isValid() || isCodeFragment(f))
                continue;
            const int start = std::max(block.position() + from, f.position());
            const int stop = std::min(block.position() + to, f.position() + f.length());
            if (start < stop)
                ranges.append({start, stop});
        }
    for (const auto &[start, stop] : ranges) {
        cursor.setPosition(start);
        cursor.setPosition(stop, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(cf);
    }
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
    if (!code && !rtl) {
        styleArabicWords(cursor, block, fonts, bf.headingLevel() == 0);
        return;
    }
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
            // Marked as added, so that showing invisible characters never names these.
            cursor.setPosition(block.position() + int(it->second));
            QTextCharFormat added = cursor.charFormat();
            added.setProperty(kAddedByMajlis, true);
            cursor.insertText(QString(QChar(text::kPopDirectionalIsolate)), added);
            cursor.setPosition(block.position() + int(it->first));
            added = cursor.charFormat();
            added.setProperty(kAddedByMajlis, true);
            cursor.insertText(QString(QChar(text::kFirstStrongIsolate)), added);
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
            // A row with more or fewer cells than the header leaves merged cells, which answer
            // for several columns: mirroring those would copy one cell's text and lose another's.
            bool merged = false;
            for (int r = 0; r < table->rows(); ++r)
                for (int c = 0; c < table->columns(); ++c)
                    merged = merged || table->cellAt(r, c).rowSpan() != 1 || table->cellAt(r, c).columnSpan() != 1;
            if (rtl && !merged)
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

// A private-use character that `text` does not hold, to stand for '&' while Qt reads the
// Markdown: Qt turns entities into the characters they name, and a model's "&amp;" is to be
// shown as the model wrote it.
QChar ampersandStandIn(const QString &text)
{
    for (char16_t c = 0xE000; c < 0xF8FF; ++c)
        if (!text.contains(QChar(c)))
            return QChar(c);
    return {};
}

// Every fragment's character format, with `change` applied where it returns true.
template <typename Change>
void changeFormats(QTextDocument *doc, Change change)
{
    QList<std::tuple<int, int, QTextCharFormat>> changed;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            QTextCharFormat format = f.charFormat();
            if (f.isValid() && change(format))
                changed.append({f.position(), f.length(), format});
        }
    for (const auto &[position, length, format] : changed) {
        QTextCursor cursor(doc);
        cursor.setPosition(position);
        cursor.setPosition(position + length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(format);
    }
}

// Inserts `text` at the cursor in `format`, as something Majlis added (SourceMap skips it).
void insertAdded(QTextCursor &cursor, const QString &text, QTextCharFormat format)
{
    format.setProperty(kAddedByMajlis, true);
    cursor.insertText(text, format);
}

} // namespace

QString withHardLineBreaks(const QString &markdown, QChar marker)
{
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    const auto blank = [](const QString &line) { return line.trimmed().isEmpty(); };
    const auto indent = [](const QString &line) {
        int columns = 0;
        for (QChar c : line) {
            if (c == QLatin1Char(' '))
                ++columns;
            else if (c == QLatin1Char('\t'))
                columns += 4 - columns % 4;
            else
                break;
        }
        return columns;
    };
    // A code fence at any indentation (one inside a nested list item too): taking a line for a
    // fence wrongly only leaves lines as written.
    const auto fenceOf = [](const QString &line) -> QString {
        const QString t = line.trimmed();
        for (const char *f : {"```", "~~~"})
            if (t.startsWith(QLatin1String(f))) {
                qsizetype n = 0;
                while (n < t.size() && t[n] == t[0])
                    ++n;
                return t.left(n);
            }
        return {};
    };
    // A table's delimiter row ("|---|:--:|", "--|--"), a setext underline or a thematic break.
    const auto delimiterOrRule = [](const QString &line) {
        static const QRegularExpression delimiter(QStringLiteral("^\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?$"));
        static const QRegularExpression rule(QStringLiteral("^(=+|[-*_ ]{3,})$"));
        const QString t = line.trimmed();
        return delimiter.match(t).hasMatch() || rule.match(t).hasMatch();
    };
    // A line that opens a block of its own (a list item, a quote, a heading): a break before it
    // would end the paragraph anyway, and Qt would keep the mark at the end of the previous block.
    const auto opensBlock = [](const QString &line) {
        static const QRegularExpression opener(QStringLiteral("^\\s*([-*+]\\s|\\d{1,9}[.)](\\s|$)|>|#)"));
        return opener.match(line).hasMatch();
    };
    const auto endsInBreak = [](const QString &line) {
        return line.endsWith(QLatin1String("  ")) || line.endsWith(QLatin1Char('\\'));
    };

    QString out;
    out.reserve(markdown.size() + markdown.size() / 16);
    QString fence;             // the open code fence, if any
    bool inTable = false;      // inside a table: its rows until a blank line
    bool inParagraph = false;  // the previous line was text of a paragraph (or a list item's)
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        const bool cr = line.endsWith(QLatin1Char('\r'));
        if (cr)
            line.chop(1);
        const QString next = i + 1 < lines.size() ? lines[i + 1] : QString();
        bool text = false;
        if (!fence.isEmpty()) {
            if (fenceOf(line).startsWith(fence) && line.trimmed() == fenceOf(line))
                fence.clear();
        } else if (const QString open = fenceOf(line); !open.isEmpty()) {
            fence = open;
        } else if (blank(line)) {
            inTable = false;
        } else if (inTable || (line.contains(QLatin1Char('|')) && next.contains(QLatin1Char('|')) && delimiterOrRule(next))) {
            inTable = true;  // a header row, then every row
        } else if (indent(line) >= 4 && !inParagraph) {
            // indented code: as written
        } else if (delimiterOrRule(line) || line.trimmed().startsWith(QLatin1Char('#'))) {
            // an underline, a rule or a heading: a line of its own already
        } else {
            text = true;
        }
        out += lines[i];
        if (i + 1 < lines.size()) {
            if (text && !blank(next) && fenceOf(next).isEmpty() && !delimiterOrRule(next) && !opensBlock(next)
                && !endsInBreak(line)) {
                if (cr)
                    out.chop(1);
                if (!marker.isNull())
                    out += marker;
                out += QLatin1String("  ");
                if (cr)
                    out += QLatin1Char('\r');
            }
            out += QLatin1Char('\n');
        }
        inParagraph = text;
    }
    return out;
}

void importLiteralMarkdown(QTextDocument *doc, const QString &markdown, bool keepLineBreaks)
{
    const QChar standIn = ampersandStandIn(markdown);
    // Qt 6.4 turns a hard line break into a new paragraph (with a paragraph's spacing, and out of
    // its list item): each break added is marked, and its two blocks are joined again below by a
    // line separator.
    const QChar lineMark = keepLineBreaks ? ampersandStandIn(markdown + standIn) : QChar();
    QString escaped = keepLineBreaks ? withHardLineBreaks(markdown, lineMark) : markdown;
    if (!standIn.isNull())
        escaped.replace(QLatin1Char('&'), standIn);
    // Qt drops an image without alternative text altogether ("![](…)"): it is given one, a
    // character of its own that is taken out again below, wherever it ended up.
    const QChar noAlt = ampersandStandIn(escaped + standIn + lineMark);
    if (!noAlt.isNull())
        escaped.replace(QLatin1String("![]"), QLatin1String("![") + noAlt + QLatin1Char(']'));
    // No HTML: a tag a model wrote is text to read, never markup to obey.
    doc->setMarkdown(escaped, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));

    if (!lineMark.isNull()) {
        for (QTextCursor found = doc->find(QString(lineMark)); !found.isNull(); found = doc->find(QString(lineMark), found)) {
            const QTextCharFormat format = found.charFormat();
            found.removeSelectedText();
            if (found.atBlockEnd() && found.block().next().isValid()) {
                found.deleteChar();  // the block separator: the next line joins this paragraph
                found.insertText(QString(QChar::LineSeparator), format);
            }
        }
    }

    if (!standIn.isNull()) {
        const auto restore = [standIn](QString s) { return s.replace(standIn, QLatin1Char('&')); };
        changeFormats(doc, [&](QTextCharFormat &f) {
            bool changed = false;
            if (f.isAnchor() && f.anchorHref().contains(standIn)) {
                f.setAnchorHref(restore(f.anchorHref()));
                changed = true;
            }
            for (const int property : {int(QTextFormat::ImageName), int(QTextFormat::ImageTitle), int(QTextFormat::ImageAltText)})
                if (f.hasProperty(property) && f.stringProperty(property).contains(standIn)) {
                    f.setProperty(property, restore(f.stringProperty(property)));
                    changed = true;
                }
            return changed;
        });
        for (QTextCursor found = doc->find(QString(standIn)); !found.isNull(); found = doc->find(QString(standIn), found))
            found.insertText(QStringLiteral("&"), found.charFormat());
    }

    if (!noAlt.isNull()) {
        changeFormats(doc, [&](QTextCharFormat &f) {
            if (!f.hasProperty(QTextFormat::ImageAltText) || !f.stringProperty(QTextFormat::ImageAltText).contains(noAlt))
                return false;
            f.setProperty(QTextFormat::ImageAltText, f.stringProperty(QTextFormat::ImageAltText).remove(noAlt));
            return true;
        });
        for (QTextCursor found = doc->find(QString(noAlt)); !found.isNull(); found = doc->find(QString(noAlt), found))
            found.removeSelectedText();
    }

    // Images are never loaded: each becomes a placeholder naming it and its address.
    QList<std::pair<int, QTextImageFormat>> images;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().isValid() && it.fragment().charFormat().isImageFormat())
                for (int i = 0; i < it.fragment().length(); ++i)
                    images.append({it.fragment().position() + i, it.fragment().charFormat().toImageFormat()});
    const QString imageWord = QCoreApplication::translate("majlis::ui::Markdown", "Image");
    for (auto it = images.crbegin(); it != images.crend(); ++it) {
        const auto &[position, image] = *it;
        QTextCursor cursor(doc);
        cursor.setPosition(position);
        cursor.setPosition(position + 1, QTextCursor::KeepAnchor);
        QTextCharFormat plain;
        plain.setForeground(QColor(0x55, 0x5b, 0x66));
        plain.setFontItalic(true);
        cursor.removeSelectedText();
        insertAdded(cursor, QStringLiteral("[") + imageWord + QStringLiteral(": "), plain);
        const QString alt = image.stringProperty(QTextFormat::ImageAltText);
        if (!alt.isEmpty()) {
            cursor.insertText(alt, plain);
            insertAdded(cursor, QStringLiteral(" "), plain);
        }
        insertAdded(cursor, QStringLiteral("<"), plain);
        cursor.insertText(image.name(), plain);
        insertAdded(cursor, QStringLiteral(">]"), plain);
    }

}

void revealInvisibleCharacters(QTextDocument *doc)
{
    // Each invisible character is shown by its name, in place, in the colour of a warning.
    QList<std::pair<int, QString>> hidden;
    const QString all = doc->toRawText();
    QList<bool> added(all.size(), false);  // the isolates of the layout, placeholder words
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().isValid() && it.fragment().charFormat().boolProperty(kAddedByMajlis))
                for (int i = it.fragment().position(); i < it.fragment().position() + it.fragment().length() && i < all.size(); ++i)
                    added[i] = true;
    for (qsizetype i = 0; i < all.size(); ++i)
        if (!added[i] && text::invisibleAt(all, i)) {
            const char32_t cp = all[i].isHighSurrogate() && i + 1 < all.size() ? QChar::surrogateToUcs4(all[i], all[i + 1]) : all[i].unicode();
            hidden.append({int(i), text::invisibleName(cp)});
            if (cp > 0xFFFF)
                ++i;
        }
    for (auto it = hidden.crbegin(); it != hidden.crend(); ++it) {
        QTextCursor cursor(doc);
        cursor.setPosition(it->first);
        QTextCharFormat shown = cursor.charFormat();
        cursor.setPosition(it->first + 1, QTextCursor::KeepAnchor);
        if (cursor.selectedText().size() == 1 && cursor.selectedText()[0].isHighSurrogate())
            cursor.setPosition(it->first + 2, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        shown.setForeground(QColor(0xb4, 0x23, 0x18));
        shown.setBackground(QColor(0xff, 0xe9, 0xe6));
        // Isolated, so that the brackets stay around the name inside right-to-left text.
        insertAdded(cursor,
                    QChar(text::kFirstStrongIsolate) + QStringLiteral("⟨") + it->second + QStringLiteral("⟩")
                        + QChar(text::kPopDirectionalIsolate),
                    shown);
    }
}

void setMarkdownWithDirections(QTextDocument *doc, const QString &markdown, const TextFonts &fonts, bool revealInvisible)
{
    QFont base;
    base.setFamilies({fonts.latinFamily, fonts.arabicFamily});
    base.setPointSizeF(fonts.latinPointSize);
    doc->setDefaultFont(base);
    importLiteralMarkdown(doc, markdown, fonts.keepLineBreaks);
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
    // Last, so that the names are not taken for Latin text inside Arabic (each is isolated).
    if (revealInvisible)
        revealInvisibleCharacters(doc);
}

} // namespace majlis::ui

namespace majlis::ui {

QTextDocument *buildMarkdownDocument(const QString &markdown, const TextFonts &fonts, QObject *parent, bool revealInvisible)
{
    auto *doc = new PackTextDocument(parent);
    setMarkdownWithDirections(doc, markdown, fonts, revealInvisible);
    return doc;
}

QVariant PackTextDocument::loadResource(int, const QUrl &)
{
    return {};
}

QString sourceAlignedText(const QTextDocument &doc)
{
    QString text = doc.toRawText();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.isValid() && f.charFormat().boolProperty(kAddedByMajlis))
                for (int i = f.position(); i < f.position() + f.length() && i < text.size(); ++i)
                    text[i] = QChar(text::kNotFromSource);
        }
    return text;
}

} // namespace majlis::ui
