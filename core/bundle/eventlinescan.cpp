#include "bundle/eventlinescan.h"

#include <cstdint>
#include <cstring>

namespace majlis::bundle {

namespace {

enum class Key { Other, Seq, Workstation, Annotator };

Key classify(std::string_view token)
{
    if (token == R"("seq")")
        return Key::Seq;
    if (token == R"("workstation")")
        return Key::Workstation;
    if (token == R"("annotator")")
        return Key::Annotator;
    return Key::Other;
}

EventLineScan failed(QString problem)
{
    return EventLineScan{{}, std::move(problem)};
}

QString duplicate(const char *field)
{
    return QStringLiteral("field \"%1\" appears twice").arg(QLatin1String(field));
}

// The end of the string token that starts at `open` (a quote), or nullptr when it never closes.
const char *stringEnd(const char *open, const char *end)
{
    const char *q = open + 1;
    for (;;) {
        q = static_cast<const char *>(std::memchr(q, '"', size_t(end - q)));
        if (!q)
            return nullptr;
        const char *b = q;
        while (b > open + 1 && b[-1] == '\\')
            --b;
        if (((q - b) & 1) == 0)
            return q;
        ++q;
    }
}

} // namespace

EventLineScan scanEventLine(std::string_view line)
{
    const char *p = line.data();
    const char *const end = p + line.size();
    if (p == end || *p != '{')
        return failed(QStringLiteral("not a JSON object"));

    constexpr int MaxDepth = 63;
    std::uint64_t isObject = 0;  // one bit per open container, innermost lowest
    int depth = 0;
    bool expectKey = false;
    Key key = Key::Other;
    bool haveSeq = false;
    bool haveWorkstation = false;
    bool haveAnnotator = false;
    EventLineFacts facts;

    while (p < end) {
        switch (*p) {
        case '"': {
            const char *close = stringEnd(p, end);
            if (!close)
                return failed(QStringLiteral("a string never ends"));
            const std::string_view token(p, size_t(close + 1 - p));
            if (depth == 1) {
                if (expectKey) {
                    key = classify(token);
                    expectKey = false;
                } else if (key == Key::Workstation) {
                    facts.workstation = token;
                } else if (key == Key::Annotator) {
                    facts.annotator = token;
                }
            }
            p = close + 1;
            continue;
        }
        case '{':
        case '[':
            if (depth == 1 && !expectKey && key != Key::Other)
                return failed(key == Key::Seq ? QStringLiteral("field \"seq\" must be an integer >= 1")
                                              : QStringLiteral("field \"%1\" must be a string")
                                                    .arg(key == Key::Workstation ? QStringLiteral("workstation")
                                                                                 : QStringLiteral("annotator")));
            if (depth == MaxDepth)
                return failed(QStringLiteral("nested deeper than %1 levels").arg(MaxDepth));
            isObject = (isObject << 1) | (*p == '{' ? 1u : 0u);
            ++depth;
            expectKey = depth == 1;
            break;
        case '}':
        case ']':
            if (depth == 0 || ((isObject & 1u) != 0) != (*p == '}'))
                return failed(QStringLiteral("brackets do not match"));
            isObject >>= 1;
            --depth;
            if (depth == 0 && p + 1 != end)
                return failed(QStringLiteral("text follows the object"));
            break;
        case ',':
            if (depth == 1) {
                expectKey = true;
                key = Key::Other;
            }
            break;
        case ':':
            if (depth != 1 || key == Key::Other)
                break;
            if (key == Key::Seq) {
                if (haveSeq)
                    return failed(duplicate("seq"));
                const char *q = p + 1;
                qint64 value = 0;
                int digits = 0;
                while (q < end && *q >= '0' && *q <= '9' && digits < 19) {
                    value = value * 10 + (*q - '0');
                    ++q;
                    ++digits;
                }
                if (digits == 0 || digits == 19 || (digits > 1 && p[1] == '0') || value < 1
                    || (q < end && *q != ',' && *q != '}'))
                    return failed(QStringLiteral("field \"seq\" must be an integer >= 1"));
                facts.seq = value;
                haveSeq = true;
                key = Key::Other;
                p = q;
                continue;
            }
            if (p + 1 >= end || p[1] != '"')
                return failed(QStringLiteral("field \"%1\" must be a string")
                                  .arg(key == Key::Workstation ? QStringLiteral("workstation")
                                                               : QStringLiteral("annotator")));
            if (key == Key::Workstation) {
                if (haveWorkstation)
                    return failed(duplicate("workstation"));
                haveWorkstation = true;
            } else {
                if (haveAnnotator)
                    return failed(duplicate("annotator"));
                haveAnnotator = true;
            }
            break;
        default:
            break;
        }
        ++p;
    }
    if (depth != 0)
        return failed(QStringLiteral("cut off: the object never closes"));
    if (!haveSeq)
        return failed(QStringLiteral("field \"seq\" is missing"));
    if (!haveWorkstation)
        return failed(QStringLiteral("field \"workstation\" is missing"));
    if (!haveAnnotator)
        return failed(QStringLiteral("field \"annotator\" is missing"));
    return EventLineScan{facts, std::nullopt};
}

} // namespace majlis::bundle
