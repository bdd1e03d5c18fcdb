// VotingSession: failure marks and dialect judgments on the pair on screen.
#include "session/votingsession.h"

#include "text/offsets.h"

namespace majlis::session {

void VotingSession::foldMark(const Event &e)
{
    // A superseding event replaces the one it names (edit) or takes it away (removal).
    if (!e.supersedes.isEmpty())
        m_marks[e.comparisonId].removeIf([&](const LiveMark &m) { return m.eventId == e.supersedes; });
    if (e.kind == EventKind::DialectJudgment) {
        if (auto judgment = dialectJudgmentPayloadFromJson(e.payload))
            m_dialects[e.comparisonId][judgment->candidate] = {e.id, *judgment};
        return;
    }
    auto annotation = annotationPayloadFromJson(e.payload);
    if (!annotation)
        return;
    if (const auto *mark = std::get_if<FailureMark>(&*annotation); mark && mark->candidate >= 0)
        m_marks[e.comparisonId].append({e.id, *mark});
}

int VotingSession::candidateOf(AnswerSlot slot) const
{
    return slot == AnswerSlot::First ? m_current->firstCandidate : m_current->secondCandidate;
}

const QList<blind::MaskedSpan> &VotingSession::masksOf(AnswerSlot slot) const
{
    return slot == AnswerSlot::First ? m_current->firstMasks : m_current->secondMasks;
}

QList<ShownMark> VotingSession::failures() const
{
    QList<ShownMark> out;
    if (!m_current)
        return out;
    for (const LiveMark &m : m_marks.value(m_current->ref.id)) {
        const AnswerSlot slot = m.mark.candidate == m_current->firstCandidate ? AnswerSlot::First : AnswerSlot::Second;
        ShownMark shown{m.eventId, slot, std::nullopt, m.mark};
        if (m.mark.span) {
            const blind::MaskMap map(masksOf(slot));
            const qsizetype start = map.toShown(m.mark.span->start, false);
            const qsizetype end = map.toShown(m.mark.span->start + m.mark.span->length, true);
            shown.shownSpan = text::CodePointSpan{start, end - start};
        }
        out.append(shown);
    }
    return out;
}

Status VotingSession::checkMark(const QString &category, const QString &severity) const
{
    if (!m_current || !m_current->pair)
        return Error::internal(QStringLiteral("there is no pair on screen to annotate"));
    if (!m_taxonomy.category(category))
        return Error::validation(QStringLiteral("unknown failure category \"%1\"").arg(category));
    if (!m_taxonomy.severity(severity))
        return Error::validation(QStringLiteral("unknown severity \"%1\"").arg(severity));
    return {};
}

Result<Event> VotingSession::markFailure(AnswerSlot slot, std::optional<text::CodePointSpan> shownSpan, const QString &category,
                                         const QString &severity, const QString &comment)
{
    if (Status s = checkMark(category, severity); !s)
        return s.error();
    FailureMark mark;
    mark.candidate = candidateOf(slot);
    mark.model = m_current->item.candidates.at(mark.candidate).model;
    mark.category = category;
    mark.severity = severity;
    mark.weight = m_taxonomy.severity(severity)->weight;
    mark.comment = comment;
    if (shownSpan) {
        if (shownSpan->length <= 0)
            return Error::validation(QStringLiteral("select some text to mark, or flag the whole answer"));
        const QString &output = m_current->item.candidates.at(mark.candidate).output;
        const blind::MaskMap map(masksOf(slot));
        const qsizetype start = map.toOriginal(shownSpan->start, false);
        const qsizetype end = map.toOriginal(shownSpan->start + shownSpan->length, true);
        if (end <= start || end > text::codePointCount(output))
            return Error::validation(QStringLiteral("the selection lies outside the answer"));
        mark.span = text::CodePointSpan{start, end - start};
        mark.quote = text::quote(output, *mark.span);
    }
    Event e = draft(EventKind::Annotation);
    e.payload = toJson(mark);
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    m_marks[m_current->ref.id].append({committed->id, std::move(mark)});
    return committed;
}

Result<Event> VotingSession::editFailure(const QString &eventId, const QString &category, const QString &severity,
                                         const QString &comment)
{
    if (Status s = checkMark(category, severity); !s)
        return s.error();
    auto &marks = m_marks[m_current->ref.id];
    auto it = std::find_if(marks.begin(), marks.end(), [&](const LiveMark &m) { return m.eventId == eventId; });
    if (it == marks.end())
        return Error::notFound(QStringLiteral("no live annotation %1 on this pair").arg(eventId));
    FailureMark mark = it->mark;  // the candidate and span stay those of the original mark
    mark.category = category;
    mark.severity = severity;
    mark.weight = m_taxonomy.severity(severity)->weight;
    mark.comment = comment;
    Event e = draft(EventKind::Annotation);
    e.supersedes = eventId;
    e.payload = toJson(mark);
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    *it = LiveMark{committed->id, std::move(mark)};
    return committed;
}

Result<Event> VotingSession::removeFailure(const QString &eventId)
{
    if (!m_current)
        return Error::internal(QStringLiteral("there is no pair on screen"));
    auto &marks = m_marks[m_current->ref.id];
    auto it = std::find_if(marks.begin(), marks.end(), [&](const LiveMark &m) { return m.eventId == eventId; });
    if (it == marks.end())
        return Error::notFound(QStringLiteral("no live annotation %1 on this pair").arg(eventId));
    Event e = draft(EventKind::Annotation);
    e.supersedes = eventId;
    e.payload = toJson(MarkRemoval{it->mark.candidate});
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    marks.erase(it);
    return committed;
}

namespace {
// Values packs put in "dialects" that name no variety: "not Arabic" covers an English answer.
const QStringList kNotVarieties{QStringLiteral("unspecified"), QStringLiteral("en"), QStringLiteral("english")};
} // namespace

QStringList VotingSession::varieties() const
{
    QStringList out;
    for (const DialectVariety &v : m_registry.varieties)
        out << v.id;
    out << kOtherKinds;
    for (const QString &d : m_header.dialects)
        if (!m_registry.resolve(d) && !out.contains(d) && !kNotVarieties.contains(d))
            out << d;
    return out;
}

QList<VotingSession::VarietyGroup> VotingSession::varietyChoices() const
{
    const QString requested = m_current && m_current->pair ? m_current->pair->dialect : QString();
    const DialectVariety *asked = requested.isEmpty() ? nullptr : m_registry.resolve(requested);
    QList<VarietyGroup> groups;
    QStringList listed;
    const auto regionGroup = [&](const QString &region) {
        VarietyGroup g{region, {}};
        if (asked && asked->region == region && !listed.contains(asked->id))
            g.ids << asked->id;
        for (const DialectVariety &v : m_registry.varieties)
            if (v.region == region && !listed.contains(v.id) && !g.ids.contains(v.id))
                g.ids << v.id;
        listed << g.ids;
        if (!g.ids.isEmpty())
            groups << g;
    };
    if (asked)
        regionGroup(asked->region);
    VarietyGroup other{QString(), {}};
    if (!listed.contains(QStringLiteral("msa")) && m_registry.variety(QStringLiteral("msa")))
        other.ids << QStringLiteral("msa");
    other.ids << kOtherKinds;
    for (const QString &d : m_header.dialects)
        if (!m_registry.resolve(d) && !other.ids.contains(d) && !kNotVarieties.contains(d))
            other.ids << d;
    listed << other.ids;
    groups << other;
    for (const DialectRegion &r : m_registry.regions)
        regionGroup(r.id);
    return groups;
}

std::optional<bool> VotingSession::impliedMatch(const QString &variety) const
{
    const QString requested = m_current && m_current->pair ? m_current->pair->dialect : QString();
    if (requested.isEmpty() || requested == QLatin1String("unspecified"))
        return false;
    if (kNotVarieties.contains(requested))  // an English prompt: only "not Arabic" matches
        return variety == QLatin1String("not_arabic");
    if (variety == QLatin1String("not_arabic"))
        return false;
    if (kOtherKinds.contains(variety))
        return std::nullopt;
    const DialectVariety *asked = m_registry.resolve(requested), *written = m_registry.resolve(variety);
    if (m_registry.canonical(variety) == m_registry.canonical(requested))
        return true;
    if (asked && written && asked->region != written->region)
        return false;
    return std::nullopt;
}

Result<Event> VotingSession::judgeDialect(AnswerSlot slot, const QString &variety, bool matchesRequest)
{
    if (!m_current || !m_current->pair)
        return Error::internal(QStringLiteral("there is no pair on screen"));
    if (!varieties().contains(variety))
        return Error::validation(QStringLiteral("unknown variety \"%1\"").arg(variety));
    if (const auto implied = impliedMatch(variety); implied && *implied != matchesRequest)
        return Error::validation(
            QStringLiteral("an answer written in \"%1\" %2 the requested variety \"%3\"")
                .arg(variety, *implied ? QStringLiteral("matches") : QStringLiteral("cannot match"),
                     m_current->pair->dialect.isEmpty() ? QStringLiteral("(none)") : m_current->pair->dialect));
    const int candidate = candidateOf(slot);
    const DialectJudgmentPayload judgment{candidate, m_current->item.candidates.at(candidate).model, variety, matchesRequest};
    Event e = draft(EventKind::DialectJudgment);
    e.supersedes = m_dialects.value(m_current->ref.id).value(candidate).first;
    e.payload = toJson(judgment);
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    m_dialects[m_current->ref.id][candidate] = {committed->id, judgment};
    return committed;
}

std::optional<DialectJudgmentPayload> VotingSession::dialectJudgment(AnswerSlot slot) const
{
    if (!m_current)
        return std::nullopt;
    const auto byCandidate = m_dialects.value(m_current->ref.id);
    auto it = byCandidate.constFind(candidateOf(slot));
    if (it == byCandidate.cend())
        return std::nullopt;
    return it->second;
}

}  // namespace majlis::session
