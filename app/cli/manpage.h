#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <utility>

// A man page written by the program it describes, from the same texts as its --help, so that the
// two cannot disagree (majlisctl(1), majlis-server(1), majlis(1); the build writes each with
// `PROGRAM --man-page FILE`, gzips it and installs it to share/man/man1).
namespace majlis::app {

// troff: a backslash is \e, a dash is \-, and a line may not start with . or '.
inline QString roff(QString text)
{
    text.replace(u'\\', QLatin1String("\\e")).replace(u'-', QLatin1String("\\-"));
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        if (line.startsWith(u'.') || line.startsWith(u'\''))
            line.prepend(QLatin1String("\\&"));
    return lines.join(u'\n');
}

struct ManOption
{
    QString spelling;  // "--listen HOST:PORT"
    QString text;      // what it does, its default
};

struct ManPage
{
    QString name;        // "majlis-server"
    QString oneLine;     // what follows "name \-" in NAME
    QStringList synopsis;  // each a command line after the name
    QString description;   // paragraphs separated by blank lines
    // Titled lists of options ("OPTIONS", "COMMANDS"), each entry a tagged paragraph.
    QList<std::pair<QString, QList<ManOption>>> lists;
    // Titled text sections (EXIT STATUS, SIGNALS, FILES, ENVIRONMENT), paragraphs separated by
    // blank lines.
    QList<std::pair<QString, QString>> texts;
    QStringList seeAlso;   // "majlisctl(1)"
};

// The page in man(7) macros.
inline QString manPageText(const ManPage &page, const QString &version)
{
    QString s;
    QTextStream m(&s);
    m << ".TH " << page.name.toUpper() << " 1 \"\" \"" << page.name << ' ' << version << "\" \"Majlis\"\n"
      << ".SH NAME\n" << roff(page.name) << " \\- " << roff(page.oneLine) << '\n'
      // The synopsis left-aligned and not hyphenated: options stay whole.
      << ".SH SYNOPSIS\n.nh\n.ad l\n";
    for (qsizetype i = 0; i < page.synopsis.size(); ++i)
        m << (i > 0 ? ".br\n" : "") << ".B " << roff(page.name) << '\n' << roff(page.synopsis[i]) << '\n';
    m << ".ad\n.hy\n.SH DESCRIPTION\n";
    const QStringList paragraphs = page.description.split(QStringLiteral("\n\n"));
    for (qsizetype i = 0; i < paragraphs.size(); ++i)
        m << (i > 0 ? ".PP\n" : "") << roff(paragraphs[i]) << '\n';
    for (const auto &[title, options] : page.lists) {
        m << ".SH " << title.toUpper() << '\n';
        for (const ManOption &o : options)
            m << ".TP\n.B " << roff(o.spelling) << '\n' << roff(o.text) << '\n';
    }
    for (const auto &[title, text] : page.texts) {
        m << ".SH " << title.toUpper() << '\n';
        const QStringList parts = text.split(QStringLiteral("\n\n"));
        for (qsizetype i = 0; i < parts.size(); ++i)
            m << (i > 0 ? ".PP\n" : "") << roff(parts[i]) << '\n';
    }
    if (!page.seeAlso.isEmpty()) {
        m << ".SH SEE ALSO\n";
        for (qsizetype i = 0; i < page.seeAlso.size(); ++i) {
            const QString &ref = page.seeAlso[i];
            const qsizetype paren = ref.indexOf(u'(');
            m << ".BR " << roff(ref.left(paren)) << " " << ref.mid(paren) << (i + 1 < page.seeAlso.size() ? "," : "") << '\n';
        }
    }
    m.flush();
    return s;
}

} // namespace majlis::app

namespace majlis::app {

// The same page as --help prints it: plain text, the synopsis first, each option's text indented
// under its spelling and wrapped at `width` columns.
inline QString helpText(const ManPage &page, int width = 100)
{
    const auto wrap = [width](const QString &text, const QString &indent) {
        QString out, line;
        for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
            if (!line.isEmpty() && indent.size() + line.size() + 1 + word.size() > width) {
                out += indent + line + u'\n';
                line.clear();
            }
            line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
        }
        if (!line.isEmpty())
            out += indent + line + u'\n';
        return out;
    };
    QString s;
    // Each synopsis line wrapped under its own start: "usage: NAME " is the indent of what follows.
    const QString lead = QStringLiteral("       ") + QString(page.name.size() + 1, u' ');
    for (qsizetype i = 0; i < page.synopsis.size(); ++i) {
        const QString first = (i == 0 ? QStringLiteral("usage: ") : QStringLiteral("       ")) + page.name + u' ';
        s += first + wrap(page.synopsis[i], lead).mid(lead.size());
    }
    for (const QString &paragraph : page.description.split(QStringLiteral("\n\n")))
        s += u'\n' + wrap(QString(paragraph).replace(u'\n', u' '), QString());
    for (const auto &[title, options] : page.lists) {
        s += u'\n' + title.toLower() + QStringLiteral(":\n");
        for (const ManOption &o : options)
            s += QStringLiteral("  ") + o.spelling + u'\n' + wrap(o.text, QStringLiteral("      "));
    }
    for (const auto &[title, text] : page.texts) {
        s += u'\n' + title.toLower() + QStringLiteral(":\n");
        for (const QString &paragraph : text.split(QStringLiteral("\n\n")))
            s += wrap(QString(paragraph).replace(u'\n', u' '), QStringLiteral("  "));
    }
    return s;
}

} // namespace majlis::app
