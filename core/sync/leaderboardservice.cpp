#include "sync/leaderboardservice.h"

#include "common/logging.h"
#include "pack/packreader.h"
#include "query/leaderboardquery.h"

#include <QBuffer>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <limits>

namespace majlis::sync {

// The packs as the server publishes them, each parsed once per published file.
class LeaderboardService::Facts final : public analysis::PackFacts
{
public:
    Facts(LeaderboardService &service, const QList<PublishedPack> &published) : m_service(service)
    {
        for (const PublishedPack &p : published)
            m_published.insert(p.id, p.sha256);
    }

    QHash<QString, QString> modelNames(const QString &packId) override
    {
        const PackCache *pack = load(packId);
        return pack ? pack->modelNames : QHash<QString, QString>();
    }

    analysis::ItemFacts item(const QString &packId, const QString &itemId) override
    {
        const PackCache *pack = load(packId);
        return pack ? pack->items.value(itemId) : analysis::ItemFacts();
    }

private:
    const PackCache *load(const QString &packId)
    {
        const auto published = m_published.constFind(packId);
        if (published == m_published.cend())
            return nullptr;
        auto cached = m_service.m_packs.constFind(packId);
        if (cached != m_service.m_packs.cend() && cached->sha256 == *published)
            return &*cached;
        if (m_failed.contains(packId))
            return nullptr;
        auto file = m_service.m_storage.packFile(packId);
        if (!file || !*file) {
            m_failed.insert(packId);
            qCWarning(lcSync).noquote() << "leaderboard: cannot read published pack" << packId
                                        << (file ? QStringLiteral("(gone)") : file.error().message);
            return nullptr;
        }
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(**file);
        buffer->open(QIODevice::ReadOnly);
        auto reader = pack::PackReader::open(std::move(buffer), packId);
        if (!reader) {
            m_failed.insert(packId);
            qCWarning(lcSync).noquote() << "leaderboard: published pack does not read:" << reader.error().message;
            return nullptr;
        }
        PackCache pack;
        pack.sha256 = *published;
        pack.dialects = packDialects((*reader)->header());
        for (const ModelInfo &m : (*reader)->header().models)
            if (!m.name.isEmpty())
                pack.modelNames.insert(m.id, m.name);
        for (;;) {
            auto next = (*reader)->next();
            if (!next) {
                m_failed.insert(packId);
                qCWarning(lcSync).noquote() << "leaderboard: published pack does not read:" << next.error().message;
                return nullptr;
            }
            if (!next->has_value())
                break;
            const Item &item = (*next)->item;
            pack.items.insert(item.id, {item.dialect, item.category});
        }
        return &*m_service.m_packs.insert(packId, std::move(pack));
    }

    LeaderboardService &m_service;
    QHash<QString, QString> m_published; // id -> sha256
    QSet<QString> m_failed;
};

LeaderboardService::LeaderboardService(ServerStorage &storage) : m_storage(storage) {}

Result<analysis::AnalysisOptions> LeaderboardService::options(const QUrlQuery &query) const
{
    // The parameters are the parser's canonical names; only their spelling in messages is ours.
    static const query::Spelling spelling{
        [](const QString &name) -> QString { return QStringLiteral("query parameter \"%1\": ").arg(name); },
        [](const QString &name, const QString &value) -> QString { return name + QLatin1Char('=') + value; }};
    const QStringList &known = query::leaderboardOptionNames();
    query::Given given;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!known.contains(name))
            return Error::validation(QStringLiteral("unknown query parameter \"%1\" (known: %2)")
                                         .arg(name, known.join(QStringLiteral(", "))));
        given.append({name, value});
    }
    auto o = query::parseLeaderboardOptions(given, spelling);
    if (!o)
        return o.error();
    if (o->slice == analysis::SliceBy::Group && m_groups.isEmpty())
        return Error::validation(spelling.subject(QStringLiteral("slice"))
                                 + QStringLiteral("this server knows no annotator groups (start it with --groups FILE)"));
    o->annotatorGroups = m_groups;
    return o;
}

QString LeaderboardService::cacheKey(const analysis::AnalysisOptions &o)
{
    const rating::LeaderboardOptions &b = o.leaderboard;
    return QStringList{o.packId,
                       analysis::toString(o.slice),
                       QString::number(o.sliceMinVotes),
                       QString::number(int(b.intervals)),
                       QString::number(b.bootstrap.rounds),
                       QString::number(b.fit.bothBadAsTie),
                       b.anchorModel,
                       QString::number(b.anchorRating, 'g', 17),
                       QString::number(b.provisionalBelowVotes),
                       QString::number(o.includePicked)}
        .join(QChar(u'\x1f'));
}

Status LeaderboardService::preload()
{
    auto published = m_storage.packs();
    if (!published)
        return published.error();
    Facts facts(*this, *published);
    for (const PublishedPack &p : std::as_const(*published))
        (void)facts.modelNames(p.id);
    return {};
}

Result<QByteArray> LeaderboardService::leaderboard(const analysis::AnalysisOptions &options)
{
    auto published = m_storage.packs();
    if (!published)
        return published.error();
    auto events = m_storage.eventCount();
    if (!events)
        return events.error();
    QStringList generation{QString::number(*events)};
    for (const PublishedPack &p : std::as_const(*published))
        generation << p.id + QLatin1Char('=') + p.sha256;
    const QString now = generation.join(QLatin1Char(' '));
    if (now != m_generation) {
        m_results.clear();
        m_generation = now;
    }
    const QString key = cacheKey(options);
    if (auto hit = m_results.constFind(key); hit != m_results.cend())
        return *hit;

    qint64 folded = 0;
    auto document = compute(options, *published, folded);
#if defined(__GLIBC__)
    // A fold over a million votes frees a gigabyte in small blocks: hand it back now, in the
    // request that made it, not in the next one (which spent 0.8 s consolidating) or never. A
    // small fold has little to give back, and the trim holds the allocator while it runs.
    if (folded >= 100000)
        malloc_trim(0);
#endif
    if (!document)
        return document.error();
    // A handful of views (the overall board, a slice or two) is what dashboards poll.
    if (m_results.size() >= 16)
        m_results.clear();
    m_results.insert(key, *document);
    return document;
}

Result<QByteArray> LeaderboardService::compute(const analysis::AnalysisOptions &options,
                                               const QList<PublishedPack> &published, qint64 &folded)
{
    Facts facts(*this, published);
    analysis::FoldReaderOf<ServerStorage> reader(m_storage);
    auto live = analysis::collectLiveVotes(reader, facts, {options.packId, options.annotatorGroups, false});
    if (!live)
        return live.error();
    folded = qint64(live->votes.size()) + live->supersededVotes;
    if (!options.packId.isEmpty() && live->votes.empty() && live->supersededVotes == 0
        && std::none_of(published.cbegin(), published.cend(),
                        [&](const PublishedPack &p) { return p.id == options.packId; }))
        return Error::notFound(
            QStringLiteral("no pack \"%1\": it is not published here and no votes on it arrived").arg(options.packId));
    analysis::AnalysisOptions withDialects = options;
    if (const auto pack = m_packs.constFind(options.packId); pack != m_packs.cend())
        withDialects.dialects = pack->dialects;
    auto analysed = analysis::analyse(*live, withDialects);
    if (!analysed)
        return analysed.error();
    ++m_fits;
    return QByteArray(QByteArray::fromStdString(analysis::toJson(*analysed).dump()) + '\n');
}

} // namespace majlis::sync
