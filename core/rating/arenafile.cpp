#include "rating/arenafile.h"

#include <QFile>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace majlis::rating {
namespace {

enum Field { ModelA, ModelB, Winner, FieldCount };
constexpr std::string_view kFieldNames[FieldCount] = {"model_a", "model_b", "winner"};

struct RecordFields
{
    std::string_view value[FieldCount];
    std::string_view type[FieldCount]; // JSON type name; empty when the field is absent
    std::string storage[FieldCount];   // owns values decoded by the full parser
};

struct RecordError
{
    std::int64_t extraLines = 0; // from the record's first line to the error
    QString message;
};

QString fieldMessage(Field field, const QString &what)
{
    return QStringLiteral("field \"%1\": %2").arg(QLatin1String(kFieldNames[field].data(), qsizetype(kFieldNames[field].size())), what);
}

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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
                        return false; // a repeated field: the full parser reports it
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

struct StringHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class NameTable
{
public:
    int index(std::string_view name)
    {
        const auto found = m_index.find(name);
        if (found != m_index.end())
            return found->second;
        m_names.emplace_back(name);
        m_index.emplace(m_names.back(), int(m_names.size() - 1));
        return int(m_names.size() - 1);
    }
    const std::vector<std::string> &names() const { return m_names; }

private:
    std::unordered_map<std::string, int, StringHash, std::equal_to<>> m_index;
    std::vector<std::string> m_names;
};

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
        return RecordError{0, fieldMessage(ModelB, QStringLiteral("same model as model_a (\"%1\")").arg(fromUtf8(fields.value[ModelA])))};
    const std::optional<Outcome> outcome = winnerFromString(fields.value[Winner]);
    if (!outcome)
        return RecordError{0, fieldMessage(Winner, QStringLiteral("unknown value \"%1\" (expected model_a, model_b, tie, "
                                                                  "\"tie (bothbad)\" or both_bad)")
                                                       .arg(fromUtf8(fields.value[Winner])))};
    battle = {names.index(fields.value[ModelA]), names.index(fields.value[ModelB]), *outcome};
    return std::nullopt;
}

struct Problem
{
    std::int64_t line = 0;
    QString message;
};

// One stretch of a JSON Lines file; model indices are local to it until merged.
struct Chunk
{
    NameTable names;
    std::vector<Battle> battles;
    std::int64_t lines = 0; // newlines in the chunk (counted fully only when it has no problem)
    std::optional<Problem> problem;
};

void parseLines(std::string_view text, Chunk &chunk)
{
    std::size_t pos = 0;
    std::int64_t lineNumber = 0;
    while (pos < text.size()) {
        const std::size_t newline = text.find('\n', pos);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        const std::string_view line = text.substr(pos, end - pos);
        ++lineNumber;
        if (!std::all_of(line.begin(), line.end(), isSpace)) {
            Battle battle;
            if (std::optional<RecordError> error = parseRecord(line, chunk.names, battle)) {
                chunk.problem = Problem{lineNumber, error->message};
                return;
            }
            chunk.battles.push_back(battle);
        }
        if (newline == std::string_view::npos)
            break;
        ++chunk.lines;
        pos = newline + 1;
    }
}

Result<BattleSet> merge(std::vector<Chunk> &chunks, const QString &source)
{
    NameTable names;
    BattleSet set;
    std::size_t total = 0;
    for (const Chunk &chunk : chunks)
        total += chunk.battles.size();
    set.battles.reserve(total);
    std::int64_t lineBase = 0;
    for (Chunk &chunk : chunks) {
        if (chunk.problem)
            return Error::parse(QStringLiteral("%1:%2: %3").arg(source).arg(lineBase + chunk.problem->line).arg(chunk.problem->message));
        std::vector<int> global;
        for (const std::string &name : chunk.names.names())
            global.push_back(names.index(name));
        for (Battle b : chunk.battles)
            set.battles.push_back({global[std::size_t(b.modelA)], global[std::size_t(b.modelB)], b.outcome});
        lineBase += chunk.lines;
    }
    for (const std::string &name : names.names())
        set.models.push_back(fromUtf8(name));
    return set;
}

Result<BattleSet> parseJsonLines(std::string_view text, const QString &source)
{
    // Chunks end at line ends; a worker per core, none smaller than a few megabytes.
    constexpr std::size_t minChunk = 4u << 20;
    const std::size_t wanted = std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), text.size() / minChunk));
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    for (std::size_t c = 1; c < wanted && start < text.size(); ++c) {
        std::size_t cut = text.find('\n', std::max(start, text.size() * c / wanted));
        if (cut == std::string_view::npos)
            break;
        pieces.push_back(text.substr(start, cut + 1 - start));
        start = cut + 1;
    }
    pieces.push_back(text.substr(start));

    std::vector<Chunk> chunks(pieces.size());
    std::vector<std::thread> workers;
    for (std::size_t c = 1; c < pieces.size(); ++c)
        workers.emplace_back([&, c] { parseLines(pieces[c], chunks[c]); });
    parseLines(pieces[0], chunks[0]);
    for (std::thread &w : workers)
        w.join();
    return merge(chunks, source);
}

// The array layout: records found by bracket matching (strings respected), each then read
// like a line of JSON Lines; the line of a record is where it starts.
Result<BattleSet> parseJsonArray(std::string_view text, std::size_t open, const QString &source)
{
    std::vector<Chunk> chunks(1);
    Chunk &chunk = chunks.front();
    std::int64_t line = 1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(open), '\n');
    auto fail = [&](std::int64_t at, const QString &message) -> Result<BattleSet> {
        return Error::parse(QStringLiteral("%1:%2: %3").arg(source).arg(at).arg(message));
    };
    std::size_t pos = open + 1;
    auto skipSpace = [&] {
        while (pos < text.size() && isSpace(text[pos]))
            line += text[pos++] == '\n';
    };
    skipSpace();
    if (pos < text.size() && text[pos] == ']') {
        ++pos;
    } else {
        for (;;) {
            skipSpace();
            if (pos >= text.size())
                return fail(line, QStringLiteral("the array is not closed with ']'"));
            const std::size_t start = pos;
            const std::int64_t startLine = line;
            int depth = 0;
            bool inString = false;
            for (; pos < text.size(); ++pos) {
                const char c = text[pos];
                if (!inString && depth == 0 && (c == ',' || c == ']' || isSpace(c)))
                    break; // the end of a scalar, which the record parser then rejects
                line += c == '\n';
                if (inString) {
                    if (c == '\\')
                        ++pos;
                    else if (c == '"')
                        inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if ((c == '}' || c == ']') && --depth <= 0) {
                    ++pos; // a stray closer (depth < 0) goes with the record and fails its parse
                    break;
                }
            }
            if (depth > 0)
                return fail(startLine, QStringLiteral("record not closed before the end of the file"));
            if (pos == start)
                return fail(startLine, QStringLiteral("expected a record"));
            Battle battle;
            if (std::optional<RecordError> error = parseRecord(text.substr(start, pos - start), chunk.names, battle))
                return fail(startLine + error->extraLines, error->message);
            chunk.battles.push_back(battle);
            skipSpace();
            if (pos >= text.size())
                return fail(line, QStringLiteral("the array is not closed with ']'"));
            if (text[pos] == ',') {
                ++pos;
                continue;
            }
            if (text[pos] == ']') {
                ++pos;
                break;
            }
            return fail(line, QStringLiteral("expected ',' or ']' after a record"));
        }
    }
    skipSpace();
    if (pos < text.size())
        return fail(line, QStringLiteral("unexpected text after the closing ']'"));
    return merge(chunks, source);
}

} // namespace

Result<BattleSet> parseArenaBattles(QByteArrayView data, const QString &source)
{
    std::string_view text(data.data(), std::size_t(data.size()));
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3); // a byte-order mark some tools write: no record starts with it
    const std::size_t first = std::find_if_not(text.begin(), text.end(), isSpace) - text.begin();
    if (first < text.size() && text[first] == '[')
        return parseJsonArray(text, first, source);
    return parseJsonLines(text, source);
}

Result<BattleSet> readArenaBattles(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1: %2").arg(path, file.errorString()));
    if (file.size() == 0)
        return BattleSet{};
    // Mapped, not copied: battle files run to hundreds of megabytes.
    if (const uchar *mapped = file.map(0, file.size()))
        return parseArenaBattles(QByteArrayView(mapped, file.size()), path);
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::io(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return parseArenaBattles(data, path);
}

QByteArray writeArenaBattles(const BattleSet &set, ArenaLayout layout)
{
    std::vector<std::string> names;
    for (const QString &model : set.models)
        names.push_back(nlohmann::json(model.toStdString()).dump());
    auto winner = [](Outcome outcome) -> std::string_view {
        switch (outcome) {
        case Outcome::WinA:
            return "\"model_a\"";
        case Outcome::WinB:
            return "\"model_b\"";
        case Outcome::Tie:
            return "\"tie\"";
        case Outcome::BothBad:
            break;
        }
        return "\"tie (bothbad)\"";
    };
    auto append = [](QByteArray &out, std::string_view s) { out.append(s.data(), qsizetype(s.size())); };

    QByteArray out;
    out.reserve(qsizetype(set.battles.size()) * 72 + 8);
    const bool array = layout == ArenaLayout::JsonArray;
    if (array)
        out.append("[\n");
    for (std::size_t i = 0; i < set.battles.size(); ++i) {
        const Battle &b = set.battles[i];
        if (array && i > 0)
            out.append(",\n");
        append(out, "{\"model_a\": ");
        append(out, names[std::size_t(b.modelA)]);
        append(out, ", \"model_b\": ");
        append(out, names[std::size_t(b.modelB)]);
        append(out, ", \"winner\": ");
        append(out, winner(b.outcome));
        out.append(array ? "}" : "}\n");
    }
    if (array)
        out.append(set.battles.empty() ? "]\n" : "\n]\n");
    return out;
}

Status writeArenaBattlesFile(const QString &path, const BattleSet &set, ArenaLayout layout)
{
    if (Status valid = validate(set); !valid)
        return valid;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const QByteArray data = writeArenaBattles(set, layout);
    if (file.write(data) != data.size() || !file.commit())
        return Error::io(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace majlis::rating
