#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

#include "common/result.h"

namespace majlis::rating {

// Always from the point of view of the battle's first model, model A.
enum class Outcome : std::uint8_t { WinA, WinB, Tie, BothBad };

// One vote between two models, as an index into BattleSet::models each.
struct Battle
{
    int modelA = 0;
    int modelB = 0;
    Outcome outcome = Outcome::Tie;

    friend bool operator==(const Battle &, const Battle &) = default;
};

// Battles in the order they were cast (only online Elo depends on that order), with the model
// names once beside them.
struct BattleSet
{
    QStringList models;
    std::vector<Battle> battles;

    friend bool operator==(const BattleSet &, const BattleSet &) = default;
};

// The same vote seen from the other side: (a, b, A wins) is (b, a, B wins).
Battle swapSides(Battle battle);
Outcome swapSides(Outcome outcome);

// Every battle names two different, existing models; the message names the first battle that does not.
Status validate(const BattleSet &set);

// Index of `name` in set.models, appending it when it is new.
int modelIndex(BattleSet &set, const QString &name);

} // namespace majlis::rating
