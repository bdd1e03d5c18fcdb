#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace majlis::pack {

// Where a line came from. The label is formatted only when a message needs it: building a
// "FILE:LINE" string per item would cost more than checking the item.
struct LineRef
{
    const QString &file;
    qint64 line = 0;  // 0: `file` is the whole label

    QString label() const { return line > 0 ? QStringLiteral("%1:%2").arg(file).arg(line) : file; }
};

// Parses one JSON value; a malformed line is an Error::parse naming the column (byte) and
// saying so plainly when the bytes are not UTF-8.
Result<nlohmann::json> parseJsonLine(const QByteArray &line, const LineRef &where);

} // namespace majlis::pack
