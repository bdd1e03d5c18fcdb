#pragma once

#include <QDialog>

#include <optional>

#include "sync/syncsettings.h"
#include "ui/richtext.h"

class QComboBox;
class QCheckBox;
class QDoubleSpinBox;
class QFontComboBox;
class QLabel;
class QLineEdit;

namespace majlis::ui {

// Interface language, the fonts of answer text, and the sync server. Changes apply when OK is
// pressed; a server address that is not a URL keeps the dialog open and says why.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const QString &language, const TextFonts &fonts,
                   const std::optional<sync::SyncSettings> &sync = std::nullopt, QWidget *parent = nullptr);
    QString language() const;
    TextFonts fonts() const;
    // nullopt: no server (sync off). An empty token field keeps the saved token.
    std::optional<sync::SyncSettings> syncSettings() const;
    // A one-time code from a coordinator that enrolls this workstation's key; empty if none.
    QString enrollmentCode() const;

    void accept() override;

private:
    QComboBox *m_language;
    QFontComboBox *m_arabicFamily;
    QFontComboBox *m_latinFamily;
    QDoubleSpinBox *m_size;
    QDoubleSpinBox *m_arabicStep;
    QCheckBox *m_lineBreaks;
    QLineEdit *m_server;
    QLineEdit *m_token;
    QLineEdit *m_enrollCode;
    QLabel *m_serverError;
    TextFonts m_fonts;
    std::optional<sync::SyncSettings> m_sync;
};

} // namespace majlis::ui
