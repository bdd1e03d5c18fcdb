#include "store/ingestprocedure.h"

#include "common/logging.h"

namespace majlis::store {

QString describeDifference(const Event &stored, const Event &incoming)
{
    const std::initializer_list<std::tuple<const char *, const QString &, const QString &>> fields{
        {"workstation", stored.workstation, incoming.workstation},
        {"kind", stored.kind, incoming.kind},
        {"pack", stored.packId, incoming.packId},
        {"item", stored.itemId, incoming.itemId},
        {"comparison", stored.comparisonId, incoming.comparisonId},
        {"annotator", stored.annotator, incoming.annotator},
        {"created", stored.createdUtc, incoming.createdUtc},
        {"supersedes", stored.supersedes, incoming.supersedes},
    };
    for (const auto &[name, a, b] : fields)
        if (a != b)
            return QStringLiteral("event %1 is already stored with a different \"%2\" (stored \"%3\", sent \"%4\"); "
                                  "events are immutable, an edit needs a new event")
                .arg(incoming.id, QLatin1String(name), a, b);
    if (stored.seq != incoming.seq)
        return QStringLiteral("event %1 is already stored with a different \"seq\" (stored %2, sent %3); "
                              "events are immutable, an edit needs a new event")
            .arg(incoming.id)
            .arg(stored.seq)
            .arg(incoming.seq);
    if (stored.payload != incoming.payload)
        return QStringLiteral("event %1 is already stored with a different \"payload\"; "
                              "events are immutable, an edit needs a new event")
            .arg(incoming.id);
    return {};
}

Result<IngestOutcome> IngestProcedure::add(const Event &event)
{
    IngestOutcome outcome{event.id, event.seq, IngestStatus::Accepted, {}};
    auto decide = [&](IngestStatus status, QString reason = {}) {
        outcome.status = status;
        outcome.reason = std::move(reason);
        switch (status) {
        case IngestStatus::Accepted: ++m_report.accepted; break;
        case IngestStatus::AlreadyKnown: ++m_report.alreadyKnown; break;
        case IngestStatus::Rejected: ++m_report.rejected; break;
        }
        m_report.outcomes.append(outcome);
        return outcome;
    };

    if (QString problem = eventProblem(event); !problem.isEmpty())
        return decide(IngestStatus::Rejected, problem);
    if (!m_report.workstations.contains(event.workstation))
        m_report.workstations.insert(event.workstation, {});

    auto stored = m_backend.insertIfAbsent(event);
    if (!stored)
        return stored.error();
    if (*stored)
        return decide(IngestStatus::Accepted);

    // Nothing inserted: the id or the (workstation, seq) is taken. Find out which, and whether
    // it is this very event.
    auto byId = m_backend.eventById(event.id);
    if (!byId)
        return byId.error();
    if (*byId) {
        const QString difference = describeDifference(**byId, event);
        return difference.isEmpty() ? decide(IngestStatus::AlreadyKnown) : decide(IngestStatus::Rejected, difference);
    }
    auto holder = m_backend.seqHolder(event.workstation, event.seq);
    if (!holder)
        return holder.error();
    if (!*holder)
        return Error::sql(
            QStringLiteral("event %1 was neither stored nor found after INSERT ... ON CONFLICT DO NOTHING").arg(event.id));
    return decide(IngestStatus::Rejected,
                  QStringLiteral("event %1: seq %2 of workstation %3 is already taken by event %4; a workstation "
                                 "never reuses a seq")
                      .arg(event.id)
                      .arg(event.seq)
                      .arg(event.workstation, **holder));
}

Result<IngestReport> IngestProcedure::finish()
{
    for (auto it = m_report.workstations.begin(); it != m_report.workstations.end(); ++it) {
        auto p = workstationProgress(m_backend, it.key(), true);
        if (!p)
            return p.error();
        *it = *p;
    }
    return m_report;
}

Result<WorkstationProgress> workstationProgress(IngestBackend &backend, const QString &workstation, bool saveHint)
{
    WorkstationProgress p;
    p.workstation = workstation;
    auto hint = backend.acknowledgedHint(workstation);
    if (!hint)
        return hint.error();
    p.acknowledgedSeq = *hint;
    // One ordered walk over the seqs above the hint: first extend the contiguous prefix, then
    // collect the gaps above it. Usually only the events of the last batch are above the hint.
    bool inPrefix = true;
    qint64 previous = p.acknowledgedSeq;
    Status walked = backend.visitSeqsAbove(workstation, p.acknowledgedSeq, [&](qint64 seq) {
        if (inPrefix && seq == p.acknowledgedSeq + 1) {
            p.acknowledgedSeq = seq;
        } else {
            inPrefix = false;
            if (seq > previous + 1) {
                p.missingCount += seq - previous - 1;
                if (p.gaps.size() < WorkstationProgress::MaxListedGaps)
                    p.gaps.append({previous + 1, seq - 1});
            }
        }
        previous = seq;
    });
    if (!walked)
        return walked.error();
    p.maxSeq = previous;
    if (saveHint && p.acknowledgedSeq > *hint)
        if (Status s = backend.raiseAcknowledgedHint(workstation, p.acknowledgedSeq); !s)
            return s.error();
    return p;
}

Status registerKey(BundleImportBackend &backend, const QString &workstation, const QByteArray &publicKey,
                   const QString &registeredBy)
{
    if (workstation.isEmpty())
        return Error::validation(QStringLiteral("a workstation key needs a workstation id"));
    if (publicKey.size() != 32)
        return Error::validation(QStringLiteral("an Ed25519 public key has 32 bytes, got %1").arg(publicKey.size()));
    auto decide = [&]() -> Result<bool> {
        auto existing = backend.registeredKey(workstation);
        if (!existing)
            return existing.error();
        if (!*existing)
            return false;
        if (**existing == publicKey)
            return true;
        return Error::conflict(QStringLiteral("workstation %1 already has another key registered (%2); "
                                              "a workstation keeps its key")
                                   .arg(workstation, QString::fromLatin1((*existing)->toBase64())));
    };
    auto known = decide();
    if (!known)
        return known.error();
    if (*known)
        return {};
    auto inserted = backend.insertKeyIfAbsent(workstation, publicKey, registeredBy);
    if (!inserted)
        return inserted.error();
    if (*inserted)
        return {};
    // Registered meanwhile by another connection (the API binds a workstation before it imports
    // its first bundle): fine when it is this very key.
    known = decide();
    if (!known)
        return known.error();
    if (!*known)
        return Error::sql(QStringLiteral("the key of workstation %1 was neither stored nor found").arg(workstation));
    return {};
}

Result<BundleImportReport> importBundle(BundleImportBackend &backend, bundle::VerifiedBundle &bundle, const QString &registeredBy,
                                        Progress *progress)
{
    BundleImportReport report;
    report.summary = bundle.summary();
    const bundle::BundleHeader &header = report.summary.header;
    const QString digest = QString::fromLatin1(report.summary.sha256.toHex());

    auto seen = backend.previousImport(header.bundleId);
    if (!seen)
        return seen.error();
    if (*seen) {
        if ((*seen)->sha256 != digest)
            return Error::conflict(QStringLiteral("%1: a different bundle with the id %2 was imported on %3; "
                                                  "nothing imported")
                                       .arg(report.summary.source, header.bundleId, (*seen)->importedUtc));
        report.alreadyImported = true;
        return report;
    }
    if (report.summary.keyTrust == bundle::KeyTrust::FirstUse) {
        if (Status s = registerKey(backend, header.workstation, header.publicKey, registeredBy); !s)
            return s.error();
        report.keyRegistered = true;
    }

    IngestProcedure ingest(backend);
    std::optional<Error> failure;
    if (progress)
        progress->setPhase("storing", Progress::Unit::Items, header.eventCount);
    Status delivered = bundle.forEachEvent([&](const Event &e) -> Status {
        if (progress) {
            if (progress->cancelled())
                return Error::cancelled(Progress::cancelledMessage());
            progress->advance();
        }
        auto outcome = ingest.add(e);
        if (!outcome)
            failure = outcome.error();
        else if (outcome->status == IngestStatus::Rejected)
            failure = Error::conflict(
                QStringLiteral("%1: seq %2: %3; nothing imported").arg(report.summary.source).arg(e.seq).arg(outcome->reason));
        return failure ? Status(*failure) : Status();
    });
    if (failure)
        return *failure;
    if (!delivered)
        return Error{delivered.error().code, delivered.error().message + QStringLiteral("; nothing imported")};
    auto ingested = ingest.finish();
    if (!ingested)
        return ingested.error();
    report.ingest = std::move(*ingested);
    if (Status s = backend.recordImport(report); !s)
        return s.error();
    qCInfo(lcBundle).noquote() << "imported bundle" << header.bundleId << "accepted" << report.ingest.accepted << "already known"
                               << report.ingest.alreadyKnown;
    return report;
}

}  // namespace majlis::store
