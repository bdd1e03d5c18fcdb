#include "blind/pairchoice.h"

#include <QCryptographicHash>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace majlis::blind {

namespace {

// Uniform in [0, bound) for bound >= 1, by rejection (see the header, step 3).
std::uint64_t uniformBelow(std::mt19937_64 &rng, std::uint64_t bound)
{
    const std::uint64_t rest = (0 - bound) % bound;  // 2^64 mod bound, in 64-bit arithmetic
    const std::uint64_t limit = 0 - rest;            // 2^64 - rest; 0 stands for 2^64 (rest == 0)
    for (;;) {
        const std::uint64_t r = rng();
        if (limit == 0 || r < limit)
            return r % bound;
    }
}

}  // namespace

QList<std::pair<int, int>> choosePairs(const QString &packId, const QString &itemId, int candidates, int budget)
{
    QList<std::pair<int, int>> pairs;
    for (int a = 0; a < candidates; ++a)
        for (int b = a + 1; b < candidates; ++b)
            pairs.append({a, b});
    if (budget > 0 && budget < pairs.size()) {
        // Reproducible on every workstation: seeded by the pack and item ids, not by a clock.
        const QByteArray key = packId.toUtf8() + '\0' + itemId.toUtf8();
        const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
        // Unsigned bytes: a plain char is signed on some platforms and not on others.
        std::vector<std::uint32_t> bytes;
        for (const char c : digest)
            bytes.push_back(static_cast<unsigned char>(c));
        std::seed_seq seed(bytes.cbegin(), bytes.cend());
        std::mt19937_64 rng(seed);
        for (qsizetype i = pairs.size() - 1; i > 0; --i)
            std::swap(pairs[i], pairs[qsizetype(uniformBelow(rng, std::uint64_t(i) + 1))]);
        pairs.resize(budget);
        std::sort(pairs.begin(), pairs.end());
    }
    return pairs;
}

}  // namespace majlis::blind
