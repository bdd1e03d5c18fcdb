#pragma once

#include "commands.h"
#include "common/progress.h"

#include <QElapsedTimer>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace majlis::ctl {

// The progress of one long command on stderr, redrawn in place on one line ("verifying: 120.4 MB
// of 331.0 MB (36%), 48.2 MB/s, 4 s left"), while the work runs on the command's thread and
// reports into a Progress. Shown only when stderr is a terminal (not a pipe, not a file, not
// TERM=dumb) and not --quiet; it appears after MAJLIS_PROGRESS_AFTER_MS (default 500 ms), so a
// quick command prints nothing more, and it is erased when the work ends, before the command
// prints its result. The watcher thread writes to fd 2 itself: the command must not write to
// ctx.err while a ProgressLine is alive.
class ProgressLine
{
public:
    ProgressLine(Context &ctx, Progress &progress);
    ~ProgressLine();
    Q_DISABLE_COPY_MOVE(ProgressLine)

    // Whether a ProgressLine for this context draws anything.
    static bool shown(const Context &ctx);

private:
    void watch();
    void draw(bool final);

    Progress &m_progress;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_drawn = false;
    qint64 m_afterMs = 500;
    QElapsedTimer m_phaseClock;
    const char *m_phase = nullptr;
    qint64 m_phaseStart = 0;  // done when the phase was first seen
};

} // namespace majlis::ctl
