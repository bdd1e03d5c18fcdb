// majlisctl votes import: human judgments that other evaluations published, into the store.
#include "commands.h"
#include "options.h"

#include "pack/judgments.h"
#include "session/judgmentimport.h"
#include "store/eventstore.h"

namespace majlis::ctl {

namespace {

// The pack the judgments go to: --pack, or the store's only pack. With none or several, the
// message says what to do.
Result<QString> choosePack(store::EventStore &store, const QString &given, pack::JudgmentFormat format, const QString &file)
{
    auto packs = store.packs();
    if (!packs)
        return packs.error();
    QStringList ids;
    for (const store::PackSummary &p : std::as_const(*packs))
        ids << p.id;
    const QString build = format == pack::JudgmentFormat::Long
                              ? QStringLiteral("majlisctl pack build --from long ANSWERS -o PACK.jsonl")
                              : QStringLiteral("majlisctl pack build --from %1 %2 -o PACK.jsonl").arg(pack::toString(format), file);
    if (!given.isEmpty()) {
        if (!ids.contains(given))
            return Error::notFound(QStringLiteral("no pack \"%1\" in %2 (packs: %3); the judgments are matched to the items of "
                                                  "a pack built from the same data: %4, then majlisctl pack import PACK.jsonl")
                                       .arg(given, store.path(), ids.isEmpty() ? QStringLiteral("none") : ids.join(QStringLiteral(", ")),
                                            build));
        return given;
    }
    if (ids.isEmpty())
        return Error::notFound(QStringLiteral("%1 holds no pack; the judgments are matched to the items of a pack built from "
                                              "the same data: %2, then majlisctl pack import PACK.jsonl")
                                   .arg(store.path(), build));
    if (ids.size() > 1)
        return Error::validation(QStringLiteral("%1 holds %2 packs (%3): say which one the judgments were made on with --pack ID")
                                     .arg(store.path())
                                     .arg(ids.size())
                                     .arg(ids.join(QStringLiteral(", "))));
    return ids.first();
}

} // namespace

int votesImport(Context &ctx)
{
    Options o(ctx.args);
    const auto from = o.take(QStringLiteral("--from"));
    const QString packId = o.take(QStringLiteral("--pack")).value_or(QString());
    session::JudgmentImportOptions options;
    options.skipUnmatched = o.takeFlag(QStringLiteral("--skip-unmatched"));
    pack::JudgmentColumns columns;
    for (const QString &m : o.takeAll(QStringLiteral("--map"))) {
        const QString field = m.section(QLatin1Char('='), 0, 0), column = m.section(QLatin1Char('='), 1);
        if (Status s = pack::setJudgmentMapping(columns, field, column); !s)
            return usageError(ctx, s.error().message);
    }
    if (auto bad = o.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (!from || o.positional().size() != 1)
        return usageError(ctx, QStringLiteral("votes import needs --from FORMAT and one FILE"));
    const auto format = pack::judgmentFormatFromString(*from);
    if (!format)
        return usageError(ctx, QStringLiteral("unknown judgment format \"%1\" (%2)")
                                   .arg(*from, pack::judgmentFormatNames().join(QStringLiteral(", "))));
    const QString file = o.positional().first();
    // The file first: a malformed one is reported before the store is opened for writing.
    auto judgments = pack::readJudgments(*format, file, columns);
    if (!judgments)
        return fail(ctx, judgments.error().message);
    auto store = store::EventStore::open(ctx.storePath, store::EventStore::Mode::ReadWrite);
    if (!store)
        return fail(ctx, store.error().message);
    auto pack = choosePack(**store, packId, *format, file);
    if (!pack)
        return fail(ctx, pack.error().message);
    options.packId = *pack;
    auto report = session::importJudgments(**store, *format, *judgments, options);
    if (!report)
        return fail(ctx, report.error().message);
    ctx.out << "imported " << report->imported << " votes into pack " << report->packId << " from " << report->judgments
            << " judgments in " << file;
    if (!report->judges.isEmpty())
        ctx.out << " (" << report->judges.size() << " judges: " << report->judges.mid(0, 6).join(QStringLiteral(", "))
                << (report->judges.size() > 6 ? QStringLiteral(", ...") : QString()) << ')';
    ctx.out << '\n';
    if (!ctx.quiet) {
        for (const QString &note : std::as_const(judgments->notes))
            ctx.err << "note: " << note << '\n';
        if (report->alreadyStored > 0)
            ctx.err << "note: " << report->alreadyStored << " judgments were imported before; they were not added again\n";
        if (report->repeated > 0)
            ctx.err << "note: " << report->repeated
                    << " judgments repeat an earlier one by the same judge on the same pair; the last one counts\n";
        if (report->unmatched > 0) {
            ctx.err << "note: " << report->unmatched << " judgments match no comparison of the pack and were left out:\n";
            for (const QString &e : std::as_const(report->unmatchedExamples))
                ctx.err << "  " << e << '\n';
        }
        ctx.err << "note: imported votes rank as their data says and are left out of the position bias (their order "
                   "was the source's, not a random placement)\n";
    }
    return Ok;
}

} // namespace majlis::ctl
