#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/livevotelist.h"
#include "common/json.h"
#include "common/largealloc.h"

namespace majlis::analysis {

// A hash of UTF-8 bytes that finds std::string keys by a view (no string made to look one up).
struct TextHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Texts met in the rows, each given its index in the vote list's table once: a lookup on the
// row's own UTF-8 bytes, no string made for a text seen before. Open addressing with the hash
// and a short key in the slot, so that a lookup among a hundred thousand items touches one
// cache line, not a bucket and a node. Used by the fold (analysis/livevotes.cpp).
class TextIndex
{
public:
    template <typename Make>
    std::uint32_t find(std::string_view utf8, Make make)
    {
        if (m_used * 2 >= m_slots.size())
            grow();
        const std::uint64_t h = TextHash{}(utf8);
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = std::size_t(h) & mask;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (slot.value == 0) {
                const std::uint32_t value = make();
                Slot &fresh = m_slots[i]; // make() does not touch this index
                fresh.hash = h;
                fresh.length = std::uint32_t(utf8.size());
                if (utf8.size() <= sizeof fresh.key) {
                    std::memcpy(fresh.key, utf8.data(), utf8.size());
                } else {
                    const std::uint64_t offset = m_long.size();
                    m_long.append(utf8);
                    std::memcpy(fresh.key, &offset, sizeof offset);
                }
                fresh.value = value + 1;
                ++m_used;
                return value;
            }
            if (slot.hash == h && slot.length == utf8.size() && keyOf(slot) == utf8)
                return slot.value - 1;
        }
    }
    std::uint32_t operator()(std::string_view utf8, LiveVoteList &list)
    {
        return find(utf8, [&] { return list.addText(utf8Text(utf8.data(), qsizetype(utf8.size()))); });
    }

private:
    struct Slot
    {
        std::uint64_t hash = 0;
        std::uint32_t value = 0; // the index + 1; 0: empty
        std::uint32_t length = 0;
        char key[16];            // the key when it fits, else its offset in m_long
    };

    std::string_view keyOf(const Slot &slot) const
    {
        if (slot.length <= sizeof slot.key)
            return {slot.key, slot.length};
        std::uint64_t offset = 0;
        std::memcpy(&offset, slot.key, sizeof offset);
        return {m_long.data() + offset, slot.length};
    }

    void grow()
    {
        std::vector<Slot, LargeAllocator<Slot>> old(std::max<std::size_t>(64, m_slots.size() * 2));
        old.swap(m_slots);
        const std::size_t mask = m_slots.size() - 1;
        for (const Slot &slot : old) {
            if (slot.value == 0)
                continue;
            std::size_t i = std::size_t(slot.hash) & mask;
            while (m_slots[i].value != 0)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    std::vector<Slot, LargeAllocator<Slot>> m_slots;
    std::size_t m_used = 0;
    std::string m_long; // keys longer than a slot holds
};

} // namespace majlis::analysis
