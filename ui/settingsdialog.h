#pragma once

#include <QDialog>

#include "ui/richtext.h"

class QComboBox;
class QDoubleSpinBox;
class QFontComboBox;

namespace majlis::ui {

// Interface language and the fonts of answer text. Changes apply when OK is pressed.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const QString &language, const TextFonts &fonts, QWidget *parent = nullptr);
    QString language() const;
    TextFonts fonts() const;

private:
    QComboBox *m_language;
    QFontComboBox *m_arabicFamily;
    QFontComboBox *m_latinFamily;
    QDoubleSpinBox *m_size;
    QDoubleSpinBox *m_arabicStep;
    TextFonts m_fonts;
};

} // namespace majlis::ui
