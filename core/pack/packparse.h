#pragma once

#include <QByteArray>
#include <QString>

#include "common/result.h"
#include "model/pack.h"

namespace majlis::pack {

// Lines of a task pack (docs/formats.md), parsed and checked against the format's rules.
// Messages read `WHERE: field "path.to[2].field": what is wrong`; WHERE is "FILE:LINE", or
// `where` itself for the overloads without a line (e.g. "stored pack demo").
Result<PackHeader> parseHeader(const QByteArray &line, const QString &where);
Result<PackHeader> parseHeader(const QByteArray &line, const QString &file, qint64 lineNumber);
Result<Item> parseItem(const QByteArray &line, const PackHeader &header, const QString &where);
Result<Item> parseItem(const QByteArray &line, const PackHeader &header, const QString &file, qint64 lineNumber);

} // namespace majlis::pack
