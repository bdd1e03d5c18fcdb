#pragma once

#include <QMainWindow>

#include <memory>
#include <optional>

#include "common/result.h"
#include "sync/syncsettings.h"
#include "ui/richtext.h"

class QLabel;
class QTextBrowser;
class QDockWidget;

namespace majlis {
namespace session {
class VotingSession;
}
namespace store {
class EventStore;
}
} // namespace majlis

namespace majlis::ui {

class DesktopSync;
class SyncStatus;
class Translator;
class VotingView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(store::EventStore &store, QWidget *parent = nullptr);
    ~MainWindow() override;

    Status openPack(const QString &packId, const QString &annotator);
    // Where language changes go; without one the Settings dialog cannot change the language.
    void setTranslator(Translator *translator) { m_translator = translator; }
    // Applies a language and fonts as the Settings dialog does, and remembers them.
    void applySettings(const QString &language, const TextFonts &fonts);
    // Saves the sync server and token beside the workstation key and syncs with it at once;
    // nullopt stops syncing. The message of a failed save is returned.
    Status configureSync(const std::optional<sync::SyncSettings> &settings, const QString &enrollmentCode = {});
    DesktopSync *desktopSync() const { return m_sync; }
    void openLeaderboard();
    VotingView *votingView() const { return m_voting; }
    session::VotingSession *session() const { return m_session.get(); }
    qint64 votesThisSession() const { return m_votesThisSession; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    void retranslate();
    void updateStatus();
    void updateGuidelines();
    void choosePack();
    void showError(const QString &message);
    void openSettings();

    store::EventStore &m_store;
    std::unique_ptr<session::VotingSession> m_session;  // destroyed after the view lets go of it
    VotingView *m_voting;
    QDockWidget *m_guidelinesDock;
    QTextBrowser *m_guidelines;
    QLabel *m_progress;
    QLabel *m_committed;
    DesktopSync *m_sync;
    SyncStatus *m_syncStatus;
    qint64 m_votesThisSession = 0;
    qint64 m_judged = 0;
    qint64 m_total = 0;

    QMenu *m_fileMenu = nullptr, *m_viewMenu = nullptr, *m_voteMenu = nullptr, *m_helpMenu = nullptr;
    QAction *m_choosePack = nullptr, *m_quit = nullptr, *m_zoomIn = nullptr, *m_zoomOut = nullptr;
    QAction *m_keysHelp = nullptr;
    QAction *m_settings = nullptr, *m_leaderboard = nullptr, *m_exportBundle = nullptr;
    Translator *m_translator = nullptr;
};

} // namespace majlis::ui
