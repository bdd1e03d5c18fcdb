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

} // namespace majlis::fuzz
