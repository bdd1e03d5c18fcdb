#include "text/invisible.h"

#include <QChar>

namespace majlis::text {

namespace {

char32_t codePointAt(QStringView text, qsizetype i, qsizetype *length)
{
    const QChar c = text[i];
    if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
        *length = 2;
        return QChar::surrogateToUcs4(c, text[i + 1]);
    }
    *length = 1;
    return c.unicode();
}

bool isEmojiModifierOrSelector(char32_t cp)
{
    return cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x20E3;
}

bool isPictograph(char32_t cp)
{
    return QChar::category(cp) == QChar::Symbol_Other;
}

// The code point that ends just before UTF-16 index `i` (0 at the start), and where it starts.
char32_t codePointBefore(QStringView text, qsizetype i, qsizetype *start)
{
    if (i <= 0) {
        *start = 0;
        return 0;
    }
    *start = i - 1;
    if (text[*start].isLowSurrogate() && *start > 0 && text[*start - 1].isHighSurrogate())
        --*start;
    qsizetype length = 0;
    return codePointAt(text, *start, &length);
}

// The code point before index `i`, skipping emoji modifiers and variation selectors.
char32_t pictographBefore(QStringView text, qsizetype i)
{
    for (qsizetype start = i; start > 0; i = start) {
        const char32_t cp = codePointBefore(text, i, &start);
        if (!isEmojiModifierOrSelector(cp))
            return cp;
    }
    return 0;
}

// A tag character (U+E0020–U+E007F) that belongs to an emoji tag sequence: after a black flag
// (U+1F3F4) and earlier tags, as in the flags of England or Scotland.
bool inFlagTagSequence(QStringView text, qsizetype i)
{
    for (qsizetype start = i; start > 0; i = start) {
        const char32_t cp = codePointBefore(text, i, &start);
        if (cp == 0x1F3F4)
            return true;
        if (cp < 0xE0020 || cp > 0xE007F)
            return false;
    }
    return false;
}

} // namespace

std::optional<InvisibleKind> invisibleAt(QStringView text, qsizetype index)
{
    qsizetype length = 0;
    const char32_t cp = codePointAt(text, index, &length);
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
        return InvisibleKind::BidiControl;
    if (cp == 0xFEFF)
        return InvisibleKind::ByteOrderMark;
    if (cp == 0x200D) {
        // The joiner inside 👨‍👩‍👧 is how the emoji is written, not a hidden character.
        qsizetype nextLength = 0;
        const char32_t next = index + 1 < text.size() ? codePointAt(text, index + 1, &nextLength) : 0;
        if (isPictograph(pictographBefore(text, index)) && (isPictograph(next) || next == 0x2640 || next == 0x2642))
            return std::nullopt;
        return InvisibleKind::ZeroWidth;
    }
    if (cp == 0x200B || cp == 0x200C || cp == 0x2060 || cp == 0x180E)
        return InvisibleKind::ZeroWidth;
    if (cp >= 0xE0020 && cp <= 0xE007F && inFlagTagSequence(text, index))
        return std::nullopt;
    if (QChar::category(cp) == QChar::Other_Format)
        return InvisibleKind::OtherFormat;
    return std::nullopt;
}

InvisibleCounts countInvisible(QStringView text)
{
    InvisibleCounts counts;
    for (qsizetype i = 0; i < text.size();) {
        qsizetype length = 0;
        codePointAt(text, i, &length);
        if (const auto kind = invisibleAt(text, i)) {
            switch (*kind) {
            case InvisibleKind::BidiControl: ++counts.bidiControls; break;
            case InvisibleKind::ZeroWidth: ++counts.zeroWidth; break;
            case InvisibleKind::ByteOrderMark: ++counts.byteOrderMarks; break;
            case InvisibleKind::OtherFormat: ++counts.otherFormat; break;
            }
        }
        i += length;
    }
    return counts;
}

QString invisibleName(char32_t cp)
{
    struct Name
    {
        char32_t cp;
        const char *name;
    };
    static constexpr Name names[] = {
        {0x061C, "ALM"}, {0x200B, "ZWSP"}, {0x200C, "ZWNJ"}, {0x200D, "ZWJ"},  {0x200E, "LRM"},
        {0x200F, "RLM"}, {0x202A, "LRE"},  {0x202B, "RLE"},  {0x202C, "PDF"},  {0x202D, "LRO"},
        {0x202E, "RLO"}, {0x2060, "WJ"},   {0x2066, "LRI"},  {0x2067, "RLI"},  {0x2068, "FSI"},
        {0x2069, "PDI"}, {0xFEFF, "BOM"},  {0x00AD, "SHY"},  {0x180E, "MVS"},
    };
    for (const Name &n : names)
        if (n.cp == cp)
            return QLatin1String(n.name);
    return QStringLiteral("U+") + QString::number(uint(cp), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

} // namespace majlis::text
