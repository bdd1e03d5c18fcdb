#pragma once

#include <QDateTime>
#include <QIODevice>
#include <QString>

#include <functional>

#include "bundle/bundleverifier.h"
#include "bundle/workstationkey.h"
#include "common/result.h"
#include "model/event.h"

namespace majlis::bundle {

// The sources a bundle is written from (model/event.h), in increasing seq order. BundleWriter
// calls one twice, once to plan the header and once to write, so that a million events never
// sit in memory: both calls must yield the same events (a store query over already committed
// events does).
using majlis::EventSink;
using majlis::EventSource;

struct BundleWriteOptions
{
    QString bundleId;   // empty: a new UUIDv7
    QDateTime created;  // invalid: now
};

// Writes one workstation's events as a signed vote bundle (docs/formats.md, "Vote bundle").
class BundleWriter
{
public:
    // `key` signs and must outlive the writer; every event must carry `workstationId`.
    BundleWriter(const WorkstationKey &key, QString workstationId);

    // Writes `path` durably and all or nothing: streams into a temporary file beside it,
    // flushes it to the device, reads it back from the device and verifies it (full parse of
    // every event), and only then renames it to `path` and flushes the folder. A bundle that
    // does not verify never appears under `path`. Refuses to replace an existing file, an empty
    // source, an event of another workstation and a seq that does not increase.
    Result<BundleSummary> write(const QString &path, const EventSource &source,
                                const BundleWriteOptions &options = {}) const;

    // The same bytes to any device, without durability or read-back; for tests and transports.
    Status writeTo(QIODevice &out, const EventSource &source, const BundleWriteOptions &options = {}) const;

private:
    struct Plan;
    Result<Plan> plan(const EventSource &source) const;
    Status stream(QIODevice &out, const Plan &plan, const EventSource &source,
                  const BundleWriteOptions &options) const;

    const WorkstationKey &m_key;
    QString m_workstation;
};

} // namespace majlis::bundle
