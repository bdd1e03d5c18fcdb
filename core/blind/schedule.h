#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

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
// within one comparison.
class Schedule
{
public:
    Schedule(std::uint64_t seed, const QStringList &comparisonIds);

    qsizetype size() const { return m_order.size(); }
    const QString &at(qsizetype position) const { return m_order.at(position); }
    qsizetype positionOf(const QString &comparisonId) const { return m_position.value(comparisonId, -1); }
    bool swappedAt(qsizetype position) const;
    std::uint64_t seed() const { return m_seed; }

private:
    std::uint64_t m_seed;
    QStringList m_order;
    QHash<QString, qsizetype> m_position;
};

} // namespace majlis::blind
