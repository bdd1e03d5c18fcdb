#pragma once

#include <QString>

#include <atomic>

namespace majlis {

// How far a long piece of work has come, shared between the thread(s) doing it and one watching
// it (majlisctl's progress line on a terminal, the desktop's progress dialog). The work adds to
// it; the watcher reads whenever it likes and may ask the work to stop. Lock-free, so reporting
// costs the work a relaxed atomic add and the work never waits for the watcher.
//
// Work that takes a Progress (a `Progress *progress` in its options, null for none) checks
// cancelled() at its natural steps (an item, a block, a round) and then returns
// Progress::cancelledError() having undone what it did, as for any other error.
class Progress
{
public:
    enum class Unit { Items, Bytes, Rounds };

    // What is being done now ("verifying", "storing"); a string literal, read by the watcher.
    void setPhase(const char *phase, Unit unit, qint64 total = 0)
    {
        m_unit.store(int(unit), std::memory_order_relaxed);
        m_total.store(total, std::memory_order_relaxed);
        m_done.store(0, std::memory_order_relaxed);
        m_phase.store(phase, std::memory_order_release);
    }
    void addTotal(qint64 n) { m_total.fetch_add(n, std::memory_order_relaxed); }
    void advance(qint64 n = 1) { m_done.fetch_add(n, std::memory_order_relaxed); }
    void setDone(qint64 done) { m_done.store(done, std::memory_order_relaxed); }

    const char *phase() const { return m_phase.load(std::memory_order_acquire); }
    Unit unit() const { return Unit(m_unit.load(std::memory_order_relaxed)); }
    qint64 done() const { return m_done.load(std::memory_order_relaxed); }
    qint64 total() const { return m_total.load(std::memory_order_relaxed); }  // 0: not known

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    static QString cancelledMessage() { return QStringLiteral("cancelled; nothing was changed"); }

private:
    std::atomic<const char *> m_phase{""};
    std::atomic<int> m_unit{int(Unit::Items)};
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{0};
    std::atomic<bool> m_cancelled{false};
};

// For work given a null Progress.
inline bool cancelled(const Progress *p) { return p && p->cancelled(); }

} // namespace majlis
