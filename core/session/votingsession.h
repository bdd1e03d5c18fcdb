#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

#include "blind/blindpair.h"
#include "blind/masking.h"
#include "blind/schedule.h"
#include "common/result.h"
#include "model/event.h"
#include "model/pack.h"
#include "store/eventstore.h"

namespace majlis {

// Model names of the pair just voted on, for the reveal step.
struct Reveal
{
    QString first;   // display name of the model behind "A"
    QString second;  // behind "B"
};

// One annotator working through one pack. Everything the screen does becomes an event that is
// committed before this class answers; the state (what is judged, what can be undone) is a fold
// over the annotator's events, so a session reopened after a crash continues where it was.
class VotingSession
{
public:
    static Result<std::unique_ptr<VotingSession>> start(store::EventStore &store, const QString &packId,
                                                        const QString &annotator);
    Q_DISABLE_COPY_MOVE(VotingSession)

    const PackHeader &header() const { return m_header; }
    const QString &annotator() const { return m_annotator; }

    // The pair on screen, if any.
    const std::optional<BlindPair> &current() const { return m_current ? m_current->pair : m_noPair; }

    // Moves to the next pair the annotator has not judged, in schedule order; skipped pairs
    // come back once everything else is done. nullopt: nothing is left.
    Result<std::optional<BlindPair>> next();
    // Opens a pair the annotator chose by hand (recorded as such in the vote).
    Result<BlindPair> pick(const QString &comparisonId);

    // `firstSide` is the physical side on which "A" was shown (left in a left-to-right UI).
    Result<Event> vote(Choice choice, Side firstSide, const QString &uiLanguage = {});
    Result<Event> skip();
    // Undoes the last live vote or skip of this annotator in this pack and reopens its pair.
    Result<std::optional<BlindPair>> undo();
    bool canUndo() const { return !m_undoStack.isEmpty(); }

    // Names behind A and B, once the current pair has a committed vote and the pack allows it.
    std::optional<Reveal> reveal() const;
    bool currentIsVoted() const { return m_current && m_current->votedEventId.size() > 0; }

    qint64 judgedCount() const { return m_voted.size(); }
    qint64 totalCount() const { return m_schedule.size(); }

private:
    struct Action
    {
        QString eventId;
        QString kind;
        QString comparisonId;
        Selection selection;
    };
    struct CurrentPair
    {
        std::optional<BlindPair> pair;
        store::ComparisonRef ref;
        Item item;
        int firstCandidate = 0;
        int secondCandidate = 0;
        bool swapped = false;
        QList<blind::MaskedSpan> firstMasks, secondMasks;
        QString votedEventId;
    };

    VotingSession(store::EventStore &store, PackHeader header, QString annotator, blind::Schedule schedule,
                  QHash<QString, store::ComparisonRef> comparisons);
    Status fold();
    Result<BlindPair> open(const QString &comparisonId, Selection selection);
    Event draft(const QString &kind) const;
    void record(const Action &action);

    store::EventStore &m_store;
    PackHeader m_header;
    QString m_annotator;
    blind::Schedule m_schedule;
    QHash<QString, store::ComparisonRef> m_comparisons;
    blind::IdentityMasker m_masker;

    QHash<QString, QString> m_voted;    // comparison -> live vote event id
    QHash<QString, QString> m_skipped;  // comparison -> live skip event id (and no live vote)
    QList<Action> m_undoStack;          // live actions, oldest first
    qsizetype m_cursor = 0;             // no unjudged, unskipped pair stands before this position
    std::optional<CurrentPair> m_current;
    std::optional<BlindPair> m_noPair;
};

} // namespace majlis
