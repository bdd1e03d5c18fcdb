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
    const auto add = [&h](std::uint8_t byte) {
        h ^= byte;
        h *= 0x100000001b3ULL;
    };
    // ASCII ids (every generated comparison id) are their own UTF-8: no conversion to allocate.
    const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii) {
        for (QChar c : text)
            add(std::uint8_t(c.unicode()));
    } else {
        for (char c : text.toUtf8())
            add(std::uint8_t(c));
    }
    return splitmix64(h);
}

Schedule::Schedule(std::uint64_t seed, QStringList comparisonIds) : m_seed(seed), m_ids(std::move(comparisonIds))
{
    const auto count = std::size_t(m_ids.size());
    std::vector<std::pair<std::uint64_t, qint32>> keyed;
    keyed.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        keyed.emplace_back(stableHash(seed, m_ids.at(qsizetype(i))), qint32(i));
    std::sort(keyed.begin(), keyed.end(), [this](const auto &l, const auto &r) {
        if (l.first != r.first)
            return l.first < r.first;
        return m_ids.at(l.second).toUtf8() < m_ids.at(r.second).toUtf8();
    });
    m_order.reserve(count);
    m_keys.reserve(count);
    for (const auto &[key, index] : keyed) {
        m_keys.push_back(key);
        m_order.push_back(index);
    }
}

qsizetype Schedule::positionOf(const QString &comparisonId) const
{
    const std::uint64_t key = stableHash(m_seed, comparisonId);
    for (auto it = std::lower_bound(m_keys.cbegin(), m_keys.cend(), key); it != m_keys.cend() && *it == key; ++it) {
        const auto position = qsizetype(it - m_keys.cbegin());
        if (at(position) == comparisonId)
            return position;
    }
    return -1;
}

bool Schedule::swappedAt(qsizetype position) const
{
    const std::uint64_t block = std::uint64_t(position) / 2;
    const bool firstOfBlockSwapped = (splitmix64(m_seed ^ splitmix64(block)) & 1U) != 0;
    return (position % 2 == 0) ? firstOfBlockSwapped : !firstOfBlockSwapped;
}

} // namespace majlis::blind
