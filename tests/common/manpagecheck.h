#pragma once
// Reads a man page as man(1) would, for the tests of majlisctl(1), majlis-server(1) and majlis(1).
#include <QProcess>
#include <QString>
#include <QStringList>

namespace majlis::testing {

// What groff says of the page with every warning on (-ww), formatting nothing (-z); empty: none.
// A groff that did not run says so.
inline QString groffWarnings(const QString &page)
{
    QProcess groff;
    groff.start(QStringLiteral("groff"), {QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"),
                                          QStringLiteral("-z"), page});
    if (!groff.waitForFinished(60000) || groff.exitCode() != 0)
        return QStringLiteral("groff did not run: ") + groff.errorString();
    return QString::fromUtf8(groff.readAllStandardError());
}

// The page as text, without bold or underline, as a reader sees it.
inline QString renderedManPage(const QString &page)
{
    QProcess render;
    render.start(QStringLiteral("groff"), {QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-P-cbou"), page});
    render.waitForFinished(60000);
    return QString::fromUtf8(render.readAllStandardOutput());
}

} // namespace majlis::testing
