// Votes through a pack for ever (undoing and voting again once it is through), so that a test
// can kill it with SIGKILL at any moment. The store logs every committed event id on stderr.
#include "session/votingsession.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace majlis;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        QTextStream(stderr) << "usage: majlis-vote-writer STORE PACK ANNOTATOR\n";
        return 2;
    }
    auto store = store::EventStore::open(args[1]);
    if (!store) {
        QTextStream(stderr) << "error: " << store.error().message << '\n';
        return 1;
    }
    auto report = (*store)->importPack(args[2]);
    if (!report) {
        QTextStream(stderr) << "error: " << report.error().message << '\n';
        return 1;
    }
    auto session = session::VotingSession::start(**store, report->packId, args[3]);
    if (!session) {
        QTextStream(stderr) << "error: " << session.error().message << '\n';
        return 1;
    }
    session::VotingSession &s = **session;
    for (quint64 n = 0;; ++n) {
        auto pair = s.next();
        if (!pair) {
            QTextStream(stderr) << "error: " << pair.error().message << '\n';
            return 1;
        }
        if (!pair->has_value()) {
            if (auto u = s.undo(); !u) {
                QTextStream(stderr) << "error: " << u.error().message << '\n';
                return 1;
            }
            continue;
        }
        const Choice choice = Choice(n % 4);
        auto e = (n % 7 == 3) ? s.skip() : s.vote(choice, n % 2 ? Side::Left : Side::Right);
        if (!e) {
            QTextStream(stderr) << "error: " << e.error().message << '\n';
            return 1;
        }
    }
}
