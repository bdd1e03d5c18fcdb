#pragma once

// The small wrappers every PostgreSQL file of the server shares (through Qt's QPSQL driver).
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "common/logging.h"
#include "common/result.h"

namespace majlis::sync::pg {

// Empty optional fields are stored as NULL, as store/eventstore.cpp does. (In Qt 6 a QVariant
// holding a null QString is not null, hence the typed null.)
inline QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

// A query that reports its failure with the statement.
class Query
{
public:
    Query(const QSqlDatabase &db, const QString &sql) : m_query(db), m_sql(sql)
    {
        m_prepared = m_query.prepare(sql);
    }
    Query &bind(const QVariant &v)
    {
        m_query.addBindValue(v);
        return *this;
    }
    Status exec()
    {
        if (!m_prepared || !m_query.exec())
            return error();
        return {};
    }
    bool next() { return m_query.next(); }
    bool failed() const { return m_query.lastError().isValid(); }
    QVariant value(int i) const { return m_query.value(i); }
    int rowsAffected() const { return m_query.numRowsAffected(); }
    Error error() const
    {
        return Error::sql(QStringLiteral("PostgreSQL: %1 (in: %2)").arg(m_query.lastError().text(), m_sql.simplified()));
    }

private:
    QSqlQuery m_query;
    QString m_sql;
    bool m_prepared = false;
};

// BEGIN on construction, ROLLBACK on destruction unless committed; never throws.
class PgTransaction
{
public:
    explicit PgTransaction(QSqlDatabase db) : m_db(std::move(db)), m_begun(m_db.transaction()) {}
    ~PgTransaction()
    {
        if (m_begun && !m_done && !m_db.rollback())
            qCWarning(lcSync) << "rollback failed:" << m_db.lastError().text();
    }
    Q_DISABLE_COPY_MOVE(PgTransaction)
    Status begun() const
    {
        if (!m_begun)
            return Error::sql(QStringLiteral("PostgreSQL: BEGIN failed: %1").arg(m_db.lastError().text()));
        return {};
    }
    Status commit()
    {
        if (!m_db.commit())
            return Error::sql(QStringLiteral("PostgreSQL: COMMIT failed: %1").arg(m_db.lastError().text()));
        m_done = true;
        return {};
    }

private:
    QSqlDatabase m_db;
    bool m_begun = false;
    bool m_done = false;
};

} // namespace majlis::sync::pg
