#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace majlis {

// Errors are values in core: a code a caller can branch on, and a message a person can act on.
// The message names what and where: file, line, field, or the SQL statement.
struct Error
{
    enum class Code {
        Io,          // reading or writing a file failed
        Parse,       // input is not well-formed (JSON, CSV, bundle framing)
        Validation,  // well-formed, but violates the format's rules
        Conflict,    // contradicts what is already stored (e.g. changed pack with the same id)
        Sql,         // SQLite or PostgreSQL reported an error
        Crypto,      // a checksum or signature did not verify
        NotFound,
        Auth,
        Internal,
        Cancelled,   // the user stopped the work (common/progress.h); nothing was changed
    };

    Code code = Code::Internal;
    QString message;

    static Error io(QString m) { return {Code::Io, std::move(m)}; }
    static Error parse(QString m) { return {Code::Parse, std::move(m)}; }
    static Error validation(QString m) { return {Code::Validation, std::move(m)}; }
    static Error conflict(QString m) { return {Code::Conflict, std::move(m)}; }
    static Error sql(QString m) { return {Code::Sql, std::move(m)}; }
    static Error crypto(QString m) { return {Code::Crypto, std::move(m)}; }
    static Error notFound(QString m) { return {Code::NotFound, std::move(m)}; }
    static Error internal(QString m) { return {Code::Internal, std::move(m)}; }
    static Error cancelled(QString m) { return {Code::Cancelled, std::move(m)}; }

    friend bool operator==(const Error &, const Error &) = default;
};

// An expected-like result: either a value or an Error. C++20 has no std::expected.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_state); }

    T value_or(T fallback) && { return ok() ? std::get<0>(std::move(m_state)) : std::move(fallback); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

} // namespace majlis
