#include "pack/packreader.h"

#include "model/dialects.h"

#include "pack/columns.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <cstring>

namespace majlis::pack {

namespace {

constexpr qsizetype kReadChunk = 1024 * 1024;

bool isBlank(const QByteArray &line)
{
    return std::all_of(line.cbegin(), line.cend(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

} // namespace

PackReader::PackReader(std::unique_ptr<QIODevice> device, QString displayName)
    : m_device(std::move(device)), m_name(std::move(displayName))
{
}

PackReader::~PackReader() = default;

Result<std::unique_ptr<PackReader>> PackReader::open(const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1: cannot open: %2").arg(path, file->errorString()));
    return open(std::move(file), path);
}

Result<std::unique_ptr<PackReader>> PackReader::open(std::unique_ptr<QIODevice> device, const QString &displayName)
{
    if (!device || !device->isReadable())
        return Error::io(QStringLiteral("%1: not open for reading").arg(displayName));
    std::unique_ptr<PackReader> reader(new PackReader(std::move(device), displayName));
    if (Status s = reader->readHeader(); !s)
        return s.error();
    return reader;
}

Result<bool> PackReader::rawLine(QByteArray &line)
{
    for (;;) {
        const char *start = m_buffer.constData() + m_pos;
        const qsizetype available = m_buffer.size() - m_pos;
        const auto *newline = static_cast<const char *>(available > 0 ? std::memchr(start, '\n', size_t(available)) : nullptr);
        if (newline || (m_deviceAtEnd && available > 0)) {
            const qsizetype length = newline ? newline - start : available;
            if (length > kMaxLineBytes)
                break;
            line = QByteArray(start, length);
            const qsizetype consumed = newline ? length + 1 : length;
            m_pos += consumed;
            m_bytesRead += consumed;
            ++m_line;
            if (line.endsWith('\r'))
                line.chop(1);
            return true;
        }
        if (m_deviceAtEnd)
            return false;
        if (available > kMaxLineBytes)
            break;
        if (m_pos > 0) {
            m_buffer.remove(0, m_pos);
            m_pos = 0;
        }
        const qsizetype kept = m_buffer.size();
        // A file or buffer says how much is left: a small pack then takes a small buffer, not
        // a whole chunk (the next read, of one byte, finds the end).
        const qsizetype chunk = m_device->isSequential()
                                    ? kReadChunk
                                    : qsizetype(std::clamp<qint64>(m_device->size() - m_device->pos() + 1, 1, kReadChunk));
        m_buffer.resize(kept + chunk);
        const qint64 got = m_device->read(m_buffer.data() + kept, chunk);
        if (got < 0)
            return Error::io(QStringLiteral("%1:%2: read error: %3").arg(m_name).arg(m_line + 1).arg(m_device->errorString()));
        m_buffer.resize(kept + qsizetype(got));
        m_deviceAtEnd = got == 0;
    }
    return Error::validation(QStringLiteral("%1:%2: the line is longer than %3 MiB; a pack has one item per line")
                                 .arg(m_name)
                                 .arg(m_line + 1)
                                 .arg(kMaxLineBytes / (1024 * 1024)));
}

Result<bool> PackReader::nextLine(QByteArray &line)
{
    for (;;) {
        auto got = rawLine(line);
        if (!got || !*got)
            return got;
        // A byte-order mark, as some Windows editors write, is skipped: it carries no content,
        // and refusing it would only send coordinators hunting for an invisible character.
        if (m_line == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        if (!isBlank(line))
            return true;
    }
}

namespace {

// A first line that is not a pack header but is the start of a file `pack build` reads: which
// command makes a pack of it, or an empty string. Refusing an AlpacaEval file or a CSV with "not
// valid JSON at column 1" left a coordinator to guess that Majlis reads them at all.
QString otherFormatHint(const QByteArray &line)
{
    const QByteArray text = line.trimmed();
    const auto build = [](const char *format) {
        return QStringLiteral("`majlisctl pack build --from %1 FILE -o PACK.jsonl` makes a pack of it (docs/formats.md)")
            .arg(QLatin1String(format));
    };
    if (text.startsWith('['))
        return QStringLiteral("this looks like a JSON array of model outputs, such as AlpacaEval's model_outputs.json: ")
               + build("alpaca_eval");
    if (text.startsWith('{')) {
        const auto j = nlohmann::json::parse(text.cbegin(), text.cend(), nullptr, false);
        if (!j.is_object() || j.contains("majlis_pack"))
            return {};
        if (j.contains("question_id") && j.contains("choices"))
            return QStringLiteral("this looks like MT-Bench model answers (question_id, choices): ") + build("mt_bench");
        QStringList keys;
        for (auto it = j.cbegin(); it != j.cend(); ++it)
            keys << QString::fromStdString(it.key());
        if (resolveColumns(keys, ColumnMapping{}, {}))
            return QStringLiteral("this looks like model outputs in JSON Lines, one answer per line: ") + build("long");
        return {};
    }
    // A header row: several names split by commas, tabs or semicolons, no quotes around JSON.
    for (const char separator : {',', '\t', ';'})
        if (text.count(separator) >= 2)
            return QStringLiteral("this looks like a table with a header row (CSV or TSV): ") + build("long");
    return {};
}

} // namespace

Status PackReader::readHeader()
{
    QByteArray line;
    auto got = nextLine(line);
    if (!got)
        return got.error();
    if (!*got)
        return Error::validation(QStringLiteral("%1: the file is empty; a pack starts with its header line").arg(m_name));
    auto header = parseHeader(line, m_name, m_line);
    if (!header) {
        Error e = header.error();
        if (const QString hint = otherFormatHint(line); !hint.isEmpty())
            e.message += QStringLiteral("; ") + hint;
        return e;
    }
    m_header = std::move(*header);
    m_headerLine = std::move(line);
    return {};
}

Result<std::optional<ItemRecord>> PackReader::next()
{
    QByteArray line;
    auto got = nextLine(line);
    if (!got)
        return got.error();
    if (!*got)
        return std::optional<ItemRecord>();
    auto item = parseItem(line, m_header, m_name, m_line);
    if (!item)
        return item.error();
    const qint64 n = item->candidates.size();
    if (n > m_limits.maxCandidatesPerItem)
        return Error::validation(QStringLiteral("%1:%2: field \"candidates\": %3 answers; an item holds at most %4 "
                                                "(every pair of answers is a comparison: %5 pairs for this item)")
                                     .arg(m_name)
                                     .arg(m_line)
                                     .arg(n)
                                     .arg(m_limits.maxCandidatesPerItem)
                                     .arg(n * (n - 1) / 2));
    const qint64 pairs = n * (n - 1) / 2;
    m_pairs += m_pairBudget > 0 ? std::min<qint64>(m_pairBudget, pairs) : pairs;
    if (m_pairs > m_limits.maxPairsPerPack)
        return Error::validation(QStringLiteral("%1:%2: the pack holds more than %3 pairs to judge by this item; split "
                                                "it into several packs, or sample pairs with --pairs-per-item")
                                     .arg(m_name)
                                     .arg(m_line)
                                     .arg(m_limits.maxPairsPerPack));
    return std::optional<ItemRecord>(ItemRecord{std::move(*item), std::move(line), m_line});
}

Status validateFile(const QString &path, ValidationSummary *summary, Progress *progress)
{
    auto reader = PackReader::open(path);
    if (!reader)
        return reader.error();
    if (progress)
        progress->setPhase("checking", Progress::Unit::Bytes, QFileInfo(path).size());
    ValidationSummary s;
    s.packId = (*reader)->header().id;
    const DialectRegistry dialects = packDialects((*reader)->header());
    for (const QString &d : (*reader)->header().dialects)
        if (!dialects.resolve(d) && d != QLatin1String("unspecified") && d != QLatin1String("en")
            && d != QLatin1String("english"))
            s.unknownDialects << d;
    QHash<QString, qint64> firstLineOfId;
    for (;;) {
        auto next = (*reader)->next();
        if (!next)
            return next.error();
        if (!next->has_value())
            break;
        if (progress) {
            if (progress->cancelled())
                return Error::cancelled(Progress::cancelledMessage());
            progress->setDone((*reader)->bytesRead());
        }
        const ItemRecord &r = **next;
        if (const auto it = firstLineOfId.constFind(r.item.id); it != firstLineOfId.cend())
            return Error::validation(QStringLiteral("%1:%2: field \"id\": duplicate item id \"%3\" (first on line %4)")
                                         .arg(path)
                                         .arg(r.lineNumber)
                                         .arg(r.item.id)
                                         .arg(*it));
        firstLineOfId.insert(r.item.id, r.lineNumber);
        ++s.items;
        s.candidates += r.item.candidates.size();
    }
    if (s.items == 0)
        return Error::validation(QStringLiteral("%1: the pack has a header but no items").arg(path));
    s.bytes = (*reader)->bytesRead();
    if (progress)
        progress->setDone(s.bytes);
    if (summary)
        *summary = s;
    return {};
}

} // namespace majlis::pack
