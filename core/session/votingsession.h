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
#include "model/dialects.h"
#include "model/event.h"
#include "model/pack.h"
#include "model/payloads.h"
#include "model/taxonomy.h"
#include "store/eventstore.h"
#include "text/offsets.h"

namespace majlis::session {

// Model names of the pair just voted on, for the reveal step.
struct Reveal
{
    QString first;   // display name of the model behind "A"
    QString second;  // behind "B"
};

// Which of the two answers on screen: "A" (first in reading order) or "B".
enum class AnswerSlot { First, Second };

// A live failure mark (model/payloads.h) on one of the answers on screen. The mark's span is in
// code points of the model's own output; `shownSpan` is the same stretch in the text the screen
// shows (names masked).
struct ShownMark
{
    QString eventId;
    AnswerSlot slot = AnswerSlot::First;
    std::optional<text::CodePointSpan> shownSpan; // nullopt: the whole answer
    FailureMark mark;
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

    // The pair next() will most likely give once the current one is judged, prepared ahead
    // (item read, names masked) so the screen can lay it out while the annotator reads.
    // Changes nothing the annotator can see; nullopt when there is no such pair.
    Result<std::optional<BlindPair>> prefetchNext();

    // `firstSide` is the physical side on which "A" was shown (left in a left-to-right UI).
    Result<Event> vote(Choice choice, Side firstSide, const QString &uiLanguage = {});
    Result<Event> skip();
    // Undoes the last live vote or skip of this annotator in this pack and reopens its pair.
    Result<std::optional<BlindPair>> undo();
    bool canUndo() const { return !m_undoStack.isEmpty(); }

    // Failure annotations. Offsets come in and go out in code points of the text the screen
    // shows (names masked); the event stores them in code points of the model's own output,
    // with the quoted text beside them. Editing or removing is a new event superseding the old.
    const Taxonomy &taxonomy() const { return m_taxonomy; }
    QList<ShownMark> failures() const;  // live marks on the current pair
    Result<Event> markFailure(AnswerSlot slot, std::optional<text::CodePointSpan> shownSpan, const QString &category,
                              const QString &severity, const QString &comment);
    Result<Event> editFailure(const QString &eventId, const QString &category, const QString &severity,
                              const QString &comment);
    Result<Event> removeFailure(const QString &eventId);

    // Dialect judgments. An answer is judged written in a variety of the dialect registry (the
    // pack's: the default extended by its "dialect_registry"), a code of the pack the registry
    // does not know, or one of the kinds below.
    static inline const QStringList kOtherKinds{QStringLiteral("mixed"), QStringLiteral("arabizi"),
                                                QStringLiteral("not_arabic")};
    const DialectRegistry &dialects() const { return m_registry; }
    // Every value judgeDialect takes, in the registry's order.
    QStringList varieties() const;
    // What "written in" offers for the pair on screen, grouped: the requested variety first with
    // the rest of its region; then MSA, "mixed", "arabizi" and "not_arabic"; the pack's codes the
    // registry does not know; then the other regions in the registry's order.
    struct VarietyGroup
    {
        QString region;  // a region id; empty for the group of other kinds and unknown codes
        QStringList ids;
    };
    QList<VarietyGroup> varietyChoices() const;
    // Whether "as requested" follows from the variety alone for the pair on screen: the requested
    // variety itself matches; a variety of another region, or "not Arabic", does not; an item
    // that requests nothing has nothing to match. Empty where the annotator decides (another
    // variety of the same region, "mixed", "arabizi", a code the registry does not know).
    std::optional<bool> impliedMatch(const QString &variety) const;
    // Refuses a matchesRequest that contradicts impliedMatch.
    Result<Event> judgeDialect(AnswerSlot slot, const QString &variety, bool matchesRequest);
    std::optional<DialectJudgmentPayload> dialectJudgment(AnswerSlot slot) const;

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
        // Known for the actions of this session; for folded ones read from the event when an
        // undo needs it, so reopening a store parses no vote's payload.
        std::optional<Selection> selection;
    };
    struct LiveMark
    {
        QString eventId;
        FailureMark mark;
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
                  QList<store::ComparisonRef> comparisons);
    Status fold();
    const store::ComparisonRef *comparison(const QString &comparisonId) const;
    Result<Selection> selectionOf(const Action &action) const;
    Result<CurrentPair> prepare(const QString &comparisonId, Selection selection) const;
    Result<BlindPair> open(const QString &comparisonId, Selection selection);
    Event draft(const QString &kind) const;
    void record(const Action &action);
    void foldMark(const Event &e);
    int candidateOf(AnswerSlot slot) const;
    const QList<blind::MaskedSpan> &masksOf(AnswerSlot slot) const;
    Status checkMark(const QString &category, const QString &severity) const;

    store::EventStore &m_store;
    PackHeader m_header;
    QString m_annotator;
    blind::Schedule m_schedule;
    QList<store::ComparisonRef> m_comparisons;  // in the order the schedule was made from
    blind::IdentityMasker m_masker;

    QHash<QString, QString> m_voted;    // comparison -> live vote event id
    QHash<QString, QString> m_skipped;  // comparison -> live skip event id (and no live vote)
    QList<Action> m_undoStack;          // live actions, oldest first
    QHash<QString, QList<LiveMark>> m_marks;  // comparison -> live failure marks
    QHash<QString, QHash<int, std::pair<QString, DialectJudgmentPayload>>> m_dialects;  // comparison -> candidate -> (event, judgment)
    Taxonomy m_taxonomy;
    DialectRegistry m_registry;
    qsizetype m_cursor = 0;             // no unjudged, unskipped pair stands before this position
    std::optional<CurrentPair> m_current;
    std::optional<CurrentPair> m_prefetched;  // a prepared pair, used by open() when it matches
    std::optional<BlindPair> m_noPair;
};

} // namespace majlis::session
