#include "sync/leaderboardservice.h"

#include "common/logging.h"
#include "pack/packreader.h"

#include <QBuffer>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace majlis::sync {

namespace {

// Bootstrap rounds a request may ask for: enough for any published interval, few enough that
// one request cannot hold the server for minutes.
constexpr qint64 kMaxBootstrapRounds = 10000;

std::optional<qint64> wholeNumber(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < min || n > max)
        return std::nullopt;
    return n;
}

Error badParameter(const QString &name, const QString &what)
{
    return Error::validation(QStringLiteral("query parameter \"%1\": %2").arg(name, what));
}

} // namespace

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
    static const QStringList known = {
        QStringLiteral("pack"),      QStringLiteral("slice"),      QStringLiteral("slice_min_votes"),
        QStringLiteral("bootstrap"), QStringLiteral("ci"),         QStringLiteral("both_bad"),
        QStringLiteral("anchor"),    QStringLiteral("anchor_rating"), QStringLiteral("min_votes"),
        QStringLiteral("include_picked")};
    QSet<QString> seen;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        Q_UNUSED(value);
        if (!known.contains(name))
            return Error::validation(QStringLiteral("unknown query parameter \"%1\" (known: %2)")
                                         .arg(name, known.join(QStringLiteral(", "))));
        if (seen.contains(name))
            return badParameter(name, QStringLiteral("given twice"));
        seen.insert(name);
    }
    auto value = [&](const char *name) -> std::optional<QString> {
        const QString key = QLatin1String(name);
        if (!query.hasQueryItem(key))
            return std::nullopt;
        return query.queryItemValue(key, QUrl::FullyDecoded);
    };

    analysis::AnalysisOptions o;
    rating::LeaderboardOptions &board = o.leaderboard;
    o.packId = value("pack").value_or(QString());
    if (auto v = value("slice")) {
        auto by = analysis::sliceFromString(*v);
        if (!by)
            return badParameter(QStringLiteral("slice"), QStringLiteral("takes none, dialect, category or group"));
        if (*by == analysis::SliceBy::Group && m_groups.isEmpty())
            return badParameter(QStringLiteral("slice"),
                                QStringLiteral("this server knows no annotator groups (start it with --groups FILE)"));
        o.slice = *by;
    }
    if (auto v = value("slice_min_votes")) {
        auto n = wholeNumber(*v, 0, std::numeric_limits<qint64>::max());
        if (!n)
            return badParameter(QStringLiteral("slice_min_votes"), QStringLiteral("takes a whole number >= 0"));
        o.sliceMinVotes = *n;
    }
    if (auto v = value("bootstrap")) {
        auto n = wholeNumber(*v, 0, kMaxBootstrapRounds);
        if (!n)
            return badParameter(QStringLiteral("bootstrap"),
                                QStringLiteral("takes a whole number from 0 to %1").arg(kMaxBootstrapRounds));
        board.bootstrap.rounds = int(*n);
        if (*n == 0)
            board.intervals = rating::IntervalMethod::None;
    }
    if (auto v = value("ci")) {
        if (*v == QLatin1String("bootstrap")) {
            if (board.bootstrap.rounds == 0)
                return badParameter(QStringLiteral("ci"), QStringLiteral("bootstrap needs bootstrap=N with N >= 1"));
            board.intervals = rating::IntervalMethod::Bootstrap;
        } else if (*v == QLatin1String("sandwich")) {
            board.intervals = rating::IntervalMethod::Sandwich;
        } else if (*v == QLatin1String("none")) {
            board.intervals = rating::IntervalMethod::None;
        } else {
            return badParameter(QStringLiteral("ci"), QStringLiteral("takes bootstrap, sandwich or none"));
        }
    }
    if (auto v = value("both_bad")) {
        if (*v == QLatin1String("exclude"))
            board.fit.bothBadAsTie = false;
        else if (*v != QLatin1String("tie"))
            return badParameter(QStringLiteral("both_bad"), QStringLiteral("takes tie or exclude"));
    }
    if (auto v = value("anchor"))
        board.anchorModel = *v;
    if (auto v = value("anchor_rating")) {
        bool ok = false;
        board.anchorRating = v->toDouble(&ok);
        if (!ok || !std::isfinite(board.anchorRating))
            return badParameter(QStringLiteral("anchor_rating"), QStringLiteral("takes a number"));
    }
    if (auto v = value("min_votes")) {
        auto n = wholeNumber(*v, 0, std::numeric_limits<qint64>::max());
        if (!n)
            return badParameter(QStringLiteral("min_votes"), QStringLiteral("takes a whole number >= 0"));
        board.provisionalBelowVotes = *n;
    }
    if (auto v = value("include_picked")) {
        if (*v == QLatin1String("true") || *v == QLatin1String("1"))
            o.includePicked = true;
        else if (*v != QLatin1String("false") && *v != QLatin1String("0"))
            return badParameter(QStringLiteral("include_picked"), QStringLiteral("takes true or false"));
    }
    o.annotatorGroups = m_groups;
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

    Facts facts(*this, *published);
    auto live = analysis::collectLiveVotes(
        [this](const std::function<void(const Event &)> &visit, const QString &packId) {
            return m_storage.forEachEvent(visit, packId);
        },
        facts, {options.packId, options.annotatorGroups});
    if (!live)
        return live.error();
    if (!options.packId.isEmpty() && live->votes.empty() && live->supersededVotes == 0
        && std::none_of(published->cbegin(), published->cend(),
                        [&](const PublishedPack &p) { return p.id == options.packId; }))
        return Error::notFound(
            QStringLiteral("no pack \"%1\": it is not published here and no votes on it arrived").arg(options.packId));
    auto analysed = analysis::analyse(*live, options);
    if (!analysed)
        return analysed.error();
    ++m_fits;
    QByteArray document = QByteArray::fromStdString(analysis::toJson(*analysed).dump()) + '\n';
    // A handful of views (the overall board, a slice or two) is what dashboards poll.
    if (m_results.size() >= 16)
        m_results.clear();
    m_results.insert(key, document);
    return document;
}

} // namespace majlis::sync
