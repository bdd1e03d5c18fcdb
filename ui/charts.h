#pragma once

#include <QHash>
#include <QImage>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

#include "analysis/analysis.h"
#include "rating/winmatrix.h"

namespace majlis::ui {

// Charts of the leaderboard, painted rather than built on Qt Charts: each mirrors itself in a
// right-to-left layout (labels on the right, bars growing leftwards) and renders the same way
// on screen and into a PNG.
class ChartWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ChartWidget(QWidget *parent = nullptr);

    // The chart on a white background at its current size (or its size hint before it was laid
    // out), for "Export chart as PNG…".
    QImage toImage() const;
    bool hasData() const { return m_hasData; }

protected:
    void paintEvent(QPaintEvent *event) override;
    virtual void paintChart(QPainter &painter, const QRect &area) const = 0;
    void setHasData(bool hasData);
    bool rightToLeft() const { return layoutDirection() == Qt::RightToLeft; }
    // Shown instead of the chart when there is nothing to draw.
    QString m_emptyText;

private:
    bool m_hasData = false;
};

struct RatingPoint
{
    QString label;
    std::optional<double> rating;
    std::optional<double> lower; // may be infinite
    std::optional<double> upper;
    bool provisional = false;
};

// One row per model: the rating as a dot, its confidence interval as a whisker.
class RatingChart final : public ChartWidget
{
    Q_OBJECT

public:
    explicit RatingChart(QWidget *parent = nullptr);
    void setPoints(std::vector<RatingPoint> points);
    const std::vector<RatingPoint> &points() const { return m_points; }
    QSize sizeHint() const override { return {460, 320}; }

protected:
    void paintChart(QPainter &painter, const QRect &area) const override;

private:
    std::vector<RatingPoint> m_points;
};

// Share of games the row model took from the column model; empty cells had no games.
class WinRateHeatmap final : public ChartWidget
{
    Q_OBJECT

public:
    explicit WinRateHeatmap(QWidget *parent = nullptr);
    void setMatrix(QStringList labels, rating::SquareMatrix matrix);
    QSize sizeHint() const override { return {460, 320}; }

protected:
    void paintChart(QPainter &painter, const QRect &area) const override;

private:
    QStringList m_labels;
    rating::SquareMatrix m_matrix;
};

// Failure marks per model, one stacked bar per model, a colour per category.
class FailureChart final : public ChartWidget
{
    Q_OBJECT

public:
    explicit FailureChart(QWidget *parent = nullptr);
    // `categoryNames`: failure category id -> label in the UI language; ids without one are shown.
    void setFailures(QStringList labels, std::vector<analysis::ModelFailures> failures,
                     QHash<QString, QString> categoryNames = {});
    QStringList legend() const; // the legend's entries, in order (what a reader sees)
    QSize sizeHint() const override { return {460, 320}; }

protected:
    void paintChart(QPainter &painter, const QRect &area) const override;

private:
    QStringList m_labels; // display name per entry of m_failures
    std::vector<analysis::ModelFailures> m_failures;
    QStringList m_categories; // in legend order
    QHash<QString, QString> m_categoryNames;
};

} // namespace majlis::ui
