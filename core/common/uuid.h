#pragma once

#include <QString>

#include <cstdint>

namespace majlis {

// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids made later sort later,
// which keeps the event table's primary-key index append-mostly.
QString makeUuidV7();
QString makeUuidV7(std::uint64_t unixMillis);

bool isUuid(const QString &text);

} // namespace majlis
