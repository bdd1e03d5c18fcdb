#include "pack/packreader.h"
#include "pack/packwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace majlis;
using namespace majlis::pack;

namespace {

// Outputs of a few hundred to a few thousand bytes, Arabic and English mixed, like real answers.
QString answer(int item, int model)
{
    static const QString arabic = QStringLiteral("الحمد لله بخير، والجو اليوم حلو وايد. ");
    static const QString english = QStringLiteral("Here is a longer explanation with **Markdown** and a list:\n1. one\n2. two\n");
    QString out;
    const int parts = 3 + (item * 7 + model * 3) % 12;
    for (int p = 0; p < parts; ++p)
        out += (p % 2 ? english : arabic);
    return out;
}

// CPU time of this thread: other builds share the machine, wall time alone would measure them.
double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int itemCount = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.jsonl"));

    PackHeader header;
    header.id = QStringLiteral("bench");
    header.title = QStringLiteral("Benchmark");
    header.guidelines.insert(QStringLiteral("en"), QStringLiteral("Vote."));
    header.dialects = {QStringLiteral("gulf"), QStringLiteral("msa")};
    for (int m = 0; m < 4; ++m)
        header.models << ModelInfo{QStringLiteral("model-%1").arg(m), QStringLiteral("Model %1").arg(m), {}};
    QList<Item> items;
    items.reserve(itemCount);
    for (int i = 0; i < itemCount; ++i) {
        Item item;
        item.id = QStringLiteral("item-%1").arg(i);
        item.conversation << Turn{QStringLiteral("user"), QStringLiteral("سؤال رقم %1: شو رايك في هذا الموضوع؟").arg(i)};
        item.dialect = QStringLiteral("gulf");
        for (int m = 0; m < 4; ++m)
            item.candidates << Candidate{QStringLiteral("model-%1").arg(m), answer(i, m)};
        items << item;
    }
    if (Status s = writePack(path, header, items); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }
    items.clear();
    const double mb = double(QFile(path).size()) / 1e6;

    QElapsedTimer timer;
    timer.start();
    double cpu = cpuSeconds();
    auto reader = PackReader::open(path);
    qint64 count = 0;
    while (auto next = (*reader)->next()) {
        if (!next->has_value())
            break;
        ++count;
    }
    const double readSeconds = double(timer.nsecsElapsed()) / 1e9, readCpu = cpuSeconds() - cpu;

    timer.restart();
    cpu = cpuSeconds();
    ValidationSummary summary;
    const Status valid = validateFile(path, &summary);
    const double validateSeconds = double(timer.nsecsElapsed()) / 1e9, validateCpu = cpuSeconds() - cpu;

    std::printf("pack: %lld items, %.1f MB\n", static_cast<long long>(count), mb);
    std::printf("PackReader::next   %.2f s  %.0f MB/s wall, %.0f MB/s per CPU second\n", readSeconds, mb / readSeconds,
                mb / readCpu);
    std::printf("validateFile       %.2f s  %.0f MB/s wall, %.0f MB/s per CPU second  %s\n", validateSeconds,
                mb / validateSeconds, mb / validateCpu,
                valid ? "valid" : qPrintable(valid.error().message));
    return valid ? 0 : 1;
}
