#pragma once

#include <QString>

#include <optional>
#include <string_view>

#include "common/result.h"
#include "model/event.h"
#include "model/payloads.h"

namespace majlis {

// What the fold (analysis/livevotes.h) reads of a vote payload besides the two models, and
// nothing else: the vote facts. Every backend keeps them in a projection written beside the event
// at ingest (the `vote_facts` table, docs/formats.md "Stored vote facts"), so a leaderboard over a
// million votes never parses a payload. The projection is derived: storedVoteOf is its one
// definition, used at ingest, by the migrations that fill it, and by the fold over plain events.
struct VoteFacts
{
    int candidateA = 0; // the candidate indices of candidate_a and candidate_b
    int candidateB = 0;
    std::optional<Letter> shownFirst;
    std::optional<Side> firstSide;
    VoteOutcome outcome = VoteOutcome::Tie;
    Selection selection = Selection::ScheduledRandom;
    // How many names were masked in each candidate's answer; nullopt: the masking was not recorded.
    std::optional<int> maskedA, maskedB;

    // Derived as VotePayload::chosenSide: the side of the screen the winner was on.
    std::optional<Side> chosenSide() const;

    friend bool operator==(const VoteFacts &, const VoteFacts &) = default;
};

// One stored vote as the projection holds it: the event's identity, the two models and the
// facts, or the reason its payload cannot be counted (then `facts` is empty).
struct StoredVote
{
    QString eventId;
    QString packId;
    QString itemId;
    QString comparisonId;
    QString annotator;
    QString createdUtc;
    QString modelA; // the model of candidate_a
    QString modelB;
    std::optional<VoteFacts> facts;
    QString unreadable;

    friend bool operator==(const StoredVote &, const StoredVote &) = default;
};

// The stored vote of an event of kind "vote": the facts of its payload (versions 1 and 2), or
// why the vote cannot be counted (the payload's own error, or two candidates of the same model).
StoredVote storedVoteOf(const Event &e);

// A stored vote as a reader of the projection yields it: the texts in UTF-8, valid only during
// the visit (a million rows are read without a string made for each).
struct StoredVoteView
{
    std::string_view eventId, packId, itemId, comparisonId, annotator, createdUtc;
    std::string_view modelA, modelB;
    const VoteFacts *facts = nullptr; // null: the vote cannot be counted, for `unreadable`
    QString unreadable;
};

}  // namespace majlis
