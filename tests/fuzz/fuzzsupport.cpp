#include "fuzzsupport.h"

#include <QLoggingCategory>

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

// libFuzzer calls this once, before the first input. The readers log what they refuse and what
// they store (majlis.* categories); written for every input, that took more time than the
// reading. A broken invariant still says so on stderr (fail() above).
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("majlis.*=false"));
    return 0;
}
