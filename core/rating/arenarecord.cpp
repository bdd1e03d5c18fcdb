#include "rating/arenarecord.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace majlis::rating::arena {
namespace {

enum Field { ModelA, ModelB, Winner, FieldCount };
constexpr std::string_view kFieldNames[FieldCount] = {"model_a", "model_b", "winner"};

struct RecordFields
{
    std::string_view value[FieldCount];
    std::string_view type[FieldCount];  // JSON type name; empty when the field is absent
    std::string storage[FieldCount];    // owns values decoded by the full parser
};

QString fieldMessage(Field field, const QString &what)
{
    return QStringLiteral("field \"%1\": %2")
        .arg(QLatin1String(kFieldNames[field].data(), qsizetype(kFieldNames[field].size())), what);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The fast path takes only a strict subset of JSON: one flat object whose strings are plain
// ASCII without escapes and whose numbers have no exponent. On anything else it declines and
// nlohmann's parser, which has the last word on validity, reads the record instead.
class FlatRecordScanner
{
public:
    explicit FlatRecordScanner(std::string_view text) : m_p(text.data()), m_end(text.data() + text.size()) {}

    bool scan(RecordFields &fields)
    {
        skipSpace();
        if (!consume('{'))
            return false;
        skipSpace();
        if (consume('}'))
            return atEnd();
        for (;;) {
            std::string_view key, value, type;
            if (!plainString(key))
                return false;
            skipSpace();
            if (!consume(':'))
                return false;
            skipSpace();
            if (m_p >= m_end)
                return false;
            if (*m_p == '"') {
                if (!plainString(value))
                    return false;
                type = "string";
            } else if (literal("true") || literal("false")) {
                type = "boolean";
            } else if (literal("null")) {
                type = "null";
            } else if (number()) {
                type = "number";
            } else {
                return false;
            }
            for (int f = 0; f < FieldCount; ++f) {
                if (key == kFieldNames[f]) {
                    if (!fields.type[f].empty())
                        return false;  // a repeated field: the full parser reports it
                    fields.type[f] = type;
                    fields.value[f] = value;
                }
            }
            skipSpace();
            if (consume('}'))
                return atEnd();
            if (!consume(','))
                return false;
            skipSpace();
        }
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }
    bool consume(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }
    bool plainString(std::string_view &out)
    {
        if (!consume('"'))
            return false;
        const char *start = m_p;
        while (m_p < m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                out = std::string_view(start, std::size_t(m_p - start));
                ++m_p;
                return true;
            }
            if (c == '\\' || c < 0x20 || c >= 0x80)
                return false;
            ++m_p;
        }
        return false;
    }
    bool literal(std::string_view word)
    {
        if (std::size_t(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word)
            return false;
        m_p += word.size();
        return true;
    }
    bool digits()
    {
        const char *start = m_p;
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
        return m_p > start;
    }
    bool number()
    {
        const char *start = m_p;
        consume('-');
        if (m_p >= m_end || !isDigit(*m_p))
            return false;
        if (!consume('0'))
            digits();
        if (consume('.') && !digits())
            return false;
        // Exponents and very long numbers can overflow, which nlohmann rejects.
        return m_p < m_end && *m_p != 'e' && *m_p != 'E' && m_p - start < 300;
    }

    const char *m_p;
    const char *m_end;
};

// Reads one record with nlohmann's SAX parser: validates everything, keeps only our fields.
class RecordHandler
{
public:
    using json = nlohmann::json;

    explicit RecordHandler(RecordFields &fields) : m_fields(fields) {}

    bool null() { return value("null"); }
    bool boolean(bool) { return value("boolean"); }
    bool number_integer(json::number_integer_t) { return value("number"); }
    bool number_unsigned(json::number_unsigned_t) { return value("number"); }
    bool number_float(json::number_float_t, const json::string_t &) { return value("number"); }
    bool string(json::string_t &s) { return value("string", &s); }
    bool binary(json::binary_t &) { return value("binary"); }
    bool start_object(std::size_t) { return open("object"); }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open("array"); }
    bool end_array() { return close(); }
    bool key(json::string_t &k)
    {
        m_field = -1;
        if (m_depth == 1)
            for (int f = 0; f < FieldCount; ++f)
                if (k == kFieldNames[f])
                    m_field = f;
        return true;
    }
    bool parse_error(std::size_t position, const std::string &, const json::exception &ex)
    {
        m_position = position;
        QString what = QString::fromUtf8(ex.what());
        // Drop nlohmann's own "[json.exception...] parse error at line 1, column 9: " prefix:
        // its position is within the record, ours is within the file.
        const auto column = what.indexOf(QLatin1String("column "));
        const auto colon = column >= 0 ? what.indexOf(QLatin1String(": "), column) : -1;
        if (colon >= 0)
            what = what.mid(colon + 2);
        m_error = QStringLiteral("not valid JSON: ") + what;
        return false;
    }

    const QString &error() const { return m_error; }
    std::size_t position() const { return m_position; }

private:
    bool open(std::string_view type)
    {
        if (!value(type))
            return false;
        ++m_depth;
        return true;
    }
    bool close()
    {
        --m_depth;
        return true;
    }
    bool value(std::string_view type, json::string_t *text = nullptr)
    {
        if (m_depth == 0 && type != "object") {
            m_error = QStringLiteral("expected a JSON object, got ") + fromUtf8(type);
            return false;
        }
        if (m_depth == 1 && m_field >= 0) {
            const auto f = std::size_t(m_field);
            if (!m_fields.type[f].empty()) {
                m_error = fieldMessage(Field(m_field), QStringLiteral("appears twice"));
                return false;
            }
            m_fields.type[f] = type;
            if (text) {
                m_fields.storage[f] = std::move(*text);
                m_fields.value[f] = m_fields.storage[f];
            }
            m_field = -1;
        }
        return true;
    }

    RecordFields &m_fields;
    int m_depth = 0;
    int m_field = -1;
    std::size_t m_position = 0;
    QString m_error;
};

std::optional<Outcome> winnerFromString(std::string_view text)
{
    if (text == "model_a")
        return Outcome::WinA;
    if (text == "model_b")
        return Outcome::WinB;
    if (text == "tie")
        return Outcome::Tie;
    if (text == "tie (bothbad)" || text == "both_bad")
        return Outcome::BothBad;
    return std::nullopt;
}

}  // namespace

std::optional<RecordError> parseRecord(std::string_view text, NameTable &names, Battle &battle)
{
    RecordFields fields;
    if (!FlatRecordScanner(text).scan(fields)) {
        fields = RecordFields();
        RecordHandler handler(fields);
        if (!nlohmann::json::sax_parse(text.begin(), text.end(), &handler)) {
            const std::size_t end = std::min(handler.position(), text.size());
            const auto lines = std::count(text.begin(), text.begin() + std::ptrdiff_t(end), '\n');
            return RecordError{std::int64_t(lines), handler.error()};
        }
    }
    for (int f = 0; f < FieldCount; ++f) {
        if (fields.type[f].empty())
            return RecordError{0, fieldMessage(Field(f), QStringLiteral("missing"))};
        if (fields.type[f] != "string")
            return RecordError{0, fieldMessage(Field(f), QStringLiteral("expected a string, got ") + fromUtf8(fields.type[f]))};
    }
    for (Field f : {ModelA, ModelB})
        if (fields.value[f].empty())
            return RecordError{0, fieldMessage(f, QStringLiteral("empty model name"))};
    if (fields.value[ModelA] == fields.value[ModelB])
        return RecordError{
            0, fieldMessage(ModelB, QStringLiteral("same model as model_a (\"%1\")").arg(fromUtf8(fields.value[ModelA])))};
    const std::optional<Outcome> outcome = winnerFromString(fields.value[Winner]);
    if (!outcome)
        return RecordError{0, fieldMessage(Winner, QStringLiteral("unknown value \"%1\" (expected model_a, model_b, tie, "
                                                                  "\"tie (bothbad)\" or both_bad)")
                                                       .arg(fromUtf8(fields.value[Winner])))};
    battle = {names.index(fields.value[ModelA]), names.index(fields.value[ModelB]), *outcome};
    return std::nullopt;
}

}  // namespace majlis::rating::arena
