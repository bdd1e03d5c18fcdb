#pragma once

#include "ui/markdown/markdown.h"

#include <functional>

class QTextBrowser;
class QTextEdit;
class QUrl;
class QWidget;

namespace majlis::ui {

// A name, title or address inside a label or message that may read right to left: a first-strong
// isolate (FSI … PDI), so that its own characters keep their order and its neutral ends stay with
// it ("command_r+" does not become "+command_r" in an Arabic label, nor "84 pairs" jump to the
// front of an Arabic title).
QString isolated(const QString &text);
// A path, a key fingerprint or a command in such a sentence: a left-to-right isolate (LRI … PDI),
// whatever letters a folder name has, with no-break spaces, so that a line break never splits a
// fingerprint or a command.
QString isolatedLeftToRight(QString text);

// Puts `doc` into `view` (taking ownership) and deletes the document it replaces.
void adoptDocument(QTextEdit *view, QTextDocument *doc);
inline void showMarkdown(QTextEdit *view, const QString &markdown, const TextFonts &fonts)
{
    adoptDocument(view, buildMarkdownDocument(markdown, fonts, nullptr));
}

// Links in pack text: a view never follows one by itself. Hovering shows the whole address; a
// click asks before the address goes to the web browser, and only http, https and mailto
// addresses are offered at all (never file:, javascript:, data: or any other scheme).
bool isOpenableLink(const QUrl &url);
void guardLinks(QTextBrowser *view);
// How a confirmed link reaches the web browser, replaceable by tests. The question before it and
// the refusal of other schemes are message boxes (ui/dialogs.h), answered by tests there.
struct LinkActions
{
    std::function<void(const QUrl &url)> open;
};
LinkActions &linkActions();

}  // namespace majlis::ui
