#include "text/direction.h"

#include <QRegularExpression>


namespace majlis::text {

namespace {

enum class Strong { None, Ltr, Rtl };

Strong strongOf(char32_t cp)
{
    switch (QChar::direction(cp)) {
    case QChar::DirL: return Strong::Ltr;
    case QChar::DirR:
    case QChar::DirAL: return Strong::Rtl;
    default: return Strong::None;
    }
}

// Calls f(codePoint) for each code point; a lone surrogate is passed as it is.
template <typename F>
void forEachCodePoint(QStringView text, F f)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            f(QChar::surrogateToUcs4(c, text[i + 1]));
            ++i;
        } else {
            f(char32_t(c.unicode()));
        }
    }
}

} // namespace

ScriptCounts countStrongLetters(QStringView text, bool skipInlineCode)
{
    ScriptCounts counts;
    // An unmatched backtick opens no code span: count what follows it.
    const bool balanced = !skipInlineCode || text.count(u'`') % 2 == 0;
    bool inCode = false;
    forEachCodePoint(text, [&](char32_t cp) {
        if (skipInlineCode && balanced && cp == U'`') {
            inCode = !inCode;
            return;
        }
        if (inCode)
            return;
        switch (strongOf(cp)) {
        case Strong::Ltr: ++counts.leftToRight; break;
        case Strong::Rtl: ++counts.rightToLeft; break;
        case Strong::None: break;
        }
    });
    return counts;
}

Direction dominantDirection(QStringView text)
{
    // Addresses are Latin whatever language surrounds them: they never decide a paragraph.
    static const QRegularExpression url(QStringLiteral("(https?://|www\\.)\\S+"));
    const QString prose = text.toString().remove(url);
    const ScriptCounts counts = countStrongLetters(prose);
    if (counts.rightToLeft > counts.leftToRight)
        return Direction::RightToLeft;
    if (counts.leftToRight > counts.rightToLeft)
        return Direction::LeftToRight;
    Direction first = Direction::Neutral;
    forEachCodePoint(text, [&](char32_t cp) {
        if (first != Direction::Neutral)
            return;
        if (const Strong s = strongOf(cp); s != Strong::None)
            first = s == Strong::Ltr ? Direction::LeftToRight : Direction::RightToLeft;
    });
    return first;
}

} // namespace majlis::text
