// Code-point offsets (core/text/offsets) on arbitrary UTF-16, lone surrogates included: the
// input's bytes are taken as UTF-16 units. Invariants: UTF-16 → code point → UTF-16 round-trips
// at every code-point boundary (and lands after a pair from inside it), code point →
// UTF-16 → code point round-trips, quote() is the matching slice; and the direction helpers:
// isolateEmbeddedRuns only adds isolates around embeddedRuns, and SourceMap maps the isolated
// text back onto its source.
#include <QString>

#include "fuzzsupport.h"
#include "text/offsets.h"

using namespace majlis;
using namespace majlis::text;

namespace {

// Every index when the text is short, else a spread of them plus both ends: the mapping functions
// are linear, so checking every index of a long text would be quadratic.
QList<qsizetype> indices(qsizetype size)
{
    QList<qsizetype> out;
    const qsizetype step = size <= 64 ? 1 : size / 13 + 1;
    for (qsizetype i = 0; i <= size; i += step)
        out.append(i);
    out.append(size);
    return out;
}

void checkOffsets(const QString &text)
{
    // The reference: one code point per unit, except the low half of a valid pair.
    QList<qsizetype> unitToCp(text.size() + 1);
    qsizetype cps = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        unitToCp[i] = cps;
        if (!(i > 0 && text[i].isLowSurrogate() && text[i - 1].isHighSurrogate()))
            ++cps;
    }
    unitToCp[text.size()] = cps;
    FUZZ_CHECK(codePointCount(text) == cps);

    for (const qsizetype u : indices(text.size())) {
        const qsizetype cp = utf16ToCodePoint(text, u);
        const bool insidePair = u > 0 && u < text.size() && text[u].isLowSurrogate() && text[u - 1].isHighSurrogate();
        FUZZ_CHECK(cp == unitToCp[u]);
        const qsizetype back = codePointToUtf16(text, cp);
        FUZZ_CHECK(back == (insidePair ? u + 1 : u));
    }
    for (const qsizetype cp : indices(cps)) {
        const qsizetype u = codePointToUtf16(text, cp);
        FUZZ_CHECK(u >= 0 && u <= text.size());
        FUZZ_CHECK(utf16ToCodePoint(text, u) == cp);
    }
    FUZZ_CHECK(codePointToUtf16(text, cps + 5) == text.size());
    FUZZ_CHECK(codePointToUtf16(text, -1) == 0);

    const qsizetype start = cps / 3;
    const qsizetype length = cps / 2;
    const qsizetype from = codePointToUtf16(text, start);
    FUZZ_CHECK(quote(text, {start, length}) == text.mid(from, codePointToUtf16(text, start + length) - from));
}

void checkIsolation(const QString &text)
{
    const QList<std::pair<qsizetype, qsizetype>> runs = embeddedRuns(text);
    const QString isolated = isolateEmbeddedRuns(text);
    FUZZ_CHECK(isolated.size() == text.size() + 2 * runs.size());
    qsizetype previousEnd = 0;
    QString rebuilt;
    for (const auto &[start, end] : runs) {
        FUZZ_CHECK(previousEnd <= start && start < end && end <= text.size());
        rebuilt += text.mid(previousEnd, start - previousEnd) + QChar(kFirstStrongIsolate)
                   + text.mid(start, end - start) + QChar(kPopDirectionalIsolate);
        previousEnd = end;
    }
    rebuilt += text.mid(previousEnd);
    FUZZ_CHECK(rebuilt == isolated);

    // Isolates are the only added characters: every other rendered unit maps to an equal one
    // (white space may map to other white space).
    const SourceMap map(text, isolated);
    for (const qsizetype r : indices(isolated.size() - 1)) {
        if (r < 0 || r >= isolated.size())
            continue;
        const qsizetype s = map.sourceIndex(r);
        FUZZ_CHECK(s >= -1 && s < text.size());
        if (s >= 0 && !isolated[r].isSpace())
            FUZZ_CHECK(text[s] == isolated[r]);
    }
    const qsizetype cps = codePointCount(text);
    const CodePointSpan span{cps / 4, cps / 2};
    const auto [rStart, rEnd] = map.renderedRange(span);
    // (-1, -1): nothing of the span is shown.
    FUZZ_CHECK((rStart == -1 && rEnd == -1) || (0 <= rStart && rStart < rEnd && rEnd <= isolated.size()));
    if (rStart >= 0)
        for (qsizetype r = rStart; r < rEnd; r += std::max<qsizetype>(1, (rEnd - rStart) / 16))
            FUZZ_CHECK(map.sourceIndex(r) == -1 || map.sourceIndex(r) < text.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString text(reinterpret_cast<const QChar *>(data), qsizetype(size / 2));
    checkOffsets(text);
    checkIsolation(text);
    // The same bytes as UTF-8, as text usually arrives.
    const QString utf8 = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    checkOffsets(utf8);
    checkIsolation(utf8);
    return 0;
}
