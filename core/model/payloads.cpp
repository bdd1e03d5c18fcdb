#include "model/payloads.h"

#include "common/json.h"

#include <cmath>

namespace majlis {

using nlohmann::json;

std::optional<int> payloadVersion(const json &payload)
{
    const auto it = payload.find("version");
    if (it == payload.end())
        return 1;
    if (!it->is_number_integer()
        || (it->is_number_unsigned() ? it->get<std::uint64_t>() > 1000000u
                                     : it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > 1000000))
        return std::nullopt;
    return int(it->get<std::int64_t>());
}

QString toString(Letter letter)
{
    return letter == Letter::A ? QStringLiteral("a") : QStringLiteral("b");
}

QString toString(VoteOutcome outcome)
{
    switch (outcome) {
    case VoteOutcome::A: return QStringLiteral("a");
    case VoteOutcome::B: return QStringLiteral("b");
    case VoteOutcome::Tie: return QStringLiteral("tie");
    case VoteOutcome::BothBad: return QStringLiteral("both_bad");
    }
    return {};
}

std::optional<Choice> VotePayload::choice() const
{
    if (outcome == VoteOutcome::Tie)
        return Choice::Tie;
    if (outcome == VoteOutcome::BothBad)
        return Choice::BothBad;
    if (!shownFirst)
        return std::nullopt;
    const Letter won = outcome == VoteOutcome::A ? Letter::A : Letter::B;
    return won == *shownFirst ? Choice::First : Choice::Second;
}

std::optional<CandidateRef> VotePayload::winner() const
{
    if (outcome == VoteOutcome::A)
        return candidateA;
    if (outcome == VoteOutcome::B)
        return candidateB;
    return std::nullopt;
}

std::optional<Side> VotePayload::chosenSide() const
{
    const auto c = choice();
    if (!c || !firstSide || *c == Choice::Tie || *c == Choice::BothBad)
        return std::nullopt;
    const Side second = *firstSide == Side::Left ? Side::Right : Side::Left;
    return *c == Choice::First ? *firstSide : second;
}

std::optional<bool> VotePayload::swapped() const
{
    if (!shownFirst)
        return std::nullopt;
    return *shownFirst == Letter::B;
}

// ---- writers ----

namespace {

json versioned(json body)
{
    body["version"] = PayloadVersion;
    return body;
}

json candidateJson(const CandidateRef &c)
{
    return {{"candidate", c.candidate}, {"model", c.model}};
}

json maskingJson(const std::vector<MaskedName> &names)
{
    json list = json::array();
    for (const MaskedName &m : names)
        list.push_back({{"start", m.start}, {"length", m.length}, {"term", m.term}, {"text", m.original}});
    return list;
}

json invisibleJson(const text::InvisibleCounts &c)
{
    return {{"bidi_controls", c.bidiControls},
            {"zero_width", c.zeroWidth},
            {"byte_order_marks", c.byteOrderMarks},
            {"other_format", c.otherFormat}};
}

}  // namespace

json toJson(const VotePayload &p)
{
    json j{{"candidate_a", candidateJson(p.candidateA)},
           {"candidate_b", candidateJson(p.candidateB)},
           {"outcome", toString(p.outcome)},
           {"selection", toString(p.selection)}};
    if (p.shownFirst)
        j["shown_first"] = toString(*p.shownFirst);
    if (p.firstSide)
        j["first_side"] = toString(*p.firstSide);
    if (p.placement)
        j["placement"] = {{"position", p.placement->position}, {"seed", p.placement->seed}};
    if (p.imported)
        j["imported"] = {{"source", p.imported->source}, {"record", p.imported->record}};
    if (p.maskingA || p.maskingB) {
        json masking = json::object();
        if (p.maskingA)
            masking["a"] = maskingJson(*p.maskingA);
        if (p.maskingB)
            masking["b"] = maskingJson(*p.maskingB);
        j["masking"] = std::move(masking);
    }
    if (p.invisibleA || p.invisibleB) {
        json invisible = json::object();
        if (p.invisibleA)
            invisible["a"] = invisibleJson(*p.invisibleA);
        if (p.invisibleB)
            invisible["b"] = invisibleJson(*p.invisibleB);
        j["invisible_characters"] = std::move(invisible);
    }
    if (!p.uiLanguage.isEmpty())
        j["ui_language"] = p.uiLanguage;
    return versioned(std::move(j));
}

json toJson(const SkipPayload &p)
{
    json j{{"selection", toString(p.selection)}};
    if (p.position)
        j["position"] = *p.position;
    return versioned(std::move(j));
}

json toJson(const UndoPayload &)
{
    return versioned(json::object());
}

json toJson(const FailureMark &p)
{
    json j{{"candidate", p.candidate}, {"model", p.model},   {"category", p.category},
           {"severity", p.severity},   {"weight", p.weight}, {"comment", p.comment}};
    if (p.span)
        j["span"] = {{"start", p.span->start}, {"length", p.span->length}};
    else
        j["span"] = nullptr;
    j["quote"] = p.quote;
    return versioned(std::move(j));
}

json toJson(const MarkRemoval &p)
{
    return versioned({{"removed", true}, {"candidate", p.candidate}});
}

json toJson(const DialectJudgmentPayload &p)
{
    return versioned(
        {{"candidate", p.candidate}, {"model", p.model}, {"variety", p.variety}, {"matches_request", p.matchesRequest}});
}

QString payloadProblem(const QString &kind, const json &payload)
{
    if (!payload.is_object())
        return QStringLiteral("the payload must be an object");
    const auto version = payloadVersion(payload);
    if (!version)
        return QStringLiteral("payload field \"version\" must be an integer from 1 to 1000000");
    if (*version == 1 || *version > PayloadVersion)
        return {};
    auto problemOf = [](const auto &read) { return read ? QString() : read.error().message; };
    if (kind == EventKind::Vote)
        return problemOf(votePayloadFromJson(payload));
    if (kind == EventKind::Skip)
        return problemOf(skipPayloadFromJson(payload));
    if (kind == EventKind::Undo)
        return problemOf(undoPayloadFromJson(payload));
    if (kind == EventKind::Annotation)
        return problemOf(annotationPayloadFromJson(payload));
    if (kind == EventKind::DialectJudgment)
        return problemOf(dialectJudgmentPayloadFromJson(payload));
    return {};
}

}  // namespace majlis
