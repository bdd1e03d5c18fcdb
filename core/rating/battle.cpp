#include "rating/battle.h"

namespace majlis::rating {

Outcome swapSides(Outcome outcome)
{
    switch (outcome) {
    case Outcome::WinA:
        return Outcome::WinB;
    case Outcome::WinB:
        return Outcome::WinA;
    case Outcome::Tie:
    case Outcome::BothBad:
        break;
    }
    return outcome;
}

Battle swapSides(Battle battle)
{
    return {battle.modelB, battle.modelA, swapSides(battle.outcome)};
}

Status validate(const BattleSet &set)
{
    const auto modelCount = set.models.size();
    for (std::size_t i = 0; i < set.battles.size(); ++i) {
        const Battle &b = set.battles[i];
        if (b.modelA < 0 || b.modelA >= modelCount || b.modelB < 0 || b.modelB >= modelCount)
            return Error::validation(QStringLiteral("battle %1: model index out of range (%2 models)")
                                         .arg(i)
                                         .arg(modelCount));
        if (b.modelA == b.modelB)
            return Error::validation(QStringLiteral("battle %1: model \"%2\" against itself").arg(i).arg(set.models[b.modelA]));
    }
    return {};
}

int modelIndex(BattleSet &set, const QString &name)
{
    const auto found = set.models.indexOf(name);
    if (found >= 0)
        return int(found);
    set.models.push_back(name);
    return int(set.models.size() - 1);
}

} // namespace majlis::rating
