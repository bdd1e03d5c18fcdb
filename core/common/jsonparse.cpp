#include "common/jsonparse.h"

#include <vector>

namespace majlis {

namespace {

using json = nlohmann::json;

// Builds the tree with nlohmann's own DOM builder and keeps, beside it, where in the tree the
// parser is, so an error names its field.
class TrackingSax
{
public:
    explicit TrackingSax(json &result) : m_dom(result, /*allow_exceptions=*/false) {}

    bool null() { return value() && m_dom.null(); }
    bool boolean(bool v) { return value() && m_dom.boolean(v); }
    bool number_integer(json::number_integer_t v) { return value() && m_dom.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return value() && m_dom.number_unsigned(v); }
    bool number_float(json::number_float_t v, const json::string_t &s) { return value() && m_dom.number_float(v, s); }
    bool string(json::string_t &v) { return value() && m_dom.string(v); }
    bool binary(json::binary_t &v) { return value() && m_dom.binary(v); }
    bool start_object(std::size_t n)
    {
        if (!value() || !push(false))
            return false;
        return m_dom.start_object(n);
    }
    bool key(json::string_t &k)
    {
        m_path.back().key = k;
        return m_dom.key(k);
    }
    bool end_object()
    {
        m_path.pop_back();
        return m_dom.end_object();
    }
    bool start_array(std::size_t n)
    {
        if (!value() || !push(true))
            return false;
        return m_dom.start_array(n);
    }
    bool end_array()
    {
        m_path.pop_back();
        return m_dom.end_array();
    }
    bool parse_error(std::size_t position, const std::string &token, const json::exception &ex)
    {
        m_failed = true;
        m_position = position;
        m_token = token;
        m_id = ex.id;
        m_what = ex.what();
        return false;
    }

    bool tooDeep() const { return m_tooDeep; }
    bool failed() const { return m_failed; }
    std::size_t position() const { return m_position; }
    const std::string &token() const { return m_token; }
    int id() const { return m_id; }
    const std::string &what() const { return m_what; }

    QString path() const
    {
        QString p;
        for (const Level &l : m_path) {
            if (l.array) {
                if (l.index >= 0)
                    p += QStringLiteral("[%1]").arg(l.index);
            } else if (!l.key.empty()) {
                if (!p.isEmpty())
                    p += QLatin1Char('.');
                p += QString::fromUtf8(l.key.data(), qsizetype(l.key.size()));
            }
        }
        return p;
    }

private:
    struct Level
    {
        bool array = false;
        std::string key;
        qint64 index = -1;
    };
    // A value begins: inside an array it is the next element.
    bool value()
    {
        if (!m_path.empty() && m_path.back().array)
            ++m_path.back().index;
        return true;
    }
    bool push(bool array)
    {
        if (int(m_path.size()) >= MaxJsonDepth) {
            m_tooDeep = true;
            return false;
        }
        m_path.push_back({array, {}, -1});
        return true;
    }

    nlohmann::detail::json_sax_dom_parser<json> m_dom;
    std::vector<Level> m_path;
    bool m_tooDeep = false;
    bool m_failed = false;
    std::size_t m_position = 0;
    std::string m_token;
    int m_id = 0;
    std::string m_what;
};

// nlohmann's message after its "[json.exception…] parse error at line 1, column 9: " prefix.
QString plainReason(const std::string &what)
{
    QString s = QString::fromUtf8(what.data(), qsizetype(what.size()));
    if (s.startsWith(QLatin1String("[json.exception"))) {
        if (const qsizetype bracket = s.indexOf(QLatin1String("] ")); bracket >= 0)
            s = s.mid(bracket + 2);
        if (s.startsWith(QLatin1String("parse error")))
            if (const qsizetype colon = s.indexOf(QLatin1String(": ")); colon >= 0)
                s = s.mid(colon + 2);
    }
    return s;
}

// A short, printable quote of what the parser was reading.
QString quoted(const std::string &token)
{
    QString t = QString::fromUtf8(token.data(), qsizetype(std::min<std::size_t>(token.size(), 40)));
    if (token.size() > 40)
        t += QStringLiteral("…");
    return t;
}

} // namespace

Result<nlohmann::json> parseJson(std::string_view text, const JsonSource &source)
{
    json result;
    TrackingSax sax(result);
    const bool ok = json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json,
                                    /*strict=*/true);
    if (ok && !result.is_discarded())
        return result;

    // Where: the byte offset, as a line and column inside the input.
    const std::size_t offset = std::min(sax.position() > 0 ? sax.position() - 1 : 0, text.size());
    qint64 lineInText = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset; ++i)
        if (text[i] == '\n') {
            ++lineInText;
            lineStart = i + 1;
        }
    const qint64 column = qint64(offset - lineStart) + 1;
    QString where;
    if (source.line > 0)
        where = QStringLiteral("%1:%2").arg(source.name).arg(source.line + lineInText - 1);
    else if (lineInText > 1 || text.find('\n') != std::string_view::npos)
        where = QStringLiteral("%1:%2").arg(source.name).arg(lineInText);
    else
        where = source.name;
    const QString field = sax.path();
    const QString inField = field.isEmpty() ? QString() : QStringLiteral(" field \"%1\":").arg(field);

    if (sax.tooDeep())
        return Error::parse(QStringLiteral("%1:%2 nested deeper than %3 levels; Majlis reads at most %3")
                                .arg(where, inField)
                                .arg(MaxJsonDepth));
    if (!sax.failed())
        return Error::parse(QStringLiteral("%1: not valid JSON").arg(where));
    if (sax.id() == 406) // number overflow: out of double's range
        return Error::parse(QStringLiteral("%1:%2 the number %3 is out of range (numbers must fit a double; "
                                           "write an id or a large count as a string)")
                                .arg(where, inField, quoted(sax.token())));
    const QString reason = plainReason(sax.what());
    if (reason.contains(QLatin1String("ill-formed UTF-8")))
        return Error::parse(QStringLiteral("%1: not valid UTF-8 at column %2 (byte offset %3%4); save the file as UTF-8")
                                .arg(where)
                                .arg(column)
                                .arg(qulonglong(offset - lineStart))
                                .arg(source.line > 0 ? QStringLiteral(" of the line") : QString()));
    if (text.empty() || text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return Error::parse(QStringLiteral("%1: empty where JSON was expected").arg(where));
    return Error::parse(QStringLiteral("%1: not valid JSON at column %2: %3%4")
                            .arg(where)
                            .arg(column)
                            .arg(reason, field.isEmpty() ? QString() : QStringLiteral(" (in field \"%1\")").arg(field)));
}

} // namespace majlis
