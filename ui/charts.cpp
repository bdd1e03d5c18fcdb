#include "ui/charts.h"

#include <QFontMetrics>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace majlis::ui {

namespace {

constexpr int kMargin = 10;

// 1, 2 or 5 times a power of ten, so the axis reads in round numbers.
double niceStep(double range, int ticks)
{
    const double raw = range / std::max(1, ticks);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (raw <= m * power)
            return m * power;
    return 10 * power;
}

// Colour-blind-safe categorical palette (Okabe-Ito, then a few extra tones).
QColor categoryColour(int index)
{
    static const QColor palette[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73),
                                     QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                     QColor(0xCC, 0x79, 0xA7), QColor(0x99, 0x99, 0x99), QColor(0x88, 0x22, 0x55),
                                     QColor(0x44, 0xAA, 0x99)};
    return palette[index % int(std::size(palette))];
}

// Red (loses) through white (even) to blue (wins).
QColor winColour(double share)
{
    const QColor low(0xD7, 0x30, 0x27), mid(0xF7, 0xF7, 0xF7), high(0x45, 0x75, 0xB4);
    const double t = std::clamp(share, 0.0, 1.0);
    const QColor &a = t < 0.5 ? low : mid;
    const QColor &b = t < 0.5 ? mid : high;
    const double u = t < 0.5 ? t / 0.5 : (t - 0.5) / 0.5;
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * u), float(a.greenF() + (b.greenF() - a.greenF()) * u),
                            float(a.blueF() + (b.blueF() - a.blueF()) * u));
}

int labelWidth(const QFontMetrics &fm, const QStringList &labels, int limit)
{
    int w = 0;
    for (const QString &l : labels)
        w = std::max(w, fm.horizontalAdvance(l));
    return std::min(w + 12, limit);
}

} // namespace

ChartWidget::ChartWidget(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(240, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ChartWidget::setHasData(bool hasData)
{
    m_hasData = hasData;
    update();
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::black);
    if (!m_hasData) {
        p.setPen(Qt::darkGray);
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    paintChart(p, rect().adjusted(kMargin, kMargin, -kMargin, -kMargin));
}

QImage ChartWidget::toImage() const
{
    const QSize size = isVisible() && width() > 0 ? this->size() : sizeHint();
    const qreal ratio = devicePixelRatioF();
    QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font());
    p.setLayoutDirection(layoutDirection());
    const QRect all(QPoint(0, 0), size);
    if (m_hasData) {
        paintChart(p, all.adjusted(kMargin, kMargin, -kMargin, -kMargin));
    } else {
        p.setPen(Qt::darkGray);
        p.drawText(all, Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
    }
    return image;
}

// --- ratings with intervals --------------------------------------------------------------------

RatingChart::RatingChart(QWidget *parent) : ChartWidget(parent)
{
    m_emptyText = tr("No ratings yet: the chart appears once models have votes.");
}

void RatingChart::setPoints(std::vector<RatingPoint> points)
{
    m_points = std::move(points);
    setHasData(std::any_of(m_points.begin(), m_points.end(), [](const RatingPoint &p) { return p.rating.has_value(); }));
}

void RatingChart::paintChart(QPainter &p, const QRect &area) const
{
    const QFontMetrics fm(p.font());
    QStringList labels;
    double lo = INFINITY, hi = -INFINITY;
    for (const RatingPoint &pt : m_points) {
        labels << pt.label;
        for (const auto &x : {pt.rating, pt.lower, pt.upper})
            if (x && std::isfinite(*x)) {
                lo = std::min(lo, *x);
                hi = std::max(hi, *x);
            }
    }
    if (hi - lo < 20) {
        lo -= 10;
        hi += 10;
    }
    const double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;

    const bool rtl = rightToLeft();
    QLocale ratingLocale;
    ratingLocale.setNumberOptions(QLocale::OmitGroupSeparator);
    const int labelsW = labelWidth(fm, labels, area.width() / 3);
    const int axisH = fm.height() * 2 + 6;
    QRect plot = area.adjusted(0, fm.height() + 4, 0, -axisH);
    QRect labelArea = plot;
    if (rtl) {
        labelArea.setLeft(plot.right() - labelsW);
        plot.setRight(labelArea.left() - 8);
    } else {
        labelArea.setRight(plot.left() + labelsW);
        plot.setLeft(labelArea.right() + 8);
    }
    // Ratings grow to the right in both directions, like the numbers printed on them.
    auto xOf = [&](double v) { return plot.left() + (v - lo) / (hi - lo) * plot.width(); };

    p.setPen(Qt::darkGray);
    p.drawText(area.left(), area.top(), area.width(), fm.height(), Qt::AlignHCenter,
               tr("Rating (Bradley–Terry) with 95% interval"));

    const double step = niceStep(hi - lo, 5);
    p.setPen(QColor(0xDD, 0xDD, 0xDD));
    for (double t = std::ceil(lo / step) * step; t <= hi; t += step) {
        const double x = xOf(t);
        p.setPen(QColor(0xE4, 0xE4, 0xE4));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        p.setPen(Qt::darkGray);
        const QString text = ratingLocale.toString(t, 'f', 0);
        p.drawText(QRectF(x - 40, plot.bottom() + 4, 80, fm.height()), Qt::AlignHCenter, text);
    }
    p.setPen(Qt::black);
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.setPen(Qt::darkGray);
    p.drawText(QRect(plot.left(), plot.bottom() + fm.height() + 6, plot.width(), fm.height()), Qt::AlignHCenter,
               tr("hollow dot: provisional (few votes)"));

    const int n = int(m_points.size());
    const double rowH = double(plot.height()) / std::max(1, n);
    for (int i = 0; i < n; ++i) {
        const RatingPoint &pt = m_points[std::size_t(i)];
        const double y = plot.top() + rowH * (i + 0.5);
        p.setPen(Qt::black);
        p.drawText(QRectF(labelArea.left(), y - rowH / 2, labelArea.width(), rowH),
                   Qt::AlignVCenter | (rtl ? Qt::AlignRight : Qt::AlignLeft),
                   fm.elidedText(pt.label, Qt::ElideMiddle, labelArea.width() - 4));
        if (!pt.rating) {
            p.setPen(Qt::darkGray);
            p.drawText(QRectF(plot.left(), y - rowH / 2, plot.width(), rowH), Qt::AlignCenter, tr("not rated"));
            continue;
        }
        const double cap = std::min(6.0, rowH / 4);
        if (pt.lower && pt.upper) {
            const double l = std::isfinite(*pt.lower) ? xOf(*pt.lower) : plot.left();
            const double u = std::isfinite(*pt.upper) ? xOf(*pt.upper) : plot.right();
            p.setPen(QPen(QColor(0x33, 0x33, 0x33), 2));
            p.drawLine(QPointF(l, y), QPointF(u, y));
            if (std::isfinite(*pt.lower))
                p.drawLine(QPointF(l, y - cap), QPointF(l, y + cap));
            if (std::isfinite(*pt.upper))
                p.drawLine(QPointF(u, y - cap), QPointF(u, y + cap));
        }
        const QPointF centre(xOf(*pt.rating), y);
        p.setPen(QPen(QColor(0x00, 0x72, 0xB2), 2));
        p.setBrush(pt.provisional ? QBrush(Qt::white) : QBrush(QColor(0x00, 0x72, 0xB2)));
        p.drawEllipse(centre, 5.5, 5.5);
        p.setBrush(Qt::NoBrush);
        p.setPen(Qt::black);
        p.drawText(QRectF(centre.x() - 40, y - cap - fm.height() - 2, 80, fm.height()), Qt::AlignHCenter,
                   ratingLocale.toString(*pt.rating, 'f', 0));
    }
}

// --- win-rate heatmap -------------------------------------------------------------------------

WinRateHeatmap::WinRateHeatmap(QWidget *parent) : ChartWidget(parent)
{
    m_emptyText = tr("No games between models yet.");
}

void WinRateHeatmap::setMatrix(QStringList labels, rating::SquareMatrix matrix)
{
    m_labels = std::move(labels);
    m_matrix = std::move(matrix);
    setHasData(std::any_of(m_matrix.values.begin(), m_matrix.values.end(), [](double v) { return !std::isnan(v); }));
}

void WinRateHeatmap::paintChart(QPainter &p, const QRect &area) const
{
    const QFontMetrics fm(p.font());
    const bool rtl = rightToLeft();
    const int n = m_matrix.size;
    const int labelsW = labelWidth(fm, m_labels, area.width() / 3);
    const int titleH = fm.height() + 4;
    const int headerH = fm.height() * 2 + 6;
    QRect grid = area.adjusted(0, titleH + headerH, 0, -(fm.height() + 6));
    if (rtl)
        grid.setRight(grid.right() - labelsW);
    else
        grid.setLeft(grid.left() + labelsW);
    const double cellW = double(grid.width()) / std::max(1, n), cellH = double(grid.height()) / std::max(1, n);

    p.setPen(Qt::darkGray);
    p.drawText(area.left(), area.top(), area.width(), fm.height(), Qt::AlignHCenter,
               tr("Share of games the row model won against the column model"));
    // In a right-to-left layout the first column is on the right, next to the row labels.
    auto cellX = [&](int column) { return rtl ? grid.right() + 1 - cellW * (column + 1) : grid.left() + cellW * column; };
    for (int c = 0; c < n; ++c) {
        const QRectF header(cellX(c), grid.top() - headerH, cellW, headerH);
        p.setPen(Qt::black);
        p.drawText(header.adjusted(2, 0, -2, -2), Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap,
                   m_labels.value(c));
    }
    for (int r = 0; r < n; ++r) {
        const double y = grid.top() + cellH * r;
        const QRectF label = rtl ? QRectF(grid.right() + 6, y, labelsW - 6, cellH)
                                 : QRectF(area.left(), y, labelsW - 6, cellH);
        p.setPen(Qt::black);
        p.drawText(label, Qt::AlignVCenter | (rtl ? Qt::AlignRight : Qt::AlignLeft),
                   fm.elidedText(m_labels.value(r), Qt::ElideMiddle, int(label.width())));
        for (int c = 0; c < n; ++c) {
            const QRectF cell(cellX(c), y, cellW, cellH);
            const double v = m_matrix.at(r, c);
            p.fillRect(cell.adjusted(1, 1, -1, -1), std::isnan(v) ? QColor(0xEE, 0xEE, 0xEE) : winColour(v));
            p.setPen(std::isnan(v) || std::abs(v - 0.5) < 0.3 ? Qt::black : Qt::white);
            p.drawText(cell, Qt::AlignCenter,
                       std::isnan(v) ? QStringLiteral("–") : QString(QLocale().toString(v * 100, 'f', 0) + QLocale().percent()));
        }
    }
    p.setPen(Qt::darkGray);
    p.drawText(QRect(area.left(), grid.bottom() + 4, area.width(), fm.height()), Qt::AlignHCenter,
               tr("ties count half; grey: no games"));
}

// --- failure categories ------------------------------------------------------------------------

FailureChart::FailureChart(QWidget *parent) : ChartWidget(parent)
{
    m_emptyText = tr("No failure marks yet.");
}

void FailureChart::setFailures(QStringList labels, std::vector<analysis::ModelFailures> failures,
                               QHash<QString, QString> categoryNames)
{
    m_labels = std::move(labels);
    m_categoryNames = std::move(categoryNames);
    m_failures = std::move(failures);
    m_categories.clear();
    QHash<QString, qint64> totals;
    for (const analysis::ModelFailures &m : m_failures)
        for (const analysis::FailureCategory &c : m.categories)
            totals[c.category] += c.count;
    m_categories = totals.keys();
    std::sort(m_categories.begin(), m_categories.end(), [&](const QString &a, const QString &b) {
        return totals[a] != totals[b] ? totals[a] > totals[b] : a < b;
    });
    setHasData(!m_categories.isEmpty());
}

QStringList FailureChart::legend() const
{
    QStringList names;
    for (const QString &c : m_categories)
        names << m_categoryNames.value(c, c);
    return names;
}

void FailureChart::paintChart(QPainter &p, const QRect &area) const
{
    const QFontMetrics fm(p.font());
    const bool rtl = rightToLeft();
    const QStringList names = legend();

    // Legend first, from the bottom up, so the bars get what is left.
    QList<QPair<QRect, int>> legend;
    {
        int x = 0, rows = 1;
        const int lineH = fm.height() + 4;
        QList<QPair<int, int>> placed; // (x, row) per category
        for (const QString &name : names) {
            const int w = 14 + 4 + fm.horizontalAdvance(name) + 14;
            if (x > 0 && x + w > area.width()) {
                x = 0;
                ++rows;
            }
            placed.append({x, rows - 1});
            x += w;
        }
        const int top = area.bottom() - rows * lineH;
        for (int i = 0; i < int(placed.size()); ++i) {
            const int w = 14 + 4 + fm.horizontalAdvance(names[i]);
            const int left = rtl ? area.right() - placed[i].first - w : area.left() + placed[i].first;
            legend.append({QRect(left, top + placed[i].second * lineH, w, lineH), i});
        }
    }
    const int legendTop = legend.isEmpty() ? area.bottom() : legend.first().first.top();

    QStringList labels;
    qint64 most = 1;
    for (std::size_t i = 0; i < m_failures.size(); ++i) {
        labels << m_labels.value(qsizetype(i));
        most = std::max(most, m_failures[i].count);
    }
    const int labelsW = labelWidth(fm, labels, area.width() / 3);
    QRect plot(area.left(), area.top() + fm.height() + 6, area.width(), legendTop - area.top() - fm.height() - 12);
    QRect labelArea = plot;
    if (rtl) {
        labelArea.setLeft(plot.right() - labelsW);
        plot.setRight(labelArea.left() - 8);
    } else {
        labelArea.setRight(plot.left() + labelsW);
        plot.setLeft(labelArea.right() + 8);
    }
    const int totalW = fm.horizontalAdvance(QStringLiteral("0000")) + 6;
    const double perMark = double(plot.width() - totalW) / double(most);

    p.setPen(Qt::darkGray);
    p.drawText(area.left(), area.top(), area.width(), fm.height(), Qt::AlignHCenter,
               tr("Failure marks per model, by category"));

    const int n = int(m_failures.size());
    const double rowH = double(plot.height()) / std::max(1, n);
    const double barH = std::min(28.0, rowH * 0.6);
    for (int i = 0; i < n; ++i) {
        const analysis::ModelFailures &m = m_failures[std::size_t(i)];
        const double y = plot.top() + rowH * (i + 0.5);
        p.setPen(Qt::black);
        p.drawText(QRectF(labelArea.left(), y - rowH / 2, labelArea.width(), rowH),
                   Qt::AlignVCenter | (rtl ? Qt::AlignRight : Qt::AlignLeft),
                   fm.elidedText(labels.value(i), Qt::ElideMiddle, labelArea.width() - 4));
        double offset = 0;
        for (const QString &category : m_categories) {
            const auto it = std::find_if(m.categories.begin(), m.categories.end(),
                                         [&](const analysis::FailureCategory &c) { return c.category == category; });
            if (it == m.categories.end() || it->count == 0)
                continue;
            const double w = perMark * double(it->count);
            const double x = rtl ? plot.right() - offset - w : plot.left() + offset;
            p.fillRect(QRectF(x, y - barH / 2, w, barH),
                       categoryColour(int(m_categories.indexOf(category))));
            offset += w;
        }
        p.setPen(Qt::black);
        const QRectF total = rtl ? QRectF(plot.right() - offset - totalW, y - rowH / 2, totalW - 4, rowH)
                                 : QRectF(plot.left() + offset + 4, y - rowH / 2, totalW - 4, rowH);
        p.drawText(total, Qt::AlignVCenter | (rtl ? Qt::AlignRight : Qt::AlignLeft), QLocale().toString(m.count));
    }
    for (const auto &[box, index] : legend) {
        const QRect swatch = rtl ? QRect(box.right() - 13, box.top() + 3, 12, 12) : QRect(box.left(), box.top() + 3, 12, 12);
        p.fillRect(swatch, categoryColour(index));
        p.setPen(Qt::black);
        const QRect text = rtl ? box.adjusted(0, 0, -18, 0) : box.adjusted(18, 0, 0, 0);
        p.drawText(text, Qt::AlignVCenter | (rtl ? Qt::AlignRight : Qt::AlignLeft), names[index]);
    }
}

} // namespace majlis::ui
