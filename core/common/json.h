#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace majlis {
// UTF-8 to QString keeping every character. QString::fromUtf8 drops a byte order mark that starts
// its input (a JSON string "\uFEFF" became "", and "\uFEFFx" became "x"); a string read from a
// pack, an event or the database is data, U+FEFF included.
inline QString utf8Text(const char *data, qsizetype size)
{
    QString text = QString::fromUtf8(data, size);
    if (size >= 3 && data[0] == '\xEF' && data[1] == '\xBB' && data[2] == '\xBF')
        text.prepend(QChar(0xFEFF));
    return text;
}
} // namespace majlis

// nlohmann/json mapping for the Qt string types, so value types can hold QString and still
// use to_json/from_json beside their definition.
namespace nlohmann {
template <>
struct adl_serializer<QString>
{
    static void to_json(json &j, const QString &s) { j = s.toStdString(); }
    static void from_json(const json &j, QString &s)
    {
        const auto &text = j.get_ref<const std::string &>();
        s = majlis::utf8Text(text.data(), qsizetype(text.size()));
    }
};
template <>
struct adl_serializer<QStringList>
{
    static void to_json(json &j, const QStringList &l)
    {
        j = json::array();
        for (const QString &s : l)
            j.push_back(s.toStdString());
    }
    static void from_json(const json &j, QStringList &l)
    {
        l.clear();
        for (const auto &e : j) {
            const auto &text = e.get_ref<const std::string &>();
            l.push_back(majlis::utf8Text(text.data(), qsizetype(text.size())));
        }
    }
};
} // namespace nlohmann

namespace majlis {

inline QString toQString(const std::string &s) { return utf8Text(s.data(), qsizetype(s.size())); }
inline std::string toStd(const QString &s) { return s.toStdString(); }

} // namespace majlis
