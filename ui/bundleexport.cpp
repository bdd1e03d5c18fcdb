#include "ui/bundleexport.h"

#include "store/bundleexport.h"
#include "store/bundleimport.h"
#include "store/workstationregistry.h"
#include "ui/dialogs.h"
#include "ui/progressrun.h"
#include "ui/richtext.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>

#include <optional>

namespace majlis::ui {

namespace {

// The texts' translation context (Q_DECLARE_TR_FUNCTIONS: lupdate reads it).
class BundleExport
{
    Q_DECLARE_TR_FUNCTIONS(majlis::ui::BundleExport)

public:
    static void run(QWidget *parent, store::EventStore &store);
};

void BundleExport::run(QWidget *parent, store::EventStore &store)
{
    const QString title = tr("Export votes");
    auto key = store::workstationKey(store);
    if (!key) {
        Dialogs::critical(parent, title, key.error().message);
        return;
    }
    auto plan = store::planBundleExport(store, false);
    if (!plan) {
        Dialogs::critical(parent, title, plan.error().message);
        return;
    }
    if (plan->empty()) {
        Dialogs::information(parent, title, tr("This workstation has no votes yet: there is nothing to export."));
        return;
    }
    const QString suggested = QStringLiteral("majlis-votes-%1-%2.majlisbundle")
                                  .arg(store.workstationId().left(8), QDate::currentDate().toString(Qt::ISODate));
    QString path = Dialogs::saveFileName(parent, tr("Export votes to a bundle"),
                                         QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(suggested),
                                         tr("Majlis vote bundles (*.majlisbundle)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".majlisbundle");
    if (QFileInfo::exists(path)) {
        Dialogs::warning(parent, title, tr("%1 already exists. A bundle is never overwritten: choose another name.").arg(isolatedLeftToRight(path)));
        return;
    }
    // The writer reads the events twice and writes a file that may be large: on a worker thread,
    // through its own read-only connection, so the app's connection stays with this thread.
    auto reader = store::EventStore::open(store.path(), store::EventStore::Mode::ReadOnly);
    if (!reader) {
        Dialogs::critical(parent, title, reader.error().message);
        return;
    }
    Progress progress;
    std::optional<Result<bundle::BundleSummary>> written;
    runWithProgress(parent, tr("Exporting votes to %1").arg(QFileInfo(path).fileName()), progress,
                    [&] { written.emplace(store::writeWorkstationBundle(**reader, *key, *plan, path, &progress)); });
    if (!*written) {
        if ((*written).error().code != Error::Code::Cancelled)
            Dialogs::critical(parent, title, (*written).error().message);
        return;
    }
    const bundle::BundleSummary &summary = **written;
    if (Status s = store::recordExport(store.database(), summary, QFileInfo(path).absoluteFilePath()); !s) {
        Dialogs::warning(parent, title,
                         tr("%1 was written and verified, but recording the export in the store failed: %2")
                             .arg(isolatedLeftToRight(path), s.error().message));
        return;
    }
    Dialogs::information(parent, title,
                         tr("Wrote %Ln events of this workstation to %1.", nullptr, int(summary.header.eventCount)).arg(isolatedLeftToRight(path))
                             + QStringLiteral("\n\n")
                             + tr("The bundle is signed with this workstation's key, fingerprint %1. Give the file to "
                                  "your coordinator, who imports it with: %2")
                                   .arg(isolatedLeftToRight(bundle::WorkstationKey::fingerprint(key->publicKey())),
                                        isolatedLeftToRight(QStringLiteral("majlisctl bundle import FILE"))));
}

} // namespace

void exportVotesBundle(QWidget *parent, store::EventStore &store)
{
    BundleExport::run(parent, store);
}

} // namespace majlis::ui
