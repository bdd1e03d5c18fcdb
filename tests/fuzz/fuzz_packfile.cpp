// A whole task pack through PackReader over a QBuffer. Differential: every item the streaming
// reader yields is what parseItem makes of its raw line. Round trip: the pack written back in
// canonical form reads back as the same header and items.
#include <QBuffer>

#include "fuzzsupport.h"
#include "pack/packreader.h"
#include "pack/packwriter.h"

using namespace majlis;

namespace {

struct ReadPack
{
    PackHeader header;
    QList<Item> items;
};

std::unique_ptr<QIODevice> bufferOf(const QByteArray &bytes)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(bytes);
    FUZZ_CHECK(buffer->open(QIODevice::ReadOnly));
    return buffer;
}

// Reads until the end or the first error; nullopt if the header does not open.
std::optional<ReadPack> readAll(const QByteArray &bytes, bool *completed)
{
    const QString name = QStringLiteral("fuzz.jsonl");
    auto reader = pack::PackReader::open(bufferOf(bytes), name);
    if (!reader.ok())
        return std::nullopt;
    ReadPack pack{(*reader)->header(), {}};
    const Result<PackHeader> header = pack::parseHeader((*reader)->headerLine(), name, 1);
    FUZZ_CHECK(header.ok());
    FUZZ_CHECK(*header == pack.header);
    qint64 lastLine = 1;
    *completed = false;
    for (;;) {
        auto next = (*reader)->next();
        if (!next.ok())
            break;
        if (!*next) {
            *completed = true;
            break;
        }
        const pack::ItemRecord &record = **next;
        FUZZ_CHECK(record.lineNumber > lastLine);
        FUZZ_CHECK(!record.rawLine.contains('\n'));
        lastLine = record.lineNumber;
        const Result<Item> item = pack::parseItem(record.rawLine, pack.header, name, record.lineNumber);
        FUZZ_CHECK(item.ok());
        FUZZ_CHECK(*item == record.item);
        pack.items.append(record.item);
    }
    FUZZ_CHECK((*reader)->bytesRead() <= bytes.size());
    return pack;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bool completed = false;
    const std::optional<ReadPack> pack = readAll(fuzz::bytes(data, size), &completed);
    if (!pack || !completed)
        return 0;

    QByteArray written = pack::canonicalLine(toJson(pack->header)) + '\n';
    for (const Item &item : pack->items)
        written += pack::canonicalLine(toJson(item)) + '\n';
    bool againCompleted = false;
    const std::optional<ReadPack> again = readAll(written, &againCompleted);
    FUZZ_CHECK(again && againCompleted);
    FUZZ_CHECK(again->header == pack->header);
    FUZZ_CHECK(again->items == pack->items);
    return 0;
}
