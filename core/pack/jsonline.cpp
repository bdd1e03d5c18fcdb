#include "pack/jsonline.h"

#include "pack/fastjson.h"

namespace majlis::pack {

Result<nlohmann::json> parseJsonLine(const QByteArray &line, const LineRef &where)
{
    if (auto fast = parseJsonFast(line.constData(), line.constData() + line.size()))
        return std::move(*fast);
    try {
        return nlohmann::json::parse(line.constData(), line.constData() + line.size());
    } catch (const nlohmann::json::parse_error &e) {
        // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 23: syntax
        // error while parsing value - invalid string: ill-formed UTF-8 byte; last read: …"; the
        // part after the position is what a person can act on, the byte offset says where.
        QString what = QString::fromUtf8(e.what());
        if (const qsizetype colon = what.indexOf(QLatin1String(": ")); colon >= 0)
            what = what.mid(colon + 2);
        const qulonglong column = qulonglong(e.byte);
        if (what.contains(QLatin1String("ill-formed UTF-8")))
            return Error::parse(QStringLiteral("%1: not valid UTF-8 at column %2 (byte offset %3 of the line); save the "
                                               "file as UTF-8")
                                    .arg(where.label())
                                    .arg(column)
                                    .arg(column > 0 ? column - 1 : 0));
        return Error::parse(QStringLiteral("%1: not valid JSON at column %2: %3").arg(where.label()).arg(column).arg(what));
    }
}

} // namespace majlis::pack
