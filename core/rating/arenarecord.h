#pragma once

// Inside majlis_rating: one Arena battle record read into a Battle, shared by the JSON Lines and
// the array layouts of arenafile.cpp. Not part of the library's interface.

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rating/battle.h"

namespace majlis::rating::arena {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

struct StringHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Model names numbered in order of first appearance.
class NameTable
{
public:
    int index(std::string_view name)
    {
        const auto found = m_index.find(name);
        if (found != m_index.end())
            return found->second;
        m_names.emplace_back(name);
        m_index.emplace(m_names.back(), int(m_names.size() - 1));
        return int(m_names.size() - 1);
    }
    const std::vector<std::string> &names() const { return m_names; }

private:
    std::unordered_map<std::string, int, StringHash, std::equal_to<>> m_index;
    std::vector<std::string> m_names;
};

struct RecordError
{
    std::int64_t extraLines = 0;  // from the record's first line to the error
    QString message;
};

// One record (a JSON object) into `battle`, its models numbered through `names`. The fast scanner
// reads the usual flat records; anything else goes through nlohmann's SAX parser, which decides.
std::optional<RecordError> parseRecord(std::string_view text, NameTable &names, Battle &battle);

}  // namespace majlis::rating::arena
