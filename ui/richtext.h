#pragma once

#include "ui/markdown/markdown.h"

#include <functional>

class QTextBrowser;
class QTextEdit;
class QUrl;
class QWidget;

namespace majlis::ui {

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
// What guardLinks does on a click, replaceable by tests: ask (true: open), then open.
struct LinkActions
{
    std::function<bool(QWidget *parent, const QUrl &url)> confirm;
    std::function<void(const QUrl &url)> open;
    std::function<void(QWidget *parent, const QUrl &url)> refuse;  // a link that is never opened
};
LinkActions &linkActions();

} // namespace majlis::ui
