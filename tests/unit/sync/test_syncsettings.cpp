// Where a workstation keeps its sync server and token: written owner-only, read back exactly,
// and a damaged file is an error that names the file and the field, never a silent "sync off".
#include "sync/syncsettings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;
using namespace majlis::sync;

class TestSyncSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString store(const char *name) { return m_dir.filePath(QLatin1String(name)); }
    void write(const QString &storePath, const QByteArray &text, bool private_ = true)
    {
        QVERIFY(QDir().mkpath(storePath + QStringLiteral(".keys")));
        QFile f(syncSettingsPath(storePath));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        QVERIFY(f.setPermissions(private_ ? QFile::ReadOwner | QFile::WriteOwner
                                          : QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    }

private Q_SLOTS:
    void roundTripOwnerOnly()
    {
        const QString path = store("a.sqlite");
        auto none = loadSyncSettings(path);
        QVERIFY(none && !*none);
        const SyncSettings settings{QUrl(QStringLiteral("https://majlis.example.org:8787")), "mjt_secret"};
        QVERIFY(saveSyncSettings(path, settings));
        QFile file(syncSettingsPath(path));
        QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser), QFile::ReadOwner | QFile::WriteOwner);
        auto loaded = loadSyncSettings(path);
        QVERIFY(loaded && *loaded);
        QCOMPARE(**loaded, settings);
        QVERIFY(saveSyncSettings(path, {}));
        QVERIFY(!file.exists());
    }

    // Issue 9, finding 7: a token file other users can read was used without a word.
    void readableByOthersIsRefused()
    {
        const QString path = store("world-readable");
        write(path, "{\"server\": \"http:/" "/127.0.0.1:8787\", \"token\": \"mjt_x\"}", false);
        auto loaded = loadSyncSettings(path);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.contains(QStringLiteral("readable by other users")), qPrintable(loaded.error().message));
        QVERIFY(loaded.error().message.contains(QStringLiteral("chmod 600")));
    }

    void damagedFilesSayWhat_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\"server\": ") << QStringLiteral("not valid JSON at column 12");
        QTest::newRow("no token") << QByteArray("{\"server\": \"http://127.0.0.1:8787\"}")
                                  << QStringLiteral("field \"token\" must be a string");
        QTest::newRow("not a URL") << QByteArray("{\"server\": \"majlis server\", \"token\": \"t\"}")
                                   << QStringLiteral("field \"server\": \"majlis server\" is not a URL");
        QTest::newRow("ftp") << QByteArray("{\"server\": \"ftp://10.0.0.5/\", \"token\": \"t\"}")
                             << QStringLiteral("must start with http:// or https://");
    }
    void damagedFilesSayWhat()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const QString path = store(QTest::currentDataTag());
        write(path, text);
        auto loaded = loadSyncSettings(path);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.startsWith(syncSettingsPath(path)), qPrintable(loaded.error().message));
        QVERIFY2(loaded.error().message.contains(message), qPrintable(loaded.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSyncSettings)
#include "test_syncsettings.moc"
