#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace majlis {

// An allocator for the few buffers that grow to tens or hundreds of megabytes (the fold's vote
// rows and text index over a million votes). On Linux a large block is mapped on its own and
// marked for transparent huge pages (madvise, the kernel's default mode on Debian), so the first
// touch of each 2 MiB costs one page fault instead of 512: on a virtual machine a 4 KiB fault
// costs about 10 µs, which made page faults a third of the fold's time (issue #10's benchmark).
// Small blocks, and every block elsewhere, come from the standard allocator. Stateless: any two
// compare equal, so containers move and swap as with std::allocator.
template <typename T>
struct LargeAllocator
{
    using value_type = T;
    static constexpr std::size_t kHugePage = std::size_t(2) << 20;
    static constexpr std::size_t kThreshold = kHugePage; // below it, the standard allocator

    LargeAllocator() = default;
    template <typename U>
    LargeAllocator(const LargeAllocator<U> &) noexcept {}

    T *allocate(std::size_t n)
    {
        if (n > std::size_t(-1) / sizeof(T))
            throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
#if defined(__linux__)
        if (bytes >= kThreshold) {
            const std::size_t size = roundUp(bytes);
            // Map one huge page more and trim, so that the block starts on a 2 MiB boundary.
            void *raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (raw == MAP_FAILED)
                throw std::bad_alloc();
            auto *base = static_cast<char *>(raw);
            const std::size_t head = (kHugePage - reinterpret_cast<std::uintptr_t>(base) % kHugePage) % kHugePage;
            if (head > 0)
                ::munmap(base, head);
            if (kHugePage - head > 0)
                ::munmap(base + head + size, kHugePage - head);
            ::madvise(base + head, size, MADV_HUGEPAGE); // advice: failure only costs speed
            return reinterpret_cast<T *>(base + head);
        }
#endif
        return std::allocator<T>().allocate(n);
    }

    void deallocate(T *p, std::size_t n) noexcept
    {
#if defined(__linux__)
        if (n * sizeof(T) >= kThreshold) {
            ::munmap(p, roundUp(n * sizeof(T)));
            return;
        }
#endif
        std::allocator<T>().deallocate(p, n);
    }

    friend bool operator==(const LargeAllocator &, const LargeAllocator &) { return true; }

private:
    static std::size_t roundUp(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
};

} // namespace majlis
