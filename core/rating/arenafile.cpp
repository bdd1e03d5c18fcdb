#include "rating/arenafile.h"

#include "rating/arenarecord.h"

#include <QFile>

#include <algorithm>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

// Reading battle files: their two layouts (JSON Lines, cut into chunks read on worker threads; a
// JSON array) around the record reader of arenarecord.cpp. Writing is in arenawriter.cpp.
namespace majlis::rating {
namespace {

using arena::fromUtf8;
using arena::isSpace;
using arena::NameTable;
using arena::parseRecord;
using arena::RecordError;

struct Problem
{
    std::int64_t line = 0;
    QString message;
};

// One stretch of a JSON Lines file; model indices are local to it until merged.
struct Chunk
{
    NameTable names;
    std::vector<Battle> battles;
    std::int64_t lines = 0;  // newlines in the chunk (counted fully only when it has no problem)
    std::optional<Problem> problem;
};

void parseLines(std::string_view text, Chunk &chunk)
{
    std::size_t pos = 0;
    std::int64_t lineNumber = 0;
    while (pos < text.size()) {
        const std::size_t newline = text.find('\n', pos);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        const std::string_view line = text.substr(pos, end - pos);
        ++lineNumber;
        if (!std::all_of(line.begin(), line.end(), isSpace)) {
            Battle battle;
            if (std::optional<RecordError> error = parseRecord(line, chunk.names, battle)) {
                chunk.problem = Problem{lineNumber, error->message};
                return;
            }
            chunk.battles.push_back(battle);
        }
        if (newline == std::string_view::npos)
            break;
        ++chunk.lines;
        pos = newline + 1;
    }
}

Result<BattleSet> merge(std::vector<Chunk> &chunks, const QString &source)
{
    NameTable names;
    BattleSet set;
    std::size_t total = 0;
    for (const Chunk &chunk : chunks)
        total += chunk.battles.size();
    set.battles.reserve(total);
    std::int64_t lineBase = 0;
    for (Chunk &chunk : chunks) {
        if (chunk.problem)
            return Error::parse(
                QStringLiteral("%1:%2: %3").arg(source).arg(lineBase + chunk.problem->line).arg(chunk.problem->message));
        std::vector<int> global;
        for (const std::string &name : chunk.names.names())
            global.push_back(names.index(name));
        for (Battle b : chunk.battles)
            set.battles.push_back({global[std::size_t(b.modelA)], global[std::size_t(b.modelB)], b.outcome});
        lineBase += chunk.lines;
    }
    for (const std::string &name : names.names())
        set.models.push_back(fromUtf8(name));
    return set;
}

Result<BattleSet> parseJsonLines(std::string_view text, const QString &source)
{
    // Chunks end at line ends; a worker per core, none smaller than a few megabytes.
    constexpr std::size_t minChunk = 4u << 20;
    const std::size_t wanted =
        std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), text.size() / minChunk));
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    for (std::size_t c = 1; c < wanted && start < text.size(); ++c) {
        std::size_t cut = text.find('\n', std::max(start, text.size() * c / wanted));
        if (cut == std::string_view::npos)
            break;
        pieces.push_back(text.substr(start, cut + 1 - start));
        start = cut + 1;
    }
    pieces.push_back(text.substr(start));

    std::vector<Chunk> chunks(pieces.size());
    std::vector<std::thread> workers;
    for (std::size_t c = 1; c < pieces.size(); ++c)
        workers.emplace_back([&, c] { parseLines(pieces[c], chunks[c]); });
    parseLines(pieces[0], chunks[0]);
    for (std::thread &w : workers)
        w.join();
    return merge(chunks, source);
}

// The array layout: records found by bracket matching (strings respected), each then read
// like a line of JSON Lines; the line of a record is where it starts.
Result<BattleSet> parseJsonArray(std::string_view text, std::size_t open, const QString &source)
{
    std::vector<Chunk> chunks(1);
    Chunk &chunk = chunks.front();
    std::int64_t line = 1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(open), '\n');
    auto fail = [&](std::int64_t at, const QString &message) -> Result<BattleSet> {
        return Error::parse(QStringLiteral("%1:%2: %3").arg(source).arg(at).arg(message));
    };
    std::size_t pos = open + 1;
    auto skipSpace = [&] {
        while (pos < text.size() && isSpace(text[pos]))
            line += text[pos++] == '\n';
    };
    skipSpace();
    if (pos < text.size() && text[pos] == ']') {
        ++pos;
    } else {
        for (;;) {
            skipSpace();
            if (pos >= text.size())
                return fail(line, QStringLiteral("the array is not closed with ']'"));
            const std::size_t start = pos;
            const std::int64_t startLine = line;
            int depth = 0;
            bool inString = false;
            for (; pos < text.size(); ++pos) {
                const char c = text[pos];
                if (!inString && depth == 0 && (c == ',' || c == ']' || isSpace(c)))
                    break;  // the end of a scalar, which the record parser then rejects
                line += c == '\n';
                if (inString) {
                    if (c == '\\')
                        ++pos;
                    else if (c == '"')
                        inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if ((c == '}' || c == ']') && --depth <= 0) {
                    ++pos;  // a stray closer (depth < 0) goes with the record and fails its parse
                    break;
                }
            }
            if (depth > 0)
                return fail(startLine, QStringLiteral("record not closed before the end of the file"));
            if (pos == start)
                return fail(startLine, QStringLiteral("expected a record"));
            Battle battle;
            if (std::optional<RecordError> error = parseRecord(text.substr(start, pos - start), chunk.names, battle))
                return fail(startLine + error->extraLines, error->message);
            chunk.battles.push_back(battle);
            skipSpace();
            if (pos >= text.size())
                return fail(line, QStringLiteral("the array is not closed with ']'"));
            if (text[pos] == ',') {
                ++pos;
                continue;
            }
            if (text[pos] == ']') {
                ++pos;
                break;
            }
            return fail(line, QStringLiteral("expected ',' or ']' after a record"));
        }
    }
    skipSpace();
    if (pos < text.size())
        return fail(line, QStringLiteral("unexpected text after the closing ']'"));
    return merge(chunks, source);
}

}  // namespace

Result<BattleSet> parseArenaBattles(QByteArrayView data, const QString &source)
{
    std::string_view text(data.data(), std::size_t(data.size()));
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);  // a byte-order mark some tools write: no record starts with it
    const std::size_t first = std::find_if_not(text.begin(), text.end(), isSpace) - text.begin();
    if (first < text.size() && text[first] == '[')
        return parseJsonArray(text, first, source);
    return parseJsonLines(text, source);
}

Result<BattleSet> readArenaBattles(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1: %2").arg(path, file.errorString()));
    if (file.size() == 0)
        return BattleSet{};
    // Mapped, not copied: battle files run to hundreds of megabytes.
    if (const uchar *mapped = file.map(0, file.size()))
        return parseArenaBattles(QByteArrayView(mapped, file.size()), path);
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::io(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return parseArenaBattles(data, path);
}

}  // namespace majlis::rating
