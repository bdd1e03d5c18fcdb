#include "model/votefacts.h"

namespace majlis {

std::optional<Side> VoteFacts::chosenSide() const
{
    // VotePayload::choice and ::chosenSide, without a payload made for each of a million votes
    // (test_vote_facts holds the two equal).
    if (outcome == VoteOutcome::Tie || outcome == VoteOutcome::BothBad || !shownFirst || !firstSide)
        return std::nullopt;
    const Letter won = outcome == VoteOutcome::A ? Letter::A : Letter::B;
    const Side second = *firstSide == Side::Left ? Side::Right : Side::Left;
    return won == *shownFirst ? *firstSide : second;
}

StoredVote storedVoteOf(const Event &e)
{
    StoredVote v{e.id, e.packId, e.itemId, e.comparisonId, e.annotator, e.createdUtc, {}, {}, std::nullopt, {}};
    auto vote = votePayloadFromJson(e.payload);
    if (!vote) {
        v.unreadable = vote.error().message;
        return v;
    }
    if (vote->candidateA.model == vote->candidateB.model) {
        v.unreadable = QStringLiteral("both candidates are model \"%1\"").arg(vote->candidateA.model);
        return v;
    }
    v.modelA = vote->candidateA.model;
    v.modelB = vote->candidateB.model;
    VoteFacts f;
    f.candidateA = vote->candidateA.candidate;
    f.candidateB = vote->candidateB.candidate;
    f.shownFirst = vote->shownFirst;
    f.firstSide = vote->firstSide;
    f.outcome = vote->outcome;
    f.selection = vote->selection;
    if (vote->maskingA)
        f.maskedA = int(vote->maskingA->size());
    if (vote->maskingB)
        f.maskedB = int(vote->maskingB->size());
    v.facts = f;
    return v;
}

}  // namespace majlis
