#include "ui/richtext.h"

#include "ui/dialogs.h"

#include <QCoreApplication>
#include <QCursor>
#include <QDesktopServices>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextEdit>
#include <QToolTip>
#include <QUrl>

namespace majlis::ui {

namespace {

// The image placeholder's word, read by ui/markdown through QCoreApplication::translate; listed
// here so that lupdate, which reads majlis_ui's sources, finds it.
[[maybe_unused]] const char *const kMarkdownWords[] = {QT_TRANSLATE_NOOP("majlis::ui::Markdown", "Image")};

// An address as plain text that keeps its own order inside a right-to-left message.
QString isolated(const QUrl &url)
{
    return ui::isolated(url.toString());
}

}  // namespace

QString isolated(const QString &text)
{
    return QChar(0x2068) + text + QChar(0x2069);
}

QString isolatedLeftToRight(QString text)
{
    return QChar(0x2066) + text.replace(u' ', QChar(0x00A0)) + QChar(0x2069);
}

void adoptDocument(QTextEdit *view, QTextDocument *doc)
{
    // The first document belongs to the view's text control, which deletes it on replacement;
    // the ones adopted here belong to the view and are deleted here.
    // Extra selections hold cursors into the old document: drop them while it still exists.
    view->setExtraSelections({});
    QTextDocument *old = view->document();
    const bool ours = old && old->parent() == view;
    doc->setParent(view);
    doc->setDocumentMargin(old ? old->documentMargin() : doc->documentMargin());
    view->setDocument(doc);
    if (ours && old != doc)
        delete old;
}

bool isOpenableLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid()
           && (((scheme == QLatin1String("http") || scheme == QLatin1String("https")) && !url.host().isEmpty())
               || scheme == QLatin1String("mailto"));
}

LinkActions &linkActions()
{
    static LinkActions actions{[](const QUrl &url) { QDesktopServices::openUrl(url); }};
    return actions;
}

void guardLinks(QTextBrowser *view)
{
    view->setOpenLinks(false);
    view->setOpenExternalLinks(false);
    QObject::connect(view, &QTextBrowser::highlighted, view, [view](const QUrl &url) {
        if (url.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(QCursor::pos(), isolated(url), view);
    });
    QObject::connect(view, &QTextBrowser::anchorClicked, view, [view](const QUrl &url) {
        if (!isOpenableLink(url)) {
            Dialogs::information(
                view, QCoreApplication::translate("majlis::ui::Links", "Link not opened"),
                QCoreApplication::translate("majlis::ui::Links", "Majlis does not open this kind of address:\n\n%1")
                    .arg(isolated(url)));
            return;
        }
        const QString question = QCoreApplication::translate(
            "majlis::ui::Links", "Open this address in your web browser?\n\n%1\n\nIt comes from a task pack: "
                                 "open it only if you trust it.");
        if (Dialogs::question(view, QCoreApplication::translate("majlis::ui::Links", "Open link"), question.arg(isolated(url)),
                              QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Open)
            linkActions().open(url);
    });
}

}  // namespace majlis::ui
