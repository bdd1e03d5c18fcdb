#include "bundle/bundlescan.h"

#include "bundle/eventlinescan.h"
#include "bundle/workstationkey.h"
#include "common/json.h"
#include "common/jsonparse.h"
#include "model/eventquickread.h"

#include <algorithm>
#include <cstring>

namespace majlis::bundle {

namespace {

std::string canonicalToken(const QString &text)
{
    return nlohmann::json(toStd(text)).dump();
}

QString fromToken(std::string_view token)
{
    const auto j = nlohmann::json::parse(token, nullptr, false);
    return j.is_string() ? toQString(j.get_ref<const std::string &>()) : QString::fromUtf8(token.data(), qsizetype(token.size()));
}

std::optional<nlohmann::json> parseLine(std::string_view line, QString *problem)
{
    auto parsed = parseJson(line, JsonSource{QStringLiteral("line"), 0});
    if (!parsed) {
        // "line: not valid JSON at column 9: …" -> "not valid JSON at column 9: …": the caller names the line.
        QString message = parsed.error().message;
        *problem = message.startsWith(QLatin1String("line: ")) ? message.mid(6) : message;
        return std::nullopt;
    }
    return std::move(*parsed);
}

} // namespace


LineKind BundleScan::onLine(std::string_view line, bool hasNewline)
{
    ++m_lineCount;
    m_lastHadNewline = hasNewline;
    if (m_trailerLine != 0) {
        if (m_afterTrailerLine == 0)
            m_afterTrailerLine = m_lineCount;
        return m_lastKind = LineKind::AfterTrailer;
    }
    if (m_lineCount == 1) {
        onHeader(line);
        return m_lastKind = LineKind::Body;
    }
    if (line.substr(0, TrailerPrefix.size()) == TrailerPrefix) {
        m_trailerLine = m_lineCount;
        onTrailer(line);
        return m_lastKind = LineKind::Trailer;
    }
    onEvent(line);
    return m_lastKind = LineKind::Body;
}

void BundleScan::onHeader(std::string_view line)
{
    QString problem;
    const std::optional<nlohmann::json> j = parseLine(line, &problem);
    if (!j) {
        m_headerError = Error::validation(QStringLiteral("%1: the header is %2").arg(where(1), problem));
        return;
    }
    auto version = j->is_object() ? j->find("majlis_bundle") : j->end();
    if (!j->is_object() || version == j->end()) {
        fatal = Error::parse(QStringLiteral("%1: not a Majlis vote bundle (line 1 has no \"majlis_bundle\" field)")
                                 .arg(m_name));
        return;
    }
    if (version->is_number_integer() && version->get<qint64>() != FormatVersion) {
        fatal = Error::validation(QStringLiteral("%1: unknown bundle format version %2; this Majlis reads version %3")
                                      .arg(where(1))
                                      .arg(version->get<qint64>())
                                      .arg(FormatVersion));
        return;
    }
    Result<BundleHeader> header = headerFromJson(*j, where(1));
    if (!header) {
        m_headerError = header.error();
        return;
    }
    m_header = *header;
    m_workstationToken = canonicalToken(m_header->workstation);
    for (const QString &annotator : m_header->annotators)
        m_annotatorSeen.emplace(canonicalToken(annotator), false);
}

void BundleScan::onTrailer(std::string_view line)
{
    QString problem;
    const std::optional<nlohmann::json> j = parseLine(line, &problem);
    if (!j) {
        m_trailerError = Error::validation(QStringLiteral("%1: the trailer is %2").arg(where(m_lineCount), problem));
        return;
    }
    Result<BundleTrailer> trailer = trailerFromJson(*j, where(m_lineCount));
    if (!trailer)
        m_trailerError = trailer.error();
    else
        m_trailer = *trailer;
}

void BundleScan::onEvent(std::string_view line)
{
    ++m_events;
    if (!m_header || m_eventError)
        return;
    const EventLineScan scan = scanEventLine(line);
    if (scan.problem)
        return eventProblem(*scan.problem);
    const EventLineFacts &facts = scan.facts;
    if (facts.workstation != m_workstationToken)
        return eventProblem(QStringLiteral("made on workstation \"%1\", but the bundle is workstation \"%2\"'s")
                                .arg(fromToken(facts.workstation), m_header->workstation));
    const auto annotator = m_annotatorSeen.find(facts.annotator);
    if (annotator == m_annotatorSeen.end())
        return eventProblem(QStringLiteral("annotator \"%1\" is not listed in the header").arg(fromToken(facts.annotator)));
    annotator->second = true;
    if (m_events == 1 && facts.seq != m_header->seqFirst)
        return eventProblem(QStringLiteral("seq %1, but the header's seq_first is %2").arg(facts.seq).arg(m_header->seqFirst));
    if (m_events > 1 && facts.seq <= m_lastSeq)
        return eventProblem(QStringLiteral("seq %1 after seq %2: events must be in increasing seq order (lines "
                                           "reordered or repeated?)")
                                .arg(facts.seq)
                                .arg(m_lastSeq));
    if (facts.seq > m_header->seqLast)
        return eventProblem(QStringLiteral("seq %1 is beyond the header's seq_last %2").arg(facts.seq).arg(m_header->seqLast));
    if (m_events > 1 && facts.seq > m_lastSeq + 1) {
        m_missing += facts.seq - m_lastSeq - 1;
        if (m_gaps.size() < BundleSummary::MaxListedGaps)
            m_gaps.append({m_lastSeq + 1, facts.seq - 1});
    }
    m_lastSeq = facts.seq;
    // The quick check accepts only what the full parse accepts; the full parse words any problem.
    if (m_parseEvents && !quickEventCheck(line)) {
        QString problem;
        const std::optional<nlohmann::json> j = parseLine(line, &problem);
        if (!j)
            return eventProblem(problem);
        if (Result<Event> event = eventFromJson(*j); !event)
            return eventProblem(event.error().message);
    }
}

std::optional<Error> BundleScan::framingProblem(qint64 totalBytes) const
{
    if (totalBytes == 0)
        return Error::parse(QStringLiteral("%1: the file is empty").arg(m_name));
    if (!m_lastHadNewline) {
        if (m_lastKind == LineKind::Trailer)
            return Error::parse(QStringLiteral("%1: cut off: the trailer (line %2) has no line end; the file is "
                                               "incomplete")
                                    .arg(m_name)
                                    .arg(m_lineCount));
        return Error::parse(QStringLiteral("%1: cut off: line %2 ends without a line end; the file is incomplete")
                                .arg(m_name)
                                .arg(m_lineCount));
    }
    if (m_trailerLine == 0)
        return Error::parse(QStringLiteral("%1: cut off: no trailer after line %2; the file is incomplete")
                                .arg(m_name)
                                .arg(m_lineCount));
    if (m_afterTrailerLine != 0)
        return Error::parse(QStringLiteral("%1: unexpected data after the trailer").arg(where(m_afterTrailerLine)));
    return std::nullopt;
}

std::optional<Error> BundleScan::contentProblem() const
{
    if (m_eventError)
        return m_eventError;
    const BundleHeader &h = *m_header;
    if (m_events != h.eventCount)
        return Error::validation(QStringLiteral("%1: the header says event_count %2, but the bundle holds %3 events")
                                     .arg(m_name)
                                     .arg(h.eventCount)
                                     .arg(m_events));
    if (m_lastSeq != h.seqLast)
        return Error::validation(QStringLiteral("%1: the last event has seq %2, but the header's seq_last is %3")
                                     .arg(m_name)
                                     .arg(m_lastSeq)
                                     .arg(h.seqLast));
    for (const auto &[token, seen] : m_annotatorSeen)
        if (!seen)
            return Error::validation(QStringLiteral("%1: the header lists annotator \"%2\", who has no event in it")
                                         .arg(m_name, fromToken(token)));
    return std::nullopt;
}

} // namespace majlis::bundle
