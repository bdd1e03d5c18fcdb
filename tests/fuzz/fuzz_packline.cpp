// One line of a task pack: the fast JSON path against nlohmann, the line reader, and the header
// and item parsers with a write → read round trip (canonical line in, the same value out).
#include <QFile>

#include "fuzzsupport.h"
#include "pack/fastjson.h"
#include "pack/jsonline.h"
#include "pack/packparse.h"
#include "pack/packwriter.h"

using namespace majlis;

namespace {

// The header items are checked against: the one of the fixture pack the seeds come from, so
// mutated items mostly reach the checks of their content.
const PackHeader &fixtureHeader()
{
    static const PackHeader header = [] {
        QFile file(QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/dialects.jsonl"));
        FUZZ_CHECK(file.open(QIODevice::ReadOnly));
        auto parsed = pack::parseHeader(file.readLine().trimmed(), QStringLiteral("dialects.jsonl"), 1);
        FUZZ_CHECK(parsed.ok());
        return *parsed;
    }();
    return header;
}

void checkFastAgainstNlohmann(const char *begin, const char *end)
{
    const std::optional<nlohmann::json> fast = pack::parseJsonFast(begin, end);
    if (!fast)
        return;  // declining is always allowed
    const nlohmann::json reference = nlohmann::json::parse(begin, end, nullptr, false);
    FUZZ_CHECK(!reference.is_discarded());
    FUZZ_CHECK(*fast == reference);
    // == takes 1 and 1.0 for equal; the dump does not.
    FUZZ_CHECK(fast->dump() == reference.dump());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray line = fuzz::bytes(data, size);
    checkFastAgainstNlohmann(line.constData(), line.constData() + line.size());

    const QString file = QStringLiteral("fuzz.jsonl");
    const Result<nlohmann::json> json = pack::parseJsonLine(line, pack::LineRef{file, 1});
    const nlohmann::json reference = nlohmann::json::parse(line.cbegin(), line.cend(), nullptr, false);
    FUZZ_CHECK(json.ok() == !reference.is_discarded());
    if (!json.ok())
        return 0;
    FUZZ_CHECK(json->dump() == reference.dump());

    if (const Result<PackHeader> header = pack::parseHeader(line, file, 1); header.ok()) {
        const QByteArray written = pack::canonicalLine(toJson(*header));
        const Result<PackHeader> again = pack::parseHeader(written, file, 1);
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(*again == *header);
        FUZZ_CHECK(pack::canonicalLine(toJson(*again)) == written);
    }
    if (const Result<Item> item = pack::parseItem(line, fixtureHeader(), file, 2); item.ok()) {
        const QByteArray written = pack::canonicalLine(toJson(*item));
        const Result<Item> again = pack::parseItem(written, fixtureHeader(), file, 2);
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(*again == *item);
        FUZZ_CHECK(pack::canonicalLine(toJson(*again)) == written);
    }
    return 0;
}
