#pragma once

class QWidget;

namespace majlis::store {
class EventStore;
}

namespace majlis::ui {

// File > Export votes to a bundle…: every event of this workstation into a signed bundle file that
// an offline annotator carries to the coordinator (`majlisctl bundle import`), with no terminal.
// A save dialog picks the file (a bundle is never overwritten); the writing runs on a worker
// thread through a read-only connection of its own, with the progress dialog and Cancel of
// runWithProgress; the export is recorded on `store`, on this thread, once the file verified.
// Every outcome is said in a dialog (Dialogs): written (events, file, key fingerprint), nothing to
// export, refused, failed; a cancel says nothing and leaves no file.
void exportVotesBundle(QWidget *parent, store::EventStore &store);

} // namespace majlis::ui
