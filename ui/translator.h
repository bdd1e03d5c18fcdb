#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

namespace majlis::ui {

// Loads Majlis's own translation and Qt's for one language, and sets the layout direction from
// that locale's text direction (not from a list of languages). Switching takes effect at once:
// installing a translator sends LanguageChange to every widget.
class Translator : public QObject
{
    Q_OBJECT

public:
    explicit Translator(QObject *parent = nullptr);
    ~Translator() override;

    // Languages Majlis ships a translation for ("en", "ar").
    static QStringList available();
    // The first of QLocale::uiLanguages() that Majlis has, English last.
    static QString preferred();

    bool setLanguage(const QString &language);
    QString language() const { return m_language; }

private:
    QString m_language;
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace majlis::ui
