#include "ui/dialogs.h"

#include <QFileDialog>
#include <QLoggingCategory>
#include <QQueue>

namespace majlis::ui {

namespace {

Q_LOGGING_CATEGORY(lcDialogs, "majlis.dialogs", QtInfoMsg)

// The GUI thread's only: dialogs are modal and opened from there.
struct Seam
{
    bool defaults = false;
    QQueue<QVariant> answers;
    QList<Dialogs::Record> records;
};

Seam &seam()
{
    static Seam s;
    return s;
}

const char *kindName(Dialogs::Kind kind)
{
    switch (kind) {
    case Dialogs::Kind::Information: return "information";
    case Dialogs::Kind::Warning: return "warning";
    case Dialogs::Kind::Critical: return "critical";
    case Dialogs::Kind::Question: return "question";
    case Dialogs::Kind::OpenFile: return "open file";
    case Dialogs::Kind::SaveFile: return "save file";
    case Dialogs::Kind::Own: return "dialog";
    }
    return "dialog";
}

// The button Enter would press: the named default, else OK, else the first the box has.
Dialogs::Button defaultButton(Dialogs::Buttons buttons, Dialogs::Button named)
{
    if (named != QMessageBox::NoButton)
        return named;
    if (!buttons || buttons.testFlag(QMessageBox::Ok))
        return QMessageBox::Ok;
    for (uint bit = QMessageBox::FirstButton; bit <= QMessageBox::LastButton; bit <<= 1)
        if (buttons.testFlag(Dialogs::Button(bit)))
            return Dialogs::Button(bit);
    return QMessageBox::Ok;
}

Dialogs::Button messageBox(Dialogs::Kind kind, QWidget *parent, const QString &title, const QString &text,
                           Dialogs::Buttons buttons, Dialogs::Button named)
{
    if (const auto answer = Dialogs::answerWithoutShowing(kind, title, text)) {
        if (!answer->isValid())
            return defaultButton(buttons, named);
        const Dialogs::Button button = answer->metaType() == QMetaType::fromType<Dialogs::Button>()
                                           ? answer->value<Dialogs::Button>()
                                           : QMessageBox::NoButton;
        const Dialogs::Buttons offered = buttons ? buttons : Dialogs::Buttons(QMessageBox::Ok);
        if (button == QMessageBox::NoButton || !offered.testFlag(button))
            qFatal("Dialogs: the answer queued for the %s \"%s\" is not one of its buttons", kindName(kind), qPrintable(title));
        return button;
    }
    switch (kind) {
    case Dialogs::Kind::Warning: return QMessageBox::warning(parent, title, text, buttons, named);
    case Dialogs::Kind::Critical: return QMessageBox::critical(parent, title, text, buttons, named);
    case Dialogs::Kind::Question: return QMessageBox::question(parent, title, text, buttons, named);
    default: return QMessageBox::information(parent, title, text, buttons, named);
    }
}

QString fileName(Dialogs::Kind kind, QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    if (const auto answer = Dialogs::answerWithoutShowing(kind, caption, dir)) {
        if (!answer->isValid())
            return QString();
        if (answer->metaType() != QMetaType::fromType<QString>())
            qFatal("Dialogs: the answer queued for the %s dialog \"%s\" is not a file name", kindName(kind), qPrintable(caption));
        return answer->toString();
    }
    return kind == Dialogs::Kind::OpenFile ? QFileDialog::getOpenFileName(parent, caption, dir, filter)
                                           : QFileDialog::getSaveFileName(parent, caption, dir, filter);
}

}  // namespace

Dialogs::Button Dialogs::information(QWidget *parent, const QString &title, const QString &text, Buttons buttons,
                                     Button defaultButton)
{
    return messageBox(Kind::Information, parent, title, text, buttons, defaultButton);
}

Dialogs::Button Dialogs::warning(QWidget *parent, const QString &title, const QString &text, Buttons buttons,
                                 Button defaultButton)
{
    return messageBox(Kind::Warning, parent, title, text, buttons, defaultButton);
}

Dialogs::Button Dialogs::critical(QWidget *parent, const QString &title, const QString &text, Buttons buttons,
                                  Button defaultButton)
{
    return messageBox(Kind::Critical, parent, title, text, buttons, defaultButton);
}

Dialogs::Button Dialogs::question(QWidget *parent, const QString &title, const QString &text, Buttons buttons,
                                  Button defaultButton)
{
    return messageBox(Kind::Question, parent, title, text, buttons, defaultButton);
}

QString Dialogs::openFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    return fileName(Kind::OpenFile, parent, caption, dir, filter);
}

QString Dialogs::saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    return fileName(Kind::SaveFile, parent, caption, dir, filter);
}

void Dialogs::setNextAnswer(Button button)
{
    queueAnswer(QVariant::fromValue(button));
}

void Dialogs::setNextFileName(const QString &fileName)
{
    queueAnswer(QVariant(fileName));
}

void Dialogs::setAnswerWithDefaults(bool on)
{
    seam().defaults = on;
}

bool Dialogs::answersWithDefaults()
{
    return seam().defaults;
}

QList<Dialogs::Record> Dialogs::takeRecords()
{
    return std::exchange(seam().records, {});
}

void Dialogs::reset()
{
    seam().answers.clear();
    seam().records.clear();
}

std::optional<QVariant> Dialogs::answerWithoutShowing(Kind kind, const QString &title, const QString &text)
{
    Seam &s = seam();
    if (s.answers.isEmpty() && !s.defaults)
        return std::nullopt;
    s.records.append({kind, title, text});
    if (s.answers.isEmpty()) {
        // Unattended runs (scripts, screenshots) still say what went wrong somewhere.
        qCInfo(lcDialogs).noquote() << kindName(kind) << title << text;
        return QVariant();
    }
    return s.answers.dequeue();
}

void Dialogs::queueAnswer(const QVariant &answer)
{
    seam().answers.enqueue(answer);
}

}  // namespace majlis::ui
