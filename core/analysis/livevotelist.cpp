#include "analysis/livevotelist.h"

#include "common/json.h"

namespace majlis::analysis {

LiveVote LiveVoteList::operator[](std::size_t i) const
{
    const Row &r = m_rows[i];
    LiveVote v;
    v.eventId = eventId(r);
    v.packId = m_texts[r.pack];
    v.itemId = m_texts[r.item];
    v.comparisonId = comparisonId(r);
    v.annotator = m_texts[r.annotator];
    v.group = m_texts[r.group];
    v.dialect = m_texts[r.dialect];
    v.category = m_texts[r.category];
    v.modelA = m_texts[r.modelA];
    v.modelB = m_texts[r.modelB];
    v.candidateA = r.candidateA;
    v.candidateB = r.candidateB;
    v.outcome = r.outcome;
    v.chosenSide = r.chosenSide;
    v.firstSide = r.firstSide;
    v.selection = r.selection;
    v.createdUtc = createdUtc(r);
    return v;
}

QString LiveVoteList::eventId(const Row &r) const
{
    return utf8Text(m_bytes.data() + r.bytes, qsizetype(r.idLength));
}

QString LiveVoteList::createdUtc(const Row &r) const
{
    return utf8Text(m_bytes.data() + r.bytes + r.idLength, qsizetype(r.timeLength));
}

QString LiveVoteList::comparisonId(const Row &r) const
{
    const std::string_view bytes = comparisonIdBytes(r);
    return utf8Text(bytes.data(), qsizetype(bytes.size()));
}

std::uint32_t LiveVoteList::addText(const QString &text)
{
    m_texts.push_back(text);
    return std::uint32_t(m_texts.size() - 1);
}

LiveVoteList::Row &LiveVoteList::append(std::string_view eventId, std::string_view createdUtc,
                                        std::string_view comparisonId)
{
    Row &r = m_rows.emplace_back();
    r.bytes = m_bytes.size();
    r.idLength = std::uint32_t(eventId.size());
    r.timeLength = std::uint32_t(createdUtc.size());
    r.comparisonLength = std::uint32_t(comparisonId.size());
    m_bytes.append(eventId).append(createdUtc).append(comparisonId);
    return r;
}

} // namespace majlis::analysis
