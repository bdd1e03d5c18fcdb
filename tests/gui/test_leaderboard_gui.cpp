// The coordinator's leaderboard, offscreen: the demo pack with votes from three annotators cast
// through VotingSession, the table checked through QAbstractItemModelTester, a slice chosen and a
// chart exported as PNG, in both layout directions.
#include "model/taxonomy.h"
#include "store/eventstore.h"
#include "ui/charts.h"
#include "ui/dialogs.h"
#include "ui/leaderboardmodel.h"
#include "ui/leaderboardview.h"
#include "votesimulation.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;

namespace {
const QString kDemo = QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl");
}

class TestLeaderboardGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::EventStore> m_store;
    QString m_packId;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        auto store = store::EventStore::open(m_dir.filePath(QStringLiteral("leaderboard.sqlite")));
        QVERIFY(store);
        m_store = std::move(*store);
        auto report = m_store->importPack(kDemo);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        m_packId = report->packId;
        testing::VoteSimulation sim;
        sim.annotators = {QStringLiteral("amal"), QStringLiteral("badr"), QStringLiteral("huda")};
        sim.votesPerAnnotator = 20;
        sim.strength = {{QStringLiteral("bahr-70b"), 3.0}, {QStringLiteral("sahra-13b"), 1.5},
                        {QStringLiteral("nakhla-7b"), 1.0}, {QStringLiteral("qalam-3b"), 0.4}};
        sim.failureMarks = 12;
        const Status s = testing::simulateVotes(*m_store, m_packId, sim);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
    }

    void cleanup() { QApplication::setLayoutDirection(Qt::LeftToRight); }

    void cleanupTestCase() { m_store.reset(); }

    void showsModelsAndExportsCharts_data()
    {
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::newRow("left-to-right interface") << Qt::LeftToRight;
        QTest::newRow("right-to-left interface") << Qt::RightToLeft;
    }

    void showsModelsAndExportsCharts()
    {
        QFETCH(Qt::LayoutDirection, direction);
        QApplication::setLayoutDirection(direction);
        ui::LeaderboardView view;
        new QAbstractItemModelTester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest, &view);
        view.setStore(m_store.get(), m_packId);
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // Every demo model is in the table, with the votes the simulation cast.
        auto *table = view.findChild<QTableView *>(QStringLiteral("leaderboardTable"));
        QVERIFY(table);
        QAbstractItemModel *model = table->model();
        QCOMPARE(model->rowCount(), 4);
        QStringList shown;
        qint64 votes = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            shown << model->index(r, ui::LeaderboardModel::Model).data().toString();
            const qint64 v = model->index(r, ui::LeaderboardModel::Votes).data().toString().remove(u',').toLongLong();
            QVERIFY2(v > 0, qPrintable(shown.last()));
            votes += v;
            QVERIFY(!model->index(r, ui::LeaderboardModel::Rating).data().toString().isEmpty());
        }
        shown.sort();
        QCOMPARE(shown, (QStringList{QStringLiteral("Bahr 70B"), QStringLiteral("Nakhla 7B"), QStringLiteral("Qalam 3B"),
                                     QStringLiteral("Sahra 13B")}));
        QCOMPARE(votes, 2 * 60); // every vote counts for both of its models

        auto *rating = view.findChild<ui::ChartWidget *>(QStringLiteral("ratingChart"));
        auto *heatmap = view.findChild<ui::ChartWidget *>(QStringLiteral("winRateHeatmap"));
        auto *failures = view.findChild<ui::ChartWidget *>(QStringLiteral("failureChart"));
        QVERIFY(rating && heatmap && failures);
        QVERIFY(rating->hasData());
        QVERIFY(heatmap->hasData());
        QVERIFY(failures->hasData());

        // A slice: one dialect's board has fewer votes than the whole pack.
        auto *slice = view.findChild<QComboBox *>(QStringLiteral("sliceSelector"));
        QVERIFY(slice->count() > 2);
        QVERIFY(slice->itemText(0).contains(QLatin1String("60")));
        const int emirati = slice->findData(QStringLiteral("dialect:emirati"));
        QVERIFY(emirati > 0);
        slice->setCurrentIndex(emirati);
        qint64 sliceVotes = 0;
        for (int r = 0; r < model->rowCount(); ++r)
            sliceVotes += model->index(r, ui::LeaderboardModel::Votes).data().toString().toLongLong();
        QVERIFY(sliceVotes > 0 && sliceVotes < votes);

        // Export each chart through the file-name seam and check the files are PNGs.
        for (const char *button : {"exportRatingChart", "exportWinRateHeatmap", "exportFailureChart"}) {
            const QString path = m_dir.filePath(QLatin1String(button) + QStringLiteral("-%1.png").arg(int(direction)));
            QSignalSpy exported(&view, &ui::LeaderboardView::chartExported);
            ui::Dialogs::setNextFileName(path);
            auto *b = view.findChild<QPushButton *>(QLatin1String(button));
            QVERIFY(b);
            QTest::mouseClick(b, Qt::LeftButton);
            const QList<ui::Dialogs::Record> asked = ui::Dialogs::takeRecords();
            QCOMPARE(asked.size(), 1);
            QCOMPARE(asked.first().kind, ui::Dialogs::Kind::SaveFile);
            QVERIFY2(asked.first().text.endsWith(QLatin1String(".png")), qPrintable(asked.first().text));
            QCOMPARE(exported.size(), 1);
            QCOMPARE(exported.first().at(0).toString(), path);
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY(bytes.size() > 1000);
            QVERIFY(bytes.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)));
            QImage image;
            QVERIFY(image.loadFromData(bytes, "PNG"));
            QVERIFY(image.width() >= 240 && image.height() >= 180);
        }
    }

    // The failure legend names categories as the failure dialog does, in the interface's
    // language, and follows a language switch while the window is open.
    void failureLegendIsInTheInterfaceLanguage()
    {
        QStringList english, arabic;
        for (const TaxonomyEntry &c : defaultTaxonomy().categories) {
            english << pickLanguage(c.label, {QStringLiteral("en")});
            arabic << pickLanguage(c.label, {QStringLiteral("ar")});
        }
        QLocale::setDefault(QLocale(QLocale::Arabic, QLocale::UnitedArabEmirates));
        ui::LeaderboardView view;
        view.setStore(m_store.get(), m_packId);
        auto *chart = view.findChild<ui::FailureChart *>(QStringLiteral("failureChart"));
        QVERIFY(chart);
        const QStringList shownArabic = chart->legend();
        QVERIFY(!shownArabic.isEmpty());
        for (const QString &name : shownArabic)
            QVERIFY2(arabic.contains(name) && !english.contains(name), qPrintable(name));

        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QEvent change(QEvent::LanguageChange);
        QApplication::sendEvent(&view, &change);
        const QStringList shownEnglish = chart->legend();
        QCOMPARE(shownEnglish.size(), shownArabic.size());
        for (const QString &name : shownEnglish)
            QVERIFY2(english.contains(name), qPrintable(name));
    }

    void refreshSeesNewVotes()
    {
        auto scratch = store::EventStore::open(m_dir.filePath(QStringLiteral("empty.sqlite")));
        QVERIFY(scratch);
        QVERIFY((*scratch)->importPack(kDemo));
        ui::LeaderboardView view;
        new QAbstractItemModelTester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest, &view);
        view.setStore(scratch->get(), m_packId);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // No votes yet: nothing to rank and the charts say so instead of drawing.
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(!view.findChild<ui::ChartWidget *>(QStringLiteral("ratingChart"))->hasData());
        QVERIFY(!view.findChild<ui::ChartWidget *>(QStringLiteral("failureChart"))->hasData());

        testing::VoteSimulation sim;
        sim.annotators = {QStringLiteral("solo")};
        sim.votesPerAnnotator = 12;
        sim.failureMarks = 0;
        QVERIFY(testing::simulateVotes(**scratch, m_packId, sim));
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("refreshLeaderboard")), Qt::LeftButton);
        QVERIFY(view.model()->rowCount() >= 2);
        QVERIFY(!view.findChild<ui::ChartWidget *>(QStringLiteral("failureChart"))->hasData());
        view.setStore(nullptr, {});
        QCOMPARE(view.model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestLeaderboardGui)
#include "test_leaderboard_gui.moc"
