#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrlQuery>

#include "analysis/analysis.h"
#include "common/result.h"
#include "sync/serverstorage.h"

namespace majlis::sync {

// GET /api/v1/leaderboard: the analysis of the server's events, the same JSON document as
// `majlisctl ratings --format json` over a store holding the same events. Item dialects and
// categories and model names come from the packs published on the server; votes on a pack it
// does not have still count, in the empty slice and under their model ids.
//
// A result is kept until the server's events or published packs change (events are immutable,
// so their count tells), so a dashboard that polls does not refit on every request.
class LeaderboardService
{
public:
    explicit LeaderboardService(ServerStorage &storage);

    // Annotator -> group, for slice=group (majlis-server --groups FILE).
    void setAnnotatorGroups(QHash<QString, QString> groups) { m_groups = std::move(groups); }

    // The query's parameters (docs/api.md); a Validation error names the parameter.
    Result<analysis::AnalysisOptions> options(const QUrlQuery &query) const;

    // The document, compact JSON. NotFound when a pack is named that the server neither
    // publishes nor has votes for.
    Result<QByteArray> leaderboard(const analysis::AnalysisOptions &options);

    // Reads what the fold needs of every published pack (model names, each item's dialect and
    // category), so that no request pays for parsing a pack file of a hundred thousand items:
    // when the server starts, and after a pack is published. A pack that does not read is
    // logged, as when a request meets it.
    Status preload();

    qint64 fits() const { return m_fits; } // analyses run, not answered from the cache

private:
    struct PackCache
    {
        QString sha256;
        QHash<QString, QString> modelNames;
        QHash<QString, analysis::ItemFacts> items;
        DialectRegistry dialects;  // the pack's: what its dialect and region slices read codes by
    };
    class Facts;

    static QString cacheKey(const analysis::AnalysisOptions &options);
    // The fold and the fit; what they held is freed when it returns. `folded`: how many votes the
    // fold held.
    Result<QByteArray> compute(const analysis::AnalysisOptions &options, const QList<PublishedPack> &published,
                               qint64 &folded);

    ServerStorage &m_storage;
    QHash<QString, QString> m_groups;
    QHash<QString, PackCache> m_packs;      // published pack id -> what the fold needs of it
    QString m_generation;                   // event count and published packs of m_results
    QHash<QString, QByteArray> m_results;   // cache key -> document
    qint64 m_fits = 0;
};

} // namespace majlis::sync
