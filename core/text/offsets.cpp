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

// The strong direction of the code point at i; the low half of a surrogate pair has none of its
// own (a lone surrogate's bidi class is L, which would start a run inside an emoji).
Strong strongAt(QStringView text, qsizetype i, char32_t *cpOut = nullptr)
{
    if (text[i].isLowSurrogate() && i > 0 && text[i - 1].isHighSurrogate())
        return Strong::None;
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

QList<std::pair<qsizetype, qsizetype>> embeddedRuns(QStringView paragraph)
{
    QList<std::pair<qsizetype, qsizetype>> runs;
    // Only inside a paragraph that has right-to-left letters: pure Latin text needs nothing.
    bool hasRtl = false;
    for (qsizetype i = 0; i < paragraph.size() && !hasRtl; ++i)
        hasRtl = strongAt(paragraph, i) == Strong::Rtl;
    if (!hasRtl)
        return runs;
    auto openerOf = [](QChar c) -> char16_t {
        switch (c.unicode()) {
        case u')': return u'(';
        case u']': return u'[';
        case u'}': return u'{';
        default: return 0;
        }
    };
    auto isOpener = [](QChar c) { return c == u'(' || c == u'[' || c == u'{'; };
    qsizetype previousEnd = 0;
    qsizetype i = 0;
    while (i < paragraph.size()) {
        if (strongAt(paragraph, i) != Strong::Ltr) {
            ++i;
            continue;
        }
        // A run: from a left-to-right letter up to the next right-to-left letter, less the
        // white space before that letter. Punctuation and digits inside stay in the run.
        qsizetype end = i;
        while (end < paragraph.size() && strongAt(paragraph, end) != Strong::Rtl)
            ++end;
        qsizetype start = i, trimmed = end;
        while (trimmed > start && paragraph[trimmed - 1].isSpace())
            --trimmed;
        // A bracket stays on the same side of the isolate as its partner, or the pair is torn
        // apart on screen: "(A) أفضل" isolates "(A)", not "A)"; "config (النسخة" leaves "(" out.
        QList<qsizetype> open; // unmatched openers in the run
        QList<char16_t> unmatchedClosers;
        for (qsizetype k = start; k < trimmed; ++k) {
            if (isOpener(paragraph[k])) {
                open.append(k);
            } else if (const char16_t o = openerOf(paragraph[k])) {
                if (!open.isEmpty() && paragraph[open.last()] == QChar(o))
                    open.removeLast();
                else
                    unmatchedClosers.append(o);
            }
        }
        for (char16_t o : std::as_const(unmatchedClosers)) {
            if (start - 1 < previousEnd || paragraph[start - 1] != QChar(o))
                break;
            --start;
        }
        // Signs written against the first letter belong to the word: "&amp;", "#tag", "@name",
        // "<svg", "+GPT", "$HOME". Left outside, each would stand at the far (right) end of the
        // phrase. Sentence punctuation and brackets keep their own rules.
        auto attachedSign = [](QChar c) {
            return c.unicode() < 0x80 && (c.isPunct() || c.isSymbol()) && !QStringView(u".,:;!?()[]{}").contains(c);
        };
        while (start - 1 >= previousEnd && start - 1 >= 0 && attachedSign(paragraph[start - 1]))
            --start;
        while (!open.isEmpty()) {
            const qsizetype at = open.takeLast();
            bool lettersAfter = false;
            for (qsizetype k = at + 1; k < trimmed && !lettersAfter; ++k)
                lettersAfter = strongAt(paragraph, k) == Strong::Ltr;
            if (lettersAfter)
                break;
            trimmed = at;
            while (trimmed > start && paragraph[trimmed - 1].isSpace())
                --trimmed;
        }
        runs.append({start, trimmed});
        previousEnd = end;
        i = end;
    }
    return runs;
}

QString isolateEmbeddedRuns(QStringView paragraph)
{
    QString out;
    out.reserve(paragraph.size() + 8);
    qsizetype at = 0;
    for (const auto &[start, end] : embeddedRuns(paragraph)) {
        out += paragraph.mid(at, start - at);
        out += QChar(kFirstStrongIsolate);
        out += paragraph.mid(start, end - start);
        out += QChar(kPopDirectionalIsolate);
        at = end;
    }
    out += paragraph.mid(at);
    return out;
}

namespace {

bool isBlockSeparator(QChar c)
{
    // Paragraph separator, and the frame marks a document puts around table cells.
    return c == QChar::ParagraphSeparator || c == QChar(0xfdd0) || c == QChar(0xfdd1) || c == QChar(0xfdef);
}

// Isolates and what the renderer added itself: characters with no source.
bool isIsolate(QChar c)
{
    return c == QChar(kFirstStrongIsolate) || c == QChar(kPopDirectionalIsolate) || c == QChar(kNotFromSource);
}

} // namespace

SourceMap::SourceMap(QStringView source, QStringView rendered) : m_source(source.toString())
{
    m_toSource.resize(rendered.size(), -1);
    qsizetype furthest = 0;  // source position after the last character matched so far
    qsizetype r = 0;
    while (r < rendered.size()) {
        // One rendered block at a time. A block normally continues where the previous one
        // ended; a block that does not (a table cell shown in mirrored column order) is found
        // by its first letters anywhere in the source.
        qsizetype end = r;
        while (end < rendered.size() && !isBlockSeparator(rendered[end]))
            ++end;
        QString probe;
        for (qsizetype k = r; k < end && probe.size() < 4; ++k)
            if (!rendered[k].isSpace() && !isIsolate(rendered[k]))
                probe += rendered[k];
        qsizetype s = furthest;
        if (!probe.isEmpty()) {
            qsizetype at = source.indexOf(probe.front(), furthest);
            const qsizetype whole = source.indexOf(probe, furthest);
            if (whole < 0) {
                const qsizetype anywhere = source.indexOf(probe);
                if (anywhere >= 0)
                    s = anywhere;
            } else if (at >= 0) {
                s = std::min(at, whole);
            }
        }
        for (; r < end; ++r) {
            const QChar c = rendered[r];
            if (isIsolate(c))
                continue;
            const bool space = c.isSpace() || c == QChar::LineSeparator;
            qsizetype probeAt = s;
            if (space) {
                while (probeAt < source.size() && !source[probeAt].isSpace())
                    ++probeAt;
            } else {
                while (probeAt < source.size() && source[probeAt] != c)
                    ++probeAt;
            }
            if (probeAt < source.size()) {
                m_toSource[r] = probeAt;
                s = probeAt + 1;
            }
        }
        furthest = std::max(furthest, s);
        ++r;  // the separator itself has no source character
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
