#pragma once
// Reads the payload field tables of docs/formats.md ("#### Payload of `kind`…"), so that tests
// hold the page and the code together.
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace majlis::testing {

struct DocumentedPayload
{
    QString heading;  // the text after "#### "
    QString kind;     // the first `name` in the heading
    QSet<QString> fields;
    QList<QByteArray> examples;  // the ```json blocks of the section
};

inline QList<DocumentedPayload> documentedPayloads(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<DocumentedPayload> out;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    static const QRegularExpression heading(QStringLiteral("^#### Payload of `([a-z_]+)`"));
    static const QRegularExpression row(QStringLiteral("^\\| `([^`]+)` \\|"));
    DocumentedPayload *current = nullptr;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.startsWith(QLatin1String("#"))) {
            current = nullptr;
            if (const auto m = heading.match(line); m.hasMatch()) {
                out.append({line.mid(5), m.captured(1), {}, {}});
                current = &out.last();
            }
            continue;
        }
        if (!current)
            continue;
        if (const auto m = row.match(line); m.hasMatch())
            current->fields.insert(m.captured(1));
        if (line == QLatin1String("```json")) {
            QByteArray block;
            for (++i; i < lines.size() && lines[i] != QLatin1String("```"); ++i)
                block += lines[i].toUtf8() + '\n';
            current->examples.append(block);
        }
    }
    return out;
}

// The fields of a payload in the notation of the tables: "placement.seed", "masking.a[].start".
inline void flattenFields(const nlohmann::json &j, const QString &prefix, QSet<QString> &out)
{
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            const QString path = prefix.isEmpty() ? QString::fromStdString(it.key())
                                                  : prefix + QLatin1Char('.') + QString::fromStdString(it.key());
            out.insert(path);
            flattenFields(it.value(), path, out);
        }
    } else if (j.is_array()) {
        for (const auto &element : j)
            flattenFields(element, prefix + QStringLiteral("[]"), out);
    }
}

inline QSet<QString> flattenFields(const nlohmann::json &j)
{
    QSet<QString> out;
    flattenFields(j, {}, out);
    return out;
}

}  // namespace majlis::testing
