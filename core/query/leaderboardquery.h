#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <utility>

#include "analysis/analysis.h"
#include "common/result.h"

namespace majlis::query {

// How a front end writes an option, so that every message names it in that front end's syntax
// while the words after the name are the same everywhere: majlisctl says "--bootstrap takes …",
// the server "query parameter \"bootstrap\": takes …".
struct Spelling
{
    // The start of a message about option `name`, e.g. "--min-votes " or "query parameter \"min_votes\": ".
    std::function<QString(const QString &name)> subject;
    // How to set `name` to `value`, e.g. "--bootstrap N" or "bootstrap=N".
    std::function<QString(const QString &name, const QString &value)> setting;
};

// The leaderboard's options by their canonical names (docs/api.md, GET /api/v1/leaderboard):
// pack, slice, slice_min_votes, bootstrap, ci, both_bad, anchor, anchor_rating, min_votes,
// include_picked. The front end passes what it was given, each occurrence once, in any order.
using Given = QList<std::pair<QString, QString>>;

// The canonical names, in the order the parser decides them (ci after bootstrap).
const QStringList &leaderboardOptionNames();

// The rounds a leaderboard may ask for: enough for any published interval, few enough that one
// request cannot hold the server for minutes.
inline constexpr int MaxBootstrapRounds = 10000;

// Applies `given` to `options` (defaults otherwise). A Validation error names the first bad
// option in `spelling`; an unknown name is the front end's to refuse before calling this (it
// knows its other options), and is refused here as an internal error. Annotator groups, and
// whether slice=group has them, are the front end's: they come from different places.
Result<analysis::AnalysisOptions> parseLeaderboardOptions(const Given &given, const Spelling &spelling,
                                                          analysis::AnalysisOptions options = {});

}  // namespace majlis::query
