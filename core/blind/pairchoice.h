#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace majlis::blind {

// The pairs of candidates an item is judged on: every pair (a, b), a < b, of `candidates`, or —
// with 0 < budget < that count — a sample of `budget` of them, the same on every workstation,
// compiler and standard library, since it is seeded by the pack and item ids and every step is
// written out here rather than left to std::shuffle (whose algorithm the standard leaves open):
//
//  1. List the pairs in order: (0,1), (0,2), …, (0,n-1), (1,2), … — P pairs, indices 0…P-1.
//  2. Seed: SHA-256 of UTF-8(packId) + one 0 byte + UTF-8(itemId); its 32 bytes, each as an
//     unsigned value 0–255, in order, go into std::seed_seq, which seeds std::mt19937_64 (both are
//     specified exactly by the standard).
//  3. Fisher–Yates: for i from P-1 down to 1, draw j uniform in [0, i] and swap pairs i and j.
//     A draw takes r = rng() (64 bits) until r < 2^64 - (2^64 mod (i+1)), then j = r mod (i+1):
//     rejection, so no index is favoured by the modulo.
//  4. Keep the first `budget` pairs and sort them back into the order of step 1.
QList<std::pair<int, int>> choosePairs(const QString &packId, const QString &itemId, int candidates, int budget);

}  // namespace majlis::blind
