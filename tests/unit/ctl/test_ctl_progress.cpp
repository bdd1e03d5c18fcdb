// majlisctl's progress line: on a terminal (a real pseudo-terminal here) long commands redraw one
// line on stderr with what they are doing, how far they are and, at the end, the final numbers;
// piped, or with --quiet, nothing of it appears. MAJLIS_PROGRESS_AFTER_MS=0 shows it at once, so
// the fixtures' quick commands show it too (the default waits 500 ms).
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <pty.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <vector>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray output;  // stdout and stderr together, as the terminal received them
};

// Runs majlisctl with stdin, stdout and stderr on a new pseudo-terminal; reads until the child
// closes it, for at most 60 s.
Run onTerminal(const QStringList &args)
{
    std::vector<std::string> words{MAJLISCTL};
    for (const QString &a : args)
        words.push_back(a.toStdString());
    std::vector<char *> argv;
    for (std::string &w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);

    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0)
        return {};
    if (pid == 0) {
        ::setenv("MAJLIS_PROGRESS_AFTER_MS", "0", 1);
        ::setenv("TERM", "xterm", 1);
        ::execv(MAJLISCTL, argv.data());
        ::_exit(127);
    }
    Run run;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        pollfd p{master, POLLIN, 0};
        if (::poll(&p, 1, int(left.count())) <= 0)
            break;
        char buffer[4096];
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n <= 0)
            break;  // EIO once the child has closed its side
        run.output.append(buffer, n);
    }
    ::close(master);
    int status = 0;
    if (::waitpid(pid, &status, 0) == pid && WIFEXITED(status))
        run.exitCode = WEXITSTATUS(status);
    return run;
}

Run piped(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MAJLIS_PROGRESS_AFTER_MS"), QStringLiteral("0"));
    env.insert(QStringLiteral("TERM"), QStringLiteral("xterm"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MAJLISCTL), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError()};
}

// The last frame drawn for a phase, after its "phase: ": the text after the last "\r\e[K phase: ".
QByteArray lastFrame(const QByteArray &output, const QByteArray &phase)
{
    QByteArray frame;
    for (const QByteArray &part : output.split('\r'))
        if (part.startsWith(QByteArray("\x1b[K" + phase + ": ")))
            frame = part.mid(3 + phase.size() + 2);  // after "phase: "
    return frame;
}

} // namespace

class TestCtlProgress : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QStringList inStore(const QString &store, const QStringList &args) const
    {
        return QStringList{QStringLiteral("--store"), m_dir.filePath(store)} + args;
    }

private Q_SLOTS:
    void longCommandsShowProgressOnATerminal()
    {
        const QString pack = QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/dialects.jsonl");

        Run r = onTerminal({QStringLiteral("pack"), QStringLiteral("validate"), pack});
        QVERIFY2(r.exitCode == 0, r.output.constData());
        QVERIFY2(lastFrame(r.output, "checking").contains("B (100%)"), r.output.constData());
        // The line is erased before the result is printed: the result starts a clean line.
        QVERIFY2(r.output.contains(QByteArray("\r\x1b[K" + pack.toUtf8() + ": valid pack")), r.output.constData());

        r = onTerminal(inStore(QStringLiteral("a.sqlite"), {QStringLiteral("pack"), QStringLiteral("import"), pack}));
        QVERIFY2(r.exitCode == 0, r.output.constData());
        QVERIFY2(lastFrame(r.output, "importing").contains("B (100%)"), r.output.constData());

        const QString bundle = QStringLiteral(MAJLIS_FIXTURES_DIR "/bundles/good.majlisbundle");
        r = onTerminal(inStore(QStringLiteral("b.sqlite"),
                               {QStringLiteral("bundle"), QStringLiteral("import"), bundle, QStringLiteral("--trust-new-key")}));
        QVERIFY2(r.exitCode == 0, r.output.constData());
        // The last phase's final frame is always drawn; a quick earlier one ("verifying") may not be.
        QVERIFY2(lastFrame(r.output, "storing").startsWith("4 of 4 items (100%)"), r.output.constData());

        r = onTerminal({QStringLiteral("bundle"), QStringLiteral("verify"), bundle, QStringLiteral("--trust-new-key")});
        QVERIFY2(r.exitCode == 0, r.output.constData());
        QVERIFY2(lastFrame(r.output, "verifying").contains("B (100%)"), r.output.constData());

        r = onTerminal(inStore(QStringLiteral("b.sqlite"), {QStringLiteral("events"), QStringLiteral("export"), QStringLiteral("-o"),
                                                           m_dir.filePath(QStringLiteral("events.jsonl"))}));
        QVERIFY2(r.exitCode == 0, r.output.constData());
        QVERIFY2(lastFrame(r.output, "exporting").startsWith("4 of 4 items (100%)"), r.output.constData());

        const QString v1 = m_dir.filePath(QStringLiteral("v1.sqlite"));
        QVERIFY(QFile::copy(QStringLiteral(MAJLIS_FIXTURES_DIR "/payload-v1/store.sqlite"), v1));
        QFile::setPermissions(v1, QFile::ReadOwner | QFile::WriteOwner);
        r = onTerminal({QStringLiteral("--store"), v1, QStringLiteral("ratings"), QStringLiteral("--bootstrap"), QStringLiteral("200")});
        QVERIFY2(r.exitCode == 0, r.output.constData());
        QVERIFY2(lastFrame(r.output, "bootstrap").startsWith("200 of 200 rounds (100%)"), r.output.constData());

        r = onTerminal({QStringLiteral("pack"), QStringLiteral("build"), QStringLiteral("--from"), QStringLiteral("long"),
                        QStringLiteral(MAJLIS_FIXTURES_DIR "/pack-build/long/answers.csv"), QStringLiteral("-o"),
                        m_dir.filePath(QStringLiteral("built.jsonl"))});
        QVERIFY2(r.exitCode == 0, r.output.constData());
        QVERIFY2(lastFrame(r.output, "checking").startsWith("2 of 2 items (100%)"), r.output.constData());
    }

    // Piped into a file or another program, or with --quiet: no progress line, not one "\r".
    void noProgressWhenPipedOrQuiet()
    {
        const QString pack = QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/dialects.jsonl");
        const Run p = piped(inStore(QStringLiteral("c.sqlite"), {QStringLiteral("pack"), QStringLiteral("import"), pack}));
        QVERIFY2(p.exitCode == 0, p.output.constData());
        QVERIFY2(!p.output.contains('\r') && !p.output.contains("importing"), p.output.constData());

        const Run q = onTerminal({QStringLiteral("--quiet"), QStringLiteral("pack"), QStringLiteral("validate"), pack});
        QVERIFY2(q.exitCode == 0, q.output.constData());
        QVERIFY2(!q.output.contains("\x1b[K") && !q.output.contains("checking"), q.output.constData());
        QVERIFY(q.output.contains("valid pack"));
    }
};

QTEST_GUILESS_MAIN(TestCtlProgress)
#include "test_ctl_progress.moc"
