#include "text/offsets.h"

#include <QTextBoundaryFinder>

namespace majlis::text {

qsizetype codePointCount(QStringView text)
{
    return utf16ToCodePoint(text, text.size());
}

qsizetype utf16ToCodePoint(QStringView text, qsizetype utf16Index)
{
    qsizetype n = 0;
    const qsizetype end = std::min(utf16Index, text.size());
    for (qsizetype i = 0; i < end; ++i)
        if (!(text[i].isLowSurrogate() && i > 0 && text[i - 1].isHighSurrogate()))
            ++n;
    return n;
}

qsizetype codePointToUtf16(QStringView text, qsizetype codePointIndex)
{
    qsizetype i = 0;
    for (qsizetype cp = 0; cp < codePointIndex && i < text.size(); ++cp) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            i += 2;
        else
            ++i;
    }
    return i;
}

QString quote(QStringView text, CodePointSpan span)
{
    const qsizetype from = codePointToUtf16(text, span.start);
    const qsizetype to = codePointToUtf16(text, span.start + span.length);
    return text.mid(from, to - from).toString();
}

std::pair<qsizetype, qsizetype> snapToGraphemes(const QString &text, qsizetype utf16Start, qsizetype utf16End)
{
    if (utf16Start > utf16End)
        std::swap(utf16Start, utf16End);
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    finder.setPosition(std::clamp<qsizetype>(utf16Start, 0, text.size()));
    if (!finder.isAtBoundary())
        utf16Start = finder.toPreviousBoundary();
    finder.setPosition(std::clamp<qsizetype>(utf16End, 0, text.size()));
    if (!finder.isAtBoundary())
        utf16End = finder.toNextBoundary();
    return {std::max<qsizetype>(0, utf16Start), std::min(utf16End, text.size())};
}

namespace {

enum class Strong { None, Ltr, Rtl };

Strong strongAt(QStringView text, qsizetype i, char32_t *cpOut = nullptr)
{
    char32_t cp = text[i].unicode();
    if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        cp = QChar::surrogateToUcs4(text[i], text[i + 1]);
    if (cpOut)
        *cpOut = cp;
    switch (QChar::direction(cp)) {
    case QChar::DirL: return Strong::Ltr;
    case QChar::DirR:
    case QChar::DirAL: return Strong::Rtl;
    default: return Strong::None;
    }
}

} // namespace

QString isolateEmbeddedRuns(QStringView paragraph)
{
    // Only inside a paragraph that has right-to-left letters: pure Latin text needs nothing.
    bool hasRtl = false;
    for (qsizetype i = 0; i < paragraph.size() && !hasRtl; ++i)
        hasRtl = strongAt(paragraph, i) == Strong::Rtl;
    if (!hasRtl)
        return paragraph.toString();

    QString out;
    out.reserve(paragraph.size() + 8);
    qsizetype i = 0;
    while (i < paragraph.size()) {
        if (strongAt(paragraph, i) != Strong::Ltr) {
            out += paragraph[i++];
            continue;
        }
        // A run: from a left-to-right letter up to the next right-to-left letter, less the
        // white space before that letter. Punctuation and digits inside stay in the run.
        qsizetype end = i;
        while (end < paragraph.size() && strongAt(paragraph, end) != Strong::Rtl)
            ++end;
        qsizetype trimmed = end;
        while (trimmed > i && paragraph[trimmed - 1].isSpace())
            --trimmed;
        // Opening brackets or quotes that belong to the Arabic text after the run stay outside.
        out += QChar(kFirstStrongIsolate);
        out += paragraph.mid(i, trimmed - i);
        out += QChar(kPopDirectionalIsolate);
        out += paragraph.mid(trimmed, end - trimmed);
        i = end;
    }
    return out;
}

SourceMap::SourceMap(QStringView source, QStringView rendered) : m_source(source.toString())
{
    m_toSource.resize(rendered.size(), -1);
    qsizetype s = 0;
    for (qsizetype r = 0; r < rendered.size(); ++r) {
        const QChar c = rendered[r];
        if (c == QChar(kFirstStrongIsolate) || c == QChar(kPopDirectionalIsolate))
            continue;
        // Rendered paragraph and line separators stand for source white space.
        const bool space = c.isSpace() || c == QChar::ParagraphSeparator || c == QChar::LineSeparator
                           || c == QChar(0xfdd0) || c == QChar(0xfdd1);
        qsizetype probe = s;
        if (space) {
            while (probe < source.size() && !source[probe].isSpace())
                ++probe;
        } else {
            while (probe < source.size() && source[probe] != c)
                ++probe;
        }
        if (probe < source.size()) {
            m_toSource[r] = probe;
            s = probe + 1;
        }
    }
}

qsizetype SourceMap::sourceIndex(qsizetype renderedIndex) const
{
    return renderedIndex >= 0 && renderedIndex < m_toSource.size() ? m_toSource[renderedIndex] : -1;
}

CodePointSpan SourceMap::sourceSpan(qsizetype renderedStart, qsizetype renderedEnd) const
{
    qsizetype first = -1, last = -1;
    for (qsizetype r = std::max<qsizetype>(0, renderedStart); r < std::min(renderedEnd, m_toSource.size()); ++r) {
        if (m_toSource[r] < 0)
            continue;
        if (first < 0)
            first = m_toSource[r];
        last = m_toSource[r];
    }
    if (first < 0)
        return {};
    qsizetype lastEnd = last + 1;
    if (lastEnd < m_source.size() && m_source[last].isHighSurrogate() && m_source[lastEnd].isLowSurrogate())
        ++lastEnd;
    const qsizetype start = utf16ToCodePoint(m_source, first);
    return {start, utf16ToCodePoint(m_source, lastEnd) - start};
}

std::pair<qsizetype, qsizetype> SourceMap::renderedRange(CodePointSpan span) const
{
    const qsizetype from = codePointToUtf16(m_source, span.start);
    const qsizetype to = codePointToUtf16(m_source, span.start + span.length);
    qsizetype rs = -1, re = -1;
    for (qsizetype r = 0; r < m_toSource.size(); ++r) {
        const qsizetype s = m_toSource[r];
        if (s >= from && s < to) {
            if (rs < 0)
                rs = r;
            re = r + 1;
        }
    }
    return {rs, re};
}

} // namespace majlis::text
