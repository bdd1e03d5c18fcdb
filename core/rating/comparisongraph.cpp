#include "rating/comparisongraph.h"

#include <algorithm>
#include <numeric>

namespace majlis::rating {

QString toString(ModelStatus status)
{
    switch (status) {
    case ModelStatus::Rated:
        return QStringLiteral("rated");
    case ModelStatus::UnboundedAbove:
        return QStringLiteral("unbounded_above");
    case ModelStatus::UnboundedBelow:
        return QStringLiteral("unbounded_below");
    case ModelStatus::Unidentified:
        return QStringLiteral("unidentified");
    case ModelStatus::Disconnected:
        return QStringLiteral("disconnected");
    case ModelStatus::NoVotes:
        return QStringLiteral("no_votes");
    }
    return {};
}

namespace detail {
namespace {

int findRoot(std::vector<int> &parent, int x)
{
    while (parent[std::size_t(x)] != x) {
        parent[std::size_t(x)] = parent[std::size_t(parent[std::size_t(x)])];
        x = parent[std::size_t(x)];
    }
    return x;
}

using Adjacency = std::vector<std::vector<int>>;

// Kosaraju, iterative: comparison graphs are small but a recursive walk needs no stack limit.
std::vector<int> stronglyConnected(const Adjacency &forward, const Adjacency &backward, const std::vector<int> &nodes,
                                   int modelCount)
{
    std::vector<char> seen(std::size_t(modelCount), 0);
    std::vector<int> finished;
    finished.reserve(nodes.size());
    std::vector<std::pair<int, std::size_t>> stack;
    for (int start : nodes) {
        if (seen[std::size_t(start)])
            continue;
        seen[std::size_t(start)] = 1;
        stack.push_back({start, 0});
        while (!stack.empty()) {
            auto &[node, next] = stack.back();
            const auto &edges = forward[std::size_t(node)];
            if (next < edges.size()) {
                const int to = edges[next++];
                if (!seen[std::size_t(to)]) {
                    seen[std::size_t(to)] = 1;
                    stack.push_back({to, 0});
                }
            } else {
                finished.push_back(node);
                stack.pop_back();
            }
        }
    }

    std::vector<int> component(std::size_t(modelCount), -1);
    int count = 0;
    std::vector<int> todo;
    for (auto it = finished.rbegin(); it != finished.rend(); ++it) {
        if (component[std::size_t(*it)] >= 0)
            continue;
        component[std::size_t(*it)] = count;
        todo.push_back(*it);
        while (!todo.empty()) {
            const int node = todo.back();
            todo.pop_back();
            for (int to : backward[std::size_t(node)]) {
                if (component[std::size_t(to)] < 0) {
                    component[std::size_t(to)] = count;
                    todo.push_back(to);
                }
            }
        }
        ++count;
    }
    return component;
}

std::vector<char> reachableFrom(const Adjacency &edges, const std::vector<int> &starts, int modelCount)
{
    std::vector<char> reached(std::size_t(modelCount), 0);
    std::vector<int> todo = starts;
    for (int s : starts)
        reached[std::size_t(s)] = 1;
    while (!todo.empty()) {
        const int node = todo.back();
        todo.pop_back();
        for (int to : edges[std::size_t(node)]) {
            if (!reached[std::size_t(to)]) {
                reached[std::size_t(to)] = 1;
                todo.push_back(to);
            }
        }
    }
    return reached;
}

} // namespace

GraphAnalysis analyseComparisons(int modelCount, const std::vector<PairGames> &pairs, int preferred)
{
    const auto n = std::size_t(modelCount);
    GraphAnalysis result;
    result.status.assign(n, ModelStatus::NoVotes);

    std::vector<double> games(n, 0.0);
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    for (const PairGames &p : pairs) {
        const double total = p.winsI + p.winsJ;
        if (total <= 0)
            continue;
        games[std::size_t(p.i)] += total;
        games[std::size_t(p.j)] += total;
        parent[std::size_t(findRoot(parent, p.i))] = findRoot(parent, p.j);
    }

    std::vector<int> componentOf(n, -1);
    std::vector<double> weight;
    for (int m = 0; m < modelCount; ++m) {
        if (games[std::size_t(m)] <= 0)
            continue;
        const int root = findRoot(parent, m);
        if (componentOf[std::size_t(root)] < 0) {
            componentOf[std::size_t(root)] = int(result.components.size());
            result.components.emplace_back();
            weight.push_back(0);
        }
        const int c = componentOf[std::size_t(root)];
        componentOf[std::size_t(m)] = c;
        result.components[std::size_t(c)].push_back(m);
        weight[std::size_t(c)] += games[std::size_t(m)];
    }
    if (result.components.empty())
        return result;

    std::vector<int> order(result.components.size());
    std::iota(order.begin(), order.end(), 0);
    const int preferredComponent =
        preferred >= 0 && preferred < modelCount ? componentOf[std::size_t(preferred)] : -1;
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
        if ((x == preferredComponent) != (y == preferredComponent))
            return x == preferredComponent;
        return weight[std::size_t(x)] > weight[std::size_t(y)];
    });
    std::vector<std::vector<int>> sorted;
    for (int c : order)
        sorted.push_back(std::move(result.components[std::size_t(c)]));
    result.components = std::move(sorted);

    const std::vector<int> &main = result.components.front();
    for (std::size_t c = 1; c < result.components.size(); ++c)
        for (int m : result.components[c])
            result.status[std::size_t(m)] = ModelStatus::Disconnected;

    // An edge x -> y: x took at least part of a game from y (a win, or half of a tie).
    Adjacency beat(n), beatenBy(n);
    for (const PairGames &p : pairs) {
        if (p.winsI > 0) {
            beat[std::size_t(p.i)].push_back(p.j);
            beatenBy[std::size_t(p.j)].push_back(p.i);
        }
        if (p.winsJ > 0) {
            beat[std::size_t(p.j)].push_back(p.i);
            beatenBy[std::size_t(p.i)].push_back(p.j);
        }
    }
    const std::vector<int> scc = stronglyConnected(beat, beatenBy, main, modelCount);
    std::vector<int> size(main.size() + 1, 0);
    for (int m : main)
        ++size[std::size_t(scc[std::size_t(m)])];
    // Largest part; on a tie, the one holding the lowest model index (main is in index order).
    int core = scc[std::size_t(main.front())];
    for (int m : main)
        if (size[std::size_t(scc[std::size_t(m)])] > size[std::size_t(core)])
            core = scc[std::size_t(m)];

    std::vector<int> coreModels;
    for (int m : main)
        if (scc[std::size_t(m)] == core)
            coreModels.push_back(m);
    const std::vector<char> below = reachableFrom(beat, coreModels, modelCount);
    const std::vector<char> above = reachableFrom(beatenBy, coreModels, modelCount);
    for (int m : main) {
        ModelStatus &s = result.status[std::size_t(m)];
        if (scc[std::size_t(m)] == core)
            s = ModelStatus::Rated;
        else if (above[std::size_t(m)])
            s = ModelStatus::UnboundedAbove;
        else if (below[std::size_t(m)])
            s = ModelStatus::UnboundedBelow;
        else
            s = ModelStatus::Unidentified;
    }
    return result;
}

} // namespace detail
} // namespace majlis::rating
