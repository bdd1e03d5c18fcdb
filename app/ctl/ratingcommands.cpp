// majlisctl ratings / export / agreement / bias: the leaderboard and the annotator figures from
// the store (core/analysis), or ratings over Chatbot Arena battle files (core/rating).
#include "commands.h"
#include "options.h"

#include "analysis/analysis.h"
#include "analysis/groups.h"
#include "analysis/voteexport.h"
#include "common/json.h"
#include "query/leaderboardquery.h"
#include "rating/arenafile.h"
#include "rating/leaderboardformat.h"
#include "store/eventstore.h"

#include <QSaveFile>

#include <memory>
#include <optional>

namespace majlis::ctl {

namespace {

// "min_votes" -> "--min-votes": the flag of a canonical option name.
QString flagOf(const QString &name)
{
    return QStringLiteral("--") + QString(name).replace(QLatin1Char('_'), QLatin1Char('-'));
}

// Writes to -o FILE atomically, or to stdout.
Status emit(Context &ctx, const std::optional<QString> &output, const QByteArray &data)
{
    if (!output) {
        ctx.out << QString::fromUtf8(data);
        return {};
    }
    QSaveFile file(*output);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return Error::io(QStringLiteral("cannot write %1: %2").arg(*output, file.errorString()));
    return {};
}

QString number(const std::optional<double> &x, int decimals = 3)
{
    return x ? QString::number(*x, 'f', decimals) : QStringLiteral("-");
}

// CSV of several boards: the board's own CSV with a first column naming the slice.
QString slicedCsv(const analysis::Analysis &a)
{
    auto field = [](QString text) -> QString {
        if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
            return text;
        return QLatin1Char('"') + text.replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
    };
    QString out;
    auto append = [&](const rating::Leaderboard &board, const QString &slice, bool header) {
        const QStringList lines = rating::toCsv(board).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        for (qsizetype i = header ? 0 : 1; i < lines.size(); ++i)
            out += (i == 0 ? analysis::toString(a.sliceBy) : field(slice)) + QLatin1Char(',') + lines[i]
                   + QStringLiteral("\r\n");
    };
    append(a.board, QStringLiteral("(all)"), true);
    for (const analysis::SliceBoard &s : a.slices)
        append(s.board, s.value, false);
    return out;
}

QString analysisTable(const analysis::Analysis &a)
{
    QString out = QStringLiteral("%1 live votes, %2 in the ranking").arg(a.liveVotes).arg(a.rankingVotes);
    if (a.pickedLeftOut > 0)
        out += QStringLiteral(" (%1 picked by hand left out; --include-picked counts them)").arg(a.pickedLeftOut);
    out += QStringLiteral("\n\n") + rating::toTable(a.board);
    for (const analysis::SliceBoard &s : a.slices) {
        out += QStringLiteral("\n== %1: %2 (%3 votes%4)\n")
                   .arg(analysis::toString(a.sliceBy), s.value.isEmpty() ? QStringLiteral("(none)") : s.value)
                   .arg(s.votes)
                   .arg(s.tooFewVotes ? QStringLiteral(", too few") : QString());
        out += rating::toTable(s.board);
    }
    out += QStringLiteral("\nIdentity leaks (answers shown with a masked name)\n");
    for (const analysis::LeakShare &l : a.leaks)
        out += QStringLiteral("  %1  %2 of %3  %4\n")
                   .arg(l.model.leftJustified(24))
                   .arg(l.masked)
                   .arg(l.shown)
                   .arg(l.share ? QString::number(*l.share * 100, 'f', 1) + QLatin1Char('%') : QStringLiteral("-"));
    qint64 marks = 0;
    for (const analysis::ModelFailures &f : a.failures)
        marks += f.count;
    if (marks > 0) {
        out += QStringLiteral("\nFailure marks (count, severity-weighted)\n");
        for (const analysis::ModelFailures &f : a.failures) {
            out += QStringLiteral("  %1  %2  %3\n").arg(f.model.leftJustified(24)).arg(f.count).arg(f.weighted);
            for (const analysis::FailureCategory &c : f.categories)
                out += QStringLiteral("      %1  %2  %3\n").arg(c.category.leftJustified(28)).arg(c.count).arg(c.weighted);
        }
    }
    for (const QString &w : a.warnings)
        out += QStringLiteral("warning: ") + w + QLatin1Char('\n');
    return out;
}

// The options ratings shares between the store and --battles.
struct BoardArguments
{
    analysis::AnalysisOptions options;
    QString format = QStringLiteral("table");
    bool storeOnly = false;  // an option only the store's votes have (pack, slice, include picked)
};

// The leaderboard's options are the core's (query/leaderboardquery.h); majlisctl only spells
// them as flags: min_votes is --min-votes, include_picked the bare flag --include-picked.
std::optional<QString> takeBoardArguments(Options &args, BoardArguments &board)
{
    static const query::Spelling spelling{
        [](const QString &name) -> QString { return flagOf(name) + QLatin1Char(' '); },
        [](const QString &name, const QString &value) -> QString { return flagOf(name) + QLatin1Char(' ') + value; }};
    query::Given given;
    for (const QString &name : query::leaderboardOptionNames()) {
        const bool storeOnly = name == QLatin1String("pack") || name == QLatin1String("slice")
                               || name == QLatin1String("slice_min_votes") || name == QLatin1String("include_picked");
        QStringList values;
        if (name != QLatin1String("include_picked"))
            values = args.takeAll(flagOf(name));
        else if (args.takeFlag(flagOf(name)))
            values << QStringLiteral("true");
        for (const QString &v : values)
            given.append({name, v});
        board.storeOnly = board.storeOnly || (storeOnly && !values.isEmpty());
    }
    auto options = query::parseLeaderboardOptions(given, spelling);
    if (!options)
        return options.error().message;
    board.options = std::move(*options);
    board.format = args.take(QStringLiteral("--format")).value_or(board.format);
    if (board.format != QLatin1String("table") && board.format != QLatin1String("json")
        && board.format != QLatin1String("csv"))
        return QStringLiteral("unknown format \"%1\" (table, json, csv)").arg(board.format);
    return std::nullopt;
}

int ratingsFromBattles(Context &ctx, const QString &path, const BoardArguments &board)
{
    auto set = rating::readArenaBattles(path);
    if (!set)
        return fail(ctx, set.error().message);
    auto result = rating::buildLeaderboard(*set, board.options.leaderboard);
    if (!result)
        return fail(ctx, result.error().message);
    if (board.format == QLatin1String("json"))
        ctx.out << QString::fromStdString(rating::toJson(*result).dump(2)) << '\n';
    else if (board.format == QLatin1String("csv"))
        ctx.out << rating::toCsv(*result);
    else
        ctx.out << rating::toTable(*result);
    return Ok;
}

Result<std::unique_ptr<store::EventStore>> openReadOnly(Context &ctx)
{
    return store::EventStore::open(ctx.storePath, store::EventStore::Mode::ReadOnly);
}

} // namespace

int ratings(Context &ctx)
{
    Options args(ctx.args);
    const auto battles = args.take(QStringLiteral("--battles"));
    const auto groupsFile = args.take(QStringLiteral("--groups"));
    BoardArguments board;
    if (auto bad = takeBoardArguments(args, board))
        return usageError(ctx, *bad);
    if (auto bad = args.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (!args.positional().isEmpty())
        return usageError(ctx, QStringLiteral("ratings takes no positional arguments (got \"%1\")")
                                   .arg(args.positional().first()));
    if (battles) {
        if (board.storeOnly || groupsFile)
            return usageError(ctx, QStringLiteral("--battles reads a file: --pack, --slice, --groups, --slice-min-votes "
                                                  "and --include-picked are for the store"));
        return ratingsFromBattles(ctx, *battles, board);
    }

    analysis::AnalysisOptions options = board.options;
    if (options.slice == analysis::SliceBy::Group && !groupsFile)
        return usageError(ctx, QStringLiteral("--slice group needs --groups FILE (annotator -> group)"));
    if (groupsFile) {
        auto groups = analysis::readAnnotatorGroups(*groupsFile);
        if (!groups)
            return fail(ctx, groups.error().message);
        options.annotatorGroups = std::move(*groups);
    }
    auto store = openReadOnly(ctx);
    if (!store)
        return fail(ctx, store.error().message);
    auto result = analysis::analyse(**store, options);
    if (!result)
        return fail(ctx, result.error().message);
    if (board.format == QLatin1String("json"))
        ctx.out << QString::fromStdString(analysis::toJson(*result).dump(2)) << '\n';
    else if (board.format == QLatin1String("csv"))
        ctx.out << (result->slices.empty() ? rating::toCsv(result->board) : slicedCsv(*result));
    else
        ctx.out << analysisTable(*result);
    return Ok;
}

int exportVotes(Context &ctx)
{
    Options args(ctx.args);
    const auto format = args.take(QStringLiteral("--format"));
    auto output = args.take(QStringLiteral("-o"));
    if (!output)
        output = args.take(QStringLiteral("--output"));
    const QString pack = args.take(QStringLiteral("--pack")).value_or(QString());
    const bool includePicked = args.takeFlag(QStringLiteral("--include-picked"));
    if (auto bad = args.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (!format || (*format != QLatin1String("arena") && *format != QLatin1String("csv")))
        return usageError(ctx, QStringLiteral("export needs --format arena or --format csv"));
    if (!args.positional().isEmpty())
        return usageError(ctx, QStringLiteral("export takes no positional arguments; use -o FILE"));
    auto store = openReadOnly(ctx);
    if (!store)
        return fail(ctx, store.error().message);
    auto live = analysis::collectLiveVotes(**store, {pack, {}});
    if (!live)
        return fail(ctx, live.error().message);

    QByteArray data;
    qint64 count = 0;
    if (*format == QLatin1String("arena")) {
        // The votes that feed `ratings`, so `ratings --battles` on this file gives the same board.
        const rating::BattleSet set = analysis::toBattleSet(live->votes, includePicked);
        data = rating::writeArenaBattles(set, rating::ArenaLayout::JsonLines);
        count = qint64(set.battles.size());
    } else {
        // Every live vote; the selection column tells the picked ones apart.
        data = analysis::votesToCsv(live->votes);
        count = qint64(live->votes.size());
    }
    if (Status s = emit(ctx, output, data); !s)
        return fail(ctx, s.error().message);
    if (output)
        ctx.err << "exported " << count << " votes to " << *output << '\n';
    return Ok;
}

int agreement(Context &ctx)
{
    Options args(ctx.args);
    const QString pack = args.take(QStringLiteral("--pack")).value_or(QString());
    const QString format = args.take(QStringLiteral("--format")).value_or(QStringLiteral("table"));
    if (auto bad = args.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (format != QLatin1String("table") && format != QLatin1String("json"))
        return usageError(ctx, QStringLiteral("unknown format \"%1\" (table, json)").arg(format));
    auto store = openReadOnly(ctx);
    if (!store)
        return fail(ctx, store.error().message);
    auto live = analysis::collectLiveVotes(**store, {pack, {}});
    if (!live)
        return fail(ctx, live.error().message);
    const rating::AgreementReport r = analysis::agreement(*live);
    if (format == QLatin1String("json")) {
        ctx.out << QString::fromStdString(rating::toJson(r).dump(2)) << '\n';
        return Ok;
    }
    ctx.out << "comparisons with 2+ annotators  " << r.units << " (" << r.labels << " votes)\n"
            << "observed agreement              " << number(r.observed) << '\n'
            << "Fleiss' kappa                   " << number(r.fleissKappa) << '\n'
            << "Krippendorff's alpha (nominal)  " << number(r.krippendorffAlpha) << '\n';
    if (!r.pairs.empty()) {
        ctx.out << "\nCohen's kappa by pair of annotators\n";
        for (const rating::PairAgreement &p : r.pairs)
            ctx.out << "  " << p.first << " / " << p.second << "  units " << p.units << "  observed "
                    << number(p.observed) << "  kappa " << number(p.kappa) << '\n';
    }
    if (!r.withMajority.empty()) {
        ctx.out << "\nagreement with the majority of the others\n";
        for (const rating::MajorityAgreement &m : r.withMajority)
            ctx.out << "  " << m.annotator << "  units " << m.units << "  " << number(m.agreement) << '\n';
    }
    return Ok;
}

int bias(Context &ctx)
{
    Options args(ctx.args);
    const QString pack = args.take(QStringLiteral("--pack")).value_or(QString());
    const QString format = args.take(QStringLiteral("--format")).value_or(QStringLiteral("table"));
    if (auto bad = args.unknownOption())
        return usageError(ctx, QStringLiteral("unknown option %1").arg(*bad));
    if (format != QLatin1String("table") && format != QLatin1String("json"))
        return usageError(ctx, QStringLiteral("unknown format \"%1\" (table, json)").arg(format));
    auto store = openReadOnly(ctx);
    if (!store)
        return fail(ctx, store.error().message);
    auto live = analysis::collectLiveVotes(**store, {pack, {}});
    if (!live)
        return fail(ctx, live.error().message);
    const rating::PositionBiasReport r = analysis::positionBias(*live);
    if (format == QLatin1String("json")) {
        ctx.out << QString::fromStdString(rating::toJson(r).dump(2)) << '\n';
        return Ok;
    }
    auto line = [&](const rating::SideBias &b) {
        ctx.out << "  " << (b.annotator.isEmpty() ? QStringLiteral("(everyone)") : b.annotator).leftJustified(20) << "  "
                << QString::number(b.decisive).rightJustified(6) << "  "
                << (b.leftShare ? QString::number(*b.leftShare * 100, 'f', 1) + QLatin1Char('%') : QStringLiteral("-"))
                       .rightJustified(6)
                << "  [" << QString::number(b.interval.lower * 100, 'f', 1) << "%, "
                << QString::number(b.interval.upper * 100, 'f', 1) << "%]"
                << (b.significant ? "  biased" : "") << '\n';
    };
    ctx.out << "share of decisive votes won by the left answer (" << r.level * 100 << "% Wilson interval)\n"
            << "  annotator             decisive    left\n";
    line(r.overall);
    for (const rating::SideBias &b : r.annotators)
        line(b);
    return Ok;
}

} // namespace majlis::ctl
