// The reader of payload version 1 (no "version"): what the analyses and the session read before
// the contract of docs/formats.md, converted to today's types. Never written.
#include "model/payloadversion1.h"

#include "common/json.h"

#include <cmath>
#include <cstdint>

namespace majlis::payload_v1 {

using nlohmann::json;

namespace {

constexpr qint64 MaxCandidate = 1000;

std::optional<QString> v1String(const json &object, const char *key)
{
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return std::nullopt;
    return toQString(it->get<std::string>());
}

std::optional<int> v1Int(const json &object, const char *key)
{
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()
        || (it->is_number_unsigned() && it->get<std::uint64_t>() > std::uint64_t(MaxCandidate))
        || it->get<qint64>() < 0 || it->get<qint64>() > MaxCandidate)
        return std::nullopt;
    return int(it->get<qint64>());
}

// True only for a JSON true: a field of another type reads as absent, never throws.
bool v1True(const json &object, const char *key)
{
    if (!object.is_object())
        return false;
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

// A span's start or length: absent reads as 0; anything but an integer in [0, 2^40] refuses the
// payload (version 1 always wrote small integers, so anything else was not written by Majlis).
constexpr qint64 MaxOffset = qint64(1) << 40;
std::optional<qsizetype> v1Offset(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end())
        return qsizetype(0);
    if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<std::uint64_t>() > std::uint64_t(MaxOffset))
        || it->get<qint64>() < 0 || it->get<qint64>() > MaxOffset)
        return std::nullopt;
    return qsizetype(it->get<qint64>());
}

std::optional<Side> v1Side(const json &payload, const char *key)
{
    const auto text = v1String(payload, key);
    if (text == QLatin1String("left"))
        return Side::Left;
    if (text == QLatin1String("right"))
        return Side::Right;
    return std::nullopt;
}

std::optional<CandidateRef> v1Candidate(const json &payload, const char *key)
{
    const auto it = payload.find(key);
    if (it == payload.end() || !it->is_object())
        return std::nullopt;
    const auto model = v1String(*it, "model");
    const auto candidate = v1Int(*it, "candidate");
    if (!candidate || !model || model->isEmpty())
        return std::nullopt;
    return CandidateRef{*candidate, *model};
}

Selection v1Selection(const json &payload)
{
    return v1String(payload, "selection") == QLatin1String("picked_by_hand") ? Selection::PickedByHand
                                                                             : Selection::ScheduledRandom;
}

}  // namespace

Result<VotePayload> readVote1(const json &p)
{
    const auto a = v1Candidate(p, "candidate_a");
    const auto b = v1Candidate(p, "candidate_b");
    if (!a || !b)
        return Error::validation(QStringLiteral("no candidate_a/candidate_b with a model"));
    const auto outcome = v1String(p, "outcome");
    VotePayload v;
    v.candidateA = *a;
    v.candidateB = *b;
    bool known = false;
    for (VoteOutcome o : {VoteOutcome::A, VoteOutcome::B, VoteOutcome::Tie, VoteOutcome::BothBad})
        if (outcome == toString(o)) {
            v.outcome = o;
            known = true;
        }
    if (!known)
        return Error::validation(QStringLiteral("field \"outcome\" is not a, b, tie or both_bad"));
    v.selection = v1Selection(p);
    v.firstSide = v1Side(p, "first_side");
    auto letterOf = [&](int candidate) -> std::optional<Letter> {
        if (candidate == a->candidate)
            return Letter::A;
        if (candidate == b->candidate)
            return Letter::B;
        return std::nullopt;
    };
    // Which candidate was "A": named by "first", else by the placement, else by where the winner was.
    if (const auto first = v1Candidate(p, "first"))
        v.shownFirst = letterOf(first->candidate);
    if (const auto placement = p.find("placement"); !v.shownFirst && placement != p.end() && placement->is_object()
        && placement->contains("swapped") && placement->at("swapped").is_boolean())
        v.shownFirst = v1True(*placement, "swapped") ? Letter::B : Letter::A;
    if (const auto chosen = v1Side(p, "chosen_side");
        !v.shownFirst && chosen && v.firstSide && (v.outcome == VoteOutcome::A || v.outcome == VoteOutcome::B)) {
        const Letter won = v.outcome == VoteOutcome::A ? Letter::A : Letter::B;
        v.shownFirst = *chosen == *v.firstSide ? won : other(won);
    }
    if (const auto it = p.find("placement"); it != p.end() && it->is_object()) {
        const auto position = it->find("position");
        if (position != it->end() && position->is_number_integer() && position->get<qint64>() >= 0)
            v.placement = Placement{position->get<qint64>(), v1String(*it, "seed").value_or(QString())};
    }
    if (const auto masking = p.find("masking"); masking != p.end() && masking->is_array()) {
        for (const json &m : *masking) {
            const auto letter = v1Int(m, "candidate") ? letterOf(*v1Int(m, "candidate")) : std::nullopt;
            if (!letter)
                continue;
            std::vector<MaskedName> names;
            if (const auto spans = m.find("spans"); spans != m.end() && spans->is_array())
                for (const json &s : *spans) {
                    if (!s.is_object())
                        continue;
                    const auto start = v1Offset(s, "start"), length = v1Offset(s, "length");
                    if (!start || !length)
                        return Error::validation(QStringLiteral("field \"masking\": a span's start or length is not a "
                                                                "non-negative integer"));
                    names.push_back({*start, *length, v1String(s, "term").value_or(QString()),
                                     v1String(s, "text").value_or(QString())});
                }
            (*letter == Letter::A ? v.maskingA : v.maskingB) = std::move(names);
        }
    }
    if (const auto invisible = p.find("invisible_characters"); invisible != p.end() && invisible->is_object()) {
        for (const char *answer : {"first", "second"}) {
            const auto it = invisible->find(answer);
            if (it == invisible->end() || !it->is_object())
                continue;
            const auto letter = v1Int(*it, "candidate") ? letterOf(*v1Int(*it, "candidate")) : std::nullopt;
            if (!letter)
                continue;
            const text::InvisibleCounts c{v1Int(*it, "bidi_controls").value_or(0), v1Int(*it, "zero_width").value_or(0),
                                          v1Int(*it, "byte_order_marks").value_or(0), v1Int(*it, "other_format").value_or(0)};
            (*letter == Letter::A ? v.invisibleA : v.invisibleB) = c;
        }
    }
    v.uiLanguage = v1String(p, "ui_language").value_or(QString());
    return v;
}

Result<SkipPayload> readSkip1(const json &p)
{
    SkipPayload s{v1Selection(p), std::nullopt};
    if (const auto it = p.find("position"); it != p.end() && it->is_number_integer() && it->get<qint64>() >= 0)
        s.position = it->get<qint64>();
    return s;
}

Result<AnnotationPayload> readAnnotation1(const json &p)
{
    const int candidate = v1Int(p, "candidate").value_or(-1);
    if (v1True(p, "removed"))
        return AnnotationPayload(MarkRemoval{candidate});
    FailureMark m;
    m.candidate = candidate;
    m.model = v1String(p, "model").value_or(QString());
    m.category = v1String(p, "category").value_or(QString());
    if (m.model.isEmpty() || m.category.isEmpty())
        return Error::validation(QStringLiteral("not a failure mark on one model's answer (no model or category)"));
    if (auto s = v1String(p, "severity"))
        m.severity = *s;
    else if (const auto sev = p.find("severity"); sev != p.end() && sev->is_number())
        m.severity = QString::number(sev->get<double>());
    if (const auto w = p.find("weight"); w != p.end() && w->is_number() && std::isfinite(w->get<double>()))
        m.weight = w->get<double>();
    m.comment = v1String(p, "comment").value_or(QString());
    if (const auto span = p.find("span"); span != p.end() && span->is_object()) {
        const auto start = v1Offset(*span, "start"), length = v1Offset(*span, "length");
        if (!start || !length)
            return Error::validation(QStringLiteral("field \"span\": start or length is not a non-negative integer"));
        m.span = text::CodePointSpan{*start, *length};
    }
    m.quote = v1String(p, "quote").value_or(QString());
    return AnnotationPayload(std::move(m));
}

Result<DialectJudgmentPayload> readDialectJudgment1(const json &p)
{
    const auto candidate = v1Int(p, "candidate");
    if (!candidate)
        return Error::validation(QStringLiteral("no candidate"));
    return DialectJudgmentPayload{
        *candidate, v1String(p, "model").value_or(QString()), v1String(p, "variety").value_or(QString()),
        v1True(p, "matches_request")};
}

}  // namespace majlis::payload_v1
