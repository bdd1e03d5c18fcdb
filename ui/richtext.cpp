#include "ui/richtext.h"

#include <QTextDocument>
#include <QTextEdit>

namespace majlis::ui {

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

} // namespace majlis::ui
