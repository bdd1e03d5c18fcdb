#pragma once

#include <QtGlobal>

namespace majlis::pack {

// What one pack may hold, enforced wherever a pack comes in — import, validate, publish, pull —
// since every one of them reads through PackReader. Pairs grow as n² in the candidates: 20 items
// of 3,000 answers are 90 million comparisons in a 2 MB file, which no annotator will judge and
// no workstation can open. pack build refuses to write what these would refuse.
struct PackLimits
{
    int maxCandidatesPerItem = 16;
    qint64 maxPairsPerPack = 1'000'000;
};

// The longest item line a pack may hold (a line longer than this stops the reading: no real
// item is that long, and it bounds memory).
inline constexpr qsizetype MaxItemBytes = 64 * 1024 * 1024;

} // namespace majlis::pack
