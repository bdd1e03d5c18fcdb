#include "store/sqlite.h"

#include "common/json.h"

#include "common/logging.h"

#include <sqlite3.h>

#include <cstring>
#include <utility>

namespace majlis::store {

Database::~Database()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Database::Database(Database &&other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

Result<Database> Database::open(const QString &path, bool readOnly)
{
    sqlite3 *db = nullptr;
    const int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
                      | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        QString message = QStringLiteral("cannot open database %1: %2")
                              .arg(path, QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        if (db)
            sqlite3_close_v2(db);
        return Error::sql(message);
    }
    sqlite3_busy_timeout(db, 5000);
    return Database(db);
}

Status Database::exec(const char *sql)
{
    char *err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        QString message = QStringLiteral("%1 (in: %2)").arg(QString::fromUtf8(err ? err : "unknown error"),
                                                              QString::fromUtf8(sql).simplified());
        sqlite3_free(err);
        return Error::sql(message);
    }
    return {};
}

Result<qint64> Database::queryInt(const char *sql)
{
    Statement st(*this, sql);
    if (!st.valid())
        return st.prepareError();
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::sql(QStringLiteral("no row returned by: %1").arg(QString::fromUtf8(sql)));
    return st.columnInt(0);
}

Result<QString> Database::queryText(const char *sql)
{
    Statement st(*this, sql);
    if (!st.valid())
        return st.prepareError();
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::sql(QStringLiteral("no row returned by: %1").arg(QString::fromUtf8(sql)));
    return st.columnText(0);
}

qint64 Database::changes() const
{
    return sqlite3_changes64(m_db);
}

Statement::Statement(Database &db, const char *sql) : m_db(db.handle()), m_sql(sql)
{
    const char *tail = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, &tail) != SQLITE_OK) {
        m_error = sqlError("prepare");
        m_stmt = nullptr;
        return;
    }
    // SQLite prepares the first statement and leaves the rest: a second statement would be
    // dropped without a word. Only white space and comments may follow (Database::exec runs
    // scripts).
    for (const char *p = tail; p && *p; ++p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ';')
            continue;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                ++p;
            if (!*p)
                break;
            continue;
        }
        if (p[0] == '/' && p[1] == '*') {
            const char *end = std::strstr(p + 2, "*/");
            if (!end)
                break;
            p = end + 1;
            continue;
        }
        m_error = Error::internal(QStringLiteral("SQLite prepare refused: more than one statement (in: %1)")
                                      .arg(QString::fromUtf8(m_sql).simplified()));
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        return;
    }
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Error Statement::sqlError(const char *what) const
{
    return Error::sql(QStringLiteral("SQLite %1 failed: %2 (in: %3)")
                          .arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_db)),
                               QString::fromUtf8(m_sql).simplified()));
}

Statement &Statement::bind(int index, const QString &value)
{
    // Ids and names are mostly ASCII: those go through a buffer on the stack, byte for byte what
    // toUtf8() makes, without an allocation (SQLite copies the text anyway).
    constexpr qsizetype Small = 256;
    if (value.size() <= Small) {
        char ascii[Small];
        const QChar *text = value.constData();
        qsizetype i = 0;
        for (; i < value.size() && text[i].unicode() < 0x80; ++i)
            ascii[i] = char(text[i].unicode());
        if (i == value.size()) {
            sqlite3_bind_text(m_stmt, index, ascii, int(i), SQLITE_TRANSIENT);
            return *this;
        }
    }
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindText(int index, std::string_view utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.data(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bindBlob(int index, const QByteArray &bytes)
{
    sqlite3_bind_blob(m_stmt, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
    return *this;
}

std::string_view Statement::columnView(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return text ? std::string_view(text, std::size_t(sqlite3_column_bytes(m_stmt, column))) : std::string_view();
}

QByteArray Statement::columnBlob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    return data ? QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

bool Statement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement &Statement::bindOptional(int index, const QString &value)
{
    return value.isEmpty() ? bindNull(index) : bind(index, value);
}

Result<bool> Statement::step()
{
    if (!m_stmt)
        return m_error;  // it was never prepared: say why, not "API misuse"
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW: return true;
    case SQLITE_DONE: return false;
    default: {
        Error e = sqlError("step");
        sqlite3_reset(m_stmt);
        return e;
    }
    }
}

Status Statement::run()
{
    for (;;) {
        auto r = step();
        if (!r)
            return r.error();
        if (!*r)
            break;
    }
    reset();
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::columnInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString Statement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return text ? utf8Text(text, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray Statement::columnBytes(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return text ? QByteArray(text, sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

LargeCacheScope::LargeCacheScope(Database &db) : m_db(db)
{
    // Only a speed setting: a connection that cannot say or change it imports all the same.
    if (auto before = db.queryInt("PRAGMA cache_size"); before && *before != -65536) {
        m_before = *before;
        (void)db.exec("PRAGMA cache_size=-65536");
    }
}

LargeCacheScope::~LargeCacheScope()
{
    if (m_before)
        (void)m_db.exec(QByteArray("PRAGMA cache_size=" + QByteArray::number(*m_before)).constData());
}

Transaction::Transaction(Database &db) : m_db(db), m_begun(db.exec("BEGIN IMMEDIATE")) {}

Transaction::~Transaction()
{
    if (m_done || !m_begun)
        return;
    if (Status s = m_db.exec("ROLLBACK"); !s)
        qCWarning(lcStore) << "rollback failed:" << s.error().message;
}

Status Transaction::commit()
{
    if (!m_begun)
        return m_begun.error();
    Status s = m_db.exec("COMMIT");
    if (s)
        m_done = true;
    return s;
}

} // namespace majlis::store
