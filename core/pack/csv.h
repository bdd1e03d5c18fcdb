#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

#include "common/result.h"

namespace majlis::pack {

struct CsvRow
{
    QStringList fields;
    qint64 line = 0;  // where the record starts (a quoted field may span lines)
};

// RFC 4180: comma-separated, fields optionally in double quotes, "" for a quote inside, quoted
// fields may hold commas and line breaks; CRLF or LF; a UTF-8 byte-order mark is skipped.
Result<QList<CsvRow>> parseCsv(const QByteArray &data, const QString &fileName);

} // namespace majlis::pack
