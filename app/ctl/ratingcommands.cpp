// majlisctl ratings / export / agreement / bias: the leaderboard and the annotator figures from
// the store (core/analysis), or ratings over Chatbot Arena battle files (core/rating).
#include "commands.h"
#include "options.h"
#include "progressline.h"

#include "analysis/analysis.h"
#include "analysis/groups.h"
#include "analysis/voteexport.h"
#include "common/json.h"
#include "model/taxonomy.h"
#include "query/leaderboardquery.h"
#include "rating/arenafile.h"
#include "rating/leaderboardformat.h"
#include "store/eventstore.h"

#include <QLocale>
#include <QSaveFile>

#include <algorithm>
#include <functional>
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
        // toCsv ends its lines with "\n" (splitting on "\r\n" left one line: the overall board
        // alone, the slice's name glued to its header, no slice rows).
        const QStringList lines = rating::toCsv(board).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (qsizetype i = header ? 0 : 1; i < lines.size(); ++i)
            out += (i == 0 ? analysis::toString(a.sliceBy) : field(slice)) + QLatin1Char(',') + lines[i] + QLatin1Char('\n');
    };
    append(a.board, QStringLiteral("(all)"), true);
    for (const analysis::SliceBoard &s : a.slices)
        append(s.board, s.value, false);
    return out;
}

// How the table names failure categories and pack categories: in the chosen language, from the
// pack's taxonomy over the shipped one (the ids stay in --format json and csv, which scripts read).
struct Labels
{
    QStringList languages{QStringLiteral("en")};
    Taxonomy taxonomy = defaultTaxonomy();
    DialectRegistry dialects = defaultDialects();
    QHash<QString, LocalizedText> packCategories;

    QString failure(const QString &id) const
    {
        const TaxonomyEntry *e = taxonomy.category(id);
        return e ? pickLanguage(e->label, languages) : id;
    }
    QString slice(analysis::SliceBy by, const QString &value) const
    {
        if (value.isEmpty())
            return QStringLiteral("(none)");
        switch (by) {
        case analysis::SliceBy::Category: return packCategory(value);
        case analysis::SliceBy::Dialect: return dialects.varietyName(value, languages);
        case analysis::SliceBy::Region: return dialects.regionName(value, languages);
        case analysis::SliceBy::Group:
        case analysis::SliceBy::None: break;
        }
        return value;
    }
    QString packCategory(const QString &id) const
    {
        const auto it = packCategories.constFind(id);
        return it == packCategories.cend() ? id : pickLanguage(*it, languages);
    }
};

// --lang en|ar, else the language of the environment (LANGUAGE, LC_ALL, LANG through QLocale).
std::optional<QStringList> tableLanguages(const std::optional<QString> &lang)
{
    const QString chosen = lang ? *lang : QLocale::system().name().section(u'_', 0, 0);
    if (chosen == QLatin1String("ar"))
        return QStringList{QStringLiteral("ar"), QStringLiteral("en")};
    if (chosen == QLatin1String("en") || !lang)
        return QStringList{QStringLiteral("en")};
    return std::nullopt;
}

// The labels of the one pack the board is about (--pack, or the store's only pack); the shipped
// taxonomy alone when the board merges several.
Labels labelsFor(store::EventStore &store, const QString &packId, const QStringList &languages)
{
    Labels labels;
    labels.languages = languages;
    QString id = packId;
    if (id.isEmpty()) {
        auto packs = store.packs();
        if (packs && packs->size() == 1)
            id = packs->first().id;
    }
    if (id.isEmpty())
        return labels;
    auto header = store.packHeader(id);
    if (!header)
        return labels;
    if (!header->taxonomy.is_null())
        if (auto t = applyPackTaxonomy(defaultTaxonomy(), header->taxonomy, id))
            labels.taxonomy = std::move(*t);
    for (const CategoryInfo &c : header->categories)
        labels.packCategories.insert(c.id, c.label);
    labels.dialects = packDialects(*header);
    return labels;
}

QString analysisTable(const analysis::Analysis &a, const Labels &labels)
{
    QString out = QStringLiteral("%1 live votes, %2 in the ranking").arg(a.liveVotes).arg(a.rankingVotes);
    if (a.pickedLeftOut > 0)
        out += QStringLiteral(" (%1 picked by hand left out; --include-picked counts them)").arg(a.pickedLeftOut);
    if (a.importedVotes > 0)
        out += QStringLiteral("; %1 of the votes are judgments imported from other evaluations").arg(a.importedVotes);
    out += QStringLiteral("\n\n") + rating::toTable(a.board);
    for (const analysis::SliceBoard &s : a.slices) {
        out += QStringLiteral("\n== %1: %2 (%3 votes%4)\n")
                   .arg(analysis::toString(a.sliceBy), labels.slice(a.sliceBy, s.value))
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
        qsizetype width = 24;  // the labels are longer than the ids: the widest sets the column
        for (const analysis::ModelFailures &f : a.failures) {
            width = std::max(width, f.model.size() - 4);
            for (const analysis::FailureCategory &c : f.categories)
                width = std::max(width, labels.failure(c.category).size());
        }
        for (const analysis::ModelFailures &f : a.failures) {
            out += QStringLiteral("  %1  %2  %3\n").arg(f.model.leftJustified(width + 4)).arg(f.count).arg(f.weighted);
            for (const analysis::FailureCategory &c : f.categories)
                out += QStringLiteral("      %1  %2  %3\n").arg(labels.failure(c.category).leftJustified(width)).arg(c.count).arg(c.weighted);
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

// A figure over the wrong packs is worse than none: `--pack` must name a pack this store has
// (imported, or with votes from a bundle; an unknown one printed an empty board and exit 0), and
// a board over several packs says that it merges them. `votesSeen` counts the pack's votes, live
// or superseded; it is asked only for a pack that was not imported.
Status checkPackChoice(Context &ctx, store::EventStore &store, const QString &pack, const std::function<qint64()> &votesSeen)
{
    auto packs = store.packs();
    if (!packs)
        return packs.error();
    QStringList ids;
    for (const store::PackSummary &p : std::as_const(*packs))
        ids << p.id;
    if (!pack.isEmpty()) {
        if (!ids.contains(pack) && votesSeen() == 0)
            return Error::notFound(QStringLiteral("no pack \"%1\" in %2: it was not imported and no votes on it arrived "
                                                  "(packs: %3)")
                                       .arg(pack, ctx.storePath,
                                            ids.isEmpty() ? QStringLiteral("none") : ids.join(QStringLiteral(", "))));
        return {};
    }
    if (ids.size() > 1 && !ctx.quiet)
        ctx.err << "note: " << ctx.storePath << " holds " << ids.size() << " packs (" << ids.join(QStringLiteral(", "))
                << "); the votes of all of them are merged here; --pack ID for one\n";
    return {};
}

} // namespace

int ratings(Context &ctx)
{
    Options args(ctx.args);
    const auto battles = args.take(QStringLiteral("--battles"));
    const auto groupsFile = args.take(QStringLiteral("--groups"));
    const auto lang = args.take(QStringLiteral("--lang"));
    const auto languages = tableLanguages(lang);
    if (!languages)
        return usageError(ctx, QStringLiteral("--lang takes en or ar (got \"%1\")").arg(*lang));
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
    // Before the fit: an unknown pack is said as such (not as "anchor model has no votes"), and
    // costs no bootstrap.
    const auto votesOfPack = [&]() -> qint64 {
        auto live = analysis::collectLiveVotes(**store, {options.packId, {}, false});
        return live ? qint64(live->votes.size()) + live->supersededVotes + live->unreadableVotes : 0;
    };
    if (Status s = checkPackChoice(ctx, **store, options.packId, votesOfPack); !s)
        return fail(ctx, s.error().message);
    const Labels labels = labelsFor(**store, options.packId, *languages);
    options.dialects = labels.dialects;
    Progress progress;
    progress.setPhase("bootstrap", Progress::Unit::Rounds);  // each board adds its rounds
    options.leaderboard.bootstrap.progress = &progress;
    std::optional<ProgressLine> line(std::in_place, ctx, progress);
    auto result = analysis::analyse(**store, options);
    line.reset();
    if (!result)
        return fail(ctx, result.error().message);
    if (board.format == QLatin1String("json"))
        ctx.out << QString::fromStdString(analysis::toJson(*result).dump(2)) << '\n';
    else if (board.format == QLatin1String("csv"))
        ctx.out << (result->slices.empty() ? rating::toCsv(result->board) : slicedCsv(*result));
    else
        ctx.out << analysisTable(*result, labels);
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
    if (Status s = checkPackChoice(ctx, **store, pack,
                                   [&] { return qint64(live->votes.size()) + live->supersededVotes + live->unreadableVotes; });
        !s)
        return fail(ctx, s.error().message);

    QByteArray data;
    qint64 count = 0;
    if (*format == QLatin1String("arena")) {
        // The votes that feed `ratings`, so `ratings --battles` on this file gives the same board.
        const rating::BattleSet set = analysis::toBattleSet(live->votes, includePicked);
        // The layout the file name says: a ".json" file gets one JSON array (what Arena's own
        // notebooks read), anything else JSON Lines; JSON Lines in a ".json" name read as broken.
        const bool array = output && output->endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
        data = rating::writeArenaBattles(set, array ? rating::ArenaLayout::JsonArray : rating::ArenaLayout::JsonLines);
        count = qint64(set.battles.size());
    } else {
        // Every live vote; the selection column tells the picked ones apart.
        data = analysis::votesToCsv(live->votes);
        count = qint64(live->votes.size());
    }
    if (Status s = emit(ctx, output, data); !s)
        return fail(ctx, s.error().message);
    if (output && !ctx.quiet)
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
    if (Status s = checkPackChoice(ctx, **store, pack,
                                   [&] { return qint64(live->votes.size()) + live->supersededVotes + live->unreadableVotes; });
        !s)
        return fail(ctx, s.error().message);
    const rating::AgreementReport r = analysis::agreement(*live);
    if (format == QLatin1String("json")) {
        ctx.out << QString::fromStdString(rating::toJson(r).dump(2)) << '\n';
        return Ok;
    }
    // A kappa from a handful of comparisons says nothing (κ = −0.167 from 7 was printed as if it
    // did): every figure shows the comparisons behind it, and under kMeaningfulUnits it says so.
    constexpr qint64 kMeaningfulUnits = 30;
    const auto few = [&](qint64 units) { return units < kMeaningfulUnits ? QStringLiteral("  (too few to mean much)") : QString(); };
    ctx.out << "comparisons with 2+ annotators  " << r.units << " (" << r.labels << " votes)" << few(qint64(r.units)) << '\n'
            << "observed agreement              " << number(r.observed) << '\n'
            << "Fleiss' kappa                   " << number(r.fleissKappa) << '\n'
            << "Krippendorff's alpha (nominal)  " << number(r.krippendorffAlpha) << '\n';
    if (r.units < kMeaningfulUnits)
        ctx.out << "figures from fewer than " << kMeaningfulUnits
                << " comparisons are not meaningful: one vote more or less moves them a lot\n";
    qsizetype nameWidth = 10;
    for (const rating::PairAgreement &p : r.pairs)
        nameWidth = std::max(nameWidth, p.first.size() + 3 + p.second.size());
    for (const rating::MajorityAgreement &m : r.withMajority)
        nameWidth = std::max(nameWidth, m.annotator.size());
    if (!r.pairs.empty()) {
        ctx.out << "\nCohen's kappa by pair of annotators\n  " << QStringLiteral("pair").leftJustified(nameWidth)
                << "  comparisons  observed   kappa\n";
        for (const rating::PairAgreement &p : r.pairs)
            ctx.out << "  " << QString(p.first + QStringLiteral(" / ") + p.second).leftJustified(nameWidth) << "  "
                    << QString::number(p.units).rightJustified(11) << "  " << number(p.observed).rightJustified(8) << "  "
                    << number(p.kappa).rightJustified(6) << few(qint64(p.units)) << '\n';
    }
    if (!r.withMajority.empty()) {
        ctx.out << "\nagreement with the majority of the others\n  " << QStringLiteral("annotator").leftJustified(nameWidth)
                << "  comparisons  agreement\n";
        for (const rating::MajorityAgreement &m : r.withMajority)
            ctx.out << "  " << m.annotator.leftJustified(nameWidth) << "  " << QString::number(m.units).rightJustified(11)
                    << "  " << number(m.agreement).rightJustified(9) << few(qint64(m.units)) << '\n';
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
    if (Status s = checkPackChoice(ctx, **store, pack,
                                   [&] { return qint64(live->votes.size()) + live->supersededVotes + live->unreadableVotes; });
        !s)
        return fail(ctx, s.error().message);
    const rating::PositionBiasReport r = analysis::positionBias(*live);
    qint64 imported = 0;
    for (const analysis::LiveVoteList::Row &v : live->votes.rows())
        imported += v.selection == Selection::Imported ? 1 : 0;
    if (format == QLatin1String("json")) {
        nlohmann::json doc = rating::toJson(r);
        doc["importedLeftOut"] = imported;
        ctx.out << QString::fromStdString(doc.dump(2)) << '\n';
        return Ok;
    }
    if (imported > 0)
        ctx.out << imported << " imported judgments left out: their order and side were their source's, not a random "
                               "placement\n";
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
