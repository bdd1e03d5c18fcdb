// The desktop app: wires the store, the translator and the main window. Nothing else lives here.
#include "store/eventstore.h"
#include "ui/dialogs.h"
#include "ui/mainwindow.h"
#include "ui/progressrun.h"
#include "ui/settingskeys.h"
#include "ui/votingview.h"
#include "ui/startdialogs.h"
#include "ui/translator.h"

#include "cli/manpage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <cstdio>
#include <optional>

using namespace majlis;

namespace {

const QString kSummary = QStringLiteral("Blind side-by-side evaluation of language-model answers.");

// The options, one set for the parser and the man page.
struct DesktopOptions
{
    QCommandLineOption store{QStringLiteral("store"), QStringLiteral("The event store (SQLite file)."), QStringLiteral("PATH")};
    QCommandLineOption annotator{QStringLiteral("annotator"), QStringLiteral("Vote as this annotator."), QStringLiteral("NAME")};
    QCommandLineOption pack{QStringLiteral("pack"), QStringLiteral("Import this pack if needed, then open it."),
                            QStringLiteral("FILE")};
    QCommandLineOption lang{QStringLiteral("lang"), QStringLiteral("Interface language (en, ar)."), QStringLiteral("LANG")};
    // For scripts that drive the app (scripts/screenshot.sh): no dialog may wait for a human.
    QCommandLineOption unattended{QStringLiteral("unattended"),
                                  QStringLiteral("Answer every dialog with its default, without showing it.")};
    DesktopOptions() { unattended.setFlags(QCommandLineOption::HiddenFromHelp); }
};

// majlis(1): the options --help lists, with what the app does around them. Written by
// `majlis --man-page FILE` before any window or display is needed (app/desktop/CMakeLists.txt).
QString manPage()
{
    const DesktopOptions o;
    app::ManPage p;
    p.name = QStringLiteral("majlis");
    p.oneLine = QStringLiteral("blind side-by-side evaluation of language-model answers, Arabic first");
    p.synopsis = {QStringLiteral("[--store PATH] [--annotator NAME] [--pack FILE] [--lang en|ar]")};
    p.description = QStringLiteral(
        "The desktop app of Majlis shows an annotator two anonymized answers to the same prompt side by side; the "
        "annotator votes blind (A better, B better, tie, both bad), marks failures on the text and judges the "
        "dialect. Every vote is an event in the local store, which `majlisctl bundle export` carries to a coordinator "
        "or the app's sync sends to a majlis-server. Right-to-left and mixed-direction text is laid out as it reads.\n\n"
        "Without --annotator the app asks who is voting; without --pack it lists the packs of the store and can import "
        "one. A pack file given with --pack is imported if the store does not hold it yet (a progress dialog with "
        "Cancel shows for a large one). View > Leaderboard shows the ratings of the votes in the store.");
    QList<app::ManOption> options;
    for (const QCommandLineOption *opt : {&o.store, &o.annotator, &o.pack, &o.lang})
        options << app::ManOption{QStringLiteral("--") + opt->names().first() + u' ' + opt->valueName(), opt->description()};
    options << app::ManOption{QStringLiteral("-h, --help"), QStringLiteral("Print the options and exit.")}
            << app::ManOption{QStringLiteral("--help-all"), QStringLiteral("Print the options, Qt's own too (-platform, "
                                                                           "-reverse, ...), and exit.")}
            << app::ManOption{QStringLiteral("-v, --version"), QStringLiteral("Print the version and exit.")}
            << app::ManOption{QStringLiteral("--man-page FILE"), QStringLiteral("Write this manual as a man page to FILE and exit.")};
    p.lists = {{QStringLiteral("Options"), options},
               {QStringLiteral("Keys"),
                {{QStringLiteral("1, 2"), QStringLiteral("A is better, B is better (A is the answer read first)")},
                 {QStringLiteral("3, 4"), QStringLiteral("tie, both are bad")},
                 {QStringLiteral("Left, Right"), QStringLiteral("the answer on that side of the screen is better")},
                 {QStringLiteral("S"), QStringLiteral("skip the pair; it comes back at the end")},
                 {QStringLiteral("Ctrl+Z"), QStringLiteral("undo the last vote or skip")},
                 {QStringLiteral("M"), QStringLiteral("mark a failure on the selected text")},
                 {QStringLiteral("Ctrl+1, Ctrl+2"), QStringLiteral("flag the whole of answer A or B")},
                 {QStringLiteral("Enter, Space"), QStringLiteral("go on to the next pair")},
                 {QStringLiteral("F1"), QStringLiteral("show or hide the guidelines")},
                 {QStringLiteral("Ctrl+Shift+L"), QStringLiteral("the leaderboard")}}}};
    p.texts = {{QStringLiteral("Files"),
                QStringLiteral("~/.local/share/majlis/majlis/majlis.sqlite: the store when --store is not given.\n\n"
                               "~/.config/majlis/majlis.conf: the settings (annotator, language, fonts, sync server).")},
               {QStringLiteral("Exit status"),
                QStringLiteral("0 the window was closed or a start dialog cancelled; 1 the store or the pack could not be "
                               "opened (a dialog says why), or the pack import was cancelled.")}};
    p.seeAlso = {QStringLiteral("majlisctl(1)"), QStringLiteral("majlis-server(1)")};
    return app::manPageText(p, QStringLiteral(MAJLIS_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--man-page") == 0) {
        QFile f(QString::fromLocal8Bit(argv[2]));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(manPage().toUtf8()) < 0) {
            std::fprintf(stderr, "majlis: error: cannot write %s: %s\n", argv[2], qPrintable(f.errorString()));
            return 1;
        }
        return 0;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("majlis"));
    QApplication::setOrganizationName(QStringLiteral("majlis"));
    QApplication::setApplicationDisplayName(QStringLiteral("Majlis"));
    QApplication::setApplicationVersion(QStringLiteral(MAJLIS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(kSummary);
    parser.addHelpOption();
    parser.addVersionOption();
    const DesktopOptions options;
    const QCommandLineOption &storeOpt = options.store, &annotatorOpt = options.annotator, &packOpt = options.pack,
                             &langOpt = options.lang, &unattendedOpt = options.unattended;
    parser.addOptions({storeOpt, annotatorOpt, packOpt, langOpt, unattendedOpt});
    parser.process(app);
    ui::Dialogs::setAnswerWithDefaults(parser.isSet(unattendedOpt));

    QSettings settings;
    ui::Translator translator;
    translator.setLanguage(parser.isSet(langOpt)
                               ? parser.value(langOpt)
                               : settings.value(ui::settingskeys::kLanguage, ui::Translator::preferred()).toString());

    QString storePath = parser.value(storeOpt);
    if (storePath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        storePath = dir + QStringLiteral("/majlis.sqlite");
    }
    auto store = store::EventStore::open(storePath);
    if (!store) {
        ui::Dialogs::critical(nullptr, ui::startupTitle(), store.error().message);
        return 1;
    }

    QString packId;
    if (parser.isSet(packOpt)) {
        // A large pack takes seconds: the progress dialog says so, and Cancel quits untouched.
        Progress progress;
        store::ImportOptions options;
        options.progress = &progress;
        std::optional<Result<store::ImportReport>> report;
        ui::runWithProgress(nullptr, ui::importingPack(QFileInfo(parser.value(packOpt)).fileName()), progress,
                            [&] { report.emplace((*store)->importPack(parser.value(packOpt), options)); });
        if (!*report) {
            if ((*report).error().code == Error::Code::Cancelled)
                return 1;
            ui::Dialogs::critical(nullptr, ui::startupTitle(), ui::packNotOpened((*report).error().message));
            return 1;
        }
        packId = (*report)->packId;
    }

    QString annotator = parser.value(annotatorOpt).trimmed();
    if (annotator.isEmpty()) {
        auto known = (*store)->annotators();
        ui::AnnotatorDialog dialog(known ? *known : QStringList(), settings.value(ui::settingskeys::kAnnotator).toString());
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        annotator = dialog.annotator();
    }
    settings.setValue(ui::settingskeys::kAnnotator, annotator);

    if (packId.isEmpty()) {
        ui::PackChooserDialog chooser(**store);
        if (chooser.exec() != QDialog::Accepted || chooser.packId().isEmpty())
            return 0;
        packId = chooser.packId();
    }

    ui::MainWindow window(**store);
    window.setTranslator(&translator);
    ui::TextFonts fonts;
    fonts.arabicFamily = settings.value(ui::settingskeys::kArabicFamily, fonts.arabicFamily).toString();
    fonts.latinFamily = settings.value(ui::settingskeys::kLatinFamily, fonts.latinFamily).toString();
    fonts.latinPointSize = settings.value(ui::settingskeys::kFontSize, fonts.latinPointSize).toDouble();
    fonts.arabicStep = settings.value(ui::settingskeys::kArabicStep, fonts.arabicStep).toDouble();
    fonts.keepLineBreaks = settings.value(ui::settingskeys::kKeepLineBreaks, fonts.keepLineBreaks).toBool();
    window.votingView()->setTextFonts(fonts);
    if (Status s = window.openPack(packId, annotator); !s) {
        ui::Dialogs::critical(nullptr, ui::startupTitle(), s.error().message);
        return 1;
    }
    window.show();
    return app.exec();
}
