// CSV (RFC 4180) through parseCsv, with ',' and with tab. Round trip: the rows read, written
// again with every field quoted, read back as the same fields.
#include "fuzzsupport.h"
#include "pack/csv.h"

using namespace majlis;

namespace {

QByteArray written(const QList<pack::CsvRow> &rows, char delimiter)
{
    QByteArray out;
    for (const pack::CsvRow &row : rows) {
        for (qsizetype i = 0; i < row.fields.size(); ++i) {
            if (i > 0)
                out += delimiter;
            QByteArray field = row.fields[i].toUtf8();
            field.replace('"', "\"\"");
            out += '"' + field + '"';
        }
        out += "\r\n";
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QString file = QStringLiteral("fuzz.csv");
    for (const char delimiter : {',', '\t'}) {
        const Result<QList<pack::CsvRow>> rows = pack::parseCsv(input, file, delimiter);
        if (!rows.ok())
            continue;
        qint64 lastLine = 0;
        for (const pack::CsvRow &row : *rows) {
            FUZZ_CHECK(row.line > lastLine);
            FUZZ_CHECK(!row.fields.isEmpty());
            lastLine = row.line;
        }
        const Result<QList<pack::CsvRow>> back = pack::parseCsv(written(*rows, delimiter), file, delimiter);
        FUZZ_CHECK(back.ok());
        FUZZ_CHECK(back->size() == rows->size());
        for (qsizetype i = 0; i < rows->size(); ++i)
            FUZZ_CHECK(back->at(i).fields == rows->at(i).fields);
    }
    return 0;
}
