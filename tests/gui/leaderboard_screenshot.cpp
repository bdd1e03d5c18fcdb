// Test-only tool for docs/screenshots/leaderboard-*.png (scripts/leaderboard-screenshots.sh runs
// it under Xvfb): a temporary store with the demo pack and ~150 simulated votes from three
// annotators, the leaderboard view filling the screen. Not part of the app; not installed.
//   majlis_leaderboard_screenshot [--rtl] [--seconds N] [--store PATH (kept, for majlisctl)]
#include "store/eventstore.h"
#include "ui/leaderboardview.h"
#include "ui/translator.h"
#include "votesimulation.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QScreen>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace majlis;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("majlis.*.info=false"));
    const QStringList args = QApplication::arguments();
    // --rtl: the Arabic interface (translation loaded, layout mirrored).
    ui::Translator translator;
    translator.setLanguage(args.contains(QStringLiteral("--rtl")) ? QStringLiteral("ar") : QStringLiteral("en"));
    const qsizetype at = args.indexOf(QStringLiteral("--seconds"));
    const int seconds = at > 0 && at + 1 < args.size() ? args[at + 1].toInt() : 10;

    const qsizetype keep = args.indexOf(QStringLiteral("--store"));
    QTemporaryDir dir;
    const QString path = keep > 0 && keep + 1 < args.size() ? args[keep + 1] : dir.filePath(QStringLiteral("screenshot.sqlite"));
    auto store = store::EventStore::open(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().message));
        return 1;
    }
    auto report = (*store)->importPack(QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl"));
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error().message));
        return 1;
    }
    testing::VoteSimulation sim;
    sim.annotators = {QStringLiteral("amal"), QStringLiteral("badr"), QStringLiteral("huda")};
    sim.votesPerAnnotator = 50;
    sim.strength = {{QStringLiteral("bahr-70b"), 3.0}, {QStringLiteral("sahra-13b"), 1.6},
                    {QStringLiteral("nakhla-7b"), 1.0}, {QStringLiteral("qalam-3b"), 0.35}};
    sim.failureMarks = 45;
    if (const Status s = testing::simulateVotes(**store, report->packId, sim); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }

    ui::LeaderboardView view;
    view.setWindowTitle(QStringLiteral("Majlis — Leaderboard"));
    view.setStore(store->get(), report->packId);
    view.setGeometry(view.screen()->availableGeometry());
    view.show();
    const qsizetype shotAt = args.indexOf(QStringLiteral("--shot"));
    QTimer::singleShot(1500, &app, [&] {
        std::printf("ready\n");
        std::fflush(stdout);
        if (shotAt > 0 && shotAt + 1 < args.size())
            view.screen()->grabWindow(0).save(args[shotAt + 1]);
    });
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    return QApplication::exec();
}
