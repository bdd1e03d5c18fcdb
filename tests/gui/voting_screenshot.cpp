// Test-only tool for docs/screenshots: the real main window on the demo pack, on the pair
// code-001/1-3 (Arabic answers with a list and a code block), with failure marks on both answers.
//   xvfb-run majlis_voting_screenshot --lang ar|en OUT.png
#include "session/votingsession.h"
#include "store/eventstore.h"
#include "text/offsets.h"
#include "ui/mainwindow.h"
#include "ui/translator.h"
#include "ui/votingview.h"

#include <QApplication>
#include <QScreen>
#include <QTemporaryDir>
#include <QTimer>

using namespace majlis;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4 || args[1] != QLatin1String("--lang"))
        return 2;
    ui::Translator translator;
    translator.setLanguage(args[2]);
    QTemporaryDir dir;
    auto store = store::EventStore::open(dir.filePath(QStringLiteral("shot.sqlite")));
    if (!store)
        return 1;
    auto report = (*store)->importPack(QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl"));
    if (!report)
        return 1;
    ui::MainWindow window(**store);
    window.setTranslator(&translator);
    if (!window.openPack(report->packId, QStringLiteral("demo")))
        return 1;
    session::VotingSession *session = window.session();
    for (int i = 0; i < 3; ++i) {  // a few votes, so the status bar shows counts
        (void)session->next();
        (void)session->vote(Choice(i % 3), window.votingView()->firstSide());
    }
    if (!session->pick(QStringLiteral("code-001/1-3")))
        return 1;
    const BlindPair pair = *session->current();
    auto markIn = [&](session::AnswerSlot slot, const QString &needle, const char *category, const char *severity, const char *comment) {
        const QString &shown = slot == session::AnswerSlot::First ? pair.first.text : pair.second.text;
        const qsizetype at = shown.indexOf(needle);
        if (at < 0)
            return;
        const text::CodePointSpan span{text::utf16ToCodePoint(shown, at), text::codePointCount(needle)};
        (void)session->markFailure(slot, span, QLatin1String(category), QLatin1String(severity),
                                   QString::fromUtf8(comment));
    };
    for (session::AnswerSlot slot : {session::AnswerSlot::First, session::AnswerSlot::Second}) {
        markIn(slot, QStringLiteral("فيما يلي دالة لتطبيع النص العربي"), "msa_drift", "major", "فصحى والمطلوب إماراتي");
        markIn(slot, QStringLiteral("وتشتغل على Python 3.8 وفوق"), "factual_error", "minor", "");
    }
    // The first answer judged written in the requested variety, as an annotator would.
    const QString written = session->varietyChoices().first().ids.first();
    (void)session->judgeDialect(session::AnswerSlot::First, written, session->impliedMatch(written).value_or(true));
    window.votingView()->showCurrent();
    window.setGeometry(QApplication::primaryScreen()->availableGeometry());  // no window manager under Xvfb
    window.show();
    QTimer::singleShot(2500, &app, [&] {
        QApplication::primaryScreen()->grabWindow(0).save(args[3]);
        app.quit();
    });
    return app.exec();
}
