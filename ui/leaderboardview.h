#pragma once

#include <QHash>
#include <QString>
#include <QWidget>

#include <optional>

#include "analysis/analysis.h"
#include "model/dialects.h"
#include "model/taxonomy.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace majlis::store {
class EventStore;
}

namespace majlis::ui {

class ChartWidget;
class FailureChart;
class LeaderboardModel;
class RatingChart;
class WinRateHeatmap;

// The coordinator's leaderboard of one pack: the table, ratings with their intervals, the
// win-rate heatmap and failure marks per model, for all votes or one slice (dialect, category,
// annotator group). Reads the store only when refresh() is called; never shown while voting.
class LeaderboardView final : public QWidget
{
    Q_OBJECT

public:
    explicit LeaderboardView(QWidget *parent = nullptr);
    ~LeaderboardView() override;

    // The store must outlive the view (or be replaced first). Refreshes.
    void setStore(store::EventStore *store, const QString &packId);
    // Optional annotator -> group map; adds the group slices. Refreshes.
    void setAnnotatorGroups(const QHash<QString, QString> &groups);
    void refresh();

    LeaderboardModel *model() const { return m_model; }

Q_SIGNALS:
    // After a chart was written (path) or could not be (empty path, message for people).
    void chartExported(const QString &path, const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct SliceChoice
    {
        analysis::SliceBy by = analysis::SliceBy::None;
        int index = -1;  // into that analysis' slices; -1 for all votes
    };

    void retranslate();
    void fillSliceSelector();
    void showSelection();
    void exportChart(ChartWidget *chart, const QString &suggestedName);
    const analysis::Analysis *analysisFor(analysis::SliceBy by) const;

    store::EventStore *m_store = nullptr;
    QString m_packId;
    QHash<QString, QString> m_groups;
    // Labels in every language, picked in the UI language when shown (it can change while open).
    QList<CategoryInfo> m_itemCategories;           // the pack's item categories, for the category slices
    Taxonomy m_taxonomy;                            // failure categories: the default with the pack's changes
    std::optional<analysis::Analysis> m_byDialect;  // also holds the board of all votes
    std::optional<analysis::Analysis> m_byRegion;
    std::optional<analysis::Analysis> m_byCategory;
    std::optional<analysis::Analysis> m_byGroup;
    DialectRegistry m_dialects;  // the pack's, for the dialect and region slices' names
    QList<SliceChoice> m_choices;  // parallel to the selector's entries

    QLabel *m_title;
    QLabel *m_sliceLabel;
    QComboBox *m_slice;
    QCheckBox *m_includePicked;
    QLabel *m_summary;
    QTableView *m_table;
    LeaderboardModel *m_model;
    RatingChart *m_ratingChart;
    WinRateHeatmap *m_heatmap;
    FailureChart *m_failureChart;
    QLabel *m_ratingTitle, *m_heatmapTitle, *m_failureTitle;
    QPushButton *m_exportRatings, *m_exportHeatmap, *m_exportFailures;
    QPushButton *m_refreshButton;
};

}  // namespace majlis::ui
