#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

#include "common/result.h"
#include "model/pack.h"

namespace majlis::pack {

struct ItemRecord
{
    Item item;
    QByteArray rawLine;  // the line as read, without its line end
    qint64 lineNumber = 0;
};

struct ValidationSummary
{
    QString packId;
    qint64 items = 0;
    qint64 candidates = 0;
};

// Reads a task pack one line at a time: the header when opened, then one item per next().
// Never holds more than one item; every error names the file, the line and the field.
class PackReader
{
public:
    static Result<std::unique_ptr<PackReader>> open(const QString &path);
    static Result<std::unique_ptr<PackReader>> open(std::unique_ptr<QIODevice> device, const QString &displayName);
    Q_DISABLE_COPY_MOVE(PackReader)
    ~PackReader();

    const PackHeader &header() const { return m_header; }
    const QByteArray &headerLine() const { return m_headerLine; }

    // The next item, validated against the header; nullopt at the end of the file.
    Result<std::optional<ItemRecord>> next();
    qint64 bytesRead() const { return m_bytesRead; }

private:
    PackReader(std::unique_ptr<QIODevice> device, QString displayName);
    Result<bool> readLine(QByteArray &line);  // false at end of file
    Status readHeader();

    std::unique_ptr<QIODevice> m_device;
    QString m_name;
    PackHeader m_header;
    QByteArray m_headerLine;
    qint64 m_line = 0;
    qint64 m_bytesRead = 0;
};

// Parses one header or item line. `where` is "FILE:LINE" (or any label) for messages.
Result<PackHeader> parseHeader(const QByteArray &line, const QString &where);
Result<Item> parseItem(const QByteArray &line, const PackHeader &header, const QString &where);
// The same for stored lines; `line` only feeds the message.
inline Result<Item> parseItem(const QByteArray &bytes, const PackHeader &header, const QString &file, qint64 line)
{
    return parseItem(bytes, header, QStringLiteral("%1:%2").arg(file).arg(line));
}

// Reads the whole file once: header, every item, duplicate ids. Stores nothing.
Status validateFile(const QString &path, ValidationSummary *summary = nullptr);

// Writes a pack in canonical form, atomically (the target appears complete or not at all).
Status writePack(const QString &path, const PackHeader &header, const QList<Item> &items);

} // namespace majlis::pack
