// The desktop app: wires the store, the translator and the main window. Nothing else lives here.
#include "store/eventstore.h"
#include "ui/dialogs.h"
#include "ui/mainwindow.h"
#include "ui/progressrun.h"
#include "ui/settingskeys.h"
#include "ui/votingview.h"
#include "ui/startdialogs.h"
#include "ui/translator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <optional>

using namespace majlis;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("majlis"));
    QApplication::setOrganizationName(QStringLiteral("majlis"));
    QApplication::setApplicationDisplayName(QStringLiteral("Majlis"));
    QApplication::setApplicationVersion(QStringLiteral(MAJLIS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Blind side-by-side evaluation of language-model answers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption storeOpt(QStringLiteral("store"), QStringLiteral("The event store (SQLite file)."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption annotatorOpt(QStringLiteral("annotator"), QStringLiteral("Vote as this annotator."),
                                          QStringLiteral("NAME"));
    const QCommandLineOption packOpt(QStringLiteral("pack"), QStringLiteral("Import this pack if needed, then open it."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption langOpt(QStringLiteral("lang"), QStringLiteral("Interface language (en, ar)."),
                                     QStringLiteral("LANG"));
    // For scripts that drive the app (scripts/screenshot.sh): no dialog may wait for a human.
    QCommandLineOption unattendedOpt(QStringLiteral("unattended"),
                                     QStringLiteral("Answer every dialog with its default, without showing it."));
    unattendedOpt.setFlags(QCommandLineOption::HiddenFromHelp);
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
    window.votingView()->setTextFonts(fonts);
    if (Status s = window.openPack(packId, annotator); !s) {
        ui::Dialogs::critical(nullptr, ui::startupTitle(), s.error().message);
        return 1;
    }
    window.show();
    return app.exec();
}
