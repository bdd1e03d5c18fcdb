// The reader of payload version 1 (no "version"): what the analyses and the session read before
// the contract of docs/formats.md, converted to today's types. Never written.
#include "model/payloadversion1.h"

#include "common/json.h"

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
    if (it == object.end() || !it->is_number_integer() || it->get<qint64>() < 0 || it->get<qint64>() > MaxCandidate)
        return std::nullopt;
    return int(it->get<qint64>());
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
    const auto index = it->find("candidate");
    const auto model = v1String(*it, "model");
    if (index == it->end() || !index->is_number_integer() || !model || model->isEmpty())
        return std::nullopt;
    return CandidateRef{index->get<int>(), *model};
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
    if (!v.shownFirst && p.contains("placement") && p["placement"].is_object() && p["placement"].contains("swapped")
        && p["placement"]["swapped"].is_boolean())
        v.shownFirst = p["placement"]["swapped"].get<bool>() ? Letter::B : Letter::A;
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
                for (const json &s : *spans)
                    if (s.is_object())
                        names.push_back({s.value("start", qsizetype(0)), s.value("length", qsizetype(0)),
                                         v1String(s, "term").value_or(QString()), v1String(s, "text").value_or(QString())});
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
    if (p.value("removed", false))
        return AnnotationPayload(MarkRemoval{candidate});
    FailureMark m;
    m.candidate = candidate;
    m.model = v1String(p, "model").value_or(QString());
    m.category = v1String(p, "category").value_or(QString());
    if (m.model.isEmpty() || m.category.isEmpty())
        return Error::validation(QStringLiteral("not a failure mark on one model's answer (no model or category)"));
    if (auto s = v1String(p, "severity"))
        m.severity = *s;
    else if (p.contains("severity") && p["severity"].is_number())
        m.severity = QString::number(p["severity"].get<double>());
    if (p.contains("weight") && p["weight"].is_number())
        m.weight = p["weight"].get<double>();
    m.comment = v1String(p, "comment").value_or(QString());
    if (const auto span = p.find("span"); span != p.end() && span->is_object())
        m.span = text::CodePointSpan{span->value("start", qsizetype(0)), span->value("length", qsizetype(0))};
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
        p.contains("matches_request") && p["matches_request"].is_boolean() && p["matches_request"].get<bool>()};
}

}  // namespace majlis::payload_v1
