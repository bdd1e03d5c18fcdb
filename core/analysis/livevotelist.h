#pragma once

#include <QString>

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/largealloc.h"
#include "model/event.h"
#include "rating/battle.h"

namespace majlis::analysis {

// One live vote, flattened with what the slices need. Sides are those of the screen; the outcome
// is in terms of the comparison's candidates (candidate_a, candidate_b), so it does not depend
// on where each answer was shown.
struct LiveVote
{
    QString eventId;
    QString packId;
    QString itemId;
    QString comparisonId;
    QString annotator;
    QString group;    // from the caller's annotator -> group map; empty when not given
    QString dialect;  // requested dialect of the item
    QString category; // category of the item
    QString modelA;   // model id of candidate_a
    QString modelB;   // model id of candidate_b
    int candidateA = 0;
    int candidateB = 0;
    rating::Outcome outcome = rating::Outcome::Tie;
    std::optional<Side> chosenSide; // none for tie and both bad
    std::optional<Side> firstSide;  // where "A" was shown
    Selection selection = Selection::ScheduledRandom;
    QString createdUtc;

    friend bool operator==(const LiveVote &, const LiveVote &) = default;
};

// The live votes of a fold, in cast order, kept compact: a vote is a row of numbers (about 80
// bytes), its texts indices into one table of the distinct texts the votes share (packs, items,
// annotators, groups, dialects, categories, models), its event id, time and comparison id bytes
// in one arena. A million votes then take tens of megabytes and no allocation each, where a million
// LiveVote of eleven strings took most of a gigabyte. The analyses read the rows; anything else
// reads LiveVote values (operator[], iteration), made on the way.
class LiveVoteList
{
public:
    struct Row
    {
        std::uint64_t bytes = 0; // offset of the event id, then created_utc, then the comparison id, in the arena
        std::uint32_t idLength = 0;
        std::uint32_t timeLength = 0;
        std::uint32_t comparisonLength = 0;
        std::uint32_t pack = 0, item = 0, annotator = 0, group = 0, dialect = 0, category = 0;
        std::uint32_t modelA = 0, modelB = 0;
        int candidateA = 0;
        int candidateB = 0;
        rating::Outcome outcome = rating::Outcome::Tie;
        std::optional<Side> chosenSide;
        std::optional<Side> firstSide;
        Selection selection = Selection::ScheduledRandom;
    };

    // The rows and bytes of a million votes are the fold's largest blocks (common/largealloc.h).
    using Rows = std::vector<Row, LargeAllocator<Row>>;

    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = LiveVote;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = LiveVote;
        const_iterator() = default;
        const_iterator(const LiveVoteList *list, std::size_t i) : m_list(list), m_i(i) {}
        LiveVote operator*() const { return (*m_list)[m_i]; }
        const_iterator &operator++()
        {
            ++m_i;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++m_i;
            return before;
        }
        friend bool operator==(const const_iterator &a, const const_iterator &b) { return a.m_i == b.m_i; }

    private:
        const LiveVoteList *m_list = nullptr;
        std::size_t m_i = 0;
    };

    std::size_t size() const { return m_rows.size(); }
    bool empty() const { return m_rows.empty(); }
    LiveVote operator[](std::size_t i) const;
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, m_rows.size()}; }
    std::vector<LiveVote> toVector() const { return {begin(), end()}; }

    const Rows &rows() const { return m_rows; }
    // Text 0 is the empty text (a vote without a group, an item without a category).
    const QString &text(std::uint32_t index) const { return m_texts[index]; }
    std::size_t textCount() const { return m_texts.size(); }
    std::string_view eventIdBytes(const Row &r) const { return {m_bytes.data() + r.bytes, r.idLength}; }
    QString eventId(const Row &r) const;
    QString createdUtc(const Row &r) const;
    // Comparison ids are nearly one per vote, so they stay bytes of the arena, not texts.
    std::string_view comparisonIdBytes(const Row &r) const
    {
        return {m_bytes.data() + r.bytes + r.idLength + r.timeLength, r.comparisonLength};
    }
    QString comparisonId(const Row &r) const;

    // Building, for the fold.
    std::uint32_t addText(const QString &text);
    // A new row holding the event id, time and comparison id (UTF-8).
    Row &append(std::string_view eventId, std::string_view createdUtc, std::string_view comparisonId);
    // Room for `rows` rows and their event ids, times and comparison ids (about 80 bytes each).
    void reserve(std::size_t rows)
    {
        m_rows.reserve(rows);
        m_bytes.reserve(rows * 80);
    }
    // Drops the rows `dead` names, keeping the others in order.
    template <typename Dead>
    void eraseIf(Dead dead)
    {
        std::erase_if(m_rows, dead);
    }

private:
    Rows m_rows;
    std::vector<QString> m_texts{QString()};
    std::basic_string<char, std::char_traits<char>, LargeAllocator<char>> m_bytes;
};

} // namespace majlis::analysis
