#pragma once

#include <QFrame>

#include "ui/richtext.h"

class QLabel;
class QTextBrowser;

namespace majlis::ui {

// One answer on the voting screen: its label ("A"/"B"), the model's name once revealed, and the
// Markdown text laid out block by block in its own direction.
class AnswerView : public QFrame
{
    Q_OBJECT

public:
    explicit AnswerView(QWidget *parent = nullptr);

    void setAnswer(const QString &label, const QString &markdown, const TextFonts &fonts);
    void setRevealedName(const QString &name);  // empty: hidden
    void clear();

    QTextBrowser *browser() const { return m_browser; }
    QString label() const { return m_label; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateHeader();

    QString m_label;
    QString m_revealed;
    QLabel *m_header;
    QTextBrowser *m_browser;
};

// The prompt (or conversation) above the answers.
void setConversation(QTextBrowser *view, const QList<std::pair<QString, QString>> &turns, const TextFonts &fonts);

} // namespace majlis::ui
