#include "fuzzsupport.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace majlis::fuzz {

void fail(const char *condition, const char *file, int line)
{
    std::fprintf(stderr, "\n==== invariant broken: %s (%s:%d)\n", condition, file, line);
    std::fflush(stderr);
    __builtin_trap();
}

namespace {

bool isNumberByte(char c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
}

bool numberBeyondDouble(std::string_view input)
{
    std::string token;
    for (size_t i = 0; i < input.size();) {
        if (!isNumberByte(input[i])) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < input.size() && isNumberByte(input[end]))
            ++end;
        token.assign(input.substr(i, end - i));
        // strtod reads the longest number prefix; every number inside the run starts at its
        // beginning or after a sign, which the run also covers as a prefix of itself.
        for (size_t from = 0; from < token.size(); ++from) {
            if (from > 0 && token[from - 1] != '+' && token[from - 1] != '-' && token[from - 1] != 'e'
                && token[from - 1] != 'E' && token[from - 1] != '.')
                continue;
            errno = 0;
            const double value = std::strtod(token.c_str() + from, nullptr);
            if (std::isinf(value))
                return true;
        }
        i = end;
    }
    return false;
}

bool envIsOne(const char *name)
{
    const char *v = std::getenv(name);
    return v && std::string_view(v) == "1";
}

bool unknownNestedField(std::string_view line)
{
    const nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
    if (!j.is_object())
        return false;
    static const std::pair<const char *, std::vector<std::string_view>> lists[] = {
        {"categories", {"id", "label"}},
        {"models", {"id", "name", "aliases"}},
        {"conversation", {"role", "content"}},
        {"candidates", {"model", "output", "meta"}},
    };
    for (const auto &[name, known] : lists) {
        const auto list = j.find(name);
        if (list == j.end() || !list->is_array())
            continue;
        for (const nlohmann::json &element : *list) {
            if (!element.is_object())
                continue;
            for (auto it = element.begin(); it != element.end(); ++it)
                if (std::find(known.begin(), known.end(), std::string_view(it.key())) == known.end())
                    return true;
        }
    }
    return false;
}

} // namespace

bool skipKnownPackFieldBug(std::string_view input)
{
    static const bool reproduce = envIsOne("MAJLIS_FUZZ_KNOWN_PACKPARSE");
    if (reproduce)
        return false;
    for (size_t start = 0; start < input.size();) {
        const size_t end = std::min(input.find('\n', start), input.size());
        if (unknownNestedField(input.substr(start, end - start)))
            return true;
        start = end + 1;
    }
    return false;
}

bool skipKnownOverflow(std::string_view input)
{
    static const bool reproduce = envIsOne("MAJLIS_FUZZ_KNOWN_OVERFLOW");
    return !reproduce && numberBeyondDouble(input);
}

} // namespace majlis::fuzz
