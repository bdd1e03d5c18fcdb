#include "model/eventquickread.h"

#include "common/json.h"

#include <QList>

#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

namespace majlis {

namespace {

// A JSON reader over a subset of JSON that nlohmann reads the same way: strings without \u
// escapes, integers of at most 18 digits (no fraction or exponent), nesting up to MaxDepth.
// Every method returns false to mean "not sure" (the caller falls back), never "invalid".
class QuickReader
{
public:
    QuickReader(std::string_view text, bool build) : m_p(text.data()), m_end(text.data() + text.size()), m_build(build) {}

    bool event(Event *out);
    bool batch(QList<Event> *out, qsizetype maxEvents);
    bool atEndAfterSpace()
    {
        space();
        return m_p == m_end;
    }

private:
    static constexpr int MaxDepth = 64;

    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool take(char c)
    {
        space();
        if (m_p == m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }
    bool string(std::string_view *raw, bool *escaped);
    bool stringValue(std::string *out);
    bool number(nlohmann::json *out);
    bool literal(std::string_view word);
    bool value(nlohmann::json *out, int depth);
    bool object(nlohmann::json *out, int depth);
    bool array(nlohmann::json *out, int depth);

    const char *m_p;
    const char *const m_end;
    bool m_build;
};

// The raw bytes between the quotes. Checks what nlohmann's lexer checks: no control character,
// only the simple escapes (a \u escape is left to nlohmann), well-formed UTF-8.
bool QuickReader::string(std::string_view *raw, bool *escaped)
{
    if (!take('"'))
        return false;
    const char *const begin = m_p;
    *escaped = false;
    while (m_p < m_end) {
        // Eight plain ASCII bytes at a time: none is a quote, a backslash, a control character or
        // the start of a multi-byte sequence.
        constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        while (m_end - m_p >= 8) {
            std::uint64_t v;
            std::memcpy(&v, m_p, 8);
            const std::uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
            const std::uint64_t special = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)
                                          | ((v - ones * 0x20) & ~v) | v;
            if ((special & highs) != 0) {
                // The lowest flagged byte is a true one (a borrow only flags bytes above it).
                m_p += std::countr_zero(special & highs) / 8;
                break;
            }
            m_p += 8;
        }
        if (m_p == m_end)
            break;
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            *raw = std::string_view(begin, size_t(m_p - begin));
            ++m_p;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (m_p + 1 == m_end)
                return false;
            switch (m_p[1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': break;
            default: return false;
            }
            *escaped = true;
            m_p += 2;
            continue;
        }
        if (c < 0x80) {
            ++m_p;
            continue;
        }
        // RFC 3629 well-formed sequences, the table nlohmann's scan_string follows.
        auto in = [&](int i, unsigned char lo, unsigned char hi) {
            if (m_p + i >= m_end)
                return false;
            const auto b = static_cast<unsigned char>(m_p[i]);
            return b >= lo && b <= hi;
        };
        int length = 0;
        if (c >= 0xC2 && c <= 0xDF)
            length = in(1, 0x80, 0xBF) ? 2 : 0;
        else if (c == 0xE0)
            length = in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
            length = in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
        else if (c == 0xED)
            length = in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF) ? 3 : 0;
        else if (c == 0xF0)
            length = in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
        else if (c >= 0xF1 && c <= 0xF3)
            length = in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
        else if (c == 0xF4)
            length = in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
        if (length == 0)
            return false;
        m_p += length;
    }
    return false;
}

bool QuickReader::stringValue(std::string *out)
{
    std::string_view raw;
    bool escaped = false;
    if (!string(&raw, &escaped))
        return false;
    if (!m_build)
        return true;
    if (!escaped) {
        out->assign(raw);
        return true;
    }
    out->clear();
    out->reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            out->push_back(raw[i]);
            continue;
        }
        switch (raw[++i]) {
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        default: out->push_back(raw[i]); break;  // " \ /
        }
    }
    return true;
}

// nlohmann keeps a number without '-' as unsigned and one with '-' as signed; so do we.
bool QuickReader::number(nlohmann::json *out)
{
    const bool negative = *m_p == '-';
    if (negative)
        ++m_p;
    const char *const digits = m_p;
    std::uint64_t value = 0;
    while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
        value = value * 10 + std::uint64_t(*m_p++ - '0');
    const auto count = m_p - digits;
    if (count == 0 || count > 18 || (count > 1 && *digits == '0'))
        return false;
    if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E'))
        return false;
    if (m_build) {
        if (negative)
            *out = -static_cast<std::int64_t>(value);
        else
            *out = value;
    }
    return true;
}

bool QuickReader::literal(std::string_view word)
{
    if (size_t(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word)
        return false;
    m_p += word.size();
    return true;
}

bool QuickReader::value(nlohmann::json *out, int depth)
{
    space();
    if (m_p == m_end)
        return false;
    switch (*m_p) {
    case '"': {
        if (!m_build)
            return stringValue(nullptr);
        std::string s;
        if (!stringValue(&s))
            return false;
        *out = std::move(s);
        return true;
    }
    case '{': return object(out, depth + 1);
    case '[': return array(out, depth + 1);
    case 't':
        if (m_build)
            *out = true;
        return literal("true");
    case 'f':
        if (m_build)
            *out = false;
        return literal("false");
    case 'n':
        if (m_build)
            *out = nullptr;
        return literal("null");
    default:
        if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9'))
            return number(out);
        return false;
    }
}

bool QuickReader::object(nlohmann::json *out, int depth)
{
    if (depth > MaxDepth || !take('{'))
        return false;
    if (m_build)
        *out = nlohmann::json::object();
    if (take('}'))
        return true;
    for (;;) {
        std::string key;
        if (!stringValue(&key) || !take(':'))
            return false;
        if (m_build) {
            nlohmann::json element;
            if (!value(&element, depth))
                return false;
            // nlohmann lets the last of repeated keys win; rare enough to leave to it.
            if (!out->emplace(std::move(key), std::move(element)).second)
                return false;
        } else if (!value(nullptr, depth)) {
            return false;
        }
        if (take(','))
            continue;
        return take('}');
    }
}

bool QuickReader::array(nlohmann::json *out, int depth)
{
    if (depth > MaxDepth || !take('['))
        return false;
    if (m_build)
        *out = nlohmann::json::array();
    if (take(']'))
        return true;
    for (;;) {
        if (m_build) {
            nlohmann::json element;
            if (!value(&element, depth))
                return false;
            out->push_back(std::move(element));
        } else if (!value(nullptr, depth)) {
            return false;
        }
        if (take(','))
            continue;
        return take(']');
    }
}

// One event object with the checks of eventFromJson; anything it would refuse is "not sure".
bool QuickReader::event(Event *out)
{
    enum Field : unsigned {
        Id = 1u << 0, Kind = 1u << 1, Pack = 1u << 2, Item = 1u << 3, Comparison = 1u << 4, Annotator = 1u << 5,
        Workstation = 1u << 6, Created = 1u << 7, Supersedes = 1u << 8, Seq = 1u << 9, Payload = 1u << 10,
    };
    struct Known
    {
        std::string_view name;
        Field field;
        QString Event::*member;
    };
    static constexpr Known strings[] = {
        {"id", Id, &Event::id},
        {"kind", Kind, &Event::kind},
        {"pack", Pack, &Event::packId},
        {"item", Item, &Event::itemId},
        {"comparison", Comparison, &Event::comparisonId},
        {"annotator", Annotator, &Event::annotator},
        {"workstation", Workstation, &Event::workstation},
        {"created", Created, &Event::createdUtc},
        {"supersedes", Supersedes, &Event::supersedes},
    };
    constexpr unsigned Required = Id | Kind | Pack | Item | Annotator | Workstation | Created | Seq;

    if (!take('{'))
        return false;
    unsigned seen = 0;
    bool emptyId = true;
    if (take('}'))
        return false;
    do {
        std::string_view key;
        bool escaped = false;
        if (!string(&key, &escaped) || escaped || !take(':'))
            return false;
        space();
        if (m_p == m_end)
            return false;
        const Known *known = nullptr;
        for (const Known &k : strings)
            if (k.name.size() == key.size() && k.name[0] == key[0] && k.name == key)
                known = &k;
        if (known) {
            if (seen & known->field)
                return false;
            seen |= known->field;
            const bool optional = known->field == Comparison || known->field == Supersedes;
            if (optional && *m_p == 'n') {
                if (!literal("null"))
                    return false;
                if (m_build)
                    (out->*known->member).clear();
            } else {
                std::string_view raw;
                bool rawEscaped = false;
                const char *const start = m_p;
                if (!string(&raw, &rawEscaped))
                    return false;
                if (known->field == Id)
                    emptyId = raw.empty();
                if (m_build) {
                    if (!rawEscaped) {
                        out->*known->member = utf8Text(raw.data(), qsizetype(raw.size()));
                    } else {
                        std::string unescaped;
                        m_p = start;
                        if (!stringValue(&unescaped))
                            return false;
                        out->*known->member = toQString(unescaped);
                    }
                }
            }
        } else if (key == "seq") {
            if (seen & Seq)
                return false;
            seen |= Seq;
            if (*m_p < '1' || *m_p > '9')
                return false;  // zero, negative or not a number: eventFromJson words it
            const char *const start = m_p;
            std::uint64_t value = 0;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                value = value * 10 + std::uint64_t(*m_p++ - '0');
            if (m_p - start > 18 || (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E'))
                || value > std::uint64_t(MaxSeq))
                return false;
            if (m_build)
                out->seq = qint64(value);
        } else if (key == "payload") {
            if (seen & Payload)
                return false;
            seen |= Payload;
            if (*m_p != '{')
                return false;
            if (!object(m_build ? &out->payload : nullptr, 1))
                return false;
        } else {
            // Other fields are passed over as eventFromJson passes them, but must be JSON.
            const bool build = std::exchange(m_build, false);
            const bool ok = value(nullptr, 1);
            m_build = build;
            if (!ok)
                return false;
        }
    } while (take(','));
    return take('}') && (seen & Required) == Required && !emptyId;
}

bool QuickReader::batch(QList<Event> *out, qsizetype maxEvents)
{
    std::string_view key;
    bool escaped = false;
    if (!take('{') || !string(&key, &escaped) || escaped || key != "events" || !take(':') || !take('['))
        return false;
    if (!take(']')) {
        do {
            if (out->size() == maxEvents)
                return false;
            Event e;
            if (!event(&e))
                return false;
            out->append(std::move(e));
        } while (take(','));
        if (!take(']'))
            return false;
    }
    return take('}') && atEndAfterSpace();
}

} // namespace

std::optional<Event> quickEventFromJson(std::string_view text)
{
    QuickReader reader(text, true);
    Event e;
    if (!reader.event(&e) || !reader.atEndAfterSpace())
        return std::nullopt;
    return e;
}

bool quickEventCheck(std::string_view text)
{
    QuickReader reader(text, false);
    return reader.event(nullptr) && reader.atEndAfterSpace();
}

std::optional<QList<Event>> quickEventBatchFromJson(std::string_view text, qsizetype maxEvents)
{
    QuickReader reader(text, true);
    QList<Event> events;
    if (!reader.batch(&events, maxEvents))
        return std::nullopt;
    return events;
}

} // namespace majlis
