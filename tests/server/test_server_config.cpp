// majlis-server --config FILE (/etc/majlis/server.conf in the Debian package), against a real
// server process on 127.0.0.1: the file's settings are used, the command line wins over them,
// every bad line is refused with its file and line, the admin commands take the store from it,
// and, run as root, they refuse a store the service's user owns.
#include "servertestkit.h"

#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace majlis;
using namespace majlis::servertest;

namespace {

struct Run
{
    int exitCode = -1;
    QString out, err;
};

Run runServer(const QStringList &args)
{
    QProcess p;
    p.start(serverBinary(), args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("majlis-server did not finish within 30 s");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;

    QString writeConfig(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Every setting from the file: the port it names, its store (a token made in it works) and
    // its enrollment; then the command line's --listen wins over the file's.
    void serverTakesItsSettingsFromTheFile()
    {
        const quint16 port = freePort();
        QVERIFY(port != 0);
        const QString db = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("served.sqlite"));
        const QString config = writeConfig(QStringLiteral("served.conf"),
                                           QStringLiteral("# a comment\n\n  listen = 127.0.0.1:%1\n"
                                                          "db=%2\nenrollment = first-use\ntimeout = 7\nmax-per-client = 8\n")
                                               .arg(port)
                                               .arg(db)
                                               .toUtf8());
        QVERIFY(!config.isEmpty());
        const QByteArray token = createToken(db, QStringLiteral("amina"), QStringLiteral("annotator"));
        QVERIFY(!token.isEmpty());

        {
            ServerProcess server;
            QString error;
            QVERIFY2(server.startWith({QStringLiteral("--config"), config}, &error), qPrintable(error));
            QCOMPARE(server.port(), port);
            QCOMPARE(send(m_network, "GET", server.url(sync::HealthPath), {}).status, 200);
            // The token lives in the file's store: the server opened that one.
            QCOMPARE(send(m_network, "GET", server.url(sync::PacksPath), token).status, 200);
            QCOMPARE(send(m_network, "GET", server.url(sync::PacksPath), "mjt_nope").status, 401);
        }
        {
            ServerProcess server;
            QString error;
            QVERIFY2(server.startWith({QStringLiteral("--config"), config, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                                      &error),
                     qPrintable(error));
            QVERIFY(server.port() != port);
            QCOMPARE(send(m_network, "GET", server.url(sync::PacksPath), token).status, 200);
        }
    }

    void badFilesAreRefusedWithTheirLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");  // in stderr, after the file's path
        QTest::newRow("unknown setting") << QByteArray("listen = 127.0.0.1:0\n\nlissten = 127.0.0.1:1\n") << 2
                                         << QStringLiteral(" line 3: unknown setting \"lissten\"");
        QTest::newRow("no equals sign") << QByteArray("# listen\ndb sqlite:x.sqlite\n") << 2
                                        << QStringLiteral(" line 2: expected \"name = value\", found \"db sqlite:x.sqlite\"");
        QTest::newRow("empty value") << QByteArray("timeout =\n") << 2 << QStringLiteral(" line 1: timeout has no value");
        QTest::newRow("set twice") << QByteArray("timeout = 5\nlisten = 127.0.0.1:0\ntimeout = 6\n") << 2
                                   << QStringLiteral(" line 3: timeout is set again (first at ");
        QTest::newRow("option spelled with dashes") << QByteArray("--listen = 127.0.0.1:0\n") << 2
                                                    << QStringLiteral(" line 1: unknown setting \"--listen\"");
        QTest::newRow("bad number") << QByteArray("listen = 127.0.0.1:0\ntimeout = 0\n") << 2
                                    << QStringLiteral(" line 2) takes a positive whole number");
        QTest::newRow("bad address") << QByteArray("listen = localhost:8787\n") << 2
                                     << QStringLiteral(" line 1) takes HOST:PORT");
        QTest::newRow("bad enrollment") << QByteArray("listen = 127.0.0.1:0\nenrollment = anyone\n") << 2
                                        << QStringLiteral(" line 2) takes code or first-use");
        QTest::newRow("missing certificate") << QByteArray("listen = 127.0.0.1:0\ncert = /nonexistent/c.pem\nkey = /nonexistent/k.pem\n")
                                             << 1 << QStringLiteral(" line 2) /nonexistent/c.pem: ");
        QTest::newRow("not UTF-8") << QByteArray("listen = 127.0.0.1:0\n# \xff\xfe\n") << 2 << QStringLiteral(": not UTF-8 text");
    }
    void badFilesAreRefusedWithTheirLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const QString config = writeConfig(QStringLiteral("bad.conf"), text);
        QVERIFY(!config.isEmpty());
        const Run r = runServer({QStringLiteral("--config"), config, QStringLiteral("--db"),
                                 QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("bad.sqlite"))});
        QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(config + expected), qPrintable(r.err));
        QVERIFY2(!r.out.contains(QLatin1String("listening")), qPrintable(r.out));
    }

    void missingFileAndMissingArgument()
    {
        Run r = runServer({QStringLiteral("--config"), m_dir.filePath(QStringLiteral("absent.conf"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cannot read the configuration ") + m_dir.filePath(QStringLiteral("absent.conf"))),
                 qPrintable(r.err));
        r = runServer({QStringLiteral("--config")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("--config needs a file")), qPrintable(r.err));
    }

    // token create and workstation take the store from the file and ignore its other settings.
    void adminCommandsTakeTheStoreFromTheFile()
    {
        const QString db = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("admin.sqlite"));
        const QString config = writeConfig(QStringLiteral("admin.conf"),
                                           QStringLiteral("listen = 127.0.0.1:0\ndb = %1\ntimeout = 5\n").arg(db).toUtf8());
        QVERIFY(!config.isEmpty());
        const Run made = runServer({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--config"), config,
                                    QStringLiteral("--name"), QStringLiteral("coord"), QStringLiteral("--role"),
                                    QStringLiteral("coordinator")});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const QByteArray token = made.out.trimmed().toUtf8();
        QVERIFY(token.startsWith("mjt_"));
        const Run listed = runServer({QStringLiteral("workstation"), QStringLiteral("list"), QStringLiteral("--config"), config});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));

        ServerProcess server;
        QString error;
        QVERIFY2(server.startWith({QStringLiteral("--config"), config}, &error), qPrintable(error));
        QCOMPARE(send(m_network, "GET", server.url(sync::PacksPath), token).status, 200);

        // A bad line is refused by the admin commands too.
        const QString bad = writeConfig(QStringLiteral("admin-bad.conf"), QByteArray("db = ") + db.toUtf8() + "\nport = 1\n");
        const Run refused = runServer({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--config"), bad,
                                       QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--role"),
                                       QStringLiteral("annotator")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(bad + QStringLiteral(" line 2: unknown setting \"port\"")), qPrintable(refused.err));
    }

    // As root, against a store folder owned by another user (the service's): refused, nothing
    // written, and the message gives the command to run instead.
    void rootRefusesAStoreAnotherUserOwns()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: only root can make a folder another user owns (CI runs as root)");
        const QString folder = m_dir.filePath(QStringLiteral("service-state"));
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(::chown(QFile::encodeName(folder).constData(), 65534, 65534), 0);  // nobody:nogroup
        const QString db = QStringLiteral("sqlite:") + folder + QStringLiteral("/server.sqlite");
        const Run r = runServer({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--db"), db,
                                 QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--role"), QStringLiteral("annotator")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(folder + QStringLiteral(" belongs to the user nobody")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("runuser -u nobody -- majlis-server token create")), qPrintable(r.err));
        QVERIFY(QDir(folder).entryList(QDir::Files | QDir::Hidden).isEmpty());

        const Run w = runServer({QStringLiteral("workstation"), QStringLiteral("list"), QStringLiteral("--db"), db});
        QCOMPARE(w.exitCode, 1);
        QVERIFY2(w.err.contains(QLatin1String("runuser -u nobody -- majlis-server workstation list")), qPrintable(w.err));
        const Run s = runServer({QStringLiteral("--db"), db, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QCOMPARE(s.exitCode, 1);
        QVERIFY(QDir(folder).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "test_server_config.moc"
