#include "bundle/hashchain.h"

#include <algorithm>
#include <cstring>

namespace majlis::bundle {

static_assert(HashChain::CheckpointInterval % 64 == 0, "checkpoints must fall on SHA-256 block boundaries");
static_assert(sizeof(crypto_hash_sha256_state::state) == sizeof(HashChain::ChainingValue));

void HashChain::update(const char *data, qint64 size)
{
    while (size > 0) {
        const qint64 toBoundary = CheckpointInterval - m_size % CheckpointInterval;
        const qint64 n = std::min(size, toBoundary);
        crypto_hash_sha256_update(&m_state, reinterpret_cast<const unsigned char *>(data),
                                  static_cast<unsigned long long>(n));
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
