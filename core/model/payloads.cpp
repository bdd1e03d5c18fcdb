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

// ---- the strict reader of version 2 ----

namespace {

// Reads fields of one JSON object, remembering the first problem with the path of the field
// ("placement.position"), so a reader goes on and reports once.
class Fields
{
public:
    Fields(const json &object, QString path, QString *problem) : m_object(object), m_path(std::move(path)), m_problem(problem)
    {
        if (!object.is_object())
            fail(m_path.isEmpty() ? QStringLiteral("the payload must be an object")
                                  : QStringLiteral("payload field \"%1\" must be an object, got %2")
                                        .arg(m_path, QLatin1String(object.type_name())));
    }

    bool ok() const { return m_problem->isEmpty(); }
    bool has(const char *key) const { return m_object.is_object() && m_object.contains(key) && !m_object[key].is_null(); }
    QString path(const char *key) const
    {
        return m_path.isEmpty() ? QString::fromLatin1(key) : QString(m_path + u'.' + QLatin1String(key));
    }
    Fields object(const char *key) const { return Fields(get(key, "an object"), path(key), m_problem); }
    Fields element(const json &array, size_t i, const char *key) const
    {
        return Fields(array[i], QStringLiteral("%1[%2]").arg(path(key)).arg(i), m_problem);
    }
    const json &get(const char *key, const char *expected) const
    {
        static const json missing;
        if (!ok() || !m_object.is_object())
            return missing;
        const auto it = m_object.find(key);
        if (it == m_object.end() || it->is_null()) {
            fail(QStringLiteral("payload field \"%1\" is missing (%2)").arg(path(key), QLatin1String(expected)));
            return missing;
        }
        return *it;
    }

    qint64 integer(const char *key, qint64 min, qint64 max) const
    {
        const json &v = get(key, "an integer");
        if (!ok())
            return min;
        if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(max))
            || v.get<qint64>() < min || v.get<qint64>() > max) {
            fail(QStringLiteral("payload field \"%1\" must be an integer from %2 to %3").arg(path(key)).arg(min).arg(max));
            return min;
        }
        return v.get<qint64>();
    }

    QString string(const char *key, bool nonEmpty, qsizetype maxLength = MaxTextLength) const
    {
        const json &v = get(key, "a string");
        if (!ok())
            return {};
        if (!v.is_string()) {
            fail(QStringLiteral("payload field \"%1\" must be a string, got %2").arg(path(key), QLatin1String(v.type_name())));
            return {};
        }
        QString s = toQString(v.get_ref<const std::string &>());
        if (nonEmpty && s.isEmpty())
            fail(QStringLiteral("payload field \"%1\" is empty").arg(path(key)));
        else if (s.size() > maxLength)
            fail(QStringLiteral("payload field \"%1\" is longer than %2 characters").arg(path(key)).arg(maxLength));
        return s;
    }

    // One of `names` (strings on the wire); the index of the one found.
    int oneOf(const char *key, std::initializer_list<const char *> names) const
    {
        const QString s = string(key, false);
        if (!ok())
            return 0;
        int i = 0;
        QStringList all;
        for (const char *n : names) {
            if (s == QLatin1String(n))
                return i;
            all << QLatin1String(n);
            ++i;
        }
        fail(QStringLiteral("payload field \"%1\" is \"%2\", not one of %3").arg(path(key), s.left(40), all.join(u", ")));
        return 0;
    }

    bool boolean(const char *key) const
    {
        const json &v = get(key, "true or false");
        if (ok() && !v.is_boolean())
            fail(QStringLiteral("payload field \"%1\" must be true or false").arg(path(key)));
        return ok() && v.get<bool>();
    }

    double number(const char *key, double min, double max) const
    {
        const json &v = get(key, "a number");
        if (!ok())
            return min;
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < min || v.get<double>() > max) {
            fail(QStringLiteral("payload field \"%1\" must be a number from %2 to %3").arg(path(key)).arg(min).arg(max));
            return min;
        }
        return v.get<double>();
    }

    const json &array(const char *key) const
    {
        const json &v = get(key, "an array");
        if (ok() && !v.is_array())
            fail(QStringLiteral("payload field \"%1\" must be an array, got %2").arg(path(key), QLatin1String(v.type_name())));
        return v;
    }

    void fail(const QString &why) const
    {
        if (m_problem->isEmpty())
            *m_problem = why;
    }

    // Names, terms, comments and quotes: bounded so that one event cannot carry a book.
    static constexpr qsizetype MaxTextLength = 100000;

private:
    const json &m_object;
    QString m_path;
    QString *m_problem;
};

constexpr qint64 MaxCandidate = 1000;
constexpr qint64 MaxOffset = qint64(1) << 40;

CandidateRef readCandidate(const Fields &f)
{
    return CandidateRef{int(f.integer("candidate", 0, MaxCandidate)), f.string("model", true, MaxEventNameLength)};
}

std::vector<MaskedName> readMasking(const Fields &parent, const char *key)
{
    std::vector<MaskedName> out;
    const json &list = parent.array(key);
    for (size_t i = 0; parent.ok() && i < list.size(); ++i) {
        const Fields m = parent.element(list, i, key);
        MaskedName name;
        name.start = m.integer("start", 0, MaxOffset);
        name.length = m.integer("length", 1, MaxOffset);
        name.term = m.string("term", true);
        name.original = m.string("text", true);
        out.push_back(std::move(name));
    }
    return out;
}

text::InvisibleCounts readInvisible(const Fields &f)
{
    constexpr qint64 max = 1 << 30;
    text::InvisibleCounts c;
    c.bidiControls = int(f.integer("bidi_controls", 0, max));
    c.zeroWidth = int(f.integer("zero_width", 0, max));
    c.byteOrderMarks = int(f.integer("byte_order_marks", 0, max));
    c.otherFormat = int(f.integer("other_format", 0, max));
    return c;
}

Selection readSelection(const Fields &f)
{
    return f.oneOf("selection", {"scheduled_random", "picked_by_hand"}) == 1 ? Selection::PickedByHand
                                                                             : Selection::ScheduledRandom;
}

bool isHexSeed(const QString &s)
{
    if (s.isEmpty() || s.size() > 16)
        return false;
    for (QChar c : s)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

Result<VotePayload> readVote2(const json &payload)
{
    QString problem;
    const Fields f(payload, {}, &problem);
    VotePayload v;
    v.candidateA = readCandidate(f.object("candidate_a"));
    v.candidateB = readCandidate(f.object("candidate_b"));
    v.shownFirst = f.oneOf("shown_first", {"a", "b"}) == 0 ? Letter::A : Letter::B;
    v.firstSide = f.oneOf("first_side", {"left", "right"}) == 0 ? Side::Left : Side::Right;
    v.outcome = VoteOutcome(f.oneOf("outcome", {"a", "b", "tie", "both_bad"}));
    v.selection = readSelection(f);
    if (f.has("placement")) {
        const Fields p = f.object("placement");
        Placement placement{p.integer("position", 0, MaxSeq), p.string("seed", true, 16)};
        if (p.ok() && !isHexSeed(placement.seed))
            p.fail(QStringLiteral("payload field \"placement.seed\" must be 1 to 16 lowercase hexadecimal digits"));
        v.placement = placement;
    }
    if (f.has("masking")) {
        const Fields m = f.object("masking");
        if (m.has("a"))
            v.maskingA = readMasking(m, "a");
        if (m.has("b"))
            v.maskingB = readMasking(m, "b");
    }
    if (f.has("invisible_characters")) {
        const Fields m = f.object("invisible_characters");
        if (m.has("a"))
            v.invisibleA = readInvisible(m.object("a"));
        if (m.has("b"))
            v.invisibleB = readInvisible(m.object("b"));
    }
    if (f.has("ui_language"))
        v.uiLanguage = f.string("ui_language", true, 35);
    if (f.ok() && v.candidateA.candidate == v.candidateB.candidate)
        f.fail(QStringLiteral("payload fields \"candidate_a.candidate\" and \"candidate_b.candidate\" are both %1")
                   .arg(v.candidateA.candidate));
    if (f.ok() && v.candidateA.model == v.candidateB.model)
        f.fail(QStringLiteral("payload fields \"candidate_a.model\" and \"candidate_b.model\" are both \"%1\"")
                   .arg(v.candidateA.model));
    if (!problem.isEmpty())
        return Error::validation(problem);
    return v;
}

FailureMark readMark2(const Fields &f)
{
    FailureMark m;
    m.candidate = int(f.integer("candidate", 0, MaxCandidate));
    m.model = f.string("model", true, MaxEventNameLength);
    m.category = f.string("category", true, MaxEventNameLength);
    m.severity = f.string("severity", true, MaxEventNameLength);
    m.weight = f.number("weight", 0, 1e6);
    m.comment = f.string("comment", false);
    if (f.has("span")) {
        const Fields s = f.object("span");
        m.span = text::CodePointSpan{s.integer("start", 0, MaxOffset), s.integer("length", 1, MaxOffset)};
        m.quote = f.string("quote", true);
    } else if (f.has("quote") && !f.string("quote", false).isEmpty()) {
        f.fail(QStringLiteral("payload field \"quote\" must be empty when \"span\" is null (a flag on the whole answer)"));
    }
    return m;
}

// ---- the reader of version 1: what the analyses and the session always read ----

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

Error newerVersion(int version)
{
    return Error::validation(
        QStringLiteral("payload version %1 is newer than this reader (%2)").arg(version).arg(PayloadVersion));
}

template <typename T, typename Read1, typename Read2>
Result<T> readVersioned(const json &payload, Read1 read1, Read2 read2)
{
    if (!payload.is_object())
        return Error::validation(QStringLiteral("the payload must be an object"));
    const auto version = payloadVersion(payload);
    if (!version)
        return Error::validation(QStringLiteral("payload field \"version\" must be an integer from 1"));
    if (*version == 1)
        return read1(payload);
    if (*version > PayloadVersion)
        return newerVersion(*version);
    return read2(payload);
}

template <typename T, typename Read>
Result<T> strict(const json &payload, Read read)
{
    QString problem;
    const Fields f(payload, {}, &problem);
    T value = read(f);
    if (!problem.isEmpty())
        return Error::validation(problem);
    return value;
}

}  // namespace

Result<VotePayload> votePayloadFromJson(const json &payload)
{
    return readVersioned<VotePayload>(payload, readVote1, readVote2);
}

Result<SkipPayload> skipPayloadFromJson(const json &payload)
{
    return readVersioned<SkipPayload>(
        payload,
        [](const json &p) -> Result<SkipPayload> {
            SkipPayload s{v1Selection(p), std::nullopt};
            if (const auto it = p.find("position"); it != p.end() && it->is_number_integer() && it->get<qint64>() >= 0)
                s.position = it->get<qint64>();
            return s;
        },
        [](const json &p) {
            return strict<SkipPayload>(p, [](const Fields &f) {
                SkipPayload s{readSelection(f), std::nullopt};
                if (f.has("position"))
                    s.position = f.integer("position", 0, MaxSeq);
                return s;
            });
        });
}

Result<UndoPayload> undoPayloadFromJson(const json &payload)
{
    return readVersioned<UndoPayload>(
        payload, [](const json &) -> Result<UndoPayload> { return UndoPayload{}; },
        [](const json &p) { return strict<UndoPayload>(p, [](const Fields &) { return UndoPayload{}; }); });
}

Result<AnnotationPayload> annotationPayloadFromJson(const json &payload)
{
    return readVersioned<AnnotationPayload>(
        payload,
        [](const json &p) -> Result<AnnotationPayload> {
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
        },
        [](const json &p) {
            return strict<AnnotationPayload>(p, [](const Fields &f) -> AnnotationPayload {
                if (f.has("removed")) {
                    if (!f.boolean("removed"))
                        f.fail(QStringLiteral("payload field \"removed\" must be true when present"));
                    return MarkRemoval{int(f.integer("candidate", 0, MaxCandidate))};
                }
                return readMark2(f);
            });
        });
}

Result<DialectJudgmentPayload> dialectJudgmentPayloadFromJson(const json &payload)
{
    return readVersioned<DialectJudgmentPayload>(
        payload,
        [](const json &p) -> Result<DialectJudgmentPayload> {
            const auto candidate = v1Int(p, "candidate");
            if (!candidate)
                return Error::validation(QStringLiteral("no candidate"));
            return DialectJudgmentPayload{
                *candidate, v1String(p, "model").value_or(QString()), v1String(p, "variety").value_or(QString()),
                p.contains("matches_request") && p["matches_request"].is_boolean() && p["matches_request"].get<bool>()};
        },
        [](const json &p) {
            return strict<DialectJudgmentPayload>(p, [](const Fields &f) {
                DialectJudgmentPayload d;
                d.candidate = int(f.integer("candidate", 0, MaxCandidate));
                d.model = f.string("model", true, MaxEventNameLength);
                d.variety = f.string("variety", true, MaxEventNameLength);
                d.matchesRequest = f.boolean("matches_request");
                return d;
            });
        });
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
