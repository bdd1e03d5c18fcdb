#include "session/votingsession.h"

#include "common/json.h"
#include "text/invisible.h"
#include "text/offsets.h"

#include <QSet>

namespace majlis {

namespace {

// Masked text: each masked name became a three-letter token. These map code points between
// the shown text and the model's own output.
struct MaskSegment
{
    qsizetype shownStart, shownEnd, originalStart, originalEnd;
};

QList<MaskSegment> segmentsOf(const QList<blind::MaskedSpan> &masks)
{
    QList<MaskSegment> out;
    qsizetype delta = 0;  // shown - original, before the current mask
    const qsizetype token = text::codePointCount(blind::IdentityMasker::kMask);
    for (const blind::MaskedSpan &m : masks) {
        const qsizetype shownStart = m.start + delta;
        out.append({shownStart, shownStart + token, m.start, m.start + m.length});
        delta += token - m.length;
    }
    return out;
}

// Maps a position from one side of the masking to the other (shown text <-> the model's own
// output). A position inside a masked stretch goes to that stretch's start, or its end when it
// ends a span.
using Bound = qsizetype MaskSegment::*;
qsizetype mapThroughMasks(const QList<MaskSegment> &segments, qsizetype at, bool isEnd, Bound fromStart, Bound fromEnd,
                          Bound toStart, Bound toEnd)
{
    qsizetype mapped = at;
    for (const MaskSegment &s : segments) {
        if (at < s.*fromStart)
            break;
        if (at < s.*fromEnd || (isEnd && at == s.*fromEnd))
            return isEnd && at > s.*fromStart ? s.*toEnd : s.*toStart;
        mapped = at - s.*fromEnd + s.*toEnd;
    }
    return mapped;
}

qsizetype shownToOriginal(const QList<MaskSegment> &segments, qsizetype shown, bool isEnd)
{
    return mapThroughMasks(segments, shown, isEnd, &MaskSegment::shownStart, &MaskSegment::shownEnd,
                           &MaskSegment::originalStart, &MaskSegment::originalEnd);
}

qsizetype originalToShown(const QList<MaskSegment> &segments, qsizetype original, bool isEnd)
{
    return mapThroughMasks(segments, original, isEnd, &MaskSegment::originalStart, &MaskSegment::originalEnd,
                           &MaskSegment::shownStart, &MaskSegment::shownEnd);
}

nlohmann::json candidateJson(const Item &item, int index)
{
    return {{"candidate", index}, {"model", item.candidates.at(index).model}};
}

nlohmann::json maskingJson(const char *answer, int candidate, const QList<blind::MaskedSpan> &spans)
{
    nlohmann::json list = nlohmann::json::array();
    for (const blind::MaskedSpan &s : spans)
        list.push_back({{"start", s.start}, {"length", s.length}, {"term", s.term}, {"text", s.original}});
    return {{"answer", answer}, {"candidate", candidate}, {"count", spans.size()}, {"spans", std::move(list)}};
}

// The invisible characters in a candidate's output (text/invisible.h), so that analyses can find
// the pairs whose texts may not be what they look like.
nlohmann::json invisibleJson(const Item &item, int index)
{
    const text::InvisibleCounts c = text::countInvisible(item.candidates.at(index).output);
    return {{"candidate", index}, {"bidi_controls", c.bidiControls}, {"zero_width", c.zeroWidth},
            {"byte_order_marks", c.byteOrderMarks}, {"other_format", c.otherFormat}, {"total", c.total()}};
}

} // namespace

VotingSession::VotingSession(store::EventStore &store, PackHeader header, QString annotator,
                             blind::Schedule schedule, QHash<QString, store::ComparisonRef> comparisons)
    : m_store(store), m_header(std::move(header)), m_annotator(std::move(annotator)),
      m_schedule(std::move(schedule)), m_comparisons(std::move(comparisons)), m_masker(m_header.models)
{
    // The pack's taxonomy was validated when the pack was imported.
    auto taxonomy = applyPackTaxonomy(defaultTaxonomy(), m_header.taxonomy, m_header.id);
    m_taxonomy = taxonomy ? *taxonomy : defaultTaxonomy();
}

Result<std::unique_ptr<VotingSession>> VotingSession::start(store::EventStore &store, const QString &packId,
                                                            const QString &annotator)
{
    auto header = store.packHeader(packId);
    if (!header)
        return header.error();
    auto seed = store.annotatorSeed(annotator);
    if (!seed)
        return seed.error();
    auto refs = store.comparisons(packId);
    if (!refs)
        return refs.error();
    QStringList ids;
    QHash<QString, store::ComparisonRef> byId;
    ids.reserve(refs->size());
    byId.reserve(refs->size());
    for (const store::ComparisonRef &r : std::as_const(*refs)) {
        ids.append(r.id);
        byId.insert(r.id, r);
    }
    std::unique_ptr<VotingSession> session(new VotingSession(store, std::move(*header), annotator,
                                                             blind::Schedule(std::uint64_t(*seed), ids),
                                                             std::move(byId)));
    if (Status s = session->fold(); !s)
        return s.error();
    return session;
}

Status VotingSession::fold()
{
    auto events = m_store.events(m_header.id, m_annotator);
    if (!events)
        return events.error();
    QSet<QString> superseded;
    for (const Event &e : std::as_const(*events))
        if (!e.supersedes.isEmpty())
            superseded.insert(e.supersedes);
    for (const Event &e : std::as_const(*events)) {
        if (superseded.contains(e.id) || !m_comparisons.contains(e.comparisonId))
            continue;
        if (e.kind == EventKind::Annotation || e.kind == EventKind::DialectJudgment) {
            foldMark(e, superseded);
            continue;
        }
        const auto selection = e.payload.value("selection", std::string()) == "picked_by_hand"
                                   ? Selection::PickedByHand
                                   : Selection::ScheduledRandom;
        if (e.kind == EventKind::Vote) {
            m_voted.insert(e.comparisonId, e.id);
            m_skipped.remove(e.comparisonId);
        } else if (e.kind == EventKind::Skip) {
            if (!m_voted.contains(e.comparisonId))
                m_skipped.insert(e.comparisonId, e.id);
        } else {
            continue;
        }
        m_undoStack.append({e.id, e.kind, e.comparisonId, selection});
    }
    return {};
}

Result<std::optional<BlindPair>> VotingSession::next()
{
    for (qsizetype p = m_cursor; p < m_schedule.size(); ++p) {
        const QString &id = m_schedule.at(p);
        if (m_voted.contains(id) || m_skipped.contains(id))
            continue;
        m_cursor = p;
        auto pair = open(id, Selection::ScheduledRandom);
        if (!pair)
            return pair.error();
        return std::optional<BlindPair>(*pair);
    }
    m_cursor = m_schedule.size();
    // Everything else is done: skipped pairs come back, the earliest skipped first.
    for (const Action &a : std::as_const(m_undoStack)) {
        if (a.kind == EventKind::Skip && m_skipped.value(a.comparisonId) == a.eventId
            && !(m_current && m_current->ref.id == a.comparisonId && !currentIsVoted())) {
            auto pair = open(a.comparisonId, Selection::ScheduledRandom);
            if (!pair)
                return pair.error();
            return std::optional<BlindPair>(*pair);
        }
    }
    m_current.reset();
    return std::optional<BlindPair>();
}

Result<BlindPair> VotingSession::pick(const QString &comparisonId)
{
    if (!m_comparisons.contains(comparisonId))
        return Error::notFound(QStringLiteral("no comparison \"%1\" in pack \"%2\"").arg(comparisonId, m_header.id));
    return open(comparisonId, Selection::PickedByHand);
}

Result<VotingSession::CurrentPair> VotingSession::prepare(const QString &comparisonId, Selection selection) const
{
    const store::ComparisonRef &ref = m_comparisons[comparisonId];
    auto item = m_store.item(m_header.id, ref.itemId);
    if (!item)
        return item.error();
    if (ref.candidateA >= item->candidates.size() || ref.candidateB >= item->candidates.size())
        return Error::internal(QStringLiteral("comparison %1 names a candidate the item does not have").arg(ref.id));

    CurrentPair cur;
    cur.ref = ref;
    const qsizetype position = m_schedule.positionOf(comparisonId);
    cur.swapped = m_schedule.swappedAt(position);
    cur.firstCandidate = cur.swapped ? ref.candidateB : ref.candidateA;
    cur.secondCandidate = cur.swapped ? ref.candidateA : ref.candidateB;
    const blind::MaskResult first = m_masker.mask(item->candidates.at(cur.firstCandidate).output);
    const blind::MaskResult second = m_masker.mask(item->candidates.at(cur.secondCandidate).output);
    cur.firstMasks = first.spans;
    cur.secondMasks = second.spans;

    BlindPair pair;
    pair.comparisonId = comparisonId;
    pair.conversation = item->conversation;
    pair.dialect = item->dialect;
    pair.category = item->category;
    pair.first = {QStringLiteral("A"), first.text, int(first.spans.size())};
    pair.second = {QStringLiteral("B"), second.text, int(second.spans.size())};
    pair.position = position;
    pair.selection = selection;
    cur.item = std::move(*item);
    cur.pair = pair;
    return cur;
}

Result<BlindPair> VotingSession::open(const QString &comparisonId, Selection selection)
{
    if (m_prefetched && m_prefetched->ref.id == comparisonId && m_prefetched->pair->selection == selection) {
        m_current = std::move(m_prefetched);
        m_prefetched.reset();
        return *m_current->pair;
    }
    auto cur = prepare(comparisonId, selection);
    if (!cur)
        return cur.error();
    m_current = std::move(*cur);
    return *m_current->pair;
}

Result<std::optional<BlindPair>> VotingSession::prefetchNext()
{
    const QString currentId = m_current ? m_current->ref.id : QString();
    for (qsizetype p = m_cursor; p < m_schedule.size(); ++p) {
        const QString &id = m_schedule.at(p);
        if (id == currentId || m_voted.contains(id) || m_skipped.contains(id))
            continue;
        if (!m_prefetched || m_prefetched->ref.id != id) {
            auto cur = prepare(id, Selection::ScheduledRandom);
            if (!cur)
                return cur.error();
            m_prefetched = std::move(*cur);
        }
        return std::optional<BlindPair>(*m_prefetched->pair);
    }
    return std::optional<BlindPair>();
}

Event VotingSession::draft(const QString &kind) const
{
    Event e;
    e.kind = kind;
    e.packId = m_header.id;
    e.annotator = m_annotator;
    if (m_current) {
        e.itemId = m_current->ref.itemId;
        e.comparisonId = m_current->ref.id;
    }
    return e;
}

void VotingSession::record(const Action &action)
{
    m_undoStack.append(action);
}

Result<Event> VotingSession::vote(Choice choice, Side firstSide, const QString &uiLanguage)
{
    if (!m_current || !m_current->pair)
        return Error::internal(QStringLiteral("there is no pair on screen to vote on"));
    if (currentIsVoted())
        return Error::conflict(QStringLiteral("this pair already has a vote; undo it first"));
    const CurrentPair &cur = *m_current;
    const Item &item = cur.item;
    const Side secondSide = firstSide == Side::Left ? Side::Right : Side::Left;

    nlohmann::json p;
    p["choice"] = toString(choice);
    p["first"] = candidateJson(item, cur.firstCandidate);
    p["second"] = candidateJson(item, cur.secondCandidate);
    p["first_side"] = toString(firstSide);
    p[firstSide == Side::Left ? "left" : "right"] = candidateJson(item, cur.firstCandidate);
    p[firstSide == Side::Left ? "right" : "left"] = candidateJson(item, cur.secondCandidate);
    p["candidate_a"] = candidateJson(item, cur.ref.candidateA);
    p["candidate_b"] = candidateJson(item, cur.ref.candidateB);
    switch (choice) {
    case Choice::First:
    case Choice::Second: {
        const bool first = choice == Choice::First;
        const int winner = first ? cur.firstCandidate : cur.secondCandidate;
        p["winner"] = candidateJson(item, winner);
        p["chosen_side"] = toString(first ? firstSide : secondSide);
        p["outcome"] = winner == cur.ref.candidateA ? "a" : "b";
        break;
    }
    case Choice::Tie:
    case Choice::BothBad:
        p["winner"] = nullptr;
        p["chosen_side"] = nullptr;
        p["outcome"] = toString(choice);
        break;
    }
    p["selection"] = toString(cur.pair->selection);
    p["placement"] = {{"position", cur.pair->position}, {"swapped", cur.swapped},
                      {"seed", QString::number(m_schedule.seed(), 16)}};
    p["masking"] = nlohmann::json::array({maskingJson("first", cur.firstCandidate, cur.firstMasks),
                                          maskingJson("second", cur.secondCandidate, cur.secondMasks)});
    p["invisible_characters"] = {{"first", invisibleJson(item, cur.firstCandidate)},
                                 {"second", invisibleJson(item, cur.secondCandidate)}};
    if (!uiLanguage.isEmpty())
        p["ui_language"] = uiLanguage;

    Event e = draft(EventKind::Vote);
    e.payload = std::move(p);
    const QString previousVote = m_voted.value(cur.ref.id);
    e.supersedes = previousVote;  // voting again on a pair picked by hand replaces the earlier vote
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    if (!previousVote.isEmpty())
        m_undoStack.removeIf([&](const Action &a) { return a.eventId == previousVote; });
    m_voted.insert(cur.ref.id, committed->id);
    m_skipped.remove(cur.ref.id);
    record({committed->id, EventKind::Vote, cur.ref.id, cur.pair->selection});
    m_current->votedEventId = committed->id;
    return committed;
}

Result<Event> VotingSession::skip()
{
    if (!m_current || !m_current->pair)
        return Error::internal(QStringLiteral("there is no pair on screen to skip"));
    if (currentIsVoted())
        return Error::conflict(QStringLiteral("this pair already has a vote"));
    Event e = draft(EventKind::Skip);
    e.payload = {{"selection", toString(m_current->pair->selection)}, {"position", m_current->pair->position}};
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    m_skipped.insert(m_current->ref.id, committed->id);
    record({committed->id, EventKind::Skip, m_current->ref.id, m_current->pair->selection});
    return committed;
}

Result<std::optional<BlindPair>> VotingSession::undo()
{
    if (m_undoStack.isEmpty())
        return std::optional<BlindPair>();
    const Action last = m_undoStack.last();
    const store::ComparisonRef &ref = m_comparisons[last.comparisonId];
    Event e;
    e.kind = EventKind::Undo;
    e.packId = m_header.id;
    e.annotator = m_annotator;
    e.itemId = ref.itemId;
    e.comparisonId = ref.id;
    e.supersedes = last.eventId;
    e.payload = {{"undone_kind", last.kind}};
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    m_undoStack.removeLast();
    if (m_voted.value(last.comparisonId) == last.eventId)
        m_voted.remove(last.comparisonId);
    if (m_skipped.value(last.comparisonId) == last.eventId)
        m_skipped.remove(last.comparisonId);
    m_cursor = std::min(m_cursor, m_schedule.positionOf(last.comparisonId));
    auto pair = open(last.comparisonId, last.selection);
    if (!pair)
        return pair.error();
    return std::optional<BlindPair>(*pair);
}

void VotingSession::foldMark(const Event &e, const QSet<QString> &superseded)
{
    (void)superseded;
    const int candidate = e.payload.value("candidate", -1);
    if (candidate < 0)
        return;
    // A superseding event replaces the one it names (edit) or takes it away (removal).
    if (!e.supersedes.isEmpty()) {
        auto &marks = m_marks[e.comparisonId];
        marks.removeIf([&](const Mark &m) { return m.eventId == e.supersedes; });
    }
    if (e.kind == EventKind::DialectJudgment) {
        m_dialects[e.comparisonId][candidate] = {
            e.id, DialectJudgment{toQString(e.payload.value("variety", std::string())),
                                  e.payload.value("matches_request", false)}};
        return;
    }
    if (e.payload.value("removed", false))
        return;
    Mark m;
    m.eventId = e.id;
    m.candidate = candidate;
    if (auto span = e.payload.find("span"); span != e.payload.end() && span->is_object())
        m.span = text::CodePointSpan{span->value("start", qsizetype(0)), span->value("length", qsizetype(0))};
    m.quote = toQString(e.payload.value("quote", std::string()));
    m.category = toQString(e.payload.value("category", std::string()));
    m.severity = toQString(e.payload.value("severity", std::string()));
    m.comment = toQString(e.payload.value("comment", std::string()));
    m_marks[e.comparisonId].append(m);
}

int VotingSession::candidateOf(AnswerSlot slot) const
{
    return slot == AnswerSlot::First ? m_current->firstCandidate : m_current->secondCandidate;
}

const QList<blind::MaskedSpan> &VotingSession::masksOf(AnswerSlot slot) const
{
    return slot == AnswerSlot::First ? m_current->firstMasks : m_current->secondMasks;
}

QList<FailureMark> VotingSession::failures() const
{
    QList<FailureMark> out;
    if (!m_current)
        return out;
    for (const Mark &m : m_marks.value(m_current->ref.id)) {
        const AnswerSlot slot = m.candidate == m_current->firstCandidate ? AnswerSlot::First : AnswerSlot::Second;
        FailureMark f{m.eventId, slot, std::nullopt, m.quote, m.category, m.severity, m.comment};
        if (m.span) {
            const auto segments = segmentsOf(masksOf(slot));
            const qsizetype start = originalToShown(segments, m.span->start, false);
            const qsizetype end = originalToShown(segments, m.span->start + m.span->length, true);
            f.span = text::CodePointSpan{start, end - start};
        }
        out.append(f);
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

nlohmann::json VotingSession::markPayload(int candidate, const std::optional<text::CodePointSpan> &span,
                                          const QString &quote, const QString &category, const QString &severity,
                                          const QString &comment) const
{
    nlohmann::json p{{"candidate", candidate},
                     {"model", m_current->item.candidates.at(candidate).model},
                     {"answer", candidate == m_current->firstCandidate ? "first" : "second"},
                     {"category", category},
                     {"severity", severity},
                     {"weight", m_taxonomy.severity(severity)->weight},
                     {"comment", comment},
                     {"offsets", "code_points_of_output"}};
    if (span)
        p["span"] = {{"start", span->start}, {"length", span->length}};
    else
        p["span"] = nullptr;
    p["quote"] = quote;
    return p;
}

Result<Event> VotingSession::markFailure(AnswerSlot slot, std::optional<text::CodePointSpan> shownSpan,
                                         const QString &category, const QString &severity, const QString &comment,
                                         Side firstSide)
{
    if (Status s = checkMark(category, severity); !s)
        return s.error();
    const int candidate = candidateOf(slot);
    const QString &output = m_current->item.candidates.at(candidate).output;
    std::optional<text::CodePointSpan> span;
    QString quote;
    if (shownSpan) {
        if (shownSpan->length <= 0)
            return Error::validation(QStringLiteral("select some text to mark, or flag the whole answer"));
        const auto segments = segmentsOf(masksOf(slot));
        const qsizetype start = shownToOriginal(segments, shownSpan->start, false);
        const qsizetype end = shownToOriginal(segments, shownSpan->start + shownSpan->length, true);
        if (end <= start || end > text::codePointCount(output))
            return Error::validation(QStringLiteral("the selection lies outside the answer"));
        span = text::CodePointSpan{start, end - start};
        quote = text::quote(output, *span);
    }
    Event e = draft(EventKind::Annotation);
    e.payload = markPayload(candidate, span, quote, category, severity, comment);
    const bool first = slot == AnswerSlot::First;
    e.payload["side"] = toString(first ? firstSide : (firstSide == Side::Left ? Side::Right : Side::Left));
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    m_marks[m_current->ref.id].append({committed->id, candidate, span, quote, category, severity, comment});
    return committed;
}

Result<Event> VotingSession::editFailure(const QString &eventId, const QString &category, const QString &severity,
                                         const QString &comment)
{
    if (Status s = checkMark(category, severity); !s)
        return s.error();
    auto &marks = m_marks[m_current->ref.id];
    auto it = std::find_if(marks.begin(), marks.end(), [&](const Mark &m) { return m.eventId == eventId; });
    if (it == marks.end())
        return Error::notFound(QStringLiteral("no live annotation %1 on this pair").arg(eventId));
    Event e = draft(EventKind::Annotation);
    e.supersedes = eventId;
    e.payload = markPayload(it->candidate, it->span, it->quote, category, severity, comment);
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    *it = Mark{committed->id, it->candidate, it->span, it->quote, category, severity, comment};
    return committed;
}

Result<Event> VotingSession::removeFailure(const QString &eventId)
{
    if (!m_current)
        return Error::internal(QStringLiteral("there is no pair on screen"));
    auto &marks = m_marks[m_current->ref.id];
    auto it = std::find_if(marks.begin(), marks.end(), [&](const Mark &m) { return m.eventId == eventId; });
    if (it == marks.end())
        return Error::notFound(QStringLiteral("no live annotation %1 on this pair").arg(eventId));
    Event e = draft(EventKind::Annotation);
    e.supersedes = eventId;
    e.payload = {{"removed", true}, {"candidate", it->candidate}};
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    marks.erase(it);
    return committed;
}

QStringList VotingSession::varieties() const
{
    QStringList out;
    for (const QString &d : m_header.dialects)
        if (d != QLatin1String("en") && d != QLatin1String("english") && !out.contains(d))
            out << d;
    for (const char *extra : {"msa", "mixed", "not_arabic"})
        if (!out.contains(QLatin1String(extra)))
            out << QLatin1String(extra);
    return out;
}

Result<Event> VotingSession::judgeDialect(AnswerSlot slot, const QString &variety, bool matchesRequest)
{
    if (!m_current || !m_current->pair)
        return Error::internal(QStringLiteral("there is no pair on screen"));
    if (!varieties().contains(variety))
        return Error::validation(QStringLiteral("unknown variety \"%1\"").arg(variety));
    const int candidate = candidateOf(slot);
    Event e = draft(EventKind::DialectJudgment);
    const auto previous = m_dialects.value(m_current->ref.id).value(candidate);
    e.supersedes = previous.first;
    e.payload = {{"candidate", candidate},
                 {"model", m_current->item.candidates.at(candidate).model},
                 {"answer", slot == AnswerSlot::First ? "first" : "second"},
                 {"variety", variety},
                 {"requested", m_current->item.dialect},
                 {"matches_request", matchesRequest}};
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    m_dialects[m_current->ref.id][candidate] = {committed->id, DialectJudgment{variety, matchesRequest}};
    return committed;
}

std::optional<DialectJudgment> VotingSession::dialectJudgment(AnswerSlot slot) const
{
    if (!m_current)
        return std::nullopt;
    const auto byCandidate = m_dialects.value(m_current->ref.id);
    auto it = byCandidate.constFind(candidateOf(slot));
    if (it == byCandidate.cend())
        return std::nullopt;
    return it->second;
}

std::optional<Reveal> VotingSession::reveal() const
{
    if (m_header.reveal != RevealPolicy::AfterVote || !currentIsVoted())
        return std::nullopt;
    auto nameOf = [&](int candidate) {
        const QString &modelId = m_current->item.candidates.at(candidate).model;
        const ModelInfo *m = m_header.model(modelId);
        return m && !m->name.isEmpty() ? m->name : modelId;
    };
    return Reveal{nameOf(m_current->firstCandidate), nameOf(m_current->secondCandidate)};
}

} // namespace majlis
