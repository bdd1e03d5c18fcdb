// Fails if any translation is unfinished or empty, if placeholders differ from the source, or
// if a tr() string of the interface is missing from a translation file.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context, source;
    QStringList translations;  // one, or the numerus forms
    bool unfinished = false;
};

QList<Message> readTs(const QString &path)
{
    QList<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name"))
                context = xml.readElementText();
            else if (name == QLatin1String("message"))
                m = Message{context, {}, {}, false};
            else if (name == QLatin1String("source"))
                m.source = xml.readElementText();
            else if (name == QLatin1String("translation")) {
                m.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!text.trimmed().isEmpty() || m.translations.isEmpty())
                    m.translations << text;
            } else if (name == QLatin1String("numerusform")) {
                m.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out << m;
        }
    }
    return out;
}

QSet<QString> placeholders(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("%L?[0-9n]"));
    QSet<QString> out;
    for (auto it = re.globalMatch(s); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("Arabic") << QStringLiteral("ar");
        QTest::newRow("English") << QStringLiteral("en");
    }

    void complete()
    {
        QFETCH(QString, language);
        const QList<Message> messages =
            readTs(QStringLiteral(MAJLIS_SOURCE_DIR "/translations/majlis_%1.ts").arg(language));
        QVERIFY(messages.size() > 100);
        for (const Message &m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            QVERIFY2(!m.unfinished, qPrintable(QStringLiteral("unfinished: ") + where));
            QVERIFY2(!m.translations.isEmpty(), qPrintable(QStringLiteral("no translation: ") + where));
            for (const QString &t : m.translations) {
                QVERIFY2(!t.trimmed().isEmpty(), qPrintable(QStringLiteral("empty: ") + where));
                // Arabic plural forms for zero, one and two may spell the number out.
                if (!(m.translations.size() > 1 && !t.contains(QLatin1String("%n")) && !t.contains(QLatin1String("%Ln"))))
                    QVERIFY2(placeholders(t) == placeholders(m.source), qPrintable(QStringLiteral("placeholders: ") + where + QStringLiteral(" -> ") + t));
            }
            // Qt 6.4 draws a right-to-left label whose mnemonic stands inside a word with its last
            // letters cut off ("اللغ" for "ال&لغة:"), and a mnemonic on a word's first letter
            // shapes that letter apart from the next: "&ملف" shows an unjoined م. An Arabic
            // mnemonic is a Latin letter in parentheses, "(&F)", which Qt draws whole and which
            // leaves every word joined.
            if (language == QLatin1String("ar"))
                for (const QString &t : m.translations) {
                    const QString bare = QString(t).replace(QStringLiteral("&&"), QString());
                    const qsizetype at = bare.indexOf(QLatin1Char('&'));
                    const bool latinSuffix = at >= 1 && bare.at(at - 1) == QLatin1Char('(') && at + 2 < bare.size()
                                             && bare.at(at + 1).isLetter() && bare.at(at + 1).unicode() < 0x80
                                             && bare.at(at + 2) == QLatin1Char(')');
                    QVERIFY2(at < 0 || latinSuffix,
                             qPrintable(QStringLiteral("Arabic mnemonic on a letter of a word: ") + where + QStringLiteral(" -> ") + t));
                }
            if (language == QLatin1String("ar") && m.translations.size() > 1)
                QVERIFY2(m.translations.size() == 6, qPrintable(QStringLiteral("Arabic needs six plural forms: ") + where));
        }
    }

    // Every tr() string in the interface sources (ui/ and the executables of app/), as lupdate
    // finds it today, is in each file.
    void everyStringIsInTheFiles()
    {
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
        QProcess lupdate;
        lupdate.start(QStringLiteral(LUPDATE), {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                                                 QStringLiteral(MAJLIS_SOURCE_DIR "/ui"), QStringLiteral(MAJLIS_SOURCE_DIR "/app"),
                                                 QStringLiteral("-ts"), fresh});
        QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
        QCOMPARE(lupdate.exitCode(), 0);
        const QList<Message> now = readTs(fresh);
        QVERIFY(now.size() > 100);
        // Without the build's include paths lupdate may not see namespaces: compare class names.
        auto key = [](const Message &m) -> QString { return m.context.section(QStringLiteral("::"), -1) + QLatin1Char('\x1f') + m.source; };
        for (const char *language : {"ar", "en"}) {
            QSet<QString> have;
            for (const Message &m : readTs(QStringLiteral(MAJLIS_SOURCE_DIR "/translations/majlis_%1.ts").arg(QLatin1String(language))))
                have << key(m);
            QStringList missing;
            for (const Message &m : now)
                if (!have.contains(key(m)))
                    missing << m.context + QStringLiteral(": ") + m.source;
            QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("missing from majlis_%1.ts (run the update_translations target): %2")
                                                       .arg(QLatin1String(language), missing.join(QStringLiteral(" | ")))));
        }
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
