// Writes tests/fixtures/payload-v1/store.sqlite: the demo pack and what three annotators did with
// it, through VotingSession as it wrote payloads before the contract (payload version 1). Run
// once, at the commit that adds it; the fixture then stays as written (see its README).
#include "session/votingsession.h"
#include "store/eventstore.h"

#include <QCoreApplication>
#include <QStandardPaths>

#include <cstdio>
#include <random>

using namespace majlis;

namespace {
[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "make_v1_fixtures: %s\n", qPrintable(what));
    std::exit(1);
}
template <typename T>
T must(Result<T> r, const char *what)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), r.error().message));
    return std::move(*r);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3)
        die(QStringLiteral("usage: make_v1_fixtures PACK.jsonl OUT.sqlite"));
    auto store = must(store::EventStore::open(QString::fromLocal8Bit(argv[2])), "open");
    auto report = must(store->importPack(QString::fromLocal8Bit(argv[1])), "import");
    const QString pack = report.packId;
    std::mt19937_64 random(20261202);
    const QStringList annotators{QStringLiteral("amal"), QStringLiteral("badr"), QStringLiteral("carim")};
    for (int a = 0; a < annotators.size(); ++a) {
        auto session = must(session::VotingSession::start(*store, pack, annotators[a]), "start");
        const Side firstSide = a == 1 ? Side::Right : Side::Left; // badr works in the Arabic interface
        const QString language = a == 1 ? QStringLiteral("ar") : QStringLiteral("en");
        for (int n = 0; n < 40; ++n) {
            auto pair = must(session->next(), "next");
            if (!pair)
                break;
            const auto r = random() % 100;
            if (r < 6) {
                must(session->skip(), "skip");
                continue;
            }
            const Choice choice = r < 14 ? Choice::Tie : r < 18 ? Choice::BothBad : r < 60 ? Choice::First : Choice::Second;
            must(session->vote(choice, firstSide, language), "vote");
            if (n % 9 == 4) { // changed her mind: undo and vote again
                must(session->undo(), "undo");
                must(session->vote(choice == Choice::First ? Choice::Second : Choice::First, firstSide, language), "revote");
            }
            if (n % 5 == 1) {
                const session::AnswerSlot slot = n % 2 ? session::AnswerSlot::First : session::AnswerSlot::Second;
                const qsizetype len = session->current()->first.text.size();
                const std::optional<text::CodePointSpan> span =
                    n % 10 == 1 || len < 12 ? std::nullopt : std::optional(text::CodePointSpan{3, 6});
                auto mark = must(session->markFailure(slot, span, n % 3 ? QStringLiteral("factual_error")
                                                                        : QStringLiteral("wrong_dialect"),
                                                      n % 4 ? QStringLiteral("major") : QStringLiteral("minor"),
                                                      QStringLiteral("seen in review %1").arg(n), firstSide),
                                 "mark");
                if (n % 15 == 6)
                    must(session->editFailure(mark.id, QStringLiteral("incomplete"), QStringLiteral("critical"),
                                              QStringLiteral("edited")),
                         "edit");
                else if (n % 15 == 11)
                    must(session->removeFailure(mark.id), "remove");
            }
            if (n % 7 == 2) {
                const QStringList varieties = session->varieties();
                const QString variety = varieties.value(int(random() % varieties.size()));
                must(session->judgeDialect(session::AnswerSlot::First, variety,
                                           session->impliedMatch(variety).value_or(n % 2)),
                     "dialect");
                if (n % 14 == 2)
                    must(session->judgeDialect(session::AnswerSlot::First, QStringLiteral("msa"),
                                               session->impliedMatch(QStringLiteral("msa")).value_or(false)),
                         "dialect again");
            }
        }
        // Two pairs picked by hand, the second voted twice (the later vote supersedes).
        auto refs = must(store->comparisons(pack), "comparisons");
        for (int k = 0; k < 2; ++k) {
            must(session->pick(refs.at(refs.size() - 1 - a * 2 - k).id), "pick");
            must(session->vote(k ? Choice::Tie : Choice::First, firstSide, language), "picked vote");
            if (k) {
                must(session->pick(refs.at(refs.size() - 1 - a * 2 - k).id), "pick again");
                must(session->vote(Choice::Second, firstSide, language), "picked vote again");
            }
        }
    }
    std::printf("%s\n", qPrintable(pack));
    return 0;
}
