// The readers of model/payloads.h: version 2 strictly, naming the field; version 1 through
// payloadversion1.cpp.
#include "model/payloads.h"

#include "common/json.h"
#include "model/payloadversion1.h"

#include <cmath>

namespace majlis {

using nlohmann::json;

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

// A vote's selection: also "imported", a judgment another evaluation made (model/event.h).
Selection readVoteSelection(const Fields &f)
{
    static constexpr Selection selections[] = {Selection::ScheduledRandom, Selection::PickedByHand, Selection::Imported};
    return selections[f.oneOf("selection", {"scheduled_random", "picked_by_hand", "imported"})];
}

// The source names `majlisctl votes import --from` takes.
constexpr std::initializer_list<const char *> kImportSources = {"arena", "pandalm", "mt-bench-human", "long"};

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
    v.outcome = VoteOutcome(f.oneOf("outcome", {"a", "b", "tie", "both_bad"}));
    v.selection = readVoteSelection(f);
    // A vote cast in Majlis always records its order and side; an imported judgment only where
    // its source does (PandaLM's fixed order has no side).
    const bool imported = f.ok() && v.selection == Selection::Imported;
    if (!imported || f.has("shown_first"))
        v.shownFirst = f.oneOf("shown_first", {"a", "b"}) == 0 ? Letter::A : Letter::B;
    if (!imported || f.has("first_side"))
        v.firstSide = f.oneOf("first_side", {"left", "right"}) == 0 ? Side::Left : Side::Right;
    if (imported) {
        const Fields i = f.object("imported");
        const int source = i.oneOf("source", kImportSources);
        v.imported = ImportedFrom{QString::fromLatin1(std::data(kImportSources)[source]),
                                  i.string("record", true, MaxEventNameLength)};
    } else if (f.ok() && f.has("imported")) {
        f.fail(QStringLiteral("payload field \"imported\" is only for a vote whose selection is \"imported\""));
    }
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
    return readVersioned<VotePayload>(payload, payload_v1::readVote1, readVote2);
}

Result<SkipPayload> skipPayloadFromJson(const json &payload)
{
    return readVersioned<SkipPayload>(payload, payload_v1::readSkip1, [](const json &p) {
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
    return readVersioned<AnnotationPayload>(payload, payload_v1::readAnnotation1, [](const json &p) {
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
    return readVersioned<DialectJudgmentPayload>(payload, payload_v1::readDialectJudgment1, [](const json &p) {
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

}  // namespace majlis
