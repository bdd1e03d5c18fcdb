#include "analysis/livevotes.h"

#include "common/json.h"
#include "common/logging.h"
#include "analysis/textindex.h"
#include "store/eventstore.h"

#include <QSet>

#include <algorithm>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace majlis::analysis {

namespace {

rating::Outcome ratingOutcome(VoteOutcome o)
{
    switch (o) {
    case VoteOutcome::A: return rating::Outcome::WinA;
    case VoteOutcome::B: return rating::Outcome::WinB;
    case VoteOutcome::Tie: return rating::Outcome::Tie;
    case VoteOutcome::BothBad: return rating::Outcome::BothBad;
    }
    return rating::Outcome::Tie;
}

// Facts from the store: a pack's items in one pass on its first vote (one statement, not one per
// item or vote).
class StorePackFacts final : public PackFacts
{
public:
    explicit StorePackFacts(store::EventStore &store) : m_store(store) {}

    QHash<QString, QString> modelNames(const QString &packId) override
    {
        QHash<QString, QString> names;
        if (auto header = m_store.packHeader(packId))
            for (const ModelInfo &m : std::as_const(header->models))
                if (!m.name.isEmpty())
                    names.insert(m.id, m.name);
        return names;
    }

    // Asked only for the items forEachItem did not reach: it could not read the pack to its end
    // (and said so), and a second read would fail the same way.
    ItemFacts item(const QString &, const QString &) override { return {}; }

    bool forEachItem(const QString &packId, const ItemVisit &visit) override
    {
        if (Status s = m_store.forEachItemFacts(packId, visit); !s) {
            qCWarning(lcStore).noquote() << "leaderboard: cannot read the items of pack" << packId << ":"
                                         << s.error().message;
            return false;
        }
        return true;
    }

private:
    store::EventStore &m_store;
};

using IdSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;

} // namespace

namespace {

// One pass over the votes in cast order, then the failure marks. A vote is dead as soon as any
// other event names it, whatever their order: over plain events (merged bundles and sync batches
// may bring the undo before the vote) the dead are dropped at the end; through the projection
// every superseded id is read first, and a vote is counted as it is read.
class LiveVoteCollector
{
public:
    LiveVoteCollector(PackFacts &packs, const CollectOptions &options) : m_packs(packs), m_options(options) {}

    // The event path: any event, in cast order.
    void add(const Event &e)
    {
        if (!e.supersedes.isEmpty())
            addSuperseded(e.supersedes);
        if (!m_options.packId.isEmpty() && e.packId != m_options.packId)
            return;
        if (e.kind == EventKind::Vote)
            addVote(storedVoteOf(e));
        else if (e.kind == EventKind::Annotation)
            addAnnotation(e);
    }

    void addSuperseded(const QString &id) { m_superseded.insert(id.toStdString()); }

    // Every superseded id is known (the projection's path): votes are counted as they come.
    void supersededKnown(qint64 votesAtMost)
    {
        m_direct = true;
        // Reserved address space; only the rows written are ever touched.
        m_live.votes.reserve(std::size_t(std::clamp<qint64>(votesAtMost, 0, qint64(1) << 24)));
    }

    void addAnnotation(const Event &e)
    {
        noteModelNames(e.packId);
        // A removal only kills the mark it supersedes; a payload that is not a mark on one
        // model's answer is not a failure.
        auto annotation = annotationPayloadFromJson(e.payload);
        if (!annotation)
            return;
        if (auto *mark = std::get_if<FailureMark>(&*annotation))
            m_failures.push_back({e.id, e.itemId, e.annotator, std::move(*mark)});
    }

    // A vote of the event path, as the projection would hold it.
    void addVote(const StoredVote &stored)
    {
        const QByteArray texts[] = {stored.eventId.toUtf8(),    stored.packId.toUtf8(),    stored.itemId.toUtf8(),
                                    stored.comparisonId.toUtf8(), stored.annotator.toUtf8(), stored.createdUtc.toUtf8(),
                                    stored.modelA.toUtf8(),     stored.modelB.toUtf8()};
        const auto view = [](const QByteArray &b) { return std::string_view(b.constData(), std::size_t(b.size())); };
        StoredVoteView v{view(texts[0]), view(texts[1]), view(texts[2]), view(texts[3]),
                         view(texts[4]), view(texts[5]), view(texts[6]), view(texts[7]),
                         stored.facts ? &*stored.facts : nullptr, stored.unreadable};
        addVote(v);
    }

    void addVote(const StoredVoteView &stored)
    {
        const std::uint32_t pack = m_packTexts(stored.packId, m_live.votes);
        if (pack != m_lastPack) { // a new pack text: its model names, and whether it is the one asked for
            const QString &packId = m_live.votes.text(pack);
            m_lastPackWanted = m_options.packId.isEmpty() || packId == m_options.packId;
            if (m_lastPackWanted)
                noteModelNames(packId);
            m_lastPack = pack;
        }
        if (!m_lastPackWanted)
            return;
        if (!stored.facts) {
            const QString id = QString::fromUtf8(stored.eventId.data(), qsizetype(stored.eventId.size()));
            if (!m_direct)
                m_unreadable.push_back({id, stored.unreadable});
            else if (!m_superseded.contains(stored.eventId))
                countUnreadable(id, stored.unreadable, m_live);
            return;
        }
        if (m_direct && !m_superseded.empty() && m_superseded.contains(stored.eventId)) {
            ++m_live.supersededVotes;
            return;
        }
        const VoteFacts &f = *stored.facts;
        LiveVoteList &votes = m_live.votes;
        // Over plain events the ids are needed at the end, to drop the dead.
        LiveVoteList::Row &r = m_options.identities || !m_direct
                                   ? votes.append(stored.eventId, stored.createdUtc, stored.comparisonId)
                                   : votes.append({}, {}, {});
        r.pack = pack;
        const ItemTexts &item = itemTexts(pack, stored.itemId);
        r.item = item.id;
        r.dialect = item.dialect;
        r.category = item.category;
        const AnnotatorTexts &annotator = annotatorTexts(stored.annotator);
        r.annotator = annotator.name;
        r.group = annotator.group;
        r.modelA = m_modelTexts(stored.modelA, votes);
        r.modelB = m_modelTexts(stored.modelB, votes);
        r.candidateA = f.candidateA;
        r.candidateB = f.candidateB;
        r.outcome = ratingOutcome(f.outcome);
        r.chosenSide = f.chosenSide();
        r.firstSide = f.firstSide;
        r.selection = f.selection;
        // An answer counts as shown when its masking was recorded, as masked when a name was.
        const Exposed exposed{f.maskedA.has_value(), f.maskedA.value_or(0) > 0, f.maskedB.has_value(),
                              f.maskedB.value_or(0) > 0};
        if (m_direct)
            countExposure(r, exposed);
        else
            m_exposed.push_back(exposed);
    }

    LiveVotes finish()
    {
        if (!m_direct) {
            for (const auto &[id, why] : m_unreadable)
                if (!m_superseded.contains(id.toStdString()))
                    countUnreadable(id, why, m_live);
            // Drop the dead, counting the exposure of the living.
            std::size_t i = 0;
            LiveVoteList &votes = m_live.votes;
            votes.eraseIf([&](const LiveVoteList::Row &r) {
                const Exposed &exposed = m_exposed[i++];
                if (m_superseded.contains(votes.eventIdBytes(r))) {
                    ++m_live.supersededVotes;
                    return true;
                }
                countExposure(r, exposed);
                return false;
            });
        }
        LiveVotes live = std::move(m_live);
        live.modelNames = std::move(m_modelNames);
        for (std::size_t model = 0; model < m_exposure.size(); ++model)
            if (m_exposure[model].shown > 0)
                live.exposure[live.votes.text(std::uint32_t(model))] = m_exposure[model];
        for (LiveFailure &f : m_failures)
            if (!m_superseded.contains(f.eventId.toStdString()))
                live.failures.push_back(std::move(f));
        return live;
    }

private:
    struct Exposed
    {
        bool shownA, maskedA, shownB, maskedB;
    };
    static constexpr std::uint32_t kNoText = std::uint32_t(-1);
    struct ItemTexts
    {
        std::uint32_t id, dialect, category; // id: kNoText until a vote names the item
    };
    struct PackItems
    {
        TextIndex index;
        std::vector<ItemTexts> texts;
        bool complete = false; // every item of the pack is in the index
    };
    struct AnnotatorTexts
    {
        std::uint32_t name, group;
    };

    // The item's id, dialect and category. A pack's items are read in one pass on its first vote
    // (the fold meets most of them), their ids made texts when a vote names them; a source that
    // cannot list them is asked once per item.
    const ItemTexts &itemTexts(std::uint32_t pack, std::string_view itemId)
    {
        auto [found, fresh] = m_items.try_emplace(pack);
        PackItems &items = found->second;
        if (fresh)
            // A copy: the visit adds texts, and the table of texts may move.
            items.complete = m_packs.forEachItem(
                QString(m_live.votes.text(pack)), [&](std::string_view id, std::string_view dialect, std::string_view category) {
                    items.index.find(id, [&] {
                        items.texts.push_back({kNoText, viewText(dialect), viewText(category)});
                        return std::uint32_t(items.texts.size() - 1);
                    });
                });
        const std::uint32_t slot = items.index.find(itemId, [&] {
            ItemFacts facts;
            if (!items.complete)
                facts = m_packs.item(m_live.votes.text(pack), utf8Text(itemId.data(), qsizetype(itemId.size())));
            items.texts.push_back({kNoText, facts.dialect.isEmpty() ? 0 : texts(facts.dialect),
                                   facts.category.isEmpty() ? 0 : texts(facts.category)});
            return std::uint32_t(items.texts.size() - 1);
        });
        ItemTexts &item = items.texts[slot];
        if (item.id == kNoText)
            item.id = m_live.votes.addText(utf8Text(itemId.data(), qsizetype(itemId.size())));
        return item;
    }

    const AnnotatorTexts &annotatorTexts(std::string_view annotator)
    {
        const std::uint32_t slot = m_annotatorIndex.find(annotator, [&] {
            const std::uint32_t name = m_annotatorTexts(annotator, m_live.votes);
            std::uint32_t group = 0;
            if (!m_options.annotatorGroups.isEmpty())
                if (const QString g = m_options.annotatorGroups.value(m_live.votes.text(name)); !g.isEmpty())
                    group = texts(g);
            m_annotators.push_back({name, group});
            return std::uint32_t(m_annotators.size() - 1);
        });
        return m_annotators[slot];
    }

    // A text given by the pack facts or the options (dialects, categories, groups); 0 when empty.
    std::uint32_t texts(const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        return viewText(std::string_view(utf8.constData(), std::size_t(utf8.size())));
    }
    std::uint32_t viewText(std::string_view utf8) { return utf8.empty() ? 0 : m_otherTexts(utf8, m_live.votes); }

    void countExposure(const LiveVoteList::Row &r, const Exposed &exposed)
    {
        const std::size_t need = std::max(r.modelA, r.modelB) + std::size_t(1);
        if (m_exposure.size() < need)
            m_exposure.resize(need);
        for (auto [model, shown, masked] : {std::tuple{r.modelA, exposed.shownA, exposed.maskedA},
                                            std::tuple{r.modelB, exposed.shownB, exposed.maskedB}}) {
            if (!shown)
                continue;
            Exposure &x = m_exposure[model];
            ++x.shown;
            if (masked)
                ++x.masked;
        }
    }

    static void countUnreadable(const QString &id, const QString &why, LiveVotes &live)
    {
        if (live.unreadableVotes++ == 0)
            live.firstUnreadable = QStringLiteral("event %1: %2").arg(id, why);
    }

    void noteModelNames(const QString &packId)
    {
        if (m_packsSeen.contains(packId))
            return;
        m_packsSeen.insert(packId);
        const QHash<QString, QString> names = m_packs.modelNames(packId);
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            if (!m_modelNames.contains(it.key()))
                m_modelNames.insert(it.key(), it.value());
    }

    PackFacts &m_packs;
    const CollectOptions &m_options;
    bool m_direct = false;
    std::uint32_t m_lastPack = 0; // the pack text of the last vote (0: none yet)
    bool m_lastPackWanted = false;
    LiveVotes m_live;
    IdSet m_superseded;
    // One index per kind of text, so the few packs, annotators and models stay hot in the cache
    // apart from the hundred thousand items.
    TextIndex m_packTexts, m_modelTexts, m_annotatorTexts, m_otherTexts;
    std::unordered_map<std::uint32_t, PackItems> m_items; // by pack text
    TextIndex m_annotatorIndex;
    std::vector<AnnotatorTexts> m_annotators;
    std::vector<Exposure> m_exposure;      // by model text
    std::vector<Exposed> m_exposed;        // the event path: per row, until the dead are known
    QSet<QString> m_packsSeen;
    QHash<QString, QString> m_modelNames;
    std::vector<LiveFailure> m_failures;
    std::vector<std::pair<QString, QString>> m_unreadable; // event id, why (the event path)
};

} // namespace

Result<LiveVotes> collectLiveVotes(const EventSource &forEachEvent, PackFacts &packs, const CollectOptions &options)
{
    LiveVoteCollector collector(packs, options);
    if (Status s = forEachEvent([&](const Event &e) -> Status {
            collector.add(e);
            return {};
        });
        !s)
        return s.error();
    return collector.finish();
}

Result<LiveVotes> collectLiveVotes(FoldReader &reader, PackFacts &packs, const CollectOptions &options)
{
    LiveVoteCollector collector(packs, options);
    if (Status s = reader.forEachSupersededId([&](const QString &id) { collector.addSuperseded(id); }, options.packId); !s)
        return s.error();
    auto bound = reader.eventCount();
    if (!bound)
        return bound.error();
    collector.supersededKnown(*bound);
    if (Status s = reader.forEachStoredVote([&](const StoredVoteView &v) { collector.addVote(v); }, options.packId); !s)
        return s.error();
    if (Status s = reader.forEachEventOfKind(
            EventKind::Annotation, [&](const Event &e) { collector.addAnnotation(e); }, options.packId);
        !s)
        return s.error();
    return collector.finish();
}

Result<LiveVotes> collectLiveVotes(store::EventStore &store, const CollectOptions &options)
{
    StorePackFacts packs(store);
    // A store opened read-only before its migration to schema 7 has no projection yet.
    auto projected = store.hasVoteFacts();
    if (!projected)
        return projected.error();
    if (!*projected)
        return collectLiveVotesFromEvents(store, options);
    FoldReaderOf reader(store);
    return collectLiveVotes(reader, packs, options);
}

Result<LiveVotes> collectLiveVotesFromEvents(store::EventStore &store, const CollectOptions &options)
{
    StorePackFacts packs(store);
    return collectLiveVotes(eventSourceOf(store, options.packId), packs, options);
}

} // namespace majlis::analysis
