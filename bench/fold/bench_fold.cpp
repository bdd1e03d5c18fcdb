// "Fold at scale" (issue #10): what reopening a large store costs, and the leaderboard over a
// million votes. Each mode prints one JSON line; scripts/bench-fold.sh makes the table. Setup
// modes write the fixtures; measuring modes are run as processes of their own, so nothing of the
// setup is in memory (the page cache is warm).
//   gen-pack FILE ITEMS                      pack: 2–4 of 12 models per item, a few hundred
//                                            characters of Arabic/English per answer
//   annotate STORE PACK EVENTS               import the pack, then EVENTS actions of one annotator
//                                            through VotingSession (votes, skips, undos, marks)
//   reopen STORE PACK                        open → VotingSession::start → first next(): ms, peak RSS
//   crowd STORE SERVERDB PACK VOTES          the pack in a store and published on a server
//                                            database; VOTES version-2 votes of 40 annotators
//                                            ingested into both (store ingest, server ingest)
//   desktop STORE PACK                       collectLiveVotes + the boards the leaderboard view
//                                            computes (dialect and category slices), default options
#include "analysis/analysis.h"
#include "analysis/livevotes.h"
#include "common/uuid.h"
#include "model/payloads.h"
#include "session/votingsession.h"
#include "store/eventstore.h"
#include "store/ingest.h"
#include "sync/sqlitestorage.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

using namespace majlis;

namespace {

constexpr int ModelCount = 12;
const QString Annotator = QStringLiteral("bench-annotator");

qint64 peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

void emit(const nlohmann::json &j)
{
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
}

int fail(const QString &what)
{
    std::fprintf(stderr, "%s\n", qPrintable(what));
    return 1;
}

// Gulf Arabic and MSA sentences with English terms mixed in, as model answers are.
QString answerText(int chars, QRandomGenerator &rng)
{
    static const QStringList words = QStringLiteral(
        "الصقر رمز الإمارات والبحر كان مصدر الرزق قبل النفط وكان الغواصون يخرجون في موسم الغوص بحثاً عن "
        "اللؤلؤ وتعلم الأجيال من الآباء قيم الكرم والضيافة وشو رايك نروح البر عقب صلاة العصر ونتريق عند "
        "الجيران the model should answer in Arabic using Python 3.12 and a JSON file of results")
                                         .split(QLatin1Char(' '));
    QString out;
    int sinceBreak = 0;
    while (out.size() < chars) {
        out += words[rng.bounded(int(words.size()))] + QLatin1Char(' ');
        if (++sinceBreak > 40) {
            out += QStringLiteral("\n\n");
            sinceBreak = 0;
        }
    }
    return out.left(chars);
}

int genPack(const QString &path, int items)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(f.errorString());
    QRandomGenerator rng(20261202);
    nlohmann::json models = nlohmann::json::array();
    for (int m = 0; m < ModelCount; ++m)
        models.push_back({{"id", "model-" + std::to_string(m)}, {"name", "Model " + std::to_string(m)}});
    const nlohmann::json header{{"majlis_pack", 1},        {"id", "fold-bench"},
                                {"title", "Fold at scale"}, {"guidelines", {{"en", "Vote for the better answer."}}},
                                {"dialects", {"emirati", "msa"}}, {"reveal", "never"},
                                {"models", models}};
    f.write(QByteArray::fromStdString(header.dump()) + '\n');
    static const char *categories[] = {"culture", "coding", "advice", "history"};
    for (int i = 0; i < items; ++i) {
        nlohmann::json item{{"id", "item-" + std::to_string(i)},
                            {"prompt", answerText(80 + rng.bounded(120), rng).toStdString()},
                            {"dialect", i % 3 ? "emirati" : "msa"},
                            {"category", categories[i % 4]}};
        auto &cands = item["candidates"] = nlohmann::json::array();
        const int n = 2 + rng.bounded(3);
        const int first = rng.bounded(ModelCount);
        for (int c = 0; c < n; ++c)
            cands.push_back({{"model", "model-" + std::to_string((first + c * 5) % ModelCount)},
                             {"output", answerText(200 + rng.bounded(300), rng).toStdString()}});
        f.write(QByteArray::fromStdString(item.dump()) + '\n');
    }
    emit({{"mode", "gen-pack"}, {"items", items}, {"bytes", f.size()}});
    return 0;
}

// Fixture writing only: the events are the same, the commits just skip the fsync.
void fastWrites(store::EventStore &store)
{
    (void)store.database().exec("PRAGMA synchronous=OFF");
}

int annotate(const QString &storePath, const QString &packFile, int events)
{
    auto store = store::EventStore::open(storePath);
    if (!store)
        return fail(store.error().message);
    auto report = (*store)->importPack(packFile);
    if (!report)
        return fail(report.error().message);
    fastWrites(**store);
    auto session = session::VotingSession::start(**store, report->packId, Annotator);
    if (!session)
        return fail(session.error().message);
    session::VotingSession &s = **session;
    QRandomGenerator rng(7);
    QElapsedTimer t;
    t.start();
    qint64 votes = 0, skips = 0, undos = 0, marks = 0;
    for (int written = 0; written < events;) {
        if (!s.current() || s.currentIsVoted()) {
            auto pair = s.next();
            if (!pair)
                return fail(pair.error().message);
            if (!pair->has_value())
                return fail(QStringLiteral("the pack ran out after %1 events").arg(written));
        }
        const int roll = rng.bounded(100);
        Status ok;
        if (roll < 4 && s.canUndo()) {
            auto u = s.undo();
            ok = u ? Status{} : Status{u.error()};
            ++undos;
        } else if (roll < 10) {
            auto e = s.skip();
            ok = e ? Status{} : Status{e.error()};
            ++skips;
        } else if (roll < 14) {
            const Taxonomy &tax = s.taxonomy();
            auto e = s.markFailure(rng.bounded(2) ? session::AnswerSlot::First : session::AnswerSlot::Second, text::CodePointSpan{0, 20},
                                   tax.categories[rng.bounded(int(tax.categories.size()))].id,
                                   tax.severities[rng.bounded(int(tax.severities.size()))].id,
                                   QStringLiteral("يخلط بين اللهجة والفصحى"));
            ok = e ? Status{} : Status{e.error()};
            ++marks;
        } else {
            const int c = rng.bounded(100);
            const Choice choice = c < 45 ? Choice::First : c < 85 ? Choice::Second : c < 95 ? Choice::Tie : Choice::BothBad;
            auto e = s.vote(choice, rng.bounded(2) ? Side::Left : Side::Right, QStringLiteral("ar"));
            ok = e ? Status{} : Status{e.error()};
            ++votes;
        }
        if (!ok)
            return fail(ok.error().message);
        ++written;
    }
    emit({{"mode", "annotate"}, {"events", events}, {"votes", votes}, {"skips", skips}, {"undos", undos},
          {"marks", marks}, {"judged", s.judgedCount()}, {"total", s.totalCount()},
          {"seconds", double(t.nsecsElapsed()) / 1e9}});
    return 0;
}

int reopen(const QString &storePath, const QString &packId)
{
    QElapsedTimer t;
    t.start();
    auto store = store::EventStore::open(storePath);
    if (!store)
        return fail(store.error().message);
    const double openMs = double(t.nsecsElapsed()) / 1e6;
    auto session = session::VotingSession::start(**store, packId, Annotator);
    if (!session)
        return fail(session.error().message);
    const double startMs = double(t.nsecsElapsed()) / 1e6;
    auto pair = (*session)->next();
    if (!pair || !pair->has_value())
        return fail(QStringLiteral("no first pair"));
    emit({{"mode", "reopen"}, {"open_ms", openMs}, {"start_ms", startMs}, {"ms", double(t.nsecsElapsed()) / 1e6},
          {"judged", (*session)->judgedCount()}, {"peak_rss_mb", double(peakRssKb()) / 1024.0}});
    return 0;
}

// Votes as VotingSession writes them (model/payloads.h), from 40 annotators on 40 workstations,
// a few seconds apart; model strengths spread over ~400 rating points so the fit has work to do.
QList<QList<Event>> crowdVotes(const QList<store::ComparisonRef> &comparisons, const QList<Item> &items, int votes)
{
    QHash<QString, qsizetype> itemIndex;
    for (qsizetype i = 0; i < items.size(); ++i)
        itemIndex.insert(items[i].id, i);
    constexpr int Annotators = 40;
    QStringList workstations;
    for (int a = 0; a < Annotators; ++a)
        workstations << makeUuidV7(1764000000000ULL + std::uint64_t(a));
    QRandomGenerator rng(99);
    QList<QList<Event>> batches;
    const std::uint64_t start = 1764000000000ULL;
    for (int v = 0; v < votes; ++v) {
        if (v % 10000 == 0)
            batches.emplaceBack();
        const int a = v % Annotators;
        const store::ComparisonRef &c = comparisons[rng.bounded(int(comparisons.size()))];
        const Item &item = items[itemIndex.value(c.itemId)];
        VotePayload p;
        p.candidateA = {c.candidateA, item.candidates[c.candidateA].model};
        p.candidateB = {c.candidateB, item.candidates[c.candidateB].model};
        p.shownFirst = rng.bounded(2) ? Letter::A : Letter::B;
        p.firstSide = rng.bounded(2) ? Side::Left : Side::Right;
        const double ra = 30.0 * p.candidateA.model.mid(6).toDouble(), rb = 30.0 * p.candidateB.model.mid(6).toDouble();
        const double u = rng.generateDouble();
        p.outcome = u < 0.08   ? VoteOutcome::Tie
                    : u < 0.12 ? VoteOutcome::BothBad
                    : rng.generateDouble() < 1 / (1 + std::pow(10.0, (rb - ra) / 400)) ? VoteOutcome::A
                                                                                        : VoteOutcome::B;
        p.uiLanguage = QStringLiteral("ar");
        Event e;
        const std::uint64_t ms = start + std::uint64_t(v) * 250;
        e.id = makeUuidV7(ms);
        e.kind = QStringLiteral("vote");
        e.packId = QStringLiteral("fold-bench");
        e.itemId = c.itemId;
        e.comparisonId = c.id;
        e.annotator = QStringLiteral("annotator-%1").arg(a, 2, 10, QLatin1Char('0'));
        e.workstation = workstations[a];
        e.seq = v / Annotators + 1;
        e.createdUtc = QDateTime::fromMSecsSinceEpoch(qint64(ms), QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
        e.payload = toJson(p);
        batches.last().append(std::move(e));
    }
    return batches;
}

int crowd(const QString &storePath, const QString &serverPath, const QString &packFile, int votes)
{
    QElapsedTimer t;
    t.start();
    auto store = store::EventStore::open(storePath);
    if (!store)
        return fail(store.error().message);
    auto report = (*store)->importPack(packFile);
    if (!report)
        return fail(report.error().message);
    fastWrites(**store);
    auto comparisons = (*store)->comparisons(report->packId);
    if (!comparisons)
        return fail(comparisons.error().message);
    QList<Item> items;
    {
        QHash<QString, bool> seen;
        for (const store::ComparisonRef &c : *comparisons) {
            if (seen.contains(c.itemId))
                continue;
            seen.insert(c.itemId, true);
            auto item = (*store)->item(report->packId, c.itemId);
            if (!item)
                return fail(item.error().message);
            item->conversation.clear(); // only the candidates' models are needed
            for (Candidate &cand : item->candidates)
                cand.output.clear();
            items.append(std::move(*item));
        }
    }
    const QList<QList<Event>> batches = crowdVotes(*comparisons, items, votes);
    const double genSeconds = double(t.nsecsElapsed()) / 1e9;
    for (const QList<Event> &batch : batches) {
        auto r = store::ingestEventBatches((*store)->database(), {batch});
        if (!r)
            return fail(r.error().message);
        if (r->first().rejected)
            return fail(QStringLiteral("store rejected: %1").arg(r->first().outcomes.first().reason));
    }
    const double storeSeconds = double(t.nsecsElapsed()) / 1e9 - genSeconds;

    auto server = sync::SqliteStorage::open(serverPath);
    if (!server)
        return fail(server.error().message);
    QFile f(packFile);
    if (!f.open(QIODevice::ReadOnly))
        return fail(f.errorString());
    const QByteArray file = f.readAll();
    sync::PublishedPack published{report->packId, QStringLiteral("Fold at scale"), report->items,
                                  QString::fromLatin1(QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex()),
                                  QStringLiteral("bench"), store::utcNow()};
    if (auto p = (*server)->publishPack(published, file); !p)
        return fail(p.error().message);
    // The server's own ingest, in group commits of ten batches of the API's size limit.
    for (qsizetype b = 0; b < batches.size(); ++b) {
        QList<QList<Event>> group;
        for (qsizetype i = 0; i < batches[b].size(); i += 1000)
            group.append(batches[b].mid(i, 1000));
        auto r = (*server)->ingestEventBatches(group);
        if (!r)
            return fail(r.error().message);
        for (const store::IngestReport &one : *r)
            if (one.rejected)
                return fail(QStringLiteral("server rejected: %1").arg(one.outcomes.first().reason));
    }
    emit({{"mode", "crowd"}, {"votes", votes}, {"comparisons", comparisons->size()}, {"generate_s", genSeconds},
          {"store_ingest_s", storeSeconds},
          {"server_ingest_s", double(t.nsecsElapsed()) / 1e9 - genSeconds - storeSeconds}});
    return 0;
}

int desktop(const QString &storePath, const QString &packId)
{
    QElapsedTimer t;
    t.start();
    // Read-write, as the desktop opens its store (the writer lock, the connection settings).
    auto store = store::EventStore::open(storePath, store::EventStore::Mode::ReadWrite);
    if (!store)
        return fail(store.error().message);
    auto live = analysis::collectLiveVotes(**store, {packId, {}, false});
    if (!live)
        return fail(live.error().message);
    const double collectMs = double(t.nsecsElapsed()) / 1e6;
    // As ui/leaderboardview.cpp does on a refresh: default options, the dialect and the category slices.
    analysis::AnalysisOptions options;
    options.packId = packId;
    options.slice = analysis::SliceBy::Dialect;
    auto byDialect = analysis::analyse(*live, options);
    if (!byDialect)
        return fail(byDialect.error().message);
    options.slice = analysis::SliceBy::Category;
    auto byCategory = analysis::analyseSlices(*live, options, *byDialect);
    if (!byCategory)
        return fail(byCategory.error().message);
    const qint64 ranking = byCategory->rankingVotes;
    const double totalMs = double(t.nsecsElapsed()) / 1e6;
    emit({{"mode", "desktop"}, {"live_votes", live->votes.size()}, {"ranking_votes", ranking},
          {"collect_ms", collectMs}, {"analyse_ms", totalMs - collectMs}, {"ms", totalMs},
          {"intervals", options.leaderboard.intervals == rating::IntervalMethod::Bootstrap ? "bootstrap" : "other"},
          {"rounds", options.leaderboard.bootstrap.rounds}, {"peak_rss_mb", double(peakRssKb()) / 1024.0}});
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList a = QCoreApplication::arguments();
    if (a.size() == 4 && a[1] == QLatin1String("gen-pack"))
        return genPack(a[2], a[3].toInt());
    if (a.size() == 5 && a[1] == QLatin1String("annotate"))
        return annotate(a[2], a[3], a[4].toInt());
    if (a.size() == 4 && a[1] == QLatin1String("reopen"))
        return reopen(a[2], a[3]);
    if (a.size() == 6 && a[1] == QLatin1String("crowd"))
        return crowd(a[2], a[3], a[4], a[5].toInt());
    if (a.size() == 4 && a[1] == QLatin1String("desktop"))
        return desktop(a[2], a[3]);
    QTextStream(stderr) << "usage: see the comment at the top of bench_fold.cpp\n";
    return 2;
}
