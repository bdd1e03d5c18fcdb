// Right-to-left rendering, measured from the laid-out geometry: block directions and alignment,
// the side list markers stand on, table column order, isolated Latin phrases, and Arabic
// letter joining under highlights.
#include "text/offsets.h"
#include "ui/answerview.h"
#include "ui/richtext.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QFile>
#include <QGlyphRun>
#include <QRawFont>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextList>
#include <QTextTable>

using namespace majlis;

namespace {

const QString kMixed = QStringLiteral(
    "## عنوان عربي\n\n"
    "هذه فقرة عربية عادية تتحدث عن الصقر والبحر.\n\n"
    "This is an English paragraph about falcons.\n\n"
    "Python لغة برمجة سهلة وتستخدم كثيراً في تحليل البيانات.\n\n"
    "- البند الأول\n- البند الثاني\n\n"
    "1. Step one\n2. Step two\n\n"
    "> اقتباس عربي قصير\n\n"
    "```python\nprint(\"مرحبا\")\n```\n\n"
    "| الاسم | العمر |\n|---|---|\n| سالم | ٣٠ |\n\n"
    "قال المعلم لطلابه في الصف: Hello, world! ثم مشى إلى الباب.\n");

QTextBlock blockContaining(QTextDocument *doc, const QString &text)
{
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        if (b.text().contains(text))
            return b;
    return {};
}

// The document laid out at a fixed width, as a view would.
QTextDocument *laidOut(const QString &markdown, qreal width = 600)
{
    auto *doc = new QTextDocument;
    ui::setMarkdownWithDirections(doc, markdown, ui::TextFonts{});
    doc->setTextWidth(width);
    (void)doc->documentLayout()->documentSize();
    return doc;
}

QRectF lineRect(const QTextBlock &b)
{
    const QTextLine line = b.layout()->lineAt(0);
    const QRectF blockRect = b.document()->documentLayout()->blockBoundingRect(b);
    return line.naturalTextRect().translated(blockRect.topLeft());
}

} // namespace

class TestRendering : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Found by fuzz_markdown: a right-to-left table with a row of one cell (Qt merges it across
    // the columns) lost one cell's text and doubled another's when its columns were mirrored.
    void mirroringATableWithMergedCellsKeepsEveryCharacter()
    {
        QFile f(QStringLiteral(MAJLIS_SOURCE_DIR "/tests/fuzz/corpus/fuzz_markdown/regression-merged-table-cells"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(f.readAll());
        QTextDocument plain;
        ui::importLiteralMarkdown(&plain, markdown, ui::TextFonts{}.keepLineBreaks);
        std::unique_ptr<QTextDocument> styled(laidOut(markdown));
        auto sortedCharacters = [](const QTextDocument &doc) {
            QString all = doc.toRawText();
            all.remove(QChar(text::kFirstStrongIsolate));
            all.remove(QChar(text::kPopDirectionalIsolate));
            all.remove(QChar::ParagraphSeparator);
            std::sort(all.begin(), all.end());
            return all;
        };
        QCOMPARE(sortedCharacters(*styled), sortedCharacters(plain));
        // And the same with the smallest such table.
        const QString small = QStringLiteral("| الاسم | العمر | المدينة |\n|---|---|---|\n| سالم أحمد من دبي\n| علي | ٣٠ | مسقط |\n");
        QTextDocument smallPlain;
        ui::importLiteralMarkdown(&smallPlain, small, ui::TextFonts{}.keepLineBreaks);
        std::unique_ptr<QTextDocument> smallStyled(laidOut(small));
        QCOMPARE(sortedCharacters(*smallStyled), sortedCharacters(smallPlain));
    }

    void blockDirections_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::newRow("Arabic heading") << QStringLiteral("عنوان عربي") << Qt::RightToLeft;
        QTest::newRow("Arabic paragraph") << QStringLiteral("فقرة عربية") << Qt::RightToLeft;
        QTest::newRow("English paragraph") << QStringLiteral("English paragraph") << Qt::LeftToRight;
        QTest::newRow("Arabic paragraph opening with a Latin word") << QStringLiteral("لغة برمجة") << Qt::RightToLeft;
        QTest::newRow("Arabic list item") << QStringLiteral("البند الأول") << Qt::RightToLeft;
        QTest::newRow("English list item") << QStringLiteral("Step one") << Qt::LeftToRight;
        QTest::newRow("Arabic block quote") << QStringLiteral("اقتباس عربي") << Qt::RightToLeft;
        QTest::newRow("code block, even with Arabic inside") << QStringLiteral("print(") << Qt::LeftToRight;
    }

    void blockDirections()
    {
        QFETCH(QString, needle);
        QFETCH(Qt::LayoutDirection, direction);
        std::unique_ptr<QTextDocument> doc(laidOut(kMixed));
        const QTextBlock b = blockContaining(doc.get(), needle);
        QVERIFY2(b.isValid(), qPrintable(needle));
        QCOMPARE(b.blockFormat().layoutDirection(), direction);
        QCOMPARE(b.textDirection(), direction);
        // Alignment, measured: a short line hugs the right edge in Arabic, the left in English.
        const QRectF r = lineRect(b);
        const qreal width = doc->textWidth();
        if (direction == Qt::RightToLeft)
            QVERIFY2(width - r.right() < r.left(), qPrintable(QStringLiteral("%1: %2..%3").arg(needle).arg(r.left()).arg(r.right())));
        else
            QVERIFY2(r.left() < width - r.right(), qPrintable(QStringLiteral("%1: %2..%3").arg(needle).arg(r.left()).arg(r.right())));
    }

    void listMarkersStandOnTheReadingSide()
    {
        std::unique_ptr<QTextDocument> doc(laidOut(kMixed));
        const qreal width = doc->textWidth();
        // The marker is drawn in the list's indent, on the side the text starts from: for an
        // Arabic item the text is pushed in from the right edge, for an English one from the left.
        const QTextBlock arabic = blockContaining(doc.get(), QStringLiteral("البند الأول"));
        const QTextBlock english = blockContaining(doc.get(), QStringLiteral("Step one"));
        QVERIFY(arabic.textList() && english.textList());
        const QRectF ar = lineRect(arabic), en = lineRect(english);
        const QRectF arBlock = doc->documentLayout()->blockBoundingRect(arabic);
        const qreal rightIndent = width - ar.right() - doc->documentMargin();
        QVERIFY2(rightIndent > 15, qPrintable(QString::number(rightIndent)));   // room for the marker on the right
        QVERIFY2(ar.left() > width / 2, qPrintable(QString::number(ar.left())));  // and the text hugs it
        QVERIFY2(en.left() > arBlock.left() + 15, qPrintable(QString::number(en.left())));  // English: marker on the left
        QVERIFY(en.left() < width / 2);
    }

    void arabicTableRunsRightToLeft()
    {
        std::unique_ptr<QTextDocument> doc(laidOut(kMixed));
        QTextTable *table = nullptr;
        for (QTextFrame *f : doc->rootFrame()->childFrames())
            if ((table = qobject_cast<QTextTable *>(f)))
                break;
        QVERIFY(table);
        QCOMPARE(table->format().layoutDirection(), Qt::RightToLeft);
        // The first column of the source ("الاسم") must stand to the right of the second.
        const QTextBlock first = blockContaining(doc.get(), QStringLiteral("الاسم"));
        const QTextBlock second = blockContaining(doc.get(), QStringLiteral("العمر"));
        QVERIFY(first.isValid() && second.isValid());
        QCOMPARE(blockContaining(doc.get(), QStringLiteral("سالم")).blockFormat().layoutDirection(), Qt::RightToLeft);
        const qreal x1 = doc->documentLayout()->blockBoundingRect(first).left();
        const qreal x2 = doc->documentLayout()->blockBoundingRect(second).left();
        QVERIFY2(x1 > x2, qPrintable(QStringLiteral("first column at %1, second at %2").arg(x1).arg(x2)));
    }

    void latinPhraseKeepsItsPunctuation()
    {
        std::unique_ptr<QTextDocument> doc(laidOut(kMixed));
        const QTextBlock b = blockContaining(doc.get(), QStringLiteral("Hello, world!"));
        QVERIFY(b.isValid());
        const QString text = b.text();
        QVERIFY(text.contains(QChar(text::kFirstStrongIsolate)));
        // Cursor positions inside the phrase run left to right on screen, and the one between
        // "d" and "!" comes after "d": the "!" stays at the end of the phrase.
        const QTextLine line = b.layout()->lineAt(0);
        const int h = int(text.indexOf(QLatin1Char('H')));
        const int d = int(text.indexOf(QStringLiteral("world")) + 4);
        const int bang = int(text.indexOf(QLatin1Char('!')));
        const qreal xe = line.cursorToX(h + 1), xd = line.cursorToX(d), xBang = line.cursorToX(bang);
        QVERIFY2(xe < xd && xd < xBang, qPrintable(QStringLiteral("e at %1, d at %2, ! at %3").arg(xe).arg(xd).arg(xBang)));
        // Bidi isolates around the phrase, nowhere else.
        QCOMPARE(text.count(QChar(text::kFirstStrongIsolate)), 1);
        QCOMPARE(text.indexOf(QChar(text::kFirstStrongIsolate)) + 1, h);
        QCOMPARE(text.indexOf(QChar(text::kPopDirectionalIsolate)), bang + 1);
    }

    void highlightKeepsArabicJoining_data()
    {
        QTest::addColumn<bool>("asCharacterFormat");
        QTest::newRow("extra selection (what Majlis does)") << false;
        QTest::newRow("character format (the mistake this guards against)") << true;
    }

    // Glyph indices of a line with a highlight inside an Arabic word must equal those without.
    // The second row shows the test can fail: a character format splits the word's shaping.
    void highlightKeepsArabicJoining()
    {
        QFETCH(bool, asCharacterFormat);
        ui::AnswerView view;
        view.resize(500, 300);
        const QString source = QStringLiteral("كتب الولد الدرس في المدرسة");
        view.setAnswer(QStringLiteral("A"), source, ui::TextFonts{});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextDocument *doc = view.browser()->document();
        auto glyphs = [&] {
            (void)doc->documentLayout()->documentSize();
            QList<quint32> out;
            const QTextLayout *layout = doc->begin().layout();
            for (const QGlyphRun &run : layout->lineAt(0).glyphRuns())
                out += run.glyphIndexes();
            return out;
        };
        const QList<quint32> before = glyphs();
        qDebug() << "lines" << doc->begin().layout()->lineCount() << doc->begin().text() << doc->blockCount();
        QVERIFY(!before.isEmpty());
        // "لو" inside "الولد": a highlight in the middle of a word.
        const qsizetype start = source.indexOf(QStringLiteral("الولد")) + 1;
        if (asCharacterFormat) {
            QTextCursor c(doc);
            c.setPosition(int(start) + 1);  // +1: the FSI-free block starts at 0; no isolates here
            c.setPosition(int(start) + 3, QTextCursor::KeepAnchor);
            QTextCharFormat f;
            f.setBackground(Qt::yellow);
            c.mergeCharFormat(f);
        } else {
            view.setHighlights({{QStringLiteral("h"), {start, 2}, 5, QString()}});
            QCOMPARE(view.browser()->extraSelections().size(), 1);
            QCOMPARE(view.browser()->extraSelections().first().cursor.selectedText(), QStringLiteral("لو"));
        }
        const QList<quint32> after = glyphs();
        if (asCharacterFormat)
            QVERIFY(after != before);
        else
            QCOMPARE(after, before);
    }

    // An answer that switches into Chinese, Japanese or Korean (a common failure of small models)
    // must show those characters, not empty boxes: every glyph of the laid-out answer is a real
    // glyph (index 0 is a font's "missing" box). fonts-noto-cjk (scripts/install-deps.sh) provides them.
    void cjkTextHasGlyphs()
    {
        ui::AnswerView view;
        view.resize(700, 300);
        const QString source = QStringLiteral("الجواب: 你好，这是中文。日本語のテキスト。한국어 문장입니다.");
        view.setAnswer(QStringLiteral("A"), source, ui::TextFonts{});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextDocument *doc = view.browser()->document();
        (void)doc->documentLayout()->documentSize();
        int glyphs = 0;
        QStringList families;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
            for (int l = 0; l < b.layout()->lineCount(); ++l)
            for (const QGlyphRun &run : b.layout()->lineAt(l).glyphRuns()) {
                families << run.rawFont().familyName();
                for (quint32 g : run.glyphIndexes()) {
                    ++glyphs;
                    QVERIFY2(g != 0, qPrintable(QStringLiteral("a missing glyph in %1 (fonts: %2)")
                                                    .arg(run.rawFont().familyName(), families.join(u", "))));
                }
            }
        QVERIFY(glyphs > 20);
    }

    // Issue 13, defect 4: in a mostly-Latin paragraph (a transliteration list) the Arabic words
    // were drawn at the Latin size, smaller than Arabic anywhere else. Measured on the laid-out
    // glyphs: an Arabic word's font has the same family and pixel size in either paragraph.
    void arabicKeepsItsSizeInsideLatinParagraphs()
    {
        const QString word = QStringLiteral("مرحبا");
        std::unique_ptr<QTextDocument> doc(laidOut(
            QStringLiteral("The word %1 (marhaba) means hello, and **%1** too.\n\n%1 بكم في المجلس، أهلًا وسهلًا.").arg(word)));
        const auto arabicFonts = [&](const QTextBlock &b) {
            QList<std::pair<QString, qreal>> fonts;
            for (qsizetype at = b.text().indexOf(word); at >= 0; at = b.text().indexOf(word, at + 1))
                for (const QGlyphRun &run : b.layout()->glyphRuns(int(at), int(word.size())))
                    fonts.append({run.rawFont().familyName(), run.rawFont().pixelSize()});
            return fonts;
        };
        const QTextBlock latin = doc->begin(), arabic = latin.next();
        QCOMPARE(latin.blockFormat().layoutDirection(), Qt::LeftToRight);
        QCOMPARE(arabic.blockFormat().layoutDirection(), Qt::RightToLeft);
        const auto inLatin = arabicFonts(latin), inArabic = arabicFonts(arabic);
        QVERIFY(inLatin.size() >= 2 && !inArabic.isEmpty());
        for (const auto &f : inLatin) {
            QCOMPARE(f.first, inArabic.first().first);
            QCOMPARE(f.second, inArabic.first().second);
        }
        // The Latin words keep the Latin size: larger Arabic, not a larger paragraph.
        const auto latinRuns = latin.layout()->glyphRuns(0, 8);
        QVERIFY(!latinRuns.isEmpty());
        QVERIFY(latinRuns.first().rawFont().pixelSize() < inLatin.first().second);
    }

    void annotatorFlipsAParagraph()
    {
        ui::AnswerView view;
        view.resize(500, 300);
        view.setAnswer(QStringLiteral("A"), QStringLiteral("GPT and LLM and AI عن النماذج\n\nفقرة ثانية"), ui::TextFonts{});
        QTextDocument *doc = view.browser()->document();
        QCOMPARE(doc->begin().blockFormat().layoutDirection(), Qt::LeftToRight);  // more Latin letters
        view.browser()->setTextCursor(QTextCursor(doc->begin()));
        QTest::keyClick(view.browser(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(doc->begin().blockFormat().layoutDirection(), Qt::RightToLeft);
        QVERIFY(doc->begin().blockFormat().alignment() & Qt::AlignRight);
        QCOMPARE(doc->begin().next().blockFormat().layoutDirection(), Qt::RightToLeft);  // the others untouched
        view.flipParagraphDirection();
        QCOMPARE(doc->begin().blockFormat().layoutDirection(), Qt::LeftToRight);
    }

    void selectionMapsToSourceCodePoints_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("target");
        QTest::newRow("Arabic word after bold markup") << QStringLiteral("هذا **مهم** جداً") << QStringLiteral("جداً");
        QTest::newRow("after emoji") << QStringLiteral("🦅🌴 الصقر رمز") << QStringLiteral("الصقر");
        QTest::newRow("ZWJ sequence") << QStringLiteral("👨‍👩‍👧 عائلة سعيدة") << QStringLiteral("👨‍👩‍👧");
        QTest::newRow("diacritics and tatweel") << QStringLiteral("كَتَبَ الوَلَـدُ الدَّرسَ") << QStringLiteral("الوَلَـدُ");
        QTest::newRow("lam-alef") << QStringLiteral("لا إله إلا الله") << QStringLiteral("إلا");
        QTest::newRow("English inside Arabic") << QStringLiteral("استخدم Python 3.12 للتحليل") << QStringLiteral("Python 3.12");
        QTest::newRow("list item") << QStringLiteral("- أول\n- ثانٍ مهم") << QStringLiteral("ثانٍ");
        QTest::newRow("English text") << QStringLiteral("The *quick* fox") << QStringLiteral("quick");
        // Lines kept apart by hard breaks the renderer adds: offsets still point into the source.
        QTest::newRow("second line of a letter") << QStringLiteral("إلى: أحمد\nمن: سارة\nالتاريخ: ١ مايو")
                                                 << QStringLiteral("سارة");
        QTest::newRow("line after a CRLF") << QStringLiteral("السطر الأول\r\nالسطر الثاني") << QStringLiteral("الثاني");
    }

    // Issue 13, defect 6: a letter's «إلى: / من: / التاريخ:», an address and the steps of a
    // calculation ran into one line. A single newline breaks the line (the default, as chat
    // interfaces show it); Markdown's paragraphs, lists, tables and code are as before; off, the
    // lines are joined as Markdown joins them.
    void singleNewlinesBreakTheLine_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("lines");  // each block's lines, blocks joined by "|"
        QTest::newRow("letter") << QStringLiteral("إلى: أحمد\nمن: سارة\nالتاريخ: ١ مايو\n\nتحية طيبة،")
                                << QStringList{QStringLiteral("إلى: أحمد"), QStringLiteral("من: سارة"),
                                               QStringLiteral("التاريخ: ١ مايو"), QStringLiteral("|تحية طيبة،")};
        QTest::newRow("equations") << QStringLiteral("2x + 3 = 11\n2x = 8\nx = 4")
                                   << QStringList{QStringLiteral("2x + 3 = 11"), QStringLiteral("2x = 8"), QStringLiteral("x = 4")};
        QTest::newRow("CRLF") << QStringLiteral("line one\r\nline two")
                              << QStringList{QStringLiteral("line one"), QStringLiteral("line two")};
        QTest::newRow("list items keep their lines") << QStringLiteral("- أول\n- ثانٍ\n  تكملة")
                                                     << QStringList{QStringLiteral("أول"), QStringLiteral("|ثانٍ"), QStringLiteral("تكملة")};
        QTest::newRow("code untouched") << QStringLiteral("```\na = 1\nb = 2\n```")
                                        << QStringList{QStringLiteral("a = 1"), QStringLiteral("|b = 2")};
        QTest::newRow("heading then text") << QStringLiteral("# عنوان\nنص")
                                           << QStringList{QStringLiteral("عنوان"), QStringLiteral("|نص")};
        QTest::newRow("setext heading") << QStringLiteral("Title\n=====\nbody")
                                        << QStringList{QStringLiteral("Title"), QStringLiteral("|body")};
        QTest::newRow("table") << QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |")
                               << QStringList{QStringLiteral("a"), QStringLiteral("|b"), QStringLiteral("|1"), QStringLiteral("|2")};
    }

    void singleNewlinesBreakTheLine()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, lines);
        std::unique_ptr<QTextDocument> doc(laidOut(markdown));
        QStringList shown;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
            if (b.text().isEmpty())
                continue;
            const QStringList parts = b.text().split(QChar::LineSeparator);
            for (int i = 0; i < parts.size(); ++i)
                shown << (i == 0 && !shown.isEmpty() ? QStringLiteral("|") : QString()) + parts[i].trimmed();
            // Each part on a line of its own, whatever the width.
            QVERIFY2(b.layout()->lineCount() >= parts.size(), qPrintable(b.text()));
        }
        QCOMPARE(shown, lines);
        // The characters are the source's: nothing but markup was added (no trailing spaces,
        // in code least of all).
        const QString plain = doc->toPlainText();
        QVERIFY2(!plain.contains(QLatin1String(" \u2028")) && !plain.contains(QLatin1String(" \n")), qPrintable(plain));
    }

    void lineBreaksCanBeJoinedAsMarkdownDoes()
    {
        ui::TextFonts fonts;
        fonts.keepLineBreaks = false;
        QTextDocument doc;
        ui::setMarkdownWithDirections(&doc, QStringLiteral("إلى: أحمد\nمن: سارة"), fonts);
        QCOMPARE(doc.begin().text(), QStringLiteral("إلى: أحمد من: سارة"));
        QCOMPARE(ui::withHardLineBreaks(QStringLiteral("a\nb\n\nc")), QStringLiteral("a  \nb\n\nc"));
        QCOMPARE(ui::withHardLineBreaks(QStringLiteral("a\\\nb  \nc")), QStringLiteral("a\\\nb  \nc"));
        QCOMPARE(ui::withHardLineBreaks(QStringLiteral("    code\n    more")), QStringLiteral("    code\n    more"));
        QCOMPARE(ui::withHardLineBreaks(QStringLiteral("~~~\nx\ny\n~~~\nz\nw")), QStringLiteral("~~~\nx\ny\n~~~\nz  \nw"));
    }

    // Selection in the rendered answer -> source offsets -> highlight over exactly that text.
    void selectionMapsToSourceCodePoints()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, target);
        ui::AnswerView view;
        view.resize(500, 300);
        view.setAnswer(QStringLiteral("A"), markdown, ui::TextFonts{});
        const qsizetype u16 = markdown.indexOf(target);
        QVERIFY(u16 >= 0);
        const text::CodePointSpan expected{text::utf16ToCodePoint(markdown, u16), text::codePointCount(target)};
        view.selectSpan(expected);
        QCOMPARE(view.browser()->textCursor().selectedText(), target);
        const auto span = view.selectedSpan();
        QVERIFY(span);
        QCOMPARE(*span, expected);
        QCOMPARE(text::quote(markdown, *span), target);
        view.setHighlights({{QStringLiteral("h"), *span, 1, QString()}});
        QCOMPARE(view.browser()->extraSelections().first().cursor.selectedText(), target);
    }
};

QTEST_MAIN(TestRendering)
#include "test_rendering.moc"
