#pragma once

#include <QString>

#include <vector>

namespace majlis::rating {

// Where a model stands after the fit. A Bradley-Terry maximum-likelihood rating exists only for
// models in one strongly connected part of the "beat or tied" graph (Zermelo's condition). We
// fit the largest such part (the core) and say where every other model went instead of
// returning an infinity or an arbitrary number.
enum class ModelStatus {
    Rated,          // in the core: finite rating
    UnboundedAbove, // never lost to the core, directly or through others: the MLE is +infinity
    UnboundedBelow, // never beat or tied the core, directly or through others: -infinity
    Unidentified,   // between two unbounded groups: any rating fits the votes equally well
    Disconnected,   // no chain of battles links it to the main component: not comparable
    NoVotes,        // no battle counted for it
};

QString toString(ModelStatus status);

namespace detail {

// The games of one pair of models, i < j, ties already split half to each side.
struct PairGames
{
    int i = 0;
    int j = 0;
    double winsI = 0;
    double winsJ = 0;
};

struct GraphAnalysis
{
    std::vector<ModelStatus> status;          // Rated marks the core
    std::vector<std::vector<int>> components; // models with games; main first, then heaviest first
};

// The main component is the one holding `preferred` when it has games, else the heaviest.
GraphAnalysis analyseComparisons(int modelCount, const std::vector<PairGames> &pairs, int preferred = -1);

} // namespace detail
} // namespace majlis::rating
