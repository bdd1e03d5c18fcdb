#include "ui/mainwindow.h"

#include "session/votingsession.h"
#include "store/eventstore.h"
#include "ui/desktopsync.h"
#include "ui/bundleexport.h"
#include "ui/dialogs.h"
#include "ui/richtext.h"
#include "ui/leaderboardview.h"
#include "ui/settingsdialog.h"
#include "ui/settingskeys.h"
#include "ui/startdialogs.h"
#include "ui/syncstatus.h"
#include "ui/translator.h"
#include "ui/votingview.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTextBrowser>

namespace majlis::ui {

MainWindow::MainWindow(store::EventStore &store, QWidget *parent)
    : QMainWindow(parent), m_store(store), m_voting(new VotingView(this)), m_guidelinesDock(new QDockWidget(this)),
      m_guidelines(new QTextBrowser(m_guidelinesDock)), m_progress(new QLabel(this)), m_committed(new QLabel(this)),
      m_sync(new DesktopSync(store, this)), m_syncStatus(new SyncStatus(*m_sync, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    resize(1280, 820);
    setCentralWidget(m_voting);

    m_guidelinesDock->setObjectName(QStringLiteral("guidelinesDock"));
    m_guidelines->setObjectName(QStringLiteral("guidelinesView"));
    guardLinks(m_guidelines);
    m_guidelines->setFocusPolicy(Qt::NoFocus);
    m_guidelinesDock->setWidget(m_guidelines);
    m_guidelinesDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::RightDockWidgetArea, m_guidelinesDock);
    m_guidelinesDock->setMinimumWidth(260);

    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_committed->setObjectName(QStringLiteral("committedLabel"));
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_committed);
    statusBar()->addPermanentWidget(m_syncStatus);

    connect(m_voting, &VotingView::progressChanged, this, [this](qint64 judged, qint64 total) {
        m_judged = judged;
        m_total = total;
        updateStatus();
    });
    connect(m_voting, &VotingView::voteCommitted, this, [this] {
        ++m_votesThisSession;
        updateStatus();
    });
    connect(m_voting, &VotingView::errorOccurred, this, &MainWindow::showError);
    // Votes, skips and undos are stored before these fire; sync only hears about them.
    connect(m_voting, &VotingView::voteCommitted, m_sync, &DesktopSync::eventsCommitted);
    connect(m_voting, &VotingView::progressChanged, m_sync, &DesktopSync::eventsCommitted);
    connect(m_sync, &DesktopSync::packImported, this, [this](const QString &, const QString &title) {
        statusBar()->showMessage(tr("New pack from the server: %1 (File › Choose pack)").arg(title), 15000);
    });

    buildMenus();
    retranslate();

    auto saved = sync::loadSyncSettings(m_store.path());
    if (saved)
        m_sync->configure(*saved);
    else
        statusBar()->showMessage(tr("Sync is off: %1").arg(saved.error().message));
}

MainWindow::~MainWindow()
{
    m_voting->setSession(nullptr);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_choosePack = m_fileMenu->addAction(QString(), this, &MainWindow::choosePack);
    m_choosePack->setShortcut(QKeySequence::Open);
    m_settings = m_fileMenu->addAction(QString(), this, &MainWindow::openSettings);
    m_settings->setShortcut(QKeySequence::Preferences);
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_exportBundle = m_fileMenu->addAction(QString(), this, [this] { exportVotesBundle(this, m_store); });
    m_exportBundle->setObjectName(QStringLiteral("exportBundle"));
    m_fileMenu->addSeparator();
    m_quit = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quit->setShortcut(QKeySequence::Quit);

    m_voteMenu = menuBar()->addMenu(QString());
    m_voteMenu->addActions(m_voting->voteActions());

    m_viewMenu = menuBar()->addMenu(QString());
    m_zoomIn = m_viewMenu->addAction(QString(), this, [this] { m_voting->zoom(+1); });
    m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOut = m_viewMenu->addAction(QString(), this, [this] { m_voting->zoom(-1); });
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_guidelinesDock->toggleViewAction());
    m_guidelinesDock->toggleViewAction()->setShortcut(QKeySequence(Qt::Key_F1));
    m_viewMenu->addSeparator();
    // For coordinators: a separate window, never part of the voting screen.
    m_leaderboard = m_viewMenu->addAction(QString(), this, &MainWindow::openLeaderboard);
    m_leaderboard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_leaderboard->setObjectName(QStringLiteral("leaderboardAction"));

    m_helpMenu = menuBar()->addMenu(QString());
    m_keysHelp = m_helpMenu->addAction(QString(), this, [this] {
        Dialogs::information(this, tr("Keyboard"),
                             tr("1 or the arrow towards it: answer A is better\n2: answer B is better\n3: tie\n4: both are bad\n"
                                "S: skip\nCtrl+Z: undo the last action\nEnter: next pair after the reveal\n"
                                "Tab, then Shift+arrows: select text in an answer\nM: mark a failure on the selection\n"
                                "Ctrl+1 / Ctrl+2: flag the whole of answer A / B\n"
                                "Ctrl+Shift+D: flip the direction of a paragraph\n"
                                "Ctrl++ / Ctrl+-: larger or smaller text\nF1: guidelines"));
    });
    m_keysHelp->setObjectName(QStringLiteral("keysHelp"));
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_choosePack->setText(tr("Choose &pack…"));
    m_quit->setText(tr("&Quit"));
    m_settings->setText(tr("&Settings…"));
    m_exportBundle->setText(tr("&Export votes to a bundle…"));
    m_leaderboard->setText(tr("&Leaderboard (coordinators)…"));
    m_voteMenu->setTitle(tr("&Vote"));
    m_viewMenu->setTitle(tr("V&iew"));
    m_zoomIn->setText(tr("Zoom &in"));
    m_zoomOut->setText(tr("Zoom &out"));
    m_guidelinesDock->setWindowTitle(tr("Guidelines"));
    m_guidelinesDock->toggleViewAction()->setText(tr("&Guidelines"));
    m_guidelines->setAccessibleName(tr("Guidelines"));
    m_helpMenu->setTitle(tr("&Help"));
    m_keysHelp->setText(tr("&Keyboard shortcuts"));
    updateStatus();
    updateGuidelines();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

Status MainWindow::openPack(const QString &packId, const QString &annotator)
{
    auto session = session::VotingSession::start(m_store, packId, annotator);
    if (!session)
        return session.error();
    m_voting->setSession(nullptr);
    m_session = std::move(*session);
    m_votesThisSession = 0;
    updateGuidelines();
    m_voting->setSession(m_session.get());
    return {};
}

void MainWindow::updateStatus()
{
    if (!m_session) {
        setWindowTitle(tr("Majlis"));
        m_progress->clear();
        m_committed->clear();
        return;
    }
    setWindowTitle(tr("Majlis — %1 — %2").arg(m_session->header().title, m_session->annotator()));
    m_progress->setText(tr("Judged %1 of %2").arg(QLocale().toString(m_judged), QLocale().toString(m_total)));
    m_committed->setText(tr("Votes committed this session: %1").arg(QLocale().toString(m_votesThisSession)));
}

void MainWindow::updateGuidelines()
{
    if (!m_session) {
        m_guidelines->clear();
        return;
    }
    TextFonts fonts = m_voting->textFonts();
    fonts.latinPointSize = std::max(8.0, fonts.latinPointSize - 1);
    fonts.keepLineBreaks = false;  // written as Markdown by the coordinator, read as Markdown
    showMarkdown(m_guidelines, pickLanguage(m_session->header().guidelines, QLocale().uiLanguages()), fonts);
}

void MainWindow::choosePack()
{
    if (!m_session)
        return;
    PackChooserDialog dialog(m_store, this);
    if (dialog.exec() != QDialog::Accepted || dialog.packId().isEmpty())
        return;
    if (Status s = openPack(dialog.packId(), m_session->annotator()); !s)
        showError(s.error().message);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_translator ? m_translator->language() : QStringLiteral("en"), m_voting->textFonts(),
                          m_sync->settings(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    applySettings(dialog.language(), dialog.fonts());
    // An enrollment code is used once, now; it is not saved.
    if (dialog.syncSettings() != m_sync->settings() || !dialog.enrollmentCode().isEmpty())
        if (Status s = configureSync(dialog.syncSettings(), dialog.enrollmentCode()); !s)
            showError(s.error().message);
}

Status MainWindow::configureSync(const std::optional<sync::SyncSettings> &settings, const QString &enrollmentCode)
{
    if (Status s = sync::saveSyncSettings(m_store.path(), settings.value_or(sync::SyncSettings{})); !s)
        return s;
    m_sync->configure(settings, enrollmentCode);
    return {};
}

void MainWindow::applySettings(const QString &language, const TextFonts &fonts)
{
    if (m_translator && language != m_translator->language())
        m_translator->setLanguage(language);  // LanguageChange reaches every widget at once
    m_voting->setTextFonts(fonts);
    updateGuidelines();
    QSettings settings;
    settings.setValue(settingskeys::kLanguage, language);
    settings.setValue(settingskeys::kArabicFamily, fonts.arabicFamily);
    settings.setValue(settingskeys::kLatinFamily, fonts.latinFamily);
    settings.setValue(settingskeys::kFontSize, fonts.latinPointSize);
    settings.setValue(settingskeys::kArabicStep, fonts.arabicStep);
    settings.setValue(settingskeys::kKeepLineBreaks, fonts.keepLineBreaks);
}

void MainWindow::openLeaderboard()
{
    if (!m_session)
        return;
    auto *board = new LeaderboardView;  // a window of its own, deleted when closed
    board->setAttribute(Qt::WA_DeleteOnClose);
    board->setObjectName(QStringLiteral("leaderboardWindow"));
    board->setWindowTitle(tr("Leaderboard — %1").arg(m_session->header().title));
    board->setStore(&m_store, m_session->header().id);
    board->resize(1100, 760);
    connect(this, &QObject::destroyed, board, &QWidget::close);
    board->show();
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
    Dialogs::warning(this, tr("Majlis"), message);
}

}  // namespace majlis::ui
