#include "blind/schedule.h"

#include <algorithm>

namespace majlis::blind {

namespace {

std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

std::uint64_t stableHash(std::uint64_t seed, const QString &text)
{
    std::uint64_t h = 0xcbf29ce484222325ULL ^ splitmix64(seed);
    const QByteArray utf8 = text.toUtf8();
    for (char c : utf8) {
        h ^= std::uint8_t(c);
        h *= 0x100000001b3ULL;
    }
    return splitmix64(h);
}

Schedule::Schedule(std::uint64_t seed, const QStringList &comparisonIds) : m_seed(seed)
{
    QList<std::pair<std::uint64_t, qsizetype>> keyed;
    keyed.reserve(comparisonIds.size());
    for (qsizetype i = 0; i < comparisonIds.size(); ++i)
        keyed.append({stableHash(seed, comparisonIds.at(i)), i});
    std::sort(keyed.begin(), keyed.end());
    m_order.reserve(keyed.size());
    m_position.reserve(keyed.size());
    for (const auto &[key, index] : keyed) {
        m_position.insert(comparisonIds.at(index), m_order.size());
        m_order.append(comparisonIds.at(index));
    }
}

bool Schedule::swappedAt(qsizetype position) const
{
    const std::uint64_t block = std::uint64_t(position) / 2;
    const bool firstOfBlockSwapped = (splitmix64(m_seed ^ splitmix64(block)) & 1U) != 0;
    return (position % 2 == 0) ? firstOfBlockSwapped : !firstOfBlockSwapped;
}

} // namespace majlis::blind
