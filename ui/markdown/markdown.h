#pragma once

// Markdown → a styled QTextDocument: QtGui only, no widgets, so that the fuzz build (without the
// GUI) can fuzz it (tests/fuzz/fuzz_markdown.cpp). ui/richtext.h puts such documents into views.
#include <QFont>
#include <QString>

class QTextDocument;
class QObject;

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
};

// Renders Markdown into `doc` and gives every block its own direction and alignment: right-to-left
// blocks (by dominant script, see text::dominantDirection) are right-aligned, left-to-right blocks
// left-aligned, code blocks always left-to-right in a monospace font. Tables whose text is mostly
// right-to-left run their columns right to left.
void setMarkdownWithDirections(QTextDocument *doc, const QString &markdown, const TextFonts &fonts);

// A styled document for `markdown`, built detached: every format change on a document that a
// view shows would lay it out again.
QTextDocument *buildMarkdownDocument(const QString &markdown, const TextFonts &fonts, QObject *parent);

} // namespace majlis::ui
