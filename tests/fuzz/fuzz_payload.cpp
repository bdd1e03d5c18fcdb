// One event payload (docs/formats.md "Events"): the first byte picks the kind, the rest is the
// payload's JSON. No reader may crash or throw, whatever the version. Where the contract accepts a
// version-2 payload (payloadProblem says nothing), its reader succeeds and what it read writes out
// to a payload that is accepted again and reads back equal. A version-1 payload is read or
// refused, never half-read into something the analyses would miscount: a converted vote names
// two candidates and a known outcome.
#include "fuzzsupport.h"
#include "model/payloads.h"

using namespace majlis;
using nlohmann::json;

namespace {

template <typename T, typename Read>
void roundTrip(const QString &kind, const T &value, Read read)
{
    const json written = toJson(value);
    FUZZ_CHECK(payloadProblem(kind, written).isEmpty());
    auto back = read(written);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(*back == value);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const QString kinds[] = {EventKind::Vote, EventKind::Skip, EventKind::Undo, EventKind::Annotation,
                                    EventKind::DialectJudgment, EventKind::Adjudication};
    const QString &kind = kinds[data[0] % std::size(kinds)];
    const std::string_view text = fuzz::view(data + 1, size - 1);
    const json payload = json::parse(text.begin(), text.end(), nullptr, false);
    if (payload.is_discarded() || !payload.is_object())
        return 0;
    const QString problem = payloadProblem(kind, payload);
    const std::optional<int> version = payloadVersion(payload);
    const bool accepted2 = problem.isEmpty() && version == PayloadVersion;

    if (kind == EventKind::Vote) {
        auto v = votePayloadFromJson(payload);
        FUZZ_CHECK(!accepted2 || v.ok());
        if (v.ok() && version == PayloadVersion)
            roundTrip(kind, *v, votePayloadFromJson);
        if (v.ok() && version == 1)
            FUZZ_CHECK(!v->candidateA.model.isEmpty() && !v->candidateB.model.isEmpty());
        if (v.ok())
            (void)v->chosenSide(), (void)v->choice(), (void)v->winner();
    } else if (kind == EventKind::Skip) {
        auto s = skipPayloadFromJson(payload);
        FUZZ_CHECK(!accepted2 || s.ok());
        if (s.ok() && version == PayloadVersion)
            roundTrip(kind, *s, skipPayloadFromJson);
    } else if (kind == EventKind::Undo) {
        auto u = undoPayloadFromJson(payload);
        FUZZ_CHECK(!accepted2 || u.ok());
    } else if (kind == EventKind::Annotation) {
        auto a = annotationPayloadFromJson(payload);
        FUZZ_CHECK(!accepted2 || a.ok());
        if (a.ok() && version == PayloadVersion)
            std::visit([&](const auto &p) { roundTrip(kind, p, [](const json &j) {
                using T = std::decay_t<decltype(p)>;
                auto r = annotationPayloadFromJson(j);
                return r.ok() && std::holds_alternative<T>(*r) ? Result<T>(std::get<T>(*r))
                                                                : Result<T>(Error::validation(QStringLiteral("other")));
            }); }, *a);
    } else if (kind == EventKind::DialectJudgment) {
        auto d = dialectJudgmentPayloadFromJson(payload);
        FUZZ_CHECK(!accepted2 || d.ok());
        if (d.ok() && version == PayloadVersion)
            roundTrip(kind, *d, dialectJudgmentPayloadFromJson);
    } else {
        FUZZ_CHECK(problem.isEmpty() || !version); // adjudication: not defined yet, stored as it comes
    }
    return 0;
}
