#include "rating/positionbias.h"

#include <map>

#include "common/json.h"

namespace majlis::rating {
namespace {

void count(SideBias &bias, PlacedOutcome outcome)
{
    ++bias.votes;
    if (outcome == PlacedOutcome::NoWinner)
        return;
    ++bias.decisive;
    bias.leftWins += outcome == PlacedOutcome::LeftWon;
}

void conclude(SideBias &bias, double level)
{
    if (bias.decisive == 0)
        return;
    bias.leftShare = double(bias.leftWins) / double(bias.decisive);
    bias.interval = wilsonInterval(bias.leftWins, bias.decisive, level);
    bias.significant = !bias.interval.contains(0.5);
}

nlohmann::json toJson(const SideBias &bias)
{
    return {{"annotator", bias.annotator.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(bias.annotator)},
            {"votes", bias.votes},
            {"decisive", bias.decisive},
            {"leftWins", bias.leftWins},
            {"leftShare", bias.leftShare ? nlohmann::json(*bias.leftShare) : nlohmann::json(nullptr)},
            {"lower", bias.interval.lower},
            {"upper", bias.interval.upper},
            {"significant", bias.significant}};
}

} // namespace

PositionBiasReport measurePositionBias(const std::vector<PlacedVote> &votes, double level)
{
    PositionBiasReport report;
    report.level = level;
    std::map<QString, SideBias> byAnnotator;
    for (const PlacedVote &vote : votes) {
        count(report.overall, vote.outcome);
        SideBias &bias = byAnnotator[vote.annotator];
        bias.annotator = vote.annotator;
        count(bias, vote.outcome);
    }
    conclude(report.overall, level);
    for (auto &[name, bias] : byAnnotator) {
        conclude(bias, level);
        report.annotators.push_back(bias);
    }
    return report;
}

nlohmann::json toJson(const PositionBiasReport &report)
{
    nlohmann::json annotators = nlohmann::json::array();
    for (const SideBias &bias : report.annotators)
        annotators.push_back(toJson(bias));
    return {{"level", report.level}, {"overall", toJson(report.overall)}, {"annotators", std::move(annotators)}};
}

} // namespace majlis::rating
