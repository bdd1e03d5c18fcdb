#pragma once

#include <QByteArray>

#include <optional>

#include "common/result.h"
#include "model/pack.h"

struct ZSTD_CCtx_s;

namespace majlis::store {

// Item bodies are stored as zstd frames. One compressor per thread: it keeps its zstd context
// between calls.
class BodyCompressor
{
public:
    // zstd's fastest regular level less one: on item lines of a few kilobytes it compresses as
    // well as level 1 (measured on the bench pack: 0.01% larger) in less time.
    static constexpr int kLevel = -1;
    BodyCompressor();
    ~BodyCompressor();
    Q_DISABLE_COPY_MOVE(BodyCompressor)

    QByteArray compress(const QByteArray &body);

private:
    ZSTD_CCtx_s *m_context;
};

// A stored body back as its item line: a zstd frame, or the qCompress blob of a store written
// before zstd. Nothing for a damaged body.
std::optional<QByteArray> decompressBody(const QByteArray &stored);

// A stored item row back as its Item: the body decompressed and parsed against its pack's header.
// A body that does not decompress is an Sql error naming the item and the pack.
Result<Item> decodeStoredItem(const QByteArray &stored, const PackHeader &header, const QString &itemId, qint64 line);

}  // namespace majlis::store
