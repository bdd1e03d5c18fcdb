#pragma once

#include "common/progress.h"

#include <QString>

#include <functional>

class QWidget;

namespace majlis::ui {

// Runs `work` on a worker thread and returns when it has finished, while the event loop goes
// on: windows repaint, timers fire, the sync goes on. If the work takes longer than
// `showAfterMs` (imports and exports of a large file), a modal progress dialog shows `label`,
// what `progress` says (phase, percent) and a Cancel button that calls progress.cancel(); the
// work then stops at its next step and undoes what it did (common/progress.h).
//
// The dialog is modal (to `parent`'s window, or to the application without one) so the user
// cannot start anything else meanwhile; the caller must not touch what the work uses either
// (the store's connection is the worker's until this returns).
void runWithProgress(QWidget *parent, const QString &label, Progress &progress, const std::function<void()> &work,
                     int showAfterMs = 500);

} // namespace majlis::ui
