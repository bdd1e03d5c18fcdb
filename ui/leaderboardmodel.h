#pragma once

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

#include "analysis/analysis.h"
#include "rating/leaderboard.h"

namespace majlis::ui {

// The rows of one leaderboard (the whole pack or one slice), for a QTableView.
class LeaderboardModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Rank, Model, Rating, Interval, Votes, Wins, Losses, Ties, BothBad, Elo, Leak, Note, ColumnCount };

    explicit LeaderboardModel(QObject *parent = nullptr);

    // `names`: model id -> display name; `leaks`: identity-leak share per model (whole pack).
    void setBoard(const rating::Leaderboard &board, const QHash<QString, QString> &names,
                  const std::vector<analysis::LeakShare> &leaks);
    const rating::LeaderboardRow &row(int index) const { return m_rows[std::size_t(index)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<rating::LeaderboardRow> m_rows;
    QHash<QString, QString> m_names;
    QHash<QString, analysis::LeakShare> m_leaks;
    double m_level = 0.95;
};

} // namespace majlis::ui
