#pragma once

// Markdown → a styled QTextDocument: QtGui only, no widgets, so that the fuzz build (without the
// GUI) can fuzz it (tests/fuzz/fuzz_markdown.cpp). ui/richtext.h puts such documents into views.
#include <QFont>
#include <QString>

#include <QTextDocument>
#include <QTextFormat>

namespace majlis::ui {

// Fonts for answer text. Arabic script gets its own family and a slightly larger size, since
// Naskh letters at the Latin point size read small.
struct TextFonts
{
    QString latinFamily = QStringLiteral("Noto Sans");
    QString arabicFamily = QStringLiteral("Noto Naskh Arabic");
    QString monoFamily = QStringLiteral("DejaVu Sans Mono");
    qreal latinPointSize = 11.0;
    qreal arabicStep = 2.0;  // points added for right-to-left blocks
    // A single newline inside a paragraph breaks the line, as chat interfaces show it (a letter's
    // «إلى: / من: / التاريخ:», an address, steps of a calculation); off, Markdown joins such lines.
    bool keepLineBreaks = true;
};

// The Markdown with every single newline inside a paragraph made a hard line break (two spaces
// before it), so that it shows as a new line. Paragraph breaks, fenced and indented code, tables
// and lines already ending in a hard break are left as written; where a line's role is unclear it
// is left as written (Markdown then joins it, as before). Only markup is added: the rendered
// text's characters are those of the source, in order (text::SourceMap).
// `marker`, when given, is put before each break added (importLiteralMarkdown finds them by it).
QString withHardLineBreaks(const QString &markdown, QChar marker = {});

// Reads `markdown` into `doc` as text to be shown, not obeyed: HTML is shown as written (never
// interpreted), entities as written ("&amp;" stays "&amp;"), and each image becomes a
// placeholder "[Image: alt <address>]" — nothing is ever loaded. What Majlis adds carries the
// kAddedByMajlis property.
// With `keepLineBreaks`, single newlines break lines (withHardLineBreaks).
void importLiteralMarkdown(QTextDocument *doc, const QString &markdown, bool keepLineBreaks = false);
// Shows each invisible character (text/invisible.h) of `doc` in place by its name, as "⟨RLO⟩",
// isolated (FSI … PDI) so that it reads the same in either direction.
void revealInvisibleCharacters(QTextDocument *doc);

// importLiteralMarkdown (with fonts.keepLineBreaks), then every block gets its own direction and alignment: right-to-left
// blocks (by dominant script, see text::dominantDirection) are right-aligned, left-to-right blocks
// left-aligned, code blocks always left-to-right in a monospace font. Tables whose text is mostly
// right-to-left run their columns right to left. Then, with `revealInvisible`,
// revealInvisibleCharacters.
void setMarkdownWithDirections(QTextDocument *doc, const QString &markdown, const TextFonts &fonts,
                               bool revealInvisible = false);

// A styled document for `markdown`, built detached (every format change on a document that a
// view shows would lay it out again), that loads no resource: no file, no network.
QTextDocument *buildMarkdownDocument(const QString &markdown, const TextFonts &fonts, QObject *parent,
                                     bool revealInvisible = false);

// A document made from pack text. Qt asks a document for the images and style sheets it refers
// to; this one refuses them all, whatever a view or a later change puts into it.
class PackTextDocument : public QTextDocument
{
    Q_OBJECT

public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl &name) override;
};

// Character-format property on text Majlis added (placeholder words, names of invisible
// characters).
inline constexpr int kAddedByMajlis = QTextFormat::UserProperty + 1;

// The document's raw text with what Majlis added given as text::kNotFromSource, for
// text::SourceMap.
QString sourceAlignedText(const QTextDocument &doc);

} // namespace majlis::ui
