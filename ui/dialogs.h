#pragma once

#include <QList>
#include <QMessageBox>
#include <QString>
#include <QVariant>

#include <optional>

class QWidget;

namespace majlis::ui {

// Every modal message box and file dialog of the interface opens through here, and the
// project's own modal dialogs (FailureDialog) ask here first. So tests and scripts answer them
// without a human: an answer a test queued is returned at once and nothing is shown; with
// "answer with defaults" on, a dialog nobody queued an answer for takes its default button (a
// file dialog or one of our own dialogs is cancelled). Either way what would have been shown
// is recorded, so a test can assert on it. Modelled on KeePassXC's MessageBox::setNextAnswer.
class Dialogs final
{
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    enum class Kind { Information, Warning, Critical, Question, OpenFile, SaveFile, Own };

    // What a dialog answered without showing would have shown. For a file dialog the text is the
    // directory or file name it would have started at.
    struct Record
    {
        Kind kind;
        QString title;
        QString text;
        friend bool operator==(const Record &, const Record &) = default;
    };

    static Button information(QWidget *parent, const QString &title, const QString &text, Buttons buttons = QMessageBox::Ok,
                              Button defaultButton = QMessageBox::NoButton);
    static Button warning(QWidget *parent, const QString &title, const QString &text, Buttons buttons = QMessageBox::Ok,
                          Button defaultButton = QMessageBox::NoButton);
    static Button critical(QWidget *parent, const QString &title, const QString &text, Buttons buttons = QMessageBox::Ok,
                           Button defaultButton = QMessageBox::NoButton);
    // A question names its default: it is what "answer with defaults" picks, so make it the safe one.
    static Button question(QWidget *parent, const QString &title, const QString &text, Buttons buttons, Button defaultButton);
    // Empty when cancelled.
    static QString openFileName(QWidget *parent, const QString &caption, const QString &dir = QString(),
                                const QString &filter = QString());
    static QString saveFileName(QWidget *parent, const QString &caption, const QString &dir = QString(),
                                const QString &filter = QString());

    // Test seams. Answers are taken in the order they were queued, one per dialog; a queued answer
    // of the wrong type for the dialog that comes (a file name for a question, a button the box
    // does not have) is a bug in the test and aborts it.
    static void setNextAnswer(Button button);
    static void setNextFileName(const QString &fileName);  // an empty name cancels the dialog
    static void setAnswerWithDefaults(bool on);
    static bool answersWithDefaults();
    // What the dialogs answered without showing since the last call; clears the list.
    static QList<Record> takeRecords();
    // Drops queued answers and records (not the defaults switch).
    static void reset();

    // For the project's own dialogs: nullopt means "show yourself"; otherwise the dialog was
    // recorded, and the value is the queued answer, or an invalid QVariant for "take your default".
    static std::optional<QVariant> answerWithoutShowing(Kind kind, const QString &title, const QString &text);
    static void queueAnswer(const QVariant &answer);
};

}  // namespace majlis::ui
