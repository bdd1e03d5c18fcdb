#include "pack/csv.h"

#include <QStringDecoder>

namespace majlis::pack {

namespace {

class CsvParser
{
public:
    CsvParser(const QByteArray &data, const QString &fileName, char delimiter)
        : m_data(data), m_file(fileName), m_delimiter(delimiter)
    {
    }

    Result<QList<CsvRow>> parse()
    {
        qsizetype i = m_data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
        for (; i < m_data.size(); ++i) {
            const char c = m_data[i];
            const bool crlf = c == '\r' && i + 1 < m_data.size() && m_data[i + 1] == '\n';
            if (m_quoted) {
                if (c == '"' && i + 1 < m_data.size() && m_data[i + 1] == '"') {
                    m_field += '"';
                    ++i;
                } else if (c == '"') {
                    m_quoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (crlf)
                        ++i;
                    ++m_line;
                    m_field += '\n';
                } else {
                    m_field += c;
                }
                continue;
            }
            if (c == '"') {
                if (!m_field.isEmpty() || m_fieldWasQuoted)
                    return error(QStringLiteral("a quote inside an unquoted field (quote the whole field and double "
                                                "the quotes inside it)"));
                m_quoted = m_fieldWasQuoted = true;
                m_quoteLine = m_line;
            } else if (c == m_delimiter) {
                if (Status s = endField(); !s)
                    return s.error();
            } else if (c == '\n' || c == '\r') {
                if (crlf)
                    ++i;
                if (Status s = endRecord(); !s)
                    return s.error();
                ++m_line;
                m_row = CsvRow{{}, m_line};
            } else if (m_fieldWasQuoted) {
                return error(QStringLiteral("text after the closing quote of a field"));
            } else {
                m_field += c;
            }
        }
        if (m_quoted)
            return Error::parse(QStringLiteral("%1:%2: a quoted field is never closed").arg(m_file).arg(m_quoteLine));
        if (!m_field.isEmpty() || !m_row.fields.isEmpty() || m_fieldWasQuoted)
            if (Status s = endRecord(); !s)
                return s.error();
        return m_rows;
    }

private:
    Error error(const QString &what) const { return Error::parse(QStringLiteral("%1:%2: %3").arg(m_file).arg(m_line).arg(what)); }

    Status endField()
    {
        // Only the file's first BOM is a BOM (skipped in parse()); one at the start of a field is text.
        QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
        QString text = decode(m_field);
        if (decode.hasError())
            return Error::parse(QStringLiteral("%1:%2: field %3 is not valid UTF-8; save the file as UTF-8")
                                    .arg(m_file)
                                    .arg(m_row.line)
                                    .arg(m_row.fields.size() + 1));
        m_row.fields << std::move(text);
        m_field.clear();
        m_fieldWasQuoted = false;
        return {};
    }

    Status endRecord()
    {
        const bool blank = m_row.fields.isEmpty() && m_field.isEmpty() && !m_fieldWasQuoted;
        if (Status s = endField(); !s)
            return s;
        if (!blank)
            m_rows << m_row;
        return {};
    }

    const QByteArray &m_data;
    const QString &m_file;
    const char m_delimiter;
    QList<CsvRow> m_rows;
    qint64 m_line = 1;
    CsvRow m_row{{}, 1};
    QByteArray m_field;
    bool m_quoted = false;
    bool m_fieldWasQuoted = false;
    qint64 m_quoteLine = 0;
};

} // namespace

Result<QList<CsvRow>> parseCsv(const QByteArray &data, const QString &fileName, char delimiter)
{
    return CsvParser(data, fileName, delimiter).parse();
}

} // namespace majlis::pack
