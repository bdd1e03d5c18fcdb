// store::Statement: one statement per Statement (a second one used to be dropped without a word),
// parameters bound, errors that quote the SQL.
#include "store/sqlite.h"

#include <QTemporaryDir>
#include <QTest>

using namespace majlis;
using namespace majlis::store;

class TestStatement : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<Database> m_db;

private Q_SLOTS:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("statement.sqlite")));
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        m_db.emplace(std::move(*db));
        QVERIFY(m_db->exec("DROP TABLE IF EXISTS t; CREATE TABLE t(x TEXT)").ok());
    }

    void cleanup() { m_db.reset(); }

    void refusesASecondStatement_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::newRow("after a semicolon") << QByteArray("INSERT INTO t VALUES ('a'); DELETE FROM t");
        QTest::newRow("after a comment") << QByteArray("INSERT INTO t VALUES ('a'); -- then\nDELETE FROM t");
        QTest::newRow("after a block comment") << QByteArray("INSERT INTO t VALUES ('a') /* x */; DROP TABLE t");
    }

    void refusesASecondStatement()
    {
        QFETCH(QByteArray, sql);
        Statement s(*m_db, sql.constData());
        QVERIFY(!s.valid());
        QVERIFY2(s.prepareError().message.contains(QLatin1String("more than one statement")), qPrintable(s.prepareError().message));
        QVERIFY(s.prepareError().message.contains(QLatin1String("INSERT INTO t")));
        const Status ran = s.run();
        QVERIFY(!ran.ok());
        // Nothing of either statement ran.
        QCOMPARE(*m_db->queryInt("SELECT count(*) FROM t"), qint64(0));
        QVERIFY(m_db->queryInt("SELECT count(*) FROM t").ok());
    }

    void acceptsOneStatementWithTrailingSpaceAndComments_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::newRow("plain") << QByteArray("INSERT INTO t VALUES (?)");
        QTest::newRow("semicolon and new line") << QByteArray("INSERT INTO t VALUES (?);\n");
        QTest::newRow("line comment") << QByteArray("INSERT INTO t VALUES (?); -- the value");
        QTest::newRow("block comment") << QByteArray("INSERT INTO t VALUES (?) /* the value */ ;  ");
    }

    void acceptsOneStatementWithTrailingSpaceAndComments()
    {
        QFETCH(QByteArray, sql);
        Statement s(*m_db, sql.constData());
        QVERIFY2(s.valid(), qPrintable(s.prepareError().message));
        QVERIFY(s.bind(1, QStringLiteral("نخلة")).run().ok());
        QCOMPARE(*m_db->queryText("SELECT x FROM t"), QStringLiteral("نخلة"));
    }

    void syntaxErrorsQuoteTheStatement()
    {
        Statement s(*m_db, "SELEC x FROM t");
        QVERIFY(!s.valid());
        QVERIFY(s.prepareError().message.contains(QLatin1String("SELEC x FROM t")));
    }

    // An import's large page cache lasts its scope, and the connection's own size is back after
    // it (a one-pass read of a million rows is faster with the small one).
    void largeCacheLastsItsScope()
    {
        QVERIFY(m_db->exec("PRAGMA cache_size=-2000").ok());
        {
            LargeCacheScope cache(*m_db);
            QCOMPARE(*m_db->queryInt("PRAGMA cache_size"), -65536);
            Transaction tx(*m_db);
            QVERIFY(tx.begun().ok());
            QVERIFY(m_db->exec("INSERT INTO t VALUES ('x')").ok());
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(*m_db->queryInt("PRAGMA cache_size"), -2000);
    }
};

QTEST_APPLESS_MAIN(TestStatement)
#include "test_statement.moc"
