#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace majlis::blind {

// A stable 64-bit hash (FNV-1a over UTF-8, finished with splitmix64): the same on every
// workstation and Qt version, unlike qHash, so placements are reproducible from the seed.
std::uint64_t stableHash(std::uint64_t seed, const QString &text);

// An annotator's order of comparisons and the side each answer is shown on.
//
// Order: comparisons sorted by stableHash(seed, id) — random, yet the same every time the
// annotator opens the pack. Placement: consecutive positions (2k, 2k+1) form a block in which
// exactly one is swapped, chosen by stableHash(seed, k). So placement is random per
// (comparison, annotator), reproducible from the stored seed, and balanced over any session to
// within one comparison. Two ids of the same hash (not seen in practice) go in the order of
// their UTF-8 bytes, so the order does not depend on the order the ids are given in.
class Schedule
{
public:
    Schedule(std::uint64_t seed, QStringList comparisonIds);

    qsizetype size() const { return qsizetype(m_order.size()); }
    const QString &at(qsizetype position) const { return m_ids.at(m_order[std::size_t(position)]); }
    // Where the comparison at `position` stands in the list the schedule was made from: callers
    // keep what they know of each comparison in that list and need no map of their own.
    qsizetype indexAt(qsizetype position) const { return m_order[std::size_t(position)]; }
    // -1 for an id the schedule does not hold. A binary search over the sorted hashes: the order
    // is its own index, so the schedule keeps no map (332,847 ids cost a third of a second).
    qsizetype positionOf(const QString &comparisonId) const;
    bool swappedAt(qsizetype position) const;
    std::uint64_t seed() const { return m_seed; }

private:
    std::uint64_t m_seed;
    QStringList m_ids;               // as given
    std::vector<qint32> m_order;     // position -> index in m_ids
    std::vector<std::uint64_t> m_keys; // position -> stableHash(seed, id), ascending
};

} // namespace majlis::blind
