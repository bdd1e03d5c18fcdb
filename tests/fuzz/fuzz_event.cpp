// One event in its wire form. Differential: whenever the quick reader answers, the full parser
// (nlohmann, then eventFromJson) accepts the same text and yields an equal event; whenever
// quickEventCheck says yes, the full parser accepts. (The two quick readers may decline
// differently: quickEventCheck takes a payload with a repeated key that quickEventFromJson
// declines — corpus/fuzz_event/regression-check-repeated-payload-key.) Round trip: the full
// parser reads toJson(event) back unchanged.
#include "fuzzsupport.h"
#include "model/eventquickread.h"

using namespace majlis;

namespace {

std::optional<Event> fullParse(std::string_view text)
{
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded())
        return std::nullopt;
    Result<Event> e = eventFromJson(j);
    if (!e.ok())
        return std::nullopt;
    return std::move(*e);
}

// Event's == compares payloads with nlohmann's ==, which takes 1 and 1.0 for equal.
bool same(const Event &a, const Event &b)
{
    return a == b && toJson(a).dump() == toJson(b).dump();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text = fuzz::view(data, size);
    const std::optional<Event> quick = quickEventFromJson(text);
    const std::optional<Event> full = fullParse(text);
    if (quickEventCheck(text))
        FUZZ_CHECK(full.has_value());
    if (quick) {
        FUZZ_CHECK(full.has_value());
        FUZZ_CHECK(same(*quick, *full));
    }
    if (!full)
        return 0;
    const std::string written = toJson(*full).dump();
    const std::optional<Event> back = fullParse(written);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(same(*back, *full));
    if (const std::optional<Event> quickBack = quickEventFromJson(written))
        FUZZ_CHECK(same(*quickBack, *full));
    return 0;
}
