#include "ui/translator.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace majlis::ui {

Translator::Translator(QObject *parent) : QObject(parent) {}

Translator::~Translator()
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
}

QStringList Translator::available()
{
    QStringList out{QStringLiteral("en")};
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("majlis_*.qm")});
    for (const QString &f : files) {
        const QString lang = f.mid(7, f.size() - 10);
        if (!out.contains(lang))
            out << lang;
    }
    return out;
}

QString Translator::preferred()
{
    const QStringList have = available();
    for (const QString &ui : QLocale().uiLanguages()) {
        const QString base = ui.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0);
        if (have.contains(base))
            return base;
    }
    return QStringLiteral("en");
}

bool Translator::setLanguage(const QString &language)
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_app = std::make_unique<QTranslator>();
    m_qt = std::make_unique<QTranslator>();

    const QLocale locale(language);
    bool loaded = language == QLatin1String("en");
    if (m_app->load(locale, QStringLiteral("majlis"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(m_app.get());
        loaded = true;
    }
    if (m_qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qt.get());
    QLocale::setDefault(locale);
    QApplication::setLayoutDirection(locale.textDirection());
    m_language = loaded ? language : QStringLiteral("en");
    return loaded;
}

} // namespace majlis::ui
