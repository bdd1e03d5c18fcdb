// Markdown → blocks: setMarkdownWithDirections (ui/markdown) on arbitrary UTF-8, as model answers
// arrive, shown as it is and with invisible characters named. Nothing is loaded: no image is
// left in the document and the document is never asked for a resource, laid out or not.
// Differential against the unstyled literal import (importLiteralMarkdown) of the same text:
//  - styling changes formats, never text: the styled document holds the characters of the plain
//    import, in the same order when there is no table (a right-to-left table's cells are mirrored,
//    so with tables only the same characters), apart from the FSI … PDI isolates styling adds;
//  - isolates are added in pairs, and only into right-to-left blocks;
//  - every block has its direction set: code blocks left to right, and a block whose prose has a
//    dominant script runs in that script's direction; alignment is absolute (or centred);
//  - the document then lays out at a narrow width without trouble.
#include <QAbstractTextDocumentLayout>
#include <QGuiApplication>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

#include <algorithm>

#include "fuzzsupport.h"
#include "text/direction.h"
#include "text/offsets.h"
#include "ui/markdown/markdown.h"

using namespace majlis;

namespace {

// QFont needs a QGuiApplication; the offscreen platform needs no display. It is destroyed at
// exit, before LeakSanitizer looks: Qt's font database then hands fontconfig's patterns back.
void ensureApplication()
{
    static int argc = 1;
    static char name[] = "fuzz_markdown";
    static char *argv[] = {name, nullptr};
    static const bool platformSet = qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication app(argc, argv);
    (void)platformSet;
}

// Counts what Qt asks the document to load; PackTextDocument refuses, this one tells.
class CountingDocument : public QTextDocument
{
public:
    int requests = 0;

protected:
    QVariant loadResource(int, const QUrl &) override
    {
        ++requests;
        return {};
    }
};

bool hasImage(const QTextDocument &doc)
{
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().isValid() && it.fragment().charFormat().isImageFormat())
                return true;
    return false;
}

bool isIsolate(QChar c)
{
    return c.unicode() == text::kFirstStrongIsolate || c.unicode() == text::kPopDirectionalIsolate;
}

// Every character of the document, block by block, without isolates; paragraph breaks as '\n'.
QString characters(const QTextDocument &doc, bool *hasTable)
{
    QString all;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (const QChar c : b.text())
            if (!isIsolate(c))
                all += c;
        all += QLatin1Char('\n');
    }
    *hasTable = false;
    for (auto it = doc.rootFrame()->begin(); !it.atEnd(); ++it)
        if (qobject_cast<QTextTable *>(it.currentFrame()))
            *hasTable = true;
    return all;
}

qsizetype count(const QString &s, char16_t c)
{
    return std::count(s.cbegin(), s.cend(), QChar(c));
}

bool isCode(const QTextBlock &block)
{
    return block.blockFormat().hasProperty(QTextFormat::UserProperty);
}

QString proseOf(const QTextBlock &block)
{
    QString prose;
    for (auto it = block.begin(); !it.atEnd(); ++it)
        if (it.fragment().isValid() && !it.fragment().charFormat().fontFixedPitch()
            && !it.fragment().charFormat().boolProperty(ui::kAddedByMajlis))
            prose += it.fragment().text();
    return prose;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ensureApplication();
    const QString markdown = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    const bool reveal = size % 2 == 1;
    CountingDocument plain;
    ui::importLiteralMarkdown(&plain, markdown, ui::TextFonts{}.keepLineBreaks);
    if (reveal)
        ui::revealInvisibleCharacters(&plain);
    CountingDocument styled;
    ui::setMarkdownWithDirections(&styled, markdown, ui::TextFonts{}, reveal);
    FUZZ_CHECK(!hasImage(plain) && !hasImage(styled));

    bool plainTables = false, styledTables = false;
    QString before = characters(plain, &plainTables);
    QString after = characters(styled, &styledTables);
    FUZZ_CHECK(plainTables == styledTables);
    if (plainTables) {
        // Mirroring drops the empty paragraphs Qt leaves in front of a cell's text.
        before.remove(QLatin1Char('\n'));
        after.remove(QLatin1Char('\n'));
        std::sort(before.begin(), before.end());
        std::sort(after.begin(), after.end());
    }
    FUZZ_CHECK(before == after);

    // Revealing the invisible characters is a display aid: it must not turn a paragraph around.
    // The direction is decided on the text as written (an Arabic letter mark, U+061C, counts as
    // the strong right-to-left letter it is, though revealing shows it as a name), so the blocks
    // are held to the prose of the same document made without revealing (a CI run found a block
    // of as many Latin as Arabic letters plus an ALM, right-to-left, whose revealed prose was a tie).
    CountingDocument unrevealed;
    if (reveal)
        ui::setMarkdownWithDirections(&unrevealed, markdown, ui::TextFonts{}, false);
    QTextBlock u = reveal ? unrevealed.begin() : QTextBlock();
    for (QTextBlock b = styled.begin(); b.isValid(); b = b.next(), u = reveal ? u.next() : u) {
        FUZZ_CHECK(!reveal || u.isValid());
        const QTextBlock &source = reveal ? u : b;
        const QTextBlockFormat f = b.blockFormat();
        FUZZ_CHECK(f.hasProperty(QTextFormat::LayoutDirection));
        const Qt::LayoutDirection direction = f.layoutDirection();
        FUZZ_CHECK(direction == Qt::LeftToRight || direction == Qt::RightToLeft);
        FUZZ_CHECK((f.alignment() & Qt::AlignAbsolute) || (f.alignment() & Qt::AlignHCenter));
        if (reveal)
            FUZZ_CHECK(direction == u.blockFormat().layoutDirection());
        if (isCode(b)) {
            FUZZ_CHECK(direction == Qt::LeftToRight);
            continue;
        }
        const text::Direction dominant = text::dominantDirection(proseOf(source));
        if (dominant == text::Direction::RightToLeft)
            FUZZ_CHECK(direction == Qt::RightToLeft);
        else if (dominant == text::Direction::LeftToRight)
            FUZZ_CHECK(direction == Qt::LeftToRight);
    }

    // Isolates: as many opened as closed were added, and none into a left-to-right block.
    const QString plainText = plain.toRawText();
    const QString styledText = styled.toRawText();
    const qsizetype addedFsi = count(styledText, text::kFirstStrongIsolate) - count(plainText, text::kFirstStrongIsolate);
    const qsizetype addedPdi = count(styledText, text::kPopDirectionalIsolate) - count(plainText, text::kPopDirectionalIsolate);
    FUZZ_CHECK(addedFsi >= 0 && addedFsi == addedPdi);
    if (!plainTables) {
        QTextBlock p = plain.begin();
        for (QTextBlock s = styled.begin(); s.isValid(); s = s.next(), p = p.next()) {
            FUZZ_CHECK(p.isValid());
            if (s.blockFormat().layoutDirection() == Qt::LeftToRight)
                FUZZ_CHECK(s.text() == p.text());
        }
    }

    styled.setTextWidth(240);
    const QSizeF laidOut = styled.documentLayout()->documentSize();
    FUZZ_CHECK(laidOut.width() > 0 && laidOut.height() > 0);
    FUZZ_CHECK(plain.requests == 0 && styled.requests == 0);
    return 0;
}
