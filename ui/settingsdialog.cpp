#include "ui/settingsdialog.h"

#include "ui/translator.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QLocale>
#include <QVBoxLayout>

namespace majlis::ui {

SettingsDialog::SettingsDialog(const QString &language, const TextFonts &fonts, QWidget *parent)
    : QDialog(parent), m_language(new QComboBox(this)), m_arabicFamily(new QFontComboBox(this)),
      m_latinFamily(new QFontComboBox(this)), m_size(new QDoubleSpinBox(this)), m_arabicStep(new QDoubleSpinBox(this)),
      m_fonts(fonts)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    for (const QString &code : Translator::available()) {
        // Each language in its own name, so a person who cannot read the current one finds theirs.
        const QLocale locale(code);
        QString name = locale.nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        m_language->addItem(name.isEmpty() ? code : name, code);
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(language)));
    m_language->setObjectName(QStringLiteral("languageChoice"));
    m_language->setAccessibleName(tr("Interface language"));

    m_arabicFamily->setWritingSystem(QFontDatabase::Arabic);
    m_arabicFamily->setCurrentFont(QFont(fonts.arabicFamily));
    m_arabicFamily->setObjectName(QStringLiteral("arabicFont"));
    m_arabicFamily->setAccessibleName(tr("Font for Arabic script"));
    m_latinFamily->setWritingSystem(QFontDatabase::Latin);
    m_latinFamily->setCurrentFont(QFont(fonts.latinFamily));
    m_latinFamily->setAccessibleName(tr("Font for Latin script"));
    m_size->setRange(7, 40);
    m_size->setValue(fonts.latinPointSize);
    m_size->setSuffix(tr(" pt"));
    m_size->setAccessibleName(tr("Text size"));
    m_arabicStep->setRange(0, 10);
    m_arabicStep->setValue(fonts.arabicStep);
    m_arabicStep->setSuffix(tr(" pt"));
    m_arabicStep->setAccessibleName(tr("How much larger Arabic text is"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Arabic font:"), m_arabicFamily);
    form->addRow(tr("La&tin font:"), m_latinFamily);
    form->addRow(tr("Text &size:"), m_size);
    form->addRow(tr("Arabic text &larger by:"), m_arabicStep);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

TextFonts SettingsDialog::fonts() const
{
    TextFonts f = m_fonts;
    f.arabicFamily = m_arabicFamily->currentFont().family();
    f.latinFamily = m_latinFamily->currentFont().family();
    f.latinPointSize = m_size->value();
    f.arabicStep = m_arabicStep->value();
    return f;
}

} // namespace majlis::ui
