#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace majlis::text {

// Spans are stored in Unicode code points of the source text (what Python and the rest of the
// field count), never in UTF-16 units: an emoji is one code point but two QChars.
qsizetype codePointCount(QStringView text);
qsizetype utf16ToCodePoint(QStringView text, qsizetype utf16Index);
qsizetype codePointToUtf16(QStringView text, qsizetype codePointIndex);

struct CodePointSpan
{
    qsizetype start = 0;
    qsizetype length = 0;
    friend bool operator==(const CodePointSpan &, const CodePointSpan &) = default;
};

// The text a span covers.
QString quote(QStringView text, CodePointSpan span);

// Widens a UTF-16 range to whole grapheme clusters, so a selection never splits a surrogate
// pair, a letter from its harakat, or a ZWJ emoji sequence.
std::pair<qsizetype, qsizetype> snapToGraphemes(const QString &text, qsizetype utf16Start, qsizetype utf16End);

// Wraps each left-to-right run inside right-to-left text in FSI … PDI, so that an embedded Latin
// phrase keeps its punctuation with it («قال: Hello, world! ثم» keeps "!" after "world").
// For display only: the stored text never contains these marks.
QString isolateEmbeddedRuns(QStringView paragraph);
// The UTF-16 ranges [start, end) that isolateEmbeddedRuns wraps; empty for a paragraph with no
// right-to-left letter.
QList<std::pair<qsizetype, qsizetype>> embeddedRuns(QStringView paragraph);
inline constexpr char16_t kFirstStrongIsolate = 0x2068;
inline constexpr char16_t kPopDirectionalIsolate = 0x2069;
// Stands, in a rendered text given to SourceMap, for a character the renderer added itself (the
// word "Image" of an image placeholder, the name shown for an invisible character): SourceMap
// skips it, as it skips isolates. A noncharacter, never in text that Majlis stores.
inline constexpr char16_t kNotFromSource = 0xFFFF;

// Maps positions of a rendered text (Markdown turned into a document, with isolates added) back
// to the source it came from. Rendering only removes markup and adds isolates, so the characters
// of the rendered text appear in the source in order; whitespace may differ.
class SourceMap
{
public:
    SourceMap(QStringView source, QStringView rendered);
    // UTF-16 index in the source of the rendered UTF-16 index; -1 if it has no source character.
    qsizetype sourceIndex(qsizetype renderedIndex) const;
    // The code-point span of the source covered by the rendered UTF-16 range [start, end).
    CodePointSpan sourceSpan(qsizetype renderedStart, qsizetype renderedEnd) const;
    // The rendered UTF-16 range showing the given source code-point span.
    std::pair<qsizetype, qsizetype> renderedRange(CodePointSpan span) const;

private:
    QString m_source;
    QList<qsizetype> m_toSource;  // per rendered UTF-16 unit
};

} // namespace majlis::text
