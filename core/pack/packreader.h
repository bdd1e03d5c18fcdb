#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <memory>
#include <optional>

#include "common/progress.h"
#include "common/result.h"
#include "model/pack.h"
#include "pack/limits.h"
#include "pack/packparse.h"
#include "pack/packwriter.h"

namespace majlis::pack {

struct ItemRecord
{
    Item item;
    QByteArray rawLine;  // the line as read, without its line end (and without a leading BOM)
    qint64 lineNumber = 0;
};

struct ValidationSummary
{
    QString packId;
    qint64 items = 0;
    qint64 candidates = 0;
    qint64 bytes = 0;
    // The header's dialects its dialect registry does not know (shown and sliced as written);
    // "unspecified" and the language codes "en"/"english" are not varieties and not listed.
    QStringList unknownDialects;
};


// Reads a task pack one line at a time: the header when opened, then one item per next().
// Holds one item and one read buffer (1 MiB) at a time, whatever the size of the pack. Blank
// lines are skipped but counted, so line numbers are what an editor shows.
class PackReader
{
public:
    // A line longer than this stops the reading: no real item is that long, and it bounds memory.
    static constexpr qsizetype kMaxLineBytes = MaxItemBytes;

    static Result<std::unique_ptr<PackReader>> open(const QString &path);
    // `device` must be open for reading and deliver all its bytes without waiting (a file, a
    // QBuffer); `displayName` stands for it in messages.
    static Result<std::unique_ptr<PackReader>> open(std::unique_ptr<QIODevice> device, const QString &displayName);
    Q_DISABLE_COPY_MOVE(PackReader)
    ~PackReader();

    const PackHeader &header() const { return m_header; }
    const QByteArray &headerLine() const { return m_headerLine; }

    // The next item, validated against the header; nullopt at the end of the file. Ids are not
    // checked for uniqueness here (that needs the whole file): see validateFile.
    Result<std::optional<ItemRecord>> next();
    qint64 bytesRead() const { return m_bytesRead; }

    // Pairs an import keeps per item (0: all): what counts against maxPairsPerPack.
    void setPairBudget(int pairsPerItem) { m_pairBudget = pairsPerItem; }
    qint64 pairs() const { return m_pairs; }

private:
    PackReader(std::unique_ptr<QIODevice> device, QString displayName);
    Result<bool> nextLine(QByteArray &line);  // the next non-blank line; false at the end
    Result<bool> rawLine(QByteArray &line);   // the next line, blank or not
    Status readHeader();

    std::unique_ptr<QIODevice> m_device;
    QString m_name;
    PackHeader m_header;
    QByteArray m_headerLine;
    QByteArray m_buffer;
    qsizetype m_pos = 0;  // first unread byte of m_buffer
    bool m_deviceAtEnd = false;
    qint64 m_line = 0;
    qint64 m_bytesRead = 0;
    PackLimits m_limits;
    int m_pairBudget = 0;
    qint64 m_pairs = 0;
};

// Reads the whole file once: header, every item, duplicate ids (one id per item is kept, no
// items). A pack with a header and no items is refused. Stores nothing.
// `progress`, when given, counts the bytes read against the file's size; cancel() stops the check.
Status validateFile(const QString &path, ValidationSummary *summary = nullptr, Progress *progress = nullptr);

} // namespace majlis::pack
