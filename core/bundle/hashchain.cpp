#include "bundle/hashchain.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define MAJLIS_SHA_NI 1
#endif

namespace majlis::bundle {

static_assert(HashChain::CheckpointInterval % 64 == 0, "checkpoints must fall on SHA-256 block boundaries");
static_assert(sizeof(crypto_hash_sha256_state::state) == sizeof(HashChain::ChainingValue));

namespace {

#ifdef MAJLIS_SHA_NI

// libsodium 1.0.18 hashes in portable C (about 200 MB/s), slower than a bundle is parsed. Whole
// 64-byte blocks go through the CPU's SHA extensions when it has them, on libsodium's own state
// (the chaining words and the bit count), so libsodium still does the partial blocks and the
// padding and the result is SHA-256 either way (tests/unit/bundle checks it against known digests).
bool cpuHasShaNi()
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || (b & (1u << 29)) == 0)
        return false;  // SHA
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return false;
    return (c & (1u << 19)) != 0 && (c & (1u << 9)) != 0;  // SSE4.1, SSSE3
}

alignas(16) constexpr std::uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

__attribute__((target("sha,sse4.1,ssse3"))) void compressShaNi(std::uint32_t state[8], const unsigned char *data,
                                                             qint64 blocks)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(state)), 0xB1);  // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(state + 4)), 0x1B);  // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);      // CDGH

    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abef = state0;
        const __m128i cdgh = state1;
        __m128i w[16];
        for (int i = 0; i < 16; ++i) {
            if (i < 4)
                w[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(data + 16 * i)), byteSwap);
            else
                w[i] = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w[i - 4], w[i - 3]),
                                                          _mm_alignr_epi8(w[i - 1], w[i - 2], 4)),
                                            w[i - 1]);
            const __m128i msg = _mm_add_epi32(w[i], _mm_load_si128(reinterpret_cast<const __m128i *>(K + 4 * i)));
            state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);       // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);    // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0); // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);    // HGFE
    _mm_storeu_si128(reinterpret_cast<__m128i *>(state), state0);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(state + 4), state1);
}

const bool hasShaNi = cpuHasShaNi();

#endif

void sha256Update(crypto_hash_sha256_state *st, const char *data, qint64 size)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data);
#ifdef MAJLIS_SHA_NI
    if (hasShaNi) {
        const qint64 buffered = qint64((st->count >> 3) & 63);
        if (buffered != 0) {
            const qint64 n = std::min(size, 64 - buffered);
            crypto_hash_sha256_update(st, bytes, static_cast<unsigned long long>(n));
            bytes += n;
            size -= n;
        }
        if (const qint64 blocks = size / 64; blocks > 0) {
            compressShaNi(st->state, bytes, blocks);
            st->count += static_cast<std::uint64_t>(blocks) * 512;
            bytes += blocks * 64;
            size -= blocks * 64;
        }
    }
#endif
    if (size > 0)
        crypto_hash_sha256_update(st, bytes, static_cast<unsigned long long>(size));
}

} // namespace

void HashChain::update(const char *data, qint64 size)
{
    while (size > 0) {
        const qint64 toBoundary = CheckpointInterval - m_size % CheckpointInterval;
        const qint64 n = std::min(size, toBoundary);
        sha256Update(&m_state, data, n);
        m_size += n;
        data += n;
        size -= n;
        if (m_size % CheckpointInterval == 0) {
            // At a block boundary the state words are the whole chaining value; the partial-
            // block buffer is empty.
            ChainingValue value;
            std::memcpy(value.data(), m_state.state, sizeof m_state.state);
            m_checkpoints.push_back(value);
        }
    }
}

QByteArray HashChain::finish()
{
    QByteArray digest(crypto_hash_sha256_BYTES, Qt::Uninitialized);
    crypto_hash_sha256_final(&m_state, reinterpret_cast<unsigned char *>(digest.data()));
    return digest;
}

} // namespace majlis::bundle
