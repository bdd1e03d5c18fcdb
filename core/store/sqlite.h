#pragma once

#include <string_view>

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>
#include <type_traits>

#include "common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace majlis::store {

// Owns one sqlite3 connection. Not copyable: one handle, one owner, closed in the destructor.
class Database
{
public:
    Database() = default;
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    static Result<Database> open(const QString &path, bool readOnly = false);

    Status exec(const char *sql);
    Result<qint64> queryInt(const char *sql);
    Result<QString> queryText(const char *sql);
    qint64 changes() const;
    sqlite3 *handle() const { return m_db; }

private:
    explicit Database(sqlite3 *db) : m_db(db) {}
    sqlite3 *m_db = nullptr;
};

// A prepared statement; parameters are always bound, never spliced into SQL.
class Statement
{
public:
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool valid() const { return m_stmt != nullptr; }
    const Error &prepareError() const { return m_error; }

    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const QByteArray &utf8);
    Statement &bindText(int index, std::string_view utf8);
    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bindNull(int index);
    Statement &bindBlob(int index, const QByteArray &bytes);
    Statement &bindOptional(int index, const QString &value);  // empty string -> NULL

    // Steps once. Returns true while a row is available, false when done; error otherwise.
    Result<bool> step();
    Status run();   // steps to completion, then resets
    void reset();

    qint64 columnInt(int column) const;
    QString columnText(int column) const;
    QByteArray columnBytes(int column) const;  // text column as raw UTF-8
    // The same without a copy: valid until the next step, reset or column call on this column.
    std::string_view columnView(int column) const;
    QByteArray columnBlob(int column) const;
    bool columnIsNull(int column) const;

private:
    Error sqlError(const char *what) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QByteArray m_sql;
    Error m_error;
};

// Steps through every row of a prepared statement, calling visit(statement) on each; a statement
// that did not prepare, or the first failing step, ends it with that error. A visitor that
// returns a Status stops the walk with its first error (the statement is then reset).
template <typename Visit>
Status forEachRow(Statement &st, Visit &&visit)
{
    if (!st.valid())
        return st.prepareError();
    for (;;) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        if constexpr (std::is_same_v<decltype(visit(static_cast<const Statement &>(st))), Status>) {
            if (Status s = visit(static_cast<const Statement &>(st)); !s) {
                st.reset();
                return s;
            }
        } else {
            visit(static_cast<const Statement &>(st));
        }
    }
}

// Every row of a prepared statement, each read by read(statement) into a list, in order.
template <typename T, typename Read>
Result<QList<T>> readRows(Statement &st, Read &&read)
{
    QList<T> out;
    if (Status s = forEachRow(st, [&](const Statement &row) { out.append(read(row)); }); !s)
        return s.error();
    return out;
}

// A scope guard: BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless committed.
// The destructor never throws; a failed rollback is logged.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    const Status &begun() const { return m_begun; }
    Status commit();

private:
    Database &m_db;
    Status m_begun;
    bool m_done = false;
};

// A large page cache (64 MiB) for one large write transaction, a pack or bundle import, and the
// connection's own size again after it. The connection keeps SQLite's small default otherwise:
// the fold's one pass over a million vote facts reads each page once, and filling a large
// cache with them cost a quarter of a second in page faults alone (scripts/bench-fold.sh).
class LargeCacheScope
{
public:
    explicit LargeCacheScope(Database &db);
    ~LargeCacheScope();
    LargeCacheScope(const LargeCacheScope &) = delete;
    LargeCacheScope &operator=(const LargeCacheScope &) = delete;

private:
    Database &m_db;
    std::optional<qint64> m_before;
};

} // namespace majlis::store
