#include "store/bodycodec.h"

#include "pack/packparse.h"

#include <zstd.h>

#include <cstring>

namespace majlis::store {

namespace {

// Stores written before zstd hold qCompress blobs, which start with a big-endian length and
// never with zstd's magic number.
constexpr unsigned char kZstdMagic[4] = {0x28, 0xb5, 0x2f, 0xfd};

}  // namespace

BodyCompressor::BodyCompressor() : m_context(ZSTD_createCCtx()) {}

BodyCompressor::~BodyCompressor()
{
    ZSTD_freeCCtx(m_context);
}

QByteArray BodyCompressor::compress(const QByteArray &body)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(body.size()))), Qt::Uninitialized);
    const size_t n = ZSTD_compressCCtx(m_context, out.data(), size_t(out.size()), body.constData(), size_t(body.size()), kLevel);
    if (ZSTD_isError(n))
        return {};  // only for a bound that is too small, which ZSTD_compressBound rules out
    out.truncate(qsizetype(n));
    out.squeeze();
    return out;
}

std::optional<QByteArray> decompressBody(const QByteArray &stored)
{
    if (stored.size() < 4 || memcmp(stored.constData(), kZstdMagic, 4) != 0) {
        QByteArray body = qUncompress(stored);
        return body.isEmpty() ? std::nullopt : std::optional<QByteArray>(std::move(body));
    }
    const unsigned long long size = ZSTD_getFrameContentSize(stored.constData(), size_t(stored.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31))
        return std::nullopt;
    QByteArray body(qsizetype(size), Qt::Uninitialized);
    const size_t n = ZSTD_decompress(body.data(), size_t(body.size()), stored.constData(), size_t(stored.size()));
    if (ZSTD_isError(n) || n != size)
        return std::nullopt;
    return body;
}

Result<Item> decodeStoredItem(const QByteArray &stored, const PackHeader &header, const QString &itemId, qint64 line)
{
    const auto body = decompressBody(stored);
    if (!body)
        return Error::sql(QStringLiteral("stored item \"%1\" of pack \"%2\" is damaged (cannot decompress)")
                              .arg(itemId, header.id));
    return pack::parseItem(*body, header, QStringLiteral("stored pack %1").arg(header.id), line);
}

}  // namespace majlis::store
