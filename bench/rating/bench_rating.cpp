// Benchmark of the rating library on an Arena-sized data set: 1.7 million battles among 130
// models with skewed strengths and popularity and ~15% ties, written as an Arena JSON Lines
// file, read back, fitted, 100 bootstrap rounds. Prints wall times and peak RSS as
// "key value" lines for scripts/bench-rating.sh.
#include <QCoreApplication>
#include <QFile>
#include <QStringList>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include "rating/arenafile.h"
#include "rating/bradleyterry.h"
#include "rating/leaderboardformat.h"

using namespace majlis::rating;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

long peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').front().toLong();
    return -1;
}

// Ratings bunched near the top with a long weak tail, as on public leaderboards; a few models
// get most of the votes.
BattleSet generate(int battles, int models, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> unit(0, 1);
    BattleSet set;
    std::vector<double> rating(static_cast<std::size_t>(models)), popularity(static_cast<std::size_t>(models));
    for (int m = 0; m < models; ++m) {
        set.models << QStringLiteral("model-%1").arg(m, 3, 10, QLatin1Char('0'));
        const double u = unit(engine);
        rating[std::size_t(m)] = 1250 - 380 * u * u;
        popularity[std::size_t(m)] = std::pow(1.0 + m, -0.8);
    }
    std::shuffle(popularity.begin(), popularity.end(), engine);
    std::discrete_distribution<int> pick(popularity.begin(), popularity.end());
    set.battles.reserve(std::size_t(battles));
    for (int i = 0; i < battles; ++i) {
        const int a = pick(engine);
        int b = pick(engine);
        while (b == a)
            b = pick(engine);
        const double u = unit(engine);
        Outcome outcome;
        if (u < 0.15) {
            outcome = u < 0.05 ? Outcome::BothBad : Outcome::Tie;
        } else {
            const double pa = 1 / (1 + std::pow(10.0, (rating[std::size_t(b)] - rating[std::size_t(a)]) / 400));
            outcome = unit(engine) < pa ? Outcome::WinA : Outcome::WinB;
        }
        set.battles.push_back({a, b, outcome});
    }
    return set;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto start = Clock::now();
    int battles = 1700000, models = 130, rounds = 100;
    QString file = QStringLiteral("/tmp/majlis-bench-battles.jsonl"), ratingsOut;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString &key = args[i], &value = args[i + 1];
        if (key == QLatin1String("--battles"))
            battles = value.toInt();
        else if (key == QLatin1String("--models"))
            models = value.toInt();
        else if (key == QLatin1String("--rounds"))
            rounds = value.toInt();
        else if (key == QLatin1String("--file"))
            file = value;
        else if (key == QLatin1String("--ratings-out"))
            ratingsOut = value;
        else {
            std::fprintf(stderr, "usage: bench_rating [--battles N] [--models M] [--rounds R] [--file PATH] [--ratings-out CSV]\n");
            return 2;
        }
    }

    auto phase = Clock::now();
    {
        const BattleSet generated = generate(battles, models, 20240601);
        std::printf("generate_s %.3f\n", seconds(phase));
        phase = Clock::now();
        if (auto written = writeArenaBattlesFile(file, generated); !written) {
            std::fprintf(stderr, "%s\n", qPrintable(written.error().message));
            return 1;
        }
        std::printf("write_s %.3f\n", seconds(phase));
    }

    const auto analysis = Clock::now();
    phase = analysis;
    auto set = readArenaBattles(file);
    if (!set) {
        std::fprintf(stderr, "%s\n", qPrintable(set.error().message));
        return 1;
    }
    std::printf("read_s %.3f\n", seconds(phase));

    phase = Clock::now();
    LeaderboardOptions options;
    options.bootstrap.rounds = rounds;
    options.withElo = false; // not part of the comparison: the reference has no Elo
    const auto board = buildLeaderboard(*set, options);
    if (!board) {
        std::fprintf(stderr, "%s\n", qPrintable(board.error().message));
        return 1;
    }
    std::printf("fit_bootstrap_s %.3f\n", seconds(phase));
    std::printf("analysis_s %.3f\n", seconds(analysis));

    // The point fit alone, for the record (not part of the totals above).
    phase = Clock::now();
    const auto counts = countOutcomes(*set);
    const auto fit = fitBradleyTerry(*counts);
    const double fitSeconds = seconds(phase);

    std::printf("total_s %.3f\n", seconds(start));
    std::printf("fit_only_s %.3f\n", fitSeconds);
    std::printf("fit_iterations %d\n", fit->iterations);
    std::printf("gradient_norm %.3g\n", fit->gradientNorm);
    std::printf("battles %zu\n", set->battles.size());
    std::printf("models %lld\n", static_cast<long long>(set->models.size()));
    std::printf("unique_rows %zu\n", counts->rows.size());
    std::printf("bootstrap_rounds %d\n", rounds);
    std::printf("peak_rss_mb %.1f\n", double(peakRssKiB()) / 1024);

    if (!ratingsOut.isEmpty()) {
        QFile out(ratingsOut);
        if (!out.open(QIODevice::WriteOnly) || out.write(toCsv(*board).toUtf8()) < 0) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(ratingsOut), qPrintable(out.errorString()));
            return 1;
        }
    }
    return 0;
}
