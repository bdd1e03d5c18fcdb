#include "ui/leaderboardview.h"

#include "store/eventstore.h"
#include "ui/charts.h"
#include "ui/dialogs.h"
#include "ui/leaderboardmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace majlis::ui {

namespace {

QWidget *chartPanel(QLabel *title, ChartWidget *chart, QPushButton *exportButton)
{
    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    top->addWidget(title, 1);
    top->addWidget(exportButton);
    layout->addLayout(top);
    layout->addWidget(chart, 1);
    return panel;
}

}  // namespace

LeaderboardView::LeaderboardView(QWidget *parent)
    : QWidget(parent), m_title(new QLabel), m_sliceLabel(new QLabel), m_slice(new QComboBox), m_includePicked(new QCheckBox),
      m_summary(new QLabel), m_table(new QTableView), m_model(new LeaderboardModel(this)), m_ratingChart(new RatingChart),
      m_heatmap(new WinRateHeatmap), m_failureChart(new FailureChart), m_ratingTitle(new QLabel), m_heatmapTitle(new QLabel),
      m_failureTitle(new QLabel), m_exportRatings(new QPushButton), m_exportHeatmap(new QPushButton),
      m_exportFailures(new QPushButton), m_refreshButton(new QPushButton)
{
    setObjectName(QStringLiteral("leaderboardView"));
    m_title->setObjectName(QStringLiteral("leaderboardTitle"));
    m_slice->setObjectName(QStringLiteral("sliceSelector"));
    m_includePicked->setObjectName(QStringLiteral("includePicked"));
    m_summary->setObjectName(QStringLiteral("leaderboardSummary"));
    m_table->setObjectName(QStringLiteral("leaderboardTable"));
    m_ratingChart->setObjectName(QStringLiteral("ratingChart"));
    m_heatmap->setObjectName(QStringLiteral("winRateHeatmap"));
    m_failureChart->setObjectName(QStringLiteral("failureChart"));
    m_exportRatings->setObjectName(QStringLiteral("exportRatingChart"));
    m_exportHeatmap->setObjectName(QStringLiteral("exportWinRateHeatmap"));
    m_exportFailures->setObjectName(QStringLiteral("exportFailureChart"));
    m_refreshButton->setObjectName(QStringLiteral("refreshLeaderboard"));

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_slice->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    bar->addWidget(m_sliceLabel);
    bar->addWidget(m_slice);
    bar->addWidget(m_includePicked);
    bar->addWidget(m_refreshButton);

    auto *charts = new QWidget;
    auto *chartRow = new QHBoxLayout(charts);
    chartRow->setContentsMargins(0, 0, 0, 0);
    chartRow->addWidget(chartPanel(m_ratingTitle, m_ratingChart, m_exportRatings), 1);
    chartRow->addWidget(chartPanel(m_heatmapTitle, m_heatmap, m_exportHeatmap), 1);
    chartRow->addWidget(chartPanel(m_failureTitle, m_failureChart, m_exportFailures), 1);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_table);
    splitter->addWidget(charts);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    connect(m_slice, &QComboBox::currentIndexChanged, this, &LeaderboardView::showSelection);
    connect(m_includePicked, &QCheckBox::toggled, this, &LeaderboardView::refresh);
    connect(m_refreshButton, &QPushButton::clicked, this, &LeaderboardView::refresh);
    connect(m_exportRatings, &QPushButton::clicked, this, [this] { exportChart(m_ratingChart, QStringLiteral("ratings.png")); });
    connect(m_exportHeatmap, &QPushButton::clicked, this, [this] { exportChart(m_heatmap, QStringLiteral("win-rates.png")); });
    connect(m_exportFailures, &QPushButton::clicked, this,
            [this] { exportChart(m_failureChart, QStringLiteral("failures.png")); });
    retranslate();
}

LeaderboardView::~LeaderboardView() = default;

void LeaderboardView::retranslate()
{
    m_title->setText(m_packId.isEmpty() ? tr("Leaderboard") : tr("Leaderboard: %1").arg(m_packId));
    m_sliceLabel->setText(tr("Votes:"));
    m_includePicked->setText(tr("Include pairs picked by hand"));
    m_includePicked->setToolTip(tr("Pairs an annotator chose are left out by default: they are not a random sample."));
    m_refreshButton->setText(tr("Refresh"));
    m_ratingTitle->setText(tr("Ratings"));
    m_heatmapTitle->setText(tr("Win rates"));
    m_failureTitle->setText(tr("Failures"));
    for (QPushButton *b : {m_exportRatings, m_exportHeatmap, m_exportFailures})
        b->setText(tr("Export chart as PNG…"));
    if (!m_choices.isEmpty())
        fillSliceSelector();
}

void LeaderboardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LeaderboardView::setStore(store::EventStore *store, const QString &packId)
{
    m_store = store;
    m_packId = packId;
    m_title->setText(m_packId.isEmpty() ? tr("Leaderboard") : tr("Leaderboard: %1").arg(m_packId));
    refresh();
}

void LeaderboardView::setAnnotatorGroups(const QHash<QString, QString> &groups)
{
    m_groups = groups;
    refresh();
}

const analysis::Analysis *LeaderboardView::analysisFor(analysis::SliceBy by) const
{
    switch (by) {
    case analysis::SliceBy::Category: return m_byCategory ? &*m_byCategory : nullptr;
    case analysis::SliceBy::Group: return m_byGroup ? &*m_byGroup : nullptr;
    case analysis::SliceBy::Region: return m_byRegion ? &*m_byRegion : nullptr;
    case analysis::SliceBy::None:
    case analysis::SliceBy::Dialect: break;
    }
    return m_byDialect ? &*m_byDialect : nullptr;
}

void LeaderboardView::refresh()
{
    m_byDialect.reset();
    m_byRegion.reset();
    m_byCategory.reset();
    m_byGroup.reset();
    m_itemCategories.clear();
    m_taxonomy = defaultTaxonomy();
    m_dialects = defaultDialects();
    if (!m_store) {
        m_summary->setText(tr("No store is open."));
        fillSliceSelector();
        return;
    }
    if (auto header = m_store->packHeader(m_packId)) {
        m_itemCategories = header->categories;
        m_dialects = packDialects(*header);
        // The pack was validated on import, so its taxonomy applies; if not, the default stands.
        if (auto taxonomy = applyPackTaxonomy(defaultTaxonomy(), header->taxonomy, header->id))
            m_taxonomy = std::move(*taxonomy);
    }

    auto live = analysis::collectLiveVotes(*m_store, {m_packId, m_groups, false});
    if (!live) {
        m_summary->setText(tr("Could not read the votes: %1").arg(live.error().message));
        fillSliceSelector();
        return;
    }
    analysis::AnalysisOptions options;
    options.packId = m_packId;
    options.includePicked = m_includePicked->isChecked();
    options.annotatorGroups = m_groups;
    options.dialects = m_dialects;
    QString error;
    // The overall board is fitted once, with the dialect slices; the other slicings reuse it.
    auto run = [&](analysis::SliceBy by, std::optional<analysis::Analysis> &into) {
        options.slice = by;
        auto a = m_byDialect ? analysis::analyseSlices(*live, options, *m_byDialect) : analysis::analyse(*live, options);
        if (a)
            into = std::move(*a);
        else if (error.isEmpty())
            error = a.error().message;
    };
    run(analysis::SliceBy::Dialect, m_byDialect);
    run(analysis::SliceBy::Region, m_byRegion);
    run(analysis::SliceBy::Category, m_byCategory);
    if (!m_groups.isEmpty())
        run(analysis::SliceBy::Group, m_byGroup);
    if (!error.isEmpty())
        m_summary->setText(tr("Could not compute the leaderboard: %1").arg(error));
    fillSliceSelector();
}

void LeaderboardView::fillSliceSelector()
{
    // Keep the reader's choice across a refresh when it still exists.
    const QString previous = m_slice->currentData().toString();
    const QSignalBlocker blocker(m_slice);
    m_slice->clear();
    m_choices.clear();
    if (m_byDialect) {
        m_slice->addItem(tr("All votes (%1)").arg(QLocale().toString(m_byDialect->rankingVotes)), QStringLiteral("all"));
        m_choices.append({analysis::SliceBy::None, -1});
    }
    auto add = [&](analysis::SliceBy by, const QString &kind) {
        const analysis::Analysis *a = analysisFor(by);
        if (!a)
            return;
        for (int i = 0; i < int(a->slices.size()); ++i) {
            const analysis::SliceBoard &s = a->slices[std::size_t(i)];
            QString value = s.value.isEmpty() ? tr("(none)") : s.value;
            if (by == analysis::SliceBy::Dialect && !s.value.isEmpty())
                value = m_dialects.varietyName(s.value, QLocale().uiLanguages());
            if (by == analysis::SliceBy::Region && !s.value.isEmpty())
                value = m_dialects.regionName(s.value, QLocale().uiLanguages());
            if (by == analysis::SliceBy::Category)
                for (const CategoryInfo &c : std::as_const(m_itemCategories))
                    if (c.id == s.value)
                        value = pickLanguage(c.label, QLocale().uiLanguages());
            m_slice->addItem(tr("%1: %2 (%3)").arg(kind, value, QLocale().toString(s.votes)),
                             QString(toString(by) + QLatin1Char(':') + s.value));
            m_choices.append({by, i});
        }
    };
    add(analysis::SliceBy::Dialect, tr("Dialect"));
    add(analysis::SliceBy::Region, tr("Region"));
    add(analysis::SliceBy::Category, tr("Category"));
    add(analysis::SliceBy::Group, tr("Group"));
    const int keep = m_slice->findData(previous);
    m_slice->setCurrentIndex(keep >= 0 ? keep : 0);
    showSelection();
}

void LeaderboardView::showSelection()
{
    const int at = m_slice->currentIndex();
    if (at < 0 || at >= m_choices.size() || !m_byDialect) {
        m_model->setBoard({}, {}, {});
        m_ratingChart->setPoints({});
        m_heatmap->setMatrix({}, {});
        m_failureChart->setFailures({}, {});
        return;
    }
    const SliceChoice choice = m_choices[at];
    const analysis::Analysis &whole = *analysisFor(choice.by);
    const analysis::SliceBoard *slice = choice.index >= 0 ? &whole.slices[std::size_t(choice.index)] : nullptr;
    const rating::Leaderboard &board = slice ? slice->board : whole.board;

    m_model->setBoard(board, whole.modelNames, whole.leaks);

    std::vector<RatingPoint> points;
    for (const rating::LeaderboardRow &r : board.rows)
        points.push_back({whole.displayName(r.model), r.rating, r.ciLower, r.ciUpper, r.provisional});
    m_ratingChart->setPoints(std::move(points));

    // The heatmap and the failure chart follow the board's order, best first, like the table.
    QList<int> order;
    for (const rating::LeaderboardRow &r : board.rows)
        if (const qsizetype i = whole.models.indexOf(r.model); i >= 0)
            order << int(i);
    const rating::SquareMatrix &wins = slice ? slice->winRate : whole.winRate;
    rating::SquareMatrix ordered{int(order.size()), {}};
    QStringList names;
    for (int r : std::as_const(order)) {
        names << whole.displayName(whole.models[r]);
        for (int c : std::as_const(order))
            ordered.values.push_back(wins.at(r, c));
    }
    m_heatmap->setMatrix(names, std::move(ordered));
    std::vector<analysis::ModelFailures> failures;
    QStringList failureNames;
    for (int i : std::as_const(order))
        for (const analysis::ModelFailures &f : whole.failures)
            if (f.model == whole.models[i]) {
                failures.push_back(f);
                failureNames << whole.displayName(f.model);
            }
    QHash<QString, QString> categoryNames;
    for (const TaxonomyEntry &c : std::as_const(m_taxonomy.categories))
        categoryNames.insert(c.id, pickLanguage(c.label, QLocale().uiLanguages()));
    m_failureChart->setFailures(failureNames, std::move(failures), std::move(categoryNames));

    QStringList lines;
    const QLocale locale;
    QString counts =
        tr("%1 live votes, %2 in the ranking").arg(locale.toString(whole.liveVotes), locale.toString(whole.rankingVotes));
    if (whole.pickedLeftOut > 0)
        counts += QLatin1Char(' ') + tr("(%1 on pairs picked by hand left out)").arg(locale.toString(whole.pickedLeftOut));
    if (slice)
        counts += tr("; ", "between two counts") + tr("this slice: %1 votes").arg(locale.toString(slice->votes));
    lines << counts;
    if (slice && slice->tooFewVotes)
        lines << tr("Too few votes in this slice for a settled board (fewer than %1).").arg(locale.toString(whole.sliceMinVotes));
    // The warnings come from core in English; they name models and numbers a coordinator can act on.
    for (const QString &w : board.warnings)
        if (!(slice && slice->tooFewVotes && w.startsWith(QLatin1String("only "))))
            lines << QStringLiteral("⚠ ") + w;
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

void LeaderboardView::exportChart(ChartWidget *chart, const QString &suggestedName)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    QString fileName =
        Dialogs::saveFileName(this, tr("Export chart as PNG"), dir + QLatin1Char('/') + suggestedName, tr("PNG images (*.png)"));
    if (fileName.isEmpty())
        return;
    if (!fileName.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        fileName += QStringLiteral(".png");
    if (!chart->toImage().save(fileName, "PNG")) {
        const QString error = tr("Could not write %1.").arg(fileName);
        m_summary->setText(error);
        Q_EMIT chartExported({}, error);
        return;
    }
    Q_EMIT chartExported(fileName, {});
}

}  // namespace majlis::ui
