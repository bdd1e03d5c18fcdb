#include "session/judgmentimport.h"

#include "common/json.h"
#include "common/uuid.h"
#include "model/payloads.h"

#include <QHash>
#include <QSet>

#include <map>
#include <set>

namespace majlis::session {

namespace {

using pack::ExternalJudgment;
using pack::JudgedPair;

constexpr qsizetype kExamples = 5;

// The pack's items and comparisons, read as the judgments need them.
class PackIndex
{
public:
    PackIndex(store::EventStore &store, QString packId) : m_store(store), m_packId(std::move(packId)) {}

    Status load()
    {
        auto comparisons = m_store.comparisons(m_packId);
        if (!comparisons)
            return comparisons.error();
        for (const store::ComparisonRef &c : std::as_const(*comparisons)) {
            if (!m_comparisons.contains(c.itemId))
                m_itemOrder << c.itemId;
            m_comparisons[c.itemId].insert({std::min(c.candidateA, c.candidateB), std::max(c.candidateA, c.candidateB)}, c.id);
        }
        return {};
    }

    bool hasItem(const QString &id) const { return m_comparisons.contains(id); }
    QString comparison(const QString &item, int a, int b) const
    {
        return m_comparisons.value(item).value({std::min(a, b), std::max(a, b)});
    }

    Result<const Item *> item(const QString &id)
    {
        if (auto it = m_items.find(id); it != m_items.end())
            return &it->second;
        auto read = m_store.item(m_packId, id);
        if (!read)
            return read.error();
        return &m_items.emplace(id, std::move(*read)).first->second;
    }

    // The items whose prompt (the last user turn) is `prompt`, by its trimmed text.
    Result<QStringList> itemsWithPrompt(const QString &prompt)
    {
        if (!m_byPromptRead) {
            for (const QString &id : std::as_const(m_itemOrder)) {
                auto it = item(id);
                if (!it)
                    return it.error();
                m_byPrompt[(*it)->prompt().trimmed()] << id;
            }
            m_byPromptRead = true;
        }
        return m_byPrompt.value(prompt.trimmed());
    }

private:
    store::EventStore &m_store;
    QString m_packId;
    QStringList m_itemOrder;
    QHash<QString, QMap<std::pair<int, int>, QString>> m_comparisons;
    std::map<QString, Item> m_items;  // a node map: the pointers handed out stay valid
    QHash<QString, QStringList> m_byPrompt;
    bool m_byPromptRead = false;
};

// The candidate of `item` that is this answer: by its model where the source names one (and then
// its answer must be the pack's, when the source carries it), else by its text. -1 and why not.
std::pair<int, QString> findCandidate(const Item &item, const QString &model, const QString &output)
{
    int found = -1;
    for (qsizetype i = 0; i < item.candidates.size(); ++i) {
        const Candidate &c = item.candidates[i];
        const bool same = model.isEmpty() ? c.output.trimmed() == output.trimmed() : c.model == model;
        if (!same)
            continue;
        if (found >= 0)
            return {-1, QStringLiteral("two candidates of item \"%1\" have the same answer").arg(item.id)};
        found = int(i);
    }
    if (found < 0)
        return {-1, model.isEmpty() ? QStringLiteral("no candidate of item \"%1\" has this answer").arg(item.id)
                                    : QStringLiteral("item \"%1\" has no candidate of model \"%2\"").arg(item.id, model)};
    if (!model.isEmpty() && !output.isEmpty() && item.candidates[found].output.trimmed() != output.trimmed())
        return {-1, QStringLiteral("the answer of \"%1\" differs from the one item \"%2\" holds: the pack was built from "
                                   "other data")
                        .arg(model, item.id)};
    return {found, QString()};
}

struct Match
{
    QString itemId, comparisonId;
    int candidateA = -1, candidateB = -1;  // the source's A and B
    QString modelA, modelB;
    QString why;  // empty: matched
};

Result<Match> match(PackIndex &pack, const JudgedPair &pair)
{
    Match m;
    QStringList candidates;
    if (!pair.itemId.isEmpty()) {
        if (!pack.hasItem(pair.itemId)) {
            m.why = QStringLiteral("the pack has no item \"%1\"%2")
                        .arg(pair.itemId, pair.itemId.endsWith(QLatin1String("-t2"))
                                              ? QStringLiteral(" (second turns: build the pack with them)")
                                              : QString());
            return m;
        }
        candidates << pair.itemId;
    } else {
        auto found = pack.itemsWithPrompt(pair.conversation.isEmpty() ? QString() : pair.conversation.last().content);
        if (!found)
            return found.error();
        if (found->isEmpty()) {
            m.why = QStringLiteral("no item of the pack has this prompt");
            return m;
        }
        candidates = *found;
    }
    // Several items may share a prompt: the one holding both answers is the one.
    QString why;
    for (const QString &id : std::as_const(candidates)) {
        auto item = pack.item(id);
        if (!item)
            return item.error();
        const auto [a, whyA] = findCandidate(**item, pair.modelA, pair.outputA);
        const auto [b, whyB] = findCandidate(**item, pair.modelB, pair.outputB);
        if (a < 0 || b < 0 || a == b) {
            why = a < 0 ? whyA : b < 0 ? whyB : QStringLiteral("both answers are candidate %1 of item \"%2\"").arg(a).arg(id);
            continue;
        }
        m.comparisonId = pack.comparison(id, a, b);
        if (m.comparisonId.isEmpty()) {
            why = QStringLiteral("candidates %1 and %2 of item \"%3\" are not a comparison of the pack (it was imported "
                                 "with a sample of pairs)")
                      .arg(a)
                      .arg(b)
                      .arg(id);
            continue;
        }
        m.itemId = id;
        m.candidateA = a;
        m.candidateB = b;
        m.modelA = (*item)->candidates[a].model;
        m.modelB = (*item)->candidates[b].model;
        return m;
    }
    m.why = why;
    return m;
}

VotePayload votePayload(pack::JudgmentFormat source, const JudgedPair &pair, const Match &m, VoteOutcome outcome)
{
    // The comparison's a is its lower candidate; the source's A may be either.
    const bool aFirst = m.candidateA < m.candidateB;
    VotePayload v;
    v.candidateA = aFirst ? CandidateRef{m.candidateA, m.modelA} : CandidateRef{m.candidateB, m.modelB};
    v.candidateB = aFirst ? CandidateRef{m.candidateB, m.modelB} : CandidateRef{m.candidateA, m.modelA};
    if (!aFirst && (outcome == VoteOutcome::A || outcome == VoteOutcome::B))
        outcome = outcome == VoteOutcome::A ? VoteOutcome::B : VoteOutcome::A;
    v.outcome = outcome;
    if (pair.aShownFirst) {
        v.shownFirst = aFirst ? Letter::A : Letter::B;
        v.firstSide = pair.aSide;
    }
    v.selection = Selection::Imported;
    v.imported = ImportedFrom{pack::toString(source), pair.record};
    return v;
}

QString importKey(const QString &source, const QString &record, const QString &annotator)
{
    return source + QChar(0x1f) + record + QChar(0x1f) + annotator;
}

} // namespace

QString importedAnnotator(pack::JudgmentFormat source, const QString &judge)
{
    return pack::toString(source) + QLatin1Char(':') + judge;
}

Result<JudgmentImportReport> importJudgments(store::EventStore &store, pack::JudgmentFormat source,
                                             const pack::JudgmentFile &file, const JudgmentImportOptions &options)
{
    JudgmentImportReport report;
    report.packId = options.packId;
    report.judgments = qint64(file.judgments.size());
    PackIndex pack(store, options.packId);
    if (Status s = pack.load(); !s)
        return s.error();

    // What earlier imports stored, so that importing a file again adds nothing.
    QSet<QString> stored;
    if (Status s = store.forEachEventOfKind(
            EventKind::Vote,
            [&](const Event &e) {
                const auto it = e.payload.find("imported");
                if (it != e.payload.end() && it->is_object() && it->value("source", nlohmann::json()).is_string()
                    && it->value("record", nlohmann::json()).is_string())
                    stored.insert(importKey(toQString((*it)["source"].get<std::string>()),
                                            toQString((*it)["record"].get<std::string>()), e.annotator));
            },
            options.packId);
        !s)
        return s.error();

    // The same judge on the same pair twice in one file: the later judgment is the one that counts.
    const QString sourceName = pack::toString(source);
    std::map<QString, std::size_t> last;
    for (std::size_t i = 0; i < file.judgments.size(); ++i) {
        const ExternalJudgment &j = file.judgments[i];
        auto [it, inserted] = last.insert({importKey(sourceName, file.pairs[j.pair].record, j.judge), i});
        if (!inserted) {
            it->second = i;
            ++report.repeated;
        }
    }

    std::vector<Event> drafts;
    std::set<QString> judges;
    for (std::size_t i = 0; i < file.judgments.size(); ++i) {
        const ExternalJudgment &j = file.judgments[i];
        const JudgedPair &pair = file.pairs[j.pair];
        if (last.at(importKey(sourceName, pair.record, j.judge)) != i)
            continue;
        const QString annotator = importedAnnotator(source, j.judge);
        if (stored.contains(importKey(sourceName, pair.record, annotator))) {
            ++report.alreadyStored;
            continue;
        }
        auto m = match(pack, pair);
        if (!m)
            return m.error();
        if (!m->why.isEmpty()) {
            if (report.unmatched++ < kExamples)
                report.unmatchedExamples << QStringLiteral("%1: %2").arg(j.where, m->why);
            continue;
        }
        Event e;
        e.id = makeUuidV7();
        e.kind = EventKind::Vote;
        e.packId = options.packId;
        e.itemId = m->itemId;
        e.comparisonId = m->comparisonId;
        e.annotator = annotator;
        e.payload = toJson(votePayload(source, pair, *m, j.outcome));
        // Checked as every ingest checks an event (a judge's name is a name like any other), with
        // the seq and time the store gives it.
        Event probe = e;
        probe.workstation = store.workstationId();
        probe.seq = 1;
        probe.createdUtc = store::utcNow();
        if (const QString problem = eventProblem(probe); !problem.isEmpty())
            return Error::validation(QStringLiteral("%1: %2").arg(j.where, problem));
        judges.insert(annotator);
        drafts.push_back(std::move(e));
    }
    if (report.unmatched > 0 && !options.skipUnmatched)
        return Error::validation(QStringLiteral("%1 of %2 judgments match no comparison of pack \"%3\", so none was imported "
                                                "(--skip-unmatched imports the others):\n  %4%5")
                                     .arg(report.unmatched)
                                     .arg(report.judgments)
                                     .arg(options.packId, report.unmatchedExamples.join(QStringLiteral("\n  ")),
                                          report.unmatched > kExamples ? QStringLiteral("\n  …") : QString()));
    if (!drafts.empty()) {
        auto done = store.appendAll(std::move(drafts));
        if (!done)
            return done.error();
        report.imported = qint64(done->size());
    }
    report.judges = QStringList(judges.cbegin(), judges.cend());
    return report;
}

} // namespace majlis::session
