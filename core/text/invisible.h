#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace majlis::text {

// Characters a reader cannot see but that change what is read: bidi controls can reorder a
// line ("Trojan Source"), zero-width characters can make two different texts look the same.
// Harakat, tatweel and the joiners inside an emoji sequence are not counted: they are what the
// text looks like.
enum class InvisibleKind { BidiControl, ZeroWidth, ByteOrderMark, OtherFormat };

struct InvisibleCounts
{
    int bidiControls = 0;   // U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069
    int zeroWidth = 0;      // U+200B–U+200D, U+2060, U+180E
    int byteOrderMarks = 0; // U+FEFF anywhere
    int otherFormat = 0;    // any other format character (Cf): soft hyphen, tags, …
    int total() const { return bidiControls + zeroWidth + byteOrderMarks + otherFormat; }
    friend bool operator==(const InvisibleCounts &, const InvisibleCounts &) = default;
};

// The kind of the code point at `index` (a UTF-16 index at a code-point start) if it is an
// invisible character to report, in its context; std::nullopt otherwise.
std::optional<InvisibleKind> invisibleAt(QStringView text, qsizetype index);
InvisibleCounts countInvisible(QStringView text);
// A short visible name for an invisible code point: "RLO", "ZWSP", "BOM", or "U+E0067".
QString invisibleName(char32_t cp);

} // namespace majlis::text
