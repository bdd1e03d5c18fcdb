#include "commands.h"
#include "options.h"
#include "progressline.h"

#include "common/json.h"
#include "pack/builder.h"
#include "pack/packreader.h"
#include "store/eventstore.h"

#include <QFile>
#include <QSaveFile>

#include <memory>
#include <optional>

#include <unistd.h>

namespace majlis::ctl {

namespace {

Result<std::unique_ptr<store::EventStore>> openStore(Context &ctx, store::EventStore::Mode mode)
{
    return store::EventStore::open(ctx.storePath, mode);
}

} // namespace

int packImport(Context &ctx)
{
    Options o(ctx.args);
    const auto pairs = o.take(QStringLiteral("--pairs-per-item"));
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (o.positional().size() != 1)
        return usageError(ctx, QStringLiteral("pack import takes one FILE"));
    store::ImportOptions options;
    if (pairs) {
        bool ok = false;
        options.pairsPerItem = pairs->toInt(&ok);
        if (!ok || options.pairsPerItem < 1)
            return usageError(ctx, QStringLiteral("--pairs-per-item takes a whole number >= 1"));
    }
    auto store = openStore(ctx, store::EventStore::Mode::ReadWrite);
    if (!store)
        return fail(ctx, store.error().message);
    Progress progress;
    options.progress = &progress;
    std::optional<ProgressLine> line(std::in_place, ctx, progress);
    auto report = (*store)->importPack(o.positional().first(), options);
    line.reset();
    if (!report)
        return fail(ctx, report.error().message);
    if (report->alreadyPresent)
        ctx.out << "pack " << report->packId << " is already in the store; nothing changed\n";
    else
        ctx.out << "imported pack " << report->packId << ": " << report->items << " items, " << report->comparisons
                << " comparisons\n";
    return Ok;
}

int packValidate(Context &ctx)
{
    Options o(ctx.args);
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (o.positional().size() != 1)
        return usageError(ctx, QStringLiteral("pack validate takes one FILE"));
    pack::ValidationSummary summary;
    Progress progress;
    std::optional<ProgressLine> line(std::in_place, ctx, progress);
    Status s = pack::validateFile(o.positional().first(), &summary, &progress);
    line.reset();
    if (!s)
        return fail(ctx, s.error().message);
    ctx.out << o.positional().first() << ": valid pack " << summary.packId << " with " << summary.items
            << " items and " << summary.candidates << " candidates\n";
    if (!summary.unknownDialects.isEmpty() && !ctx.quiet)
        ctx.err << "note: dialects the registry does not know, shown and sliced as written: "
                << summary.unknownDialects.join(QStringLiteral(", "))
                << " (a pack names them under \"dialect_registry\": docs/formats.md, \"Dialect registry\")\n";
    return Ok;
}

int packBuild(Context &ctx)
{
    Options o(ctx.args);
    const auto from = o.take(QStringLiteral("--from"));
    auto output = o.take(QStringLiteral("-o"));
    if (!output)
        output = o.take(QStringLiteral("--output"));
    pack::BuildOptions options;
    if (auto v = o.take(QStringLiteral("--id")))
        options.packId = *v;
    if (auto v = o.take(QStringLiteral("--title")))
        options.title = *v;
    if (auto v = o.take(QStringLiteral("--dialects")))
        options.dialects = v->split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (auto v = o.take(QStringLiteral("--default-dialect")))
        options.defaultDialect = *v;
    if (auto v = o.take(QStringLiteral("--guidelines")))
        options.guidelineFiles.insert(QStringLiteral("en"), *v);
    if (auto v = o.take(QStringLiteral("--guidelines-ar")))
        options.guidelineFiles.insert(QStringLiteral("ar"), *v);
    if (auto v = o.take(QStringLiteral("--labels")))
        options.labelsFile = *v;
    if (o.takeFlag(QStringLiteral("--second-turns")))
        options.secondTurns = true;
    if (o.takeFlag(QStringLiteral("--force")))
        options.replaceExisting = true;
    if (auto v = o.take(QStringLiteral("--questions")))
        options.questionFile = *v;
    if (auto v = o.take(QStringLiteral("--reveal"))) {
        if (*v == QLatin1String("never"))
            options.reveal = RevealPolicy::Never;
        else if (*v != QLatin1String("after_vote"))
            return usageError(ctx, QStringLiteral("--reveal takes after_vote or never"));
    }
    for (const QString &m : o.takeAll(QStringLiteral("--map"))) {
        const QString field = m.section(QLatin1Char('='), 0, 0), column = m.section(QLatin1Char('='), 1);
        if (Status s = pack::setMapping(options.mapping, field, column); !s)
            return usageError(ctx, s.error().message);
    }
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (!from || !output || o.positional().isEmpty())
        return usageError(ctx, QStringLiteral("pack build needs --from FORMAT, input FILES and -o OUT"));
    auto format = pack::inputFormatFromString(*from);
    if (!format)
        return usageError(ctx, QStringLiteral("unknown input format \"%1\" (long, alpaca_eval, mt_bench, pandalm, "
                                              "mt-bench-human, arena)")
                                   .arg(*from));
    Progress progress;
    options.progress = &progress;
    std::optional<ProgressLine> line(std::in_place, ctx, progress);
    auto report = pack::buildPack(*format, o.positional(), *output, options);
    line.reset();
    if (!report)
        return fail(ctx, report.error().message);
    ctx.out << "wrote " << *output << ": " << report->items << " items, " << report->models << " models";
    if (report->droppedItems > 0)
        ctx.out << " (" << report->droppedItems << " prompts with fewer than two answers left out)";
    ctx.out << '\n';
    // What was left out, and why, where a coordinator sees it: the notes, then the prompt ids
    // (the first 20; the rest counted) so the gap can be found in the source data.
    if (!ctx.quiet) {
        for (const QString &note : report->notes)
            ctx.err << "note: " << note << '\n';
        if (!report->droppedIds.isEmpty()) {
            constexpr qsizetype shown = 20;
            ctx.err << "note: left out for fewer than two answers: "
                    << report->droppedIds.mid(0, shown).join(QStringLiteral(", "));
            if (report->droppedIds.size() > shown)
                ctx.err << " and " << report->droppedIds.size() - shown << " more";
            ctx.err << '\n';
        }
    }
    return Ok;
}

int packList(Context &ctx)
{
    if (!ctx.args.isEmpty())
        return usageError(ctx, QStringLiteral("pack list takes no arguments (got \"%1\")").arg(ctx.args.first()));
    auto store = openStore(ctx, store::EventStore::Mode::ReadOnly);
    if (!store)
        return fail(ctx, store.error().message);
    auto packs = (*store)->packs();
    if (!packs)
        return fail(ctx, packs.error().message);
    for (const store::PackSummary &p : std::as_const(*packs))
        ctx.out << p.id << '\t' << p.itemCount << " items\t" << p.comparisonCount << " comparisons\t" << p.title
                << '\n';
    return Ok;
}

int eventsExport(Context &ctx)
{
    Options o(ctx.args);
    const QString format = o.take(QStringLiteral("--format")).value_or(QStringLiteral("jsonl"));
    auto output = o.take(QStringLiteral("-o"));
    const QString packId = o.take(QStringLiteral("--pack")).value_or(QString());
    const QString annotator = o.take(QStringLiteral("--annotator")).value_or(QString());
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (format != QLatin1String("jsonl"))
        return usageError(ctx, QStringLiteral("unknown format \"%1\" (jsonl)").arg(format));
    auto store = openStore(ctx, store::EventStore::Mode::ReadOnly);
    if (!store)
        return fail(ctx, store.error().message);

    std::unique_ptr<QSaveFile> file;
    std::unique_ptr<QTextStream> fileStream;
    QTextStream *sink = &ctx.out;
    if (output) {
        file = std::make_unique<QSaveFile>(*output);
        if (!file->open(QIODevice::WriteOnly))
            return fail(ctx, QStringLiteral("cannot write %1: %2").arg(*output, file->errorString()));
        fileStream = std::make_unique<QTextStream>(file.get());
        sink = fileStream.get();
    }
    qint64 count = 0;
    Progress progress;
    // The total is known cheaply only for the whole store.
    const auto all = packId.isEmpty() && annotator.isEmpty() ? (*store)->database().queryInt("SELECT COUNT(*) FROM events")
                                                             : Result<qint64>(qint64(0));
    progress.setPhase("exporting", Progress::Unit::Items, all ? *all : 0);
    std::optional<ProgressLine> line;
    if (output || !::isatty(STDOUT_FILENO))  // not between the event lines on a terminal
        line.emplace(ctx, progress);
    Status s = (*store)->forEachEvent(
        [&](const Event &e) {
            *sink << QString::fromStdString(toJson(e).dump()) << '\n';
            ++count;
            progress.advance();
        },
        packId, annotator);
    line.reset();
    if (!s)
        return fail(ctx, s.error().message);
    if (file) {
        fileStream->flush();
        if (!file->commit())
            return fail(ctx, QStringLiteral("cannot write %1: %2").arg(*output, file->errorString()));
        if (!ctx.quiet)
            ctx.err << "exported " << count << " events to " << *output << '\n';
    }
    return Ok;
}

int stats(Context &ctx)
{
    if (!ctx.args.isEmpty())
        return usageError(ctx, QStringLiteral("stats takes no arguments (got \"%1\")").arg(ctx.args.first()));
    auto store = openStore(ctx, store::EventStore::Mode::ReadOnly);
    if (!store)
        return fail(ctx, store.error().message);
    auto s = (*store)->stats();
    if (!s)
        return fail(ctx, s.error().message);
    ctx.out << "workstation  " << (*store)->workstationId() << '\n'
            << "packs        " << s->packs << '\n'
            << "items        " << s->items << '\n'
            << "comparisons  " << s->comparisons << '\n'
            << "events       " << s->events << '\n';
    for (auto it = s->eventsByKind.cbegin(); it != s->eventsByKind.cend(); ++it)
        ctx.out << "  " << it.key() << ": " << it.value() << '\n';
    ctx.out << "live votes by annotator\n";
    for (auto it = s->liveVotesByAnnotator.cbegin(); it != s->liveVotesByAnnotator.cend(); ++it)
        ctx.out << "  " << it.key() << ": " << it.value() << '\n';
    return Ok;
}

} // namespace majlis::ctl
