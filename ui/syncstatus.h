#pragma once

#include <QToolButton>

namespace majlis::ui {

class DesktopSync;

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

    DesktopSync &m_sync;
};

} // namespace majlis::ui
