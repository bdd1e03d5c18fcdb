#include "progressline.h"

#include <QByteArray>
#include <QLocale>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>

namespace majlis::ctl {

namespace {

QString bytesText(qint64 n)
{
    if (n < 1000)
        return QStringLiteral("%1 B").arg(n);
    if (n < 1000 * 1000)
        return QStringLiteral("%1 kB").arg(double(n) / 1e3, 0, 'f', 1);
    if (n < 1000LL * 1000 * 1000)
        return QStringLiteral("%1 MB").arg(double(n) / 1e6, 0, 'f', 1);
    return QStringLiteral("%1 GB").arg(double(n) / 1e9, 0, 'f', 2);
}

QString countText(qint64 n)
{
    return QLocale::c().toString(n);  // 12,345
}

QString amountText(Progress::Unit unit, qint64 n)
{
    return unit == Progress::Unit::Bytes ? bytesText(n) : countText(n);
}

QString unitName(Progress::Unit unit)
{
    switch (unit) {
    case Progress::Unit::Items: return QStringLiteral("items");
    case Progress::Unit::Bytes: return {};
    case Progress::Unit::Rounds: return QStringLiteral("rounds");
    }
    return {};
}

QString durationText(double seconds)
{
    const qint64 s = qint64(seconds + 0.5);
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

void writeAll(const QByteArray &bytes)
{
    const char *p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, p, size_t(left));
        if (n <= 0)
            return;  // a terminal that went away: progress is not worth an error
        p += n;
        left -= n;
    }
}

} // namespace

bool ProgressLine::shown(const Context &ctx)
{
    if (ctx.quiet || !::isatty(STDERR_FILENO))
        return false;
    const char *term = std::getenv("TERM");
    return !(term && std::strcmp(term, "dumb") == 0);
}

ProgressLine::ProgressLine(Context &ctx, Progress &progress) : m_progress(progress)
{
    if (!shown(ctx))
        return;
    ctx.err.flush();
    bool ok = false;
    const qint64 after = qEnvironmentVariableIntValue("MAJLIS_PROGRESS_AFTER_MS", &ok);
    if (ok && after >= 0)
        m_afterMs = after;
    m_phaseClock.start();
    m_thread = std::thread([this] { watch(); });
}

ProgressLine::~ProgressLine()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void ProgressLine::watch()
{
    std::unique_lock lock(m_mutex);
    const qint64 waited = m_phaseClock.elapsed();  // since the constructor: the thread may start late
    const bool due = !m_wake.wait_for(lock, std::chrono::milliseconds(qMax<qint64>(0, m_afterMs - waited)),
                                      [this] { return m_stop; });
    if (due)
        for (;;) {
            draw(false);
            if (m_wake.wait_for(lock, std::chrono::milliseconds(200), [this] { return m_stop; }))
                break;
        }
    // Work that ended after the delay (with 0: always) gets its final numbers shown, then the
    // line is cleared for the command's result.
    if (due || m_afterMs == 0)
        draw(true);
    if (m_drawn)
        writeAll(QByteArrayLiteral("\r\x1b[K"));
}

void ProgressLine::draw(bool final)
{
    const char *phase = m_progress.phase();
    if (!*phase)
        return;  // the work has not said what it does yet
    const qint64 done = m_progress.done(), total = m_progress.total();
    const Progress::Unit unit = m_progress.unit();
    if (phase != m_phase) {  // a new phase: its rate starts from here
        m_phase = phase;
        m_phaseStart = done;
        m_phaseClock.restart();
    }
    QString line = QString::fromUtf8(phase) + QStringLiteral(": ") + amountText(unit, done);
    if (total > 0)
        line += QStringLiteral(" of ") + amountText(unit, total);
    if (const QString name = unitName(unit); !name.isEmpty())
        line += QLatin1Char(' ') + name;
    if (total > 0)
        line += QStringLiteral(" (%1%)").arg(qMin<qint64>(100, done * 100 / total));
    const double seconds = double(m_phaseClock.elapsed()) / 1000.0;
    const double rate = seconds > 0.2 ? double(done - m_phaseStart) / seconds : 0.0;
    if (rate > 0) {
        line += QStringLiteral(", ") +
                (unit == Progress::Unit::Bytes ? bytesText(qint64(rate)) + QStringLiteral("/s")
                                               : countText(qint64(rate)) + QStringLiteral("/s"));
        if (total > done && !final)
            line += QStringLiteral(", ") + durationText(double(total - done) / rate) + QStringLiteral(" left");
    }
    writeAll(QByteArrayLiteral("\r\x1b[K") + line.toUtf8());
    m_drawn = true;
}

} // namespace majlis::ctl
