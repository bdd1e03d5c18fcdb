#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

// nlohmann/json mapping for the Qt string types, so value types can hold QString and still
// use to_json/from_json beside their definition.
namespace nlohmann {
template <>
struct adl_serializer<QString>
{
    static void to_json(json &j, const QString &s) { j = s.toStdString(); }
    static void from_json(const json &j, QString &s) { s = QString::fromStdString(j.get<std::string>()); }
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
        for (const auto &e : j)
            l.push_back(QString::fromStdString(e.get<std::string>()));
    }
};
} // namespace nlohmann

namespace majlis {

inline QString toQString(const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
inline std::string toStd(const QString &s) { return s.toStdString(); }

// A short, human name for a JSON value's type, for error messages ("expected a string, got number").
inline const char *jsonTypeName(const nlohmann::json &j) { return j.type_name(); }

} // namespace majlis
