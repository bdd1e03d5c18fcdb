#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <string_view>

// Shared by the libFuzzer targets. A target signals a broken invariant by trapping, so libFuzzer
// (and the ctest replay of the corpus) reports it as a crash with the input that caused it.
namespace majlis::fuzz {

[[noreturn]] void fail(const char *condition, const char *file, int line);

// The input as a deep copy: a QByteArray over libFuzzer's buffer must not outlive the call, and a
// copy lets ASan see reads past the end of the input as reads past a heap block.
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}
inline std::string_view view(const uint8_t *data, size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}


} // namespace majlis::fuzz

#define FUZZ_CHECK(condition) \
    ((condition) ? void(0) : ::majlis::fuzz::fail(#condition, __FILE__, __LINE__))
