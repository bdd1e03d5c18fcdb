#pragma once

#include <QToolButton>

#include "ui/desktopsync.h"

namespace majlis::ui {

// The status-bar item of sync: events not yet acknowledged, the last successful sync and the
// last error (the whole message in the tooltip). A click syncs now.
class SyncStatus : public QToolButton
{
    Q_OBJECT

public:
    explicit SyncStatus(DesktopSync &sync, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh(); // not update(): that is QWidget's repaint
    // What went wrong, in the interface's language (the details stay in the server's words).
    static QString problemText(const DesktopSync::State &state);
    static QString adviceText(const DesktopSync::State &state);

    DesktopSync &m_sync;
};

} // namespace majlis::ui
