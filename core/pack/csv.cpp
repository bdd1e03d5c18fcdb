#include "pack/csv.h"

namespace majlis::pack {

Result<QList<CsvRow>> parseCsv(const QByteArray &data, const QString &fileName)
{
    QList<CsvRow> rows;
    qsizetype i = data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    qint64 line = 1;
    CsvRow row{{}, line};
    QByteArray field;
    bool quoted = false, fieldWasQuoted = false;
    qint64 quoteLine = 0;
    auto endField = [&] {
        row.fields << QString::fromUtf8(field);
        field.clear();
        fieldWasQuoted = false;
    };
    auto endRow = [&] {
        endField();
        if (!(row.fields.size() == 1 && row.fields.first().isEmpty()))  // blank line
            rows << row;
        row = CsvRow{{}, line};
    };
    for (; i < data.size(); ++i) {
        const char c = data[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < data.size() && data[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        switch (c) {
        case '"':
            if (!field.isEmpty() || fieldWasQuoted)
                return Error::parse(QStringLiteral("%1:%2: a quote inside an unquoted field (quote the whole field and "
                                                   "double the quote)")
                                        .arg(fileName)
                                        .arg(line));
            quoted = fieldWasQuoted = true;
            quoteLine = line;
            break;
        case ',': endField(); break;
        case '\r':
            if (i + 1 < data.size() && data[i + 1] == '\n')
                break;
            [[fallthrough]];
        case '\n':
            ++line;
            endRow();
            break;
        default:
            if (fieldWasQuoted)
                return Error::parse(QStringLiteral("%1:%2: text after a closing quote").arg(fileName).arg(line));
            field += c;
        }
    }
    if (quoted)
        return Error::parse(QStringLiteral("%1:%2: a quoted field is never closed").arg(fileName).arg(quoteLine));
    if (!field.isEmpty() || !row.fields.isEmpty() || fieldWasQuoted)
        endRow();
    return rows;
}

} // namespace majlis::pack
