#include "store/bundleexport.h"

#include "store/bundleimport.h"
#include "store/outbox.h"

namespace majlis::store {

Result<BundleExportPlan> planBundleExport(EventStore &store, bool sinceLast)
{
    BundleExportPlan plan;
    plan.workstation = store.workstationId();
    if (sinceLast) {
        auto last = lastExportedSeq(store.database());
        if (!last)
            return last.error();
        plan.afterSeq = *last;
    }
    auto upTo = maxSeq(store.database(), plan.workstation);
    if (!upTo)
        return upTo.error();
    plan.upToSeq = *upTo;
    return plan;
}

Result<bundle::BundleSummary> writeWorkstationBundle(EventStore &store, const bundle::WorkstationKey &key,
                                                     const BundleExportPlan &plan, const QString &path, Progress *progress)
{
    Database &db = store.database();
    // The writer reads the source twice: once to plan the header, once to write.
    int pass = 0;
    qint64 planned = 0;
    const bundle::EventSource source = [&](const bundle::EventSink &sink) {
        ++pass;
        if (progress)
            progress->setPhase(pass == 1 ? "reading" : "writing", Progress::Unit::Items, pass == 1 ? 0 : planned);
        return forEachWorkstationEvent(db, plan.workstation, plan.afterSeq, plan.upToSeq, [&](const Event &e) -> Status {
            if (progress) {
                if (progress->cancelled())
                    return Error::cancelled(Progress::cancelledMessage());
                progress->advance();
            }
            if (pass == 1)
                ++planned;
            return sink(e);
        });
    };
    bundle::BundleWriter writer(key, plan.workstation);
    return writer.write(path, source);
}

} // namespace majlis::store
