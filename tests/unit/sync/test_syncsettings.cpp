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
    void write(const QString &storePath, const QByteArray &text)
    {
        QVERIFY(QDir().mkpath(storePath + QStringLiteral(".keys")));
        QFile f(syncSettingsPath(storePath));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
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

    void damagedFilesSayWhat_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\"server\": ") << QStringLiteral("not a JSON object");
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
