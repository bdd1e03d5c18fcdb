#pragma once

#include <QDialog>

#include <optional>

#include "model/taxonomy.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace majlis::ui {

// Category, severity and comment of one failure mark. Labels come from the taxonomy in the
// interface language.
class FailureDialog : public QDialog
{
    Q_OBJECT

public:
    struct Answer
    {
        QString category;
        QString severity;
        QString comment;
    };

    FailureDialog(const Taxonomy &taxonomy, const QString &quote, QWidget *parent = nullptr);
    void setAnswer(const Answer &answer);
    Answer answer() const;

    // Opens the dialog and returns what was chosen, nullopt when cancelled. Tests set the next
    // answer instead of clicking through a modal dialog; it joins the queue of ui/dialogs.h, and
    // with "answer with defaults" on the dialog is cancelled.
    static std::optional<Answer> ask(const Taxonomy &taxonomy, const QString &quote, const std::optional<Answer> &initial,
                                     QWidget *parent);
    static void setNextAnswer(std::optional<Answer> answer);

private:
    static QString title(const QString &quote);

    QComboBox *m_category;
    QComboBox *m_severity;
    QLineEdit *m_comment;
    QLabel *m_definition;
};

}  // namespace majlis::ui

Q_DECLARE_METATYPE(majlis::ui::FailureDialog::Answer)
