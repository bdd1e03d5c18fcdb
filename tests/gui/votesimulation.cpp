#include "votesimulation.h"

#include "blind/masking.h"
#include "common/json.h"
#include "session/votingsession.h"
#include "store/eventstore.h"

#include <random>

namespace majlis::testing {

Status simulateVotes(store::EventStore &store, const QString &packId, const VoteSimulation &sim)
{
    auto refs = store.comparisons(packId);
    if (!refs)
        return refs.error();
    QHash<QString, store::ComparisonRef> byId;
    for (const store::ComparisonRef &r : std::as_const(*refs))
        byId.insert(r.id, r);
    auto header = store.packHeader(packId);
    if (!header)
        return header.error();
    const blind::IdentityMasker masker(header->models);
    static const char *const categories[] = {"wrong_dialect", "msa_drift",     "factual_error", "identity_leak",
                                             "incomplete",    "code_error",    "unwarranted_refusal",
                                             "cultural_error"};
    static const char *const severities[] = {"minor", "major", "critical"};
    static const int weights[] = {1, 5, 25};

    std::mt19937_64 random(sim.seed);
    std::uniform_real_distribution<double> uniform(0, 1);
    QList<QPair<QString, QString>> voted; // (item, model) of answers seen, for failure marks
    for (int a = 0; a < sim.annotators.size(); ++a) {
        auto session = session::VotingSession::start(store, packId, sim.annotators[a]);
        if (!session)
            return session.error();
        for (int n = 0; n < sim.votesPerAnnotator; ++n) {
            auto pair = (*session)->next();
            if (!pair)
                return pair.error();
            if (!*pair)
                break;
            const store::ComparisonRef &ref = byId[(*pair)->comparisonId];
            auto item = store.item(packId, ref.itemId);
            if (!item)
                return item.error();
            // The pair is blind: find which candidate is "A" the way a reader would, by its text.
            const Candidate &ca = item->candidates.at(ref.candidateA);
            const Candidate &cb = item->candidates.at(ref.candidateB);
            const bool aIsFirst = masker.mask(ca.output).text == (*pair)->first.text;
            const double sa = sim.strength.value(ca.model, 1.0), sb = sim.strength.value(cb.model, 1.0);
            const double u = uniform(random);
            Choice choice;
            if (u < sim.bothBadShare)
                choice = Choice::BothBad;
            else if (u < sim.bothBadShare + sim.tieShare)
                choice = Choice::Tie;
            else if (a == 2 && uniform(random) < 0.2)
                choice = Choice::First; // this annotator leans towards the left answer
            else
                choice = (uniform(random) < sa / (sa + sb)) == aIsFirst ? Choice::First : Choice::Second;
            auto vote = (*session)->vote(choice, Side::Left, QStringLiteral("en"));
            if (!vote)
                return vote.error();
            voted.append({item->id, ca.model});
            voted.append({item->id, cb.model});
        }
    }
    for (int i = 0; i < sim.failureMarks && !voted.isEmpty(); ++i) {
        const auto &[itemId, model] = voted[qsizetype(random() % std::uint64_t(voted.size()))];
        // Weaker models fail more often: keep a mark with probability falling with strength.
        const double s = sim.strength.value(model, 1.0);
        if (uniform(random) > 1.0 / (1.0 + s)) {
            --i;
            continue;
        }
        const int severity = int(random() % 3);
        Event e;
        e.kind = EventKind::Annotation;
        e.packId = packId;
        e.itemId = itemId;
        e.annotator = sim.annotators.value(int(random() % std::uint64_t(sim.annotators.size())));
        auto item = store.item(packId, itemId);
        if (!item)
            return item.error();
        FailureMark mark;
        while (mark.candidate < item->candidates.size() && item->candidates.at(mark.candidate).model != model)
            ++mark.candidate;
        mark.model = model;
        mark.category = QLatin1String(categories[random() % std::size(categories)]);
        mark.severity = QLatin1String(severities[severity]);
        mark.weight = weights[severity];
        e.payload = toJson(mark); // a flag on the whole answer
        if (auto committed = store.append(std::move(e)); !committed)
            return committed.error();
    }
    return {};
}

} // namespace majlis::testing
