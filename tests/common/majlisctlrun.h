#pragma once
// Runs the built majlisctl (its path: the MAJLISCTL definition of the test) on a store, for the
// tests that drive the command line as a user would.
#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace majlis::testing {

struct CtlRun
{
    int exitCode = -1; // -1: it did not finish within the time given
    QByteArray out;
    QByteArray err;
};

inline CtlRun runMajlisctl(const QString &program, const QString &store, const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, QStringList{QStringLiteral("--store"), store} + args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace majlis::testing
