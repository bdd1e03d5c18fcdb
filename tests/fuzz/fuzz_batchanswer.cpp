// The server's answer to a batch, as the client reads it (parseBatchAnswer). Round trip: an
// answer read is turned into the report it stands for, written by batchAnswerBody and read back
// equal. Differential: batchAnswerBody writes byte for byte what toJson(report).dump() does.
#include "fuzzsupport.h"
#include "sync/protocol.h"

using namespace majlis;
using namespace majlis::sync;

namespace {

store::IngestReport reportOf(const BatchAnswer &answer)
{
    store::IngestReport report;
    for (const BatchAnswer::Status &s : answer.events)
        report.outcomes.append({s.id, 0, s.status, s.reason});
    report.accepted = answer.accepted;
    report.alreadyKnown = answer.alreadyKnown;
    report.rejected = answer.rejected;
    for (auto it = answer.acknowledgedSeq.cbegin(); it != answer.acknowledgedSeq.cend(); ++it) {
        store::WorkstationProgress p;
        p.workstation = it.key();
        p.acknowledgedSeq = *it;
        p.maxSeq = *it;
        report.workstations.insert(it.key(), p);
    }
    return report;
}

bool same(const BatchAnswer &a, const BatchAnswer &b)
{
    if (a.events.size() != b.events.size() || a.accepted != b.accepted || a.alreadyKnown != b.alreadyKnown
        || a.rejected != b.rejected || a.acknowledgedSeq != b.acknowledgedSeq)
        return false;
    for (qsizetype i = 0; i < a.events.size(); ++i) {
        // The reason travels only with a rejection.
        const bool rejected = a.events[i].status == store::IngestStatus::Rejected;
        if (a.events[i].id != b.events[i].id || a.events[i].status != b.events[i].status
            || (rejected && a.events[i].reason != b.events[i].reason) || (!rejected && !b.events[i].reason.isEmpty()))
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<BatchAnswer> answer = parseBatchAnswer(fuzz::bytes(data, size));
    if (!answer.ok())
        return 0;
    const store::IngestReport report = reportOf(*answer);
    const QByteArray written = batchAnswerBody(report);
    FUZZ_CHECK(written == QByteArray::fromStdString(toJson(report).dump() + '\n'));
    const Result<BatchAnswer> back = parseBatchAnswer(written);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(same(*answer, *back)); // `b` is the one written back: it carries no reason but a rejection's
    return 0;
}
