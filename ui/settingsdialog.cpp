#include "ui/settingsdialog.h"

#include "ui/translator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace majlis::ui {

SettingsDialog::SettingsDialog(const QString &language, const TextFonts &fonts,
                               const std::optional<sync::SyncSettings> &sync, QWidget *parent)
    : QDialog(parent), m_language(new QComboBox(this)), m_arabicFamily(new QFontComboBox(this)),
      m_latinFamily(new QFontComboBox(this)), m_size(new QDoubleSpinBox(this)), m_arabicStep(new QDoubleSpinBox(this)),
      m_lineBreaks(new QCheckBox(this)), m_server(new QLineEdit(this)), m_token(new QLineEdit(this)), m_enrollCode(new QLineEdit(this)), m_serverError(new QLabel(this)), m_fonts(fonts),
      m_sync(sync)
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
    // Half points are enough (and read "١١٫٥ نقطة", not "١١٫٠٠ نقطة").
    m_size->setDecimals(1);
    m_size->setSingleStep(0.5);
    m_size->setRange(7, 40);
    m_size->setValue(fonts.latinPointSize);
    m_size->setSuffix(tr(" pt"));
    m_size->setAccessibleName(tr("Text size"));
    m_arabicStep->setDecimals(1);
    m_arabicStep->setSingleStep(0.5);
    m_arabicStep->setRange(0, 10);
    m_arabicStep->setValue(fonts.arabicStep);
    m_arabicStep->setSuffix(tr(" pt"));
    m_arabicStep->setAccessibleName(tr("How much larger Arabic text is"));
    m_lineBreaks->setObjectName(QStringLiteral("keepLineBreaks"));
    m_lineBreaks->setText(tr("Show each &new line of an answer as written"));
    m_lineBreaks->setToolTip(tr("As chat interfaces do. Off: lines not separated by an empty line are joined, as "
                                "Markdown does."));
    m_lineBreaks->setChecked(fonts.keepLineBreaks);

    // Addresses and tokens are Latin whatever the interface language.
    m_server->setObjectName(QStringLiteral("serverUrl"));
    m_server->setLayoutDirection(Qt::LeftToRight);
    m_server->setPlaceholderText(QStringLiteral("http://10.0.0.5:8787"));
    m_server->setAccessibleName(tr("Sync server address"));
    if (m_sync)
        m_server->setText(m_sync->server.toString());
    m_token->setObjectName(QStringLiteral("serverToken"));
    m_token->setLayoutDirection(Qt::LeftToRight);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Sync token"));
    m_token->setPlaceholderText(m_sync && !m_sync->token.isEmpty() ? tr("saved; type to replace")
                                                                   : tr("mjt_… from your coordinator"));
    m_enrollCode->setObjectName(QStringLiteral("enrollmentCode"));
    m_enrollCode->setLayoutDirection(Qt::LeftToRight);
    m_enrollCode->setAccessibleName(tr("Enrollment code"));
    m_enrollCode->setPlaceholderText(tr("only if your coordinator gave you one"));
    m_enrollCode->setToolTip(tr("A one-time code that binds this workstation's key to you on the server. It is used "
                                "once, when you press OK, and not saved."));
    // Wide enough for the longest hint in either language, so none is cut short.
    int hintWidth = 0;
    for (QLineEdit *field : {m_server, m_token, m_enrollCode})
        hintWidth = std::max(hintWidth, field->fontMetrics().horizontalAdvance(field->placeholderText()));
    for (QLineEdit *field : {m_server, m_token, m_enrollCode})
        field->setMinimumWidth(hintWidth + 3 * field->fontMetrics().averageCharWidth());
    m_serverError->setObjectName(QStringLiteral("serverError"));
    m_serverError->setWordWrap(true);
    m_serverError->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_serverError->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Arabic font:"), m_arabicFamily);
    form->addRow(tr("La&tin font:"), m_latinFamily);
    form->addRow(tr("Text &size:"), m_size);
    form->addRow(tr("Arabic text larger &by:"), m_arabicStep);
    form->addRow(m_lineBreaks);
    auto *syncForm = new QFormLayout;
    syncForm->addRow(tr("Se&rver:"), m_server);
    syncForm->addRow(tr("To&ken:"), m_token);
    syncForm->addRow(tr("&Enrollment code:"), m_enrollCode);
    syncForm->addRow(m_serverError);
    auto *syncBox = new QGroupBox(tr("Sync (leave the server empty to work offline)"), this);
    syncBox->setLayout(syncForm);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(syncBox);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

std::optional<sync::SyncSettings> SettingsDialog::syncSettings() const
{
    if (m_server->text().trimmed().isEmpty())
        return std::nullopt;
    auto url = sync::parseServerUrl(m_server->text());
    if (!url)
        return std::nullopt;
    sync::SyncSettings settings{*url, m_token->text().trimmed().toUtf8()};
    if (settings.token.isEmpty() && m_sync)
        settings.token = m_sync->token;
    return settings;
}

void SettingsDialog::accept()
{
    if (!m_server->text().trimmed().isEmpty()) {
        QString problem;
        if (!sync::parseServerUrl(m_server->text()))
            problem = tr("\"%1\" is not a server address such as http://10.0.0.5:8787 (http or https, then the "
                         "host and port).")
                          .arg(m_server->text().trimmed());
        else if (!syncSettings() || syncSettings()->token.isEmpty())
            problem = tr("A server needs a token: ask your coordinator for one.");
        else if (const QString code = enrollmentCode(); !code.isEmpty() && code.contains(QRegularExpression(QStringLiteral("\\s"))))
            problem = tr("An enrollment code has no spaces inside; paste it exactly as your coordinator gave it.");
        if (!problem.isEmpty()) {
            m_serverError->setText(problem);
            m_serverError->show();
            m_server->setFocus();
            return;
        }
    } else if (!enrollmentCode().isEmpty()) {
        m_serverError->setText(tr("An enrollment code needs the server it was made on: enter its address and your "
                                  "token."));
        m_serverError->show();
        m_server->setFocus();
        return;
    }
    QDialog::accept();
}

QString SettingsDialog::enrollmentCode() const
{
    return m_enrollCode->text().trimmed();
}

TextFonts SettingsDialog::fonts() const
{
    TextFonts f = m_fonts;
    f.arabicFamily = m_arabicFamily->currentFont().family();
    f.latinFamily = m_latinFamily->currentFont().family();
    f.latinPointSize = m_size->value();
    f.arabicStep = m_arabicStep->value();
    f.keepLineBreaks = m_lineBreaks->isChecked();
    return f;
}

} // namespace majlis::ui
