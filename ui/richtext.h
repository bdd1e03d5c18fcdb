#pragma once

#include "ui/markdown/markdown.h"

class QTextEdit;

namespace majlis::ui {

// Puts `doc` into `view` (taking ownership) and deletes the document it replaces.
void adoptDocument(QTextEdit *view, QTextDocument *doc);
inline void showMarkdown(QTextEdit *view, const QString &markdown, const TextFonts &fonts)
{
    adoptDocument(view, buildMarkdownDocument(markdown, fonts, nullptr));
}

} // namespace majlis::ui
