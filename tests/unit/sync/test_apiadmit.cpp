// ApiHandler::admit, the header stage: what is refused before a byte of the body is read, and
// the body limit of what is let through.
#include "sync/apihandler.h"
#include "sync/protocol.h"
#include "sync/sqlitestorage.h"
#include "sync/tokens.h"

#include <QTemporaryDir>
#include <QTest>

using namespace majlis;
using namespace majlis::sync;

Q_DECLARE_METATYPE(std::optional<qint64>)

class TestApiAdmit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStorage> m_storage;
    std::unique_ptr<ApiHandler> m_handler;
    QMap<QString, QByteArray> m_auth; // by role

private Q_SLOTS:
    void initTestCase()
    {
        auto storage = SqliteStorage::open(m_dir.filePath(QStringLiteral("server.sqlite")));
        QVERIFY(storage);
        m_storage = std::move(*storage);
        for (const auto &[name, role] : {std::pair{"amina", Role::Annotator}, std::pair{"coord", Role::Coordinator}}) {
            const QByteArray token = makeToken();
            QVERIFY(m_storage->addToken(tokenHash(token), QLatin1String(name), role));
            m_auth.insert(toString(role), "Bearer " + token);
        }
        m_handler = std::make_unique<ApiHandler>(*m_storage);
    }

    void admit_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("caller"); // a role, or empty for no token
        QTest::addColumn<std::optional<qint64>>("contentLength");
        QTest::addColumn<int>("status");     // 0: admitted
        QTest::addColumn<qint64>("limit");
        const QString events = QLatin1String(EventsPath), packs = QLatin1String(PacksPath);
        const QString none;
        const auto gib = std::optional<qint64>(qint64(1) << 30);
        QTest::newRow("batch within the limit") << QByteArray("POST") << events << QStringLiteral("annotator")
                                                << std::optional<qint64>(1000) << 0 << qint64(MaxBatchBytes);
        QTest::newRow("chunked batch: counted later") << QByteArray("POST") << events << QStringLiteral("annotator")
                                                      << std::optional<qint64>() << 0 << qint64(MaxBatchBytes);
        QTest::newRow("no token, 1 GiB announced: 401 before 413")
            << QByteArray("POST") << events << none << gib << 401 << qint64(0);
        QTest::newRow("token, 1 GiB announced") << QByteArray("POST") << events << QStringLiteral("annotator") << gib
                                                << 413 << qint64(0);
        QTest::newRow("one byte over the batch limit")
            << QByteArray("POST") << events << QStringLiteral("annotator")
            << std::optional<qint64>(MaxBatchBytes + 1) << 413 << qint64(0);
        QTest::newRow("bundle of 64 MiB") << QByteArray("POST") << QStringLiteral("/api/v1/bundles")
                                          << QStringLiteral("annotator") << std::optional<qint64>(MaxBundleBytes) << 0
                                          << qint64(MaxBundleBytes);
        QTest::newRow("annotator publishes a pack") << QByteArray("POST") << packs << QStringLiteral("annotator")
                                                    << std::optional<qint64>(10) << 403 << qint64(0);
        QTest::newRow("coordinator publishes a pack") << QByteArray("POST") << packs << QStringLiteral("coordinator")
                                                      << std::optional<qint64>(10) << 0 << qint64(MaxBundleBytes);
        QTest::newRow("health without a token") << QByteArray("GET") << QStringLiteral("/api/v1/health") << none
                                                << std::optional<qint64>() << 0 << qint64(0);
        QTest::newRow("health with a body") << QByteArray("GET") << QStringLiteral("/api/v1/health") << none
                                            << std::optional<qint64>(5) << 413 << qint64(0);
        QTest::newRow("list packs without a token") << QByteArray("GET") << packs << none << std::optional<qint64>()
                                                    << 401 << qint64(0);
        QTest::newRow("one pack") << QByteArray("GET") << packs + QStringLiteral("/demo") << QStringLiteral("annotator")
                                  << std::optional<qint64>() << 0 << qint64(0);
        QTest::newRow("unknown resource, 1 GiB announced") << QByteArray("POST") << QStringLiteral("/api/v1/nope")
                                                           << none << gib << 404 << qint64(0);
        QTest::newRow("GET on the events resource") << QByteArray("GET") << events << QStringLiteral("annotator")
                                                    << std::optional<qint64>() << 405 << qint64(0);
    }
    void admit()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, caller);
        QFETCH(std::optional<qint64>, contentLength);
        QFETCH(int, status);
        QFETCH(qint64, limit);
        ApiRequestHead head;
        head.method = method;
        head.path = path;
        head.authorization = m_auth.value(caller);
        head.contentLength = contentLength;
        head.chunked = !contentLength && method == "POST";
        const auto decided = m_handler->admit(head);
        if (status == 0) {
            QVERIFY2(std::holds_alternative<qint64>(decided), std::get_if<ApiResponse>(&decided)
                                                                  ? std::get<ApiResponse>(decided).body.constData()
                                                                  : "");
            QCOMPARE(std::get<qint64>(decided), limit);
        } else {
            QVERIFY(std::holds_alternative<ApiResponse>(decided));
            QCOMPARE(std::get<ApiResponse>(decided).status, status);
        }
    }

    void overLimitAnswerNamesTheLimit()
    {
        const ApiResponse r = ApiHandler::bodyOverLimit(MaxBatchBytes);
        QCOMPARE(r.status, 413);
        QVERIFY(r.body.contains("\"too_large\""));
        QVERIFY(r.body.contains("limit is 4194304"));
    }
};

QTEST_GUILESS_MAIN(TestApiAdmit)
#include "test_apiadmit.moc"
