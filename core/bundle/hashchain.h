#pragma once

#include <QByteArray>

#include <sodium.h>

#include <array>
#include <cstdint>
#include <vector>

namespace majlis::bundle {

// Incremental SHA-256 that remembers its chaining value at every CheckpointInterval bytes.
//
// Why: a verified bundle is read a second time to deliver its events, and the file may have
// changed in between. Replaying the hash over each block and comparing the chaining value with
// the one remembered by the verify pass proves a block is byte-identical to what was verified
// *before* any event in it is delivered. A chaining-value match at offset k means the first k
// bytes are the verified ones (else SHA-256 itself would have a collision), and remembering it
// costs a 32-byte copy per MiB, not a second hash.
class HashChain
{
public:
    static constexpr qint64 CheckpointInterval = 1 << 20;  // a multiple of SHA-256's 64-byte block
    using ChainingValue = std::array<std::uint32_t, 8>;

    HashChain() { crypto_hash_sha256_init(&m_state); }

    void update(const char *data, qint64 size);
    qint64 size() const { return m_size; }
    // Ends the chain; call once.
    QByteArray finish();

    // Chaining values at offsets CheckpointInterval, 2·CheckpointInterval, … (after update()).
    const std::vector<ChainingValue> &checkpoints() const { return m_checkpoints; }

private:
    crypto_hash_sha256_state m_state;
    qint64 m_size = 0;
    std::vector<ChainingValue> m_checkpoints;
};

} // namespace majlis::bundle
