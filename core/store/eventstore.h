#pragma once

#include <QHash>
#include <QList>
#include <QLockFile>
#include <QSet>
#include <QString>

#include <functional>
#include <string_view>
#include <memory>
#include <vector>

#include "common/progress.h"
#include "common/result.h"
#include "model/event.h"
#include "model/votefacts.h"
#include "model/pack.h"
#include "store/sqlite.h"

namespace majlis::store {

struct PackSummary
{
    QString id;
    QString title;
    qint64 itemCount = 0;
    qint64 comparisonCount = 0;
    QString importedUtc;
};

struct ImportOptions
{
    int pairsPerItem = 0;  // 0 = every pair of candidates; otherwise a reproducible sample per item
    Progress *progress = nullptr;  // bytes of the file read; cancel() rolls the import back
};

struct ImportReport
{
    QString packId;
    qint64 items = 0;
    qint64 comparisons = 0;
    qint64 bytes = 0;
    bool alreadyPresent = false;  // the same pack was stored before: nothing changed
};

struct ComparisonRef
{
    QString id;
    QString itemId;
    int candidateA = 0;
    int candidateB = 0;
};

} // namespace majlis::store

// Two QStrings and two ints: a list of 300,000 grows by moving bytes, not by copying each one.
Q_DECLARE_TYPEINFO(majlis::store::ComparisonRef, Q_RELOCATABLE_TYPE);

namespace majlis::store {

struct StoreStats
{
    qint64 packs = 0;
    qint64 items = 0;
    qint64 comparisons = 0;
    qint64 events = 0;
    QMap<QString, qint64> eventsByKind;
    QMap<QString, qint64> liveVotesByAnnotator;
};

// The local event store: one SQLite file, one writing connection (guarded by a lock file, so a
// second process gets a clear error instead of a second writer).
class EventStore
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    static Result<std::unique_ptr<EventStore>> open(const QString &path, Mode mode = Mode::ReadWrite);
    ~EventStore();
    Q_DISABLE_COPY_MOVE(EventStore)

    QString path() const { return m_path; }
    QString workstationId() const { return m_workstation; }
    Database &database() { return m_db; }

    // Packs.
    Result<ImportReport> importPack(const QString &file, const ImportOptions &options = {});
    Result<QList<PackSummary>> packs();
    Result<PackHeader> packHeader(const QString &packId);
    Result<Item> item(const QString &packId, const QString &itemId);
    Result<QList<ComparisonRef>> comparisons(const QString &packId);
    // Item id -> dialect and category, for every item of the pack in one read: from the items'
    // columns, or from their bodies for rows imported before the columns existed (schema 6).
    Result<QHash<QString, ItemFacts>> itemFacts(const QString &packId);
    // The same facts as UTF-8 views valid during the visit, no string made for each: the fold
    // over a million votes meets most items of a pack.
    using ItemFactsVisit = std::function<void(std::string_view id, std::string_view dialect, std::string_view category)>;
    Status forEachItemFacts(const QString &packId, const ItemFactsVisit &visit);

    // Annotators. The placement seed is made once, at random, and kept.
    Result<qint64> annotatorSeed(const QString &name);
    Result<QStringList> annotators();

    // Appends one event made on this workstation: fills id (if empty), workstation, seq and
    // time, and returns only after COMMIT returned. Then logs "committed event <id> kind=<k>".
    Result<Event> append(Event draft);
    // The same for several events in one transaction: all of them are stored, with consecutive
    // seqs in the order given, or none.
    Result<std::vector<Event>> appendAll(std::vector<Event> drafts);

    // Events in the order they were cast (created_utc, workstation, seq), optionally for one
    // pack and one annotator. forEachEvent holds one event at a time; events() holds them all.
    // With payloadKinds, only events of those kinds come with a parsed payload (store/eventrow.h).
    Status forEachEvent(const std::function<void(const Event &)> &visit, const QString &packId = {},
                        const QString &annotator = {}, const QSet<QString> *payloadKinds = nullptr);
    // The same events, of one pack and annotator, for a fold that needs of most of them only
    // their id, kind and comparison (the voting session's): those as UTF-8 views valid during the
    // visit, no string made for each; `full` is the whole event, payload parsed, for the kinds in
    // fullKinds only, else null.
    struct EventHead
    {
        std::string_view id, kind, comparisonId;
        const Event *full = nullptr;
    };
    Status forEachEventHead(const std::function<void(const EventHead &)> &visit, const QString &packId,
                            const QString &annotator, const QSet<QString> &fullKinds);
    Result<Event> event(const QString &id);
    Result<QList<Event>> events(const QString &packId = {}, const QString &annotator = {});
    // The ids that the annotator's events of the pack supersede: a fold can skip dead events in
    // one streaming pass instead of holding every event to find them.
    Result<QSet<QString>> supersededIds(const QString &packId, const QString &annotator);
    Result<StoreStats> stats();

    // The fold's reads through the vote-facts projection (store/votefacts.h). hasVoteFacts is
    // false for a store opened read-only before its migration to schema 7.
    Result<bool> hasVoteFacts();
    // The events stored, read as the largest rowid (events are never deleted).
    Result<qint64> eventCount();
    Status forEachStoredVote(const std::function<void(const StoredVoteView &)> &visit, const QString &packId = {});
    Status forEachSupersededId(const std::function<void(const QString &)> &visit, const QString &packId = {});
    Status forEachEventOfKind(const QString &kind, const std::function<void(const Event &)> &visit,
                              const QString &packId = {});

private:
    EventStore(QString path, Database db, std::unique_ptr<QLockFile> lock);
    Status loadIdentity();

    QString m_path;
    Database m_db;
    // Parsed pack headers by pack id. A stored pack never changes (a different pack under the
    // same id is refused), so a header read once stays true; item() reads it for every item.
    QHash<QString, PackHeader> m_headers;
    std::unique_ptr<QLockFile> m_writerLock;  // held for the store's lifetime in ReadWrite mode
    QString m_workstation;
    qint64 m_nextSeq = 1;
};

// ISO 8601 UTC with milliseconds, e.g. 2026-11-29T04:05:06.789Z.
// Why a writer lock could not be taken, for a person: held by another process (which one), a
// read-only folder, or a full disk — never "another program (process 0)".
Error writerLockRefusal(const QLockFile &lock, const QString &path, const QString &what);
QString utcNow();

} // namespace majlis::store
