#include "pack/fastjson.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace majlis::pack {

namespace {

using nlohmann::json;

constexpr int kMaxDepth = 256;

class FastParser
{
public:
    FastParser(const char *begin, const char *end)
        : m_p(reinterpret_cast<const unsigned char *>(begin)), m_end(reinterpret_cast<const unsigned char *>(end))
    {
    }

    bool document(json &out)
    {
        skipSpace();
        if (!value(out, 0))
            return false;
        skipSpace();
        return m_p == m_end;
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(const char *text, size_t length)
    {
        if (size_t(m_end - m_p) < length || std::memcmp(m_p, text, length) != 0)
            return false;
        m_p += length;
        return true;
    }

    bool value(json &out, int depth)
    {
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '{': return object(out, depth + 1);
        case '[': return array(out, depth + 1);
        case '"': {
            std::string s;
            if (!string(s))
                return false;
            out = std::move(s);
            return true;
        }
        case 't': out = true; return literal("true", 4);
        case 'f': out = false; return literal("false", 5);
        case 'n': out = nullptr; return literal("null", 4);
        default: return number(out);
        }
    }

    bool object(json &out, int depth)
    {
        if (depth > kMaxDepth)
            return false;
        ++m_p;
        out = json::object();
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        for (;;) {
            skipSpace();
            std::string key;
            if (m_p == m_end || *m_p != '"' || !string(key))
                return false;
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return false;
            ++m_p;
            skipSpace();
            // Like nlohmann's DOM parser, a repeated key keeps the last value.
            if (!value(out[std::move(key)], depth))
                return false;
            skipSpace();
            if (m_p == m_end)
                return false;
            if (*m_p == '}') {
                ++m_p;
                return true;
            }
            if (*m_p++ != ',')
                return false;
        }
    }

    bool array(json &out, int depth)
    {
        if (depth > kMaxDepth)
            return false;
        ++m_p;
        out = json::array();
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        for (;;) {
            skipSpace();
            out.push_back(json());
            if (!value(out.back(), depth))
                return false;
            skipSpace();
            if (m_p == m_end)
                return false;
            if (*m_p == ']') {
                ++m_p;
                return true;
            }
            if (*m_p++ != ',')
                return false;
        }
    }

    // Numbers are rare in pack lines (ids and outputs are strings): check the grammar here and
    // let nlohmann convert the token, so integer/float choices are exactly its own.
    bool number(json &out)
    {
        const unsigned char *start = m_p;
        auto digits = [&] {
            const unsigned char *from = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            return m_p > from;
        };
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0')
            ++m_p;
        else if (!digits())
            return false;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digits())
                return false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return false;
        }
        out = json::parse(start, m_p, nullptr, false);
        return !out.is_discarded();
    }

    static bool inRange(unsigned char c, unsigned char low, unsigned char high) { return c >= low && c <= high; }

    // One UTF-8 sequence starting at m_p (a byte ≥ 0x80), checked as RFC 3629 and nlohmann do:
    // no overlong forms, no surrogates, nothing above U+10FFFF.
    bool utf8Sequence()
    {
        const unsigned char c = *m_p;
        const size_t left = size_t(m_end - m_p);
        auto cont = [&](size_t i, unsigned char low = 0x80, unsigned char high = 0xBF) {
            return i < left && inRange(m_p[i], low, high);
        };
        size_t length = 0;
        if (inRange(c, 0xC2, 0xDF))
            length = cont(1) ? 2 : 0;
        else if (c == 0xE0)
            length = cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0;
        else if (inRange(c, 0xE1, 0xEC) || inRange(c, 0xEE, 0xEF))
            length = cont(1) && cont(2) ? 3 : 0;
        else if (c == 0xED)
            length = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
        else if (c == 0xF0)
            length = cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0;
        else if (inRange(c, 0xF1, 0xF3))
            length = cont(1) && cont(2) && cont(3) ? 4 : 0;
        else if (c == 0xF4)
            length = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
        m_p += length;
        return length > 0;
    }

    bool hex4(unsigned &out)
    {
        if (m_end - m_p < 4)
            return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const unsigned char h = *m_p++;
            out <<= 4;
            if (h >= '0' && h <= '9')
                out |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f')
                out |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                out |= unsigned(h - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    static void appendUtf8(std::string &s, unsigned cp)
    {
        if (cp < 0x80) {
            s += char(cp);
        } else if (cp < 0x800) {
            s += char(0xC0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s += char(0xE0 | (cp >> 12));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        } else {
            s += char(0xF0 | (cp >> 18));
            s += char(0x80 | ((cp >> 12) & 0x3F));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        }
    }

    bool escape(std::string &s)
    {
        if (m_p == m_end)
            return false;
        switch (*m_p++) {
        case '"': s += '"'; return true;
        case '\\': s += '\\'; return true;
        case '/': s += '/'; return true;
        case 'b': s += '\b'; return true;
        case 'f': s += '\f'; return true;
        case 'n': s += '\n'; return true;
        case 'r': s += '\r'; return true;
        case 't': s += '\t'; return true;
        case 'u': {
            unsigned cp = 0;
            if (!hex4(cp))
                return false;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned low = 0;
                if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                    return false;
                m_p += 2;
                if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            appendUtf8(s, cp);
            return true;
        }
        default: return false;
        }
    }

    // Skips eight bytes at a time while none of them is a quote, a backslash, a control
    // character or a non-ASCII byte (the usual bit tricks on a 64-bit word).
    void skipPlainAscii()
    {
        constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        auto hasZeroByte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
        while (m_end - m_p >= 8) {
            std::uint64_t v;
            std::memcpy(&v, m_p, 8);
            const std::uint64_t special = (v & highs) | hasZeroByte(v ^ (ones * '"')) | hasZeroByte(v ^ (ones * '\\'))
                                          | ((v - ones * 0x20) & ~v & highs);
            if (special)
                return;
            m_p += 8;
        }
    }

    bool string(std::string &s)
    {
        ++m_p;  // the opening quote
        const unsigned char *run = m_p;
        auto flush = [&] { s.append(reinterpret_cast<const char *>(run), size_t(m_p - run)); };
        while (m_p < m_end) {
            skipPlainAscii();
            if (m_p == m_end)
                break;
            const unsigned char c = *m_p;
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ++m_p;
            } else if (inRange(c, 0xC2, 0xDF) && m_end - m_p >= 2 && inRange(m_p[1], 0x80, 0xBF)) {
                m_p += 2;  // Arabic letters are two bytes: the common case, kept inline
            } else if (c >= 0x80) {
                if (!utf8Sequence())
                    return false;
            } else if (c == '"') {
                flush();
                ++m_p;
                return true;
            } else if (c == '\\') {
                flush();
                ++m_p;
                if (!escape(s))
                    return false;
                run = m_p;
            } else {
                return false;  // a control character must be escaped
            }
        }
        return false;
    }

    const unsigned char *m_p;
    const unsigned char *const m_end;
};

} // namespace

std::optional<nlohmann::json> parseJsonFast(const char *begin, const char *end)
{
    json out;
    if (!FastParser(begin, end).document(out))
        return std::nullopt;
    return out;
}

} // namespace majlis::pack
