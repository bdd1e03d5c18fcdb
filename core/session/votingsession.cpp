#include "session/votingsession.h"

#include "common/json.h"
#include "text/invisible.h"
#include "text/offsets.h"

#include <QSet>

namespace majlis::session {

namespace {

std::vector<MaskedName> maskedNames(const QList<blind::MaskedSpan> &spans)
{
    return std::vector<MaskedName>(spans.cbegin(), spans.cend());
}

} // namespace

VotingSession::VotingSession(store::EventStore &store, PackHeader header, QString annotator,
                             blind::Schedule schedule, QList<store::ComparisonRef> comparisons)
    : m_store(store), m_header(std::move(header)), m_annotator(std::move(annotator)),
      m_schedule(std::move(schedule)), m_comparisons(std::move(comparisons)), m_masker(m_header.models)
{
    // The pack's taxonomy was validated when the pack was imported.
    auto taxonomy = applyPackTaxonomy(defaultTaxonomy(), m_header.taxonomy, m_header.id);
    m_taxonomy = taxonomy ? *taxonomy : defaultTaxonomy();
    m_registry = packDialects(m_header);
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
    ids.reserve(refs->size());
    for (const store::ComparisonRef &r : std::as_const(*refs))
        ids.append(r.id);
    std::unique_ptr<VotingSession> session(new VotingSession(store, std::move(*header), annotator,
                                                             blind::Schedule(std::uint64_t(*seed), std::move(ids)),
                                                             std::move(*refs)));
    if (Status s = session->fold(); !s)
        return s.error();
    return session;
}

Status VotingSession::fold()
{
    // One streaming pass: what is dead is known beforehand, so no event is held after its turn
    // (50,000 parsed payloads held at once were most of a reopened session's memory). Only the
    // marks' payloads are parsed: what a vote or skip counts for here is its comparison.
    auto superseded = m_store.supersededIds(m_header.id, m_annotator);
    if (!superseded)
        return superseded.error();
    static const QSet<QString> markKinds{EventKind::Annotation, EventKind::DialectJudgment};
    const auto text = [](std::string_view utf8) { return QString::fromUtf8(utf8.data(), qsizetype(utf8.size())); };
    return m_store.forEachEventHead(
        [&](const store::EventStore::EventHead &head) {
            if (head.full) {
                if (!superseded->contains(head.full->id) && comparison(head.full->comparisonId))
                    foldMark(*head.full);
                return;
            }
            const QString *kind = head.kind == "vote" ? &EventKind::Vote : head.kind == "skip" ? &EventKind::Skip : nullptr;
            if (!kind) // an undo counts by what it supersedes
                return;
            const QString id = text(head.id), comparisonId = text(head.comparisonId);
            if (superseded->contains(id) || !comparison(comparisonId))
                return;
            if (kind == &EventKind::Vote) {
                m_voted.insert(comparisonId, id);
                m_skipped.remove(comparisonId);
            } else if (!m_voted.contains(comparisonId)) {
                m_skipped.insert(comparisonId, id);
            }
            m_undoStack.append({id, *kind, comparisonId, std::nullopt});
        },
        m_header.id, m_annotator, markKinds);
}

const store::ComparisonRef *VotingSession::comparison(const QString &comparisonId) const
{
    const qsizetype position = m_schedule.positionOf(comparisonId);
    return position < 0 ? nullptr : &m_comparisons.at(m_schedule.indexAt(position));
}

Result<Selection> VotingSession::selectionOf(const Action &action) const
{
    if (action.selection)
        return *action.selection;
    auto e = m_store.event(action.eventId);
    // A payload that does not read, as JSON (Parse) or as a vote or skip of a version this build
    // knows, keeps the default, as the fold did before it stopped reading vote payloads: a damaged
    // event must not make everything under it impossible to undo. A store that cannot answer can.
    if (!e && e.error().code == Error::Code::Parse)
        return Selection::ScheduledRandom;
    if (!e)
        return e.error();
    if (action.kind == EventKind::Vote) {
        auto vote = votePayloadFromJson(e->payload);
        return vote ? vote->selection : Selection::ScheduledRandom;
    }
    auto skip = skipPayloadFromJson(e->payload);
    return skip ? skip->selection : Selection::ScheduledRandom;
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
    if (!comparison(comparisonId))
        return Error::notFound(QStringLiteral("no comparison \"%1\" in pack \"%2\"").arg(comparisonId, m_header.id));
    return open(comparisonId, Selection::PickedByHand);
}

Result<VotingSession::CurrentPair> VotingSession::prepare(const QString &comparisonId, Selection selection) const
{
    const store::ComparisonRef *known = comparison(comparisonId);
    if (!known)
        return Error::notFound(QStringLiteral("no comparison \"%1\" in pack \"%2\"").arg(comparisonId, m_header.id));
    const store::ComparisonRef &ref = *known;
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
    const auto candidate = [&](int index) { return CandidateRef{index, item.candidates.at(index).model}; };
    const auto invisible = [&](int index) { return text::countInvisible(item.candidates.at(index).output); };
    // The masks were taken in reading order ("A" first); the payload keeps them by candidate.
    const auto &masksA = cur.swapped ? cur.secondMasks : cur.firstMasks;
    const auto &masksB = cur.swapped ? cur.firstMasks : cur.secondMasks;

    VotePayload p;
    p.candidateA = candidate(cur.ref.candidateA);
    p.candidateB = candidate(cur.ref.candidateB);
    p.shownFirst = cur.swapped ? Letter::B : Letter::A;
    p.firstSide = firstSide;
    switch (choice) {
    case Choice::First: p.outcome = cur.swapped ? VoteOutcome::B : VoteOutcome::A; break;
    case Choice::Second: p.outcome = cur.swapped ? VoteOutcome::A : VoteOutcome::B; break;
    case Choice::Tie: p.outcome = VoteOutcome::Tie; break;
    case Choice::BothBad: p.outcome = VoteOutcome::BothBad; break;
    }
    p.selection = cur.pair->selection;
    p.placement = Placement{cur.pair->position, QString::number(m_schedule.seed(), 16)};
    p.maskingA = maskedNames(masksA);
    p.maskingB = maskedNames(masksB);
    p.invisibleA = invisible(cur.ref.candidateA);
    p.invisibleB = invisible(cur.ref.candidateB);
    p.uiLanguage = uiLanguage;

    Event e = draft(EventKind::Vote);
    e.payload = toJson(p);
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
    e.payload = toJson(SkipPayload{m_current->pair->selection, m_current->pair->position});
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
    const store::ComparisonRef *known = comparison(last.comparisonId);
    if (!known)
        return Error::internal(QStringLiteral("the action to undo names comparison %1, which the pack does not have")
                                   .arg(last.comparisonId));
    const store::ComparisonRef &ref = *known;
    // Read before the undo is committed: a store that cannot answer leaves the action standing.
    auto selection = selectionOf(last);
    if (!selection)
        return selection.error();
    Event e;
    e.kind = EventKind::Undo;
    e.packId = m_header.id;
    e.annotator = m_annotator;
    e.itemId = ref.itemId;
    e.comparisonId = ref.id;
    e.supersedes = last.eventId;
    e.payload = toJson(UndoPayload{});
    auto committed = m_store.append(std::move(e));
    if (!committed)
        return committed.error();
    m_undoStack.removeLast();
    if (m_voted.value(last.comparisonId) == last.eventId)
        m_voted.remove(last.comparisonId);
    if (m_skipped.value(last.comparisonId) == last.eventId)
        m_skipped.remove(last.comparisonId);
    m_cursor = std::min(m_cursor, m_schedule.positionOf(last.comparisonId));
    auto pair = open(last.comparisonId, *selection);
    if (!pair)
        return pair.error();
    return std::optional<BlindPair>(*pair);
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

} // namespace majlis::session
