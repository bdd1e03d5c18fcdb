#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>

#include "common/result.h"

namespace majlis::store {
class EventStore;
}

namespace majlis::testing {

// Test-only: annotators voting through VotingSession as the screen would, their choices drawn
// from Bradley-Terry with the given strengths, plus some failure marks. Never part of the app.
struct VoteSimulation
{
    QStringList annotators;
    int votesPerAnnotator = 50;
    std::uint64_t seed = 7;
    QHash<QString, double> strength; // model id -> strength; missing models get 1
    double tieShare = 0.12;
    double bothBadShare = 0.05;
    int failureMarks = 40; // annotation events on answers of voted items
};

Status simulateVotes(store::EventStore &store, const QString &packId, const VoteSimulation &simulation);

} // namespace majlis::testing
