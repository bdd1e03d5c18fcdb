#pragma once

// One verify pass over a bundle's lines (bundle/bundleverifier.cpp): the framing, header,
// events and trailer checks, fed one line at a time. Internal to majlis_bundle.
#include "bundle/bundleverifier.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace majlis::bundle {

enum class LineKind { Body, Trailer, AfterTrailer };

// The state of one verify pass, fed one line at a time. Problems that follow from damage are
// remembered, not returned, so the pass can reach the trailer and report the damage itself.
class BundleScan
{
public:
    BundleScan(QString name, bool parseEvents) : m_name(std::move(name)), m_parseEvents(parseEvents) {}

    LineKind onLine(std::string_view line, bool hasNewline);
    std::optional<Error> fatal;

    qint64 lineCount() const { return m_lineCount; }
    QString where(qint64 line) const { return QStringLiteral("%1:%2").arg(m_name).arg(line); }

    // After the last line: the first problem in order of precedence, else nothing.
    std::optional<Error> framingProblem(qint64 totalBytes) const;
    const std::optional<Error> &trailerProblem() const { return m_trailerError; }
    const std::optional<Error> &headerProblem() const { return m_headerError; }
    std::optional<Error> contentProblem() const;

    const std::optional<BundleHeader> &header() const { return m_header; }
    const std::optional<BundleTrailer> &trailer() const { return m_trailer; }
    qint64 trailerLine() const { return m_trailerLine; }
    const QList<SeqGap> &gaps() const { return m_gaps; }
    qint64 missingSeqCount() const { return m_missing; }

private:
    void onHeader(std::string_view line);
    void onTrailer(std::string_view line);
    void onEvent(std::string_view line);
    void eventProblem(const QString &problem)
    {
        m_eventError = Error::validation(QStringLiteral("%1: event %2: %3").arg(where(m_lineCount)).arg(m_events).arg(problem));
    }

    QString m_name;
    bool m_parseEvents = false;
    qint64 m_lineCount = 0;
    bool m_lastHadNewline = true;
    LineKind m_lastKind = LineKind::Body;

    std::optional<BundleHeader> m_header;
    std::optional<Error> m_headerError;
    std::string m_workstationToken;
    std::map<std::string, bool, std::less<>> m_annotatorSeen;

    qint64 m_events = 0;
    qint64 m_lastSeq = 0;
    QList<SeqGap> m_gaps;
    qint64 m_missing = 0;
    std::optional<Error> m_eventError;

    qint64 m_trailerLine = 0;
    qint64 m_afterTrailerLine = 0;
    std::optional<BundleTrailer> m_trailer;
    std::optional<Error> m_trailerError;
};

} // namespace majlis::bundle
