#pragma once

#include <QString>

#include "bundle/bundlewriter.h"
#include "bundle/workstationkey.h"
#include "common/progress.h"
#include "common/result.h"
#include "store/eventstore.h"

namespace majlis::store {

// A bundle of this workstation's events (docs/formats.md, "Vote bundle"), in two steps so that the
// desktop can write on a worker thread through a read-only connection while its own connection
// stays with the main thread: the plan and the record need the writing store, the writing does not.
struct BundleExportPlan
{
    QString workstation;
    qint64 afterSeq = 0;  // the events after this seq …
    qint64 upToSeq = 0;   // … up to this one, fixed before writing (the writer reads twice)
    bool empty() const { return upToSeq <= afterSeq; }
};

// Every event of the workstation, or (sinceLast) those after the last recorded export.
Result<BundleExportPlan> planBundleExport(EventStore &store, bool sinceLast);

// Writes the plan's events to `path`, signed with `key`; a file that does not verify never appears
// there, and an existing file is refused (a bundle is never overwritten). `store` may be a
// read-only connection to the same file. `progress` sees "reading", then "writing" (events).
Result<bundle::BundleSummary> writeWorkstationBundle(EventStore &store, const bundle::WorkstationKey &key,
                                                     const BundleExportPlan &plan, const QString &path,
                                                     Progress *progress = nullptr);

} // namespace majlis::store
