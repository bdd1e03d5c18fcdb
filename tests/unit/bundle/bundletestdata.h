#pragma once

#include "bundle/bundleverifier.h"
#include "bundle/bundlewriter.h"
#include "bundle/workstationkey.h"

#include <QBuffer>
#include <QByteArrayList>

#include <memory>

namespace majlis::bundle::test {

inline const QString Workstation = QStringLiteral("018f0000-0000-7000-8000-00000000a001");

// Events of `Workstation` with the given seq numbers: varied kinds, Arabic text, nesting,
// empty and set optional fields, so a round trip exercises every field.
QList<Event> makeEvents(const QList<qint64> &seqs, const QString &workstation = Workstation);
QList<qint64> seqRange(qint64 first, qint64 last);
EventSource sourceOf(const QList<Event> &events);

KeyLookup registered(const QString &workstation, const QByteArray &publicKey);
KeyLookup nobody();

std::unique_ptr<QIODevice> bufferOf(const QByteArray &bytes);

// The bytes of a bundle, split into its lines (each without "\n").
QByteArrayList linesOf(const QByteArray &bundle);
// Joins lines (header and events) and appends a trailer signed by `key`: for bundles that are
// wrong in content but correctly signed, as a buggy or hostile workstation would make them.
QByteArray signLines(const QByteArrayList &lines, const WorkstationKey &key);

struct Ingest
{
    std::optional<Error> error;
    QList<Event> delivered;
};
// What an importer would see: open (verify), then every event the visitor receives.
Ingest ingest(const BundleVerifier &verifier, std::unique_ptr<QIODevice> device);

} // namespace majlis::bundle::test
