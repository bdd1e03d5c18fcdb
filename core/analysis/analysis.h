#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

#include "analysis/livevotes.h"
#include "common/result.h"
#include "model/dialects.h"
#include "rating/agreement.h"
#include "rating/leaderboard.h"
#include "rating/positionbias.h"
#include "rating/winmatrix.h"

namespace majlis::store {
class EventStore;
}

namespace majlis::analysis {

// Dialect slices by the variety of the dialect registry an item's code names ("egy" and "arz"
// are one slice, "egyptian"); Region by that variety's region; a code the registry does not
// know is its own slice, and in no region (an empty value).
enum class SliceBy { None, Dialect, Category, Group, Region };
QString toString(SliceBy slice);
std::optional<SliceBy> sliceFromString(const QString &text); // none | dialect | category | group | region

struct AnalysisOptions
{
    QString packId; // empty: every pack
    bool includePicked = false;
    QHash<QString, QString> annotatorGroups;
    SliceBy slice = SliceBy::None;
    DialectRegistry dialects = defaultDialects();  // the pack's (packDialects) when one pack is read
    // A slice with fewer ranking votes than this is still fitted, but flagged as too small.
    qint64 sliceMinVotes = 50;
    // leaderboard.fit.bothBadAsTie decides "both bad": a tie (default) or left out.
    rating::LeaderboardOptions leaderboard;
    int topExamples = 3; // failure quotes kept per model and category
};

struct SliceBoard
{
    QString value; // the variety, region, category or group; empty for votes without one
    qint64 votes = 0;
    bool tooFewVotes = false;
    rating::Leaderboard board;
    rating::SquareMatrix winRate; // over Analysis::models, this slice's votes only
};

struct LeakShare
{
    QString model;
    qint64 shown = 0;
    qint64 masked = 0;
    std::optional<double> share; // masked / shown; none when never shown
};

struct FailureCategory
{
    QString category;
    qint64 count = 0;
    double weighted = 0;
    QHash<QString, qint64> bySeverity;
    std::vector<LiveFailure> examples; // heaviest first, at most AnalysisOptions::topExamples
};

struct ModelFailures
{
    QString model;
    qint64 count = 0;
    double weighted = 0;
    std::vector<FailureCategory> categories; // by count, then name
};

// Everything the leaderboard screens and the JSON document show. The model list is shared by
// the overall board, every slice and both matrices.
struct Analysis
{
    QString packId;
    bool includePicked = false;
    QStringList models;                 // model ids, sorted
    QHash<QString, QString> modelNames; // id -> display name, where the pack gives one
    qint64 liveVotes = 0;
    qint64 rankingVotes = 0;            // live votes that fed the ranking
    qint64 pickedLeftOut = 0;
    // Live votes imported from another evaluation's data (`majlisctl votes import`): they feed the
    // ranking as that data says, and never the position bias.
    qint64 importedVotes = 0;
    qint64 supersededVotes = 0;
    qint64 unreadableVotes = 0;
    rating::Leaderboard board;
    rating::SquareMatrix winRate;       // over `models`
    rating::SquareMatrix predictedWin;
    SliceBy sliceBy = SliceBy::None;
    qint64 sliceMinVotes = 0;
    std::vector<SliceBoard> slices;     // by value
    std::vector<LeakShare> leaks;       // every model, sorted
    std::vector<ModelFailures> failures; // every model, sorted; empty categories before any marks
    QStringList warnings;               // about the votes (the boards carry their own)

    QString displayName(const QString &model) const { return modelNames.value(model, model); }
};

Result<Analysis> analyse(const LiveVotes &votes, const AnalysisOptions &options);
// The same for another slice of votes already analysed: `overall` is the analysis of these live
// votes with these options but for options.slice, and its overall figures (the board, the
// matrices, the exposure, the failures) are taken as they are; only the slices are computed. A
// view that shows the dialect, category and group slices of one fold fits the overall board once.
// An `overall` of other votes (another count, pack, selection or model list) is not used.
Result<Analysis> analyseSlices(const LiveVotes &votes, const AnalysisOptions &options, const Analysis &overall);
Result<Analysis> analyse(store::EventStore &store, const AnalysisOptions &options);

// The one leaderboard document, shared by `majlisctl ratings --format json` and
// GET /api/v1/leaderboard?pack=&slice=.
nlohmann::json toJson(const Analysis &analysis);
Result<nlohmann::json> leaderboardJson(store::EventStore &store, const AnalysisOptions &options);

// Agreement between annotators over every live vote (selection does not bias agreement).
rating::AgreementReport agreement(const LiveVotes &votes);
// Share of decisive votes won by the left answer, overall and per annotator.
rating::PositionBiasReport positionBias(const LiveVotes &votes, double level = 0.95);

} // namespace majlis::analysis
