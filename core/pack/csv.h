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

// RFC 4180: fields separated by `delimiter`, optionally in double quotes, "" for a quote inside;
// quoted fields may hold delimiters and line breaks. Records end in CRLF, LF or CR; a line break
// inside a quoted field is kept as "\n" (a CRLF file saved by a spreadsheet yields the same text
// as an LF one). A UTF-8 byte-order mark is skipped, blank lines are skipped, bytes that are not
// UTF-8 are refused with their line.
Result<QList<CsvRow>> parseCsv(const QByteArray &data, const QString &fileName, char delimiter = ',');

} // namespace majlis::pack
