#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include "pack/builder.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

// The readers behind buildPack, one per input format. Internal to majlis_pack.
namespace majlis::pack::build {

// One model's answer to one prompt, as read from any input format.
struct Answer
{
    QString promptId;
    QList<Turn> conversation;  // what the model answered; usually one user turn
    QString model, output, category, dialect;
    QString where;  // FILE:LINE or FILE: record N, for messages
};

// Answers grouped by prompt id, in the order prompts and models first appear.
class AnswerSet
{
public:
    struct Group
    {
        QList<Answer> answers;  // never empty; the first one's prompt, category and dialect count
    };

    // Refuses a prompt id whose prompt differs from an earlier answer's, and a model answering a
    // prompt twice. An empty output is counted and left out.
    Status add(Answer answer, BuildReport &report);
    // Judgment files repeat a model's answer in every record that judges it: the same answer again
    // is then skipped (another answer from the same model to the same prompt is still refused).
    void allowRepeatedAnswers() { m_repeatsAllowed = true; }
    const QList<Group> &groups() const { return m_groups; }

private:
    QList<Group> m_groups;
    QHash<QString, qsizetype> m_index;
    bool m_repeatsAllowed = false;
};

// The whole file, a UTF-8 BOM dropped; a UTF-16 or NUL-holding file is refused with a hint.
Result<QByteArray> readInputFile(const QString &path);
// A scalar as text: ids are often numbers. Integers are kept exactly (signed or unsigned 64-bit);
// other numbers as the shortest text that reads back as the same double, so two different
// numbers never become the same id. Null and absent are empty; nullopt for arrays/objects.
std::optional<QString> scalarText(const nlohmann::json &v);
// The text of obj[key] (empty when absent), or an error naming `where` and the field.
Result<QString> textField(const nlohmann::json &obj, const char *key, const QString &where);
// Each non-blank line of JSON Lines `bytes`, which must be an object; `where` is FILE:LINE.
using JsonLineVisitor = std::function<Status(const nlohmann::json &value, const QString &where)>;
Status forEachJsonLine(const QByteArray &bytes, const QString &path, const JsonLineVisitor &visit);

// The records of a CSV or TSV file: `header` gets the first row (the column names), `visit` every
// other row, which must have as many fields; `where` is FILE:LINE. An empty file is an error.
using CsvRecordVisitor = std::function<Status(const QStringList &fields, const QString &where)>;
Status forEachCsvRecord(const QByteArray &bytes, const QString &path, char delimiter,
                        const std::function<Status(const QStringList &header)> &header, const CsvRecordVisitor &visit);

Status readLong(const QString &path, const ColumnMapping &mapping, AnswerSet &answers, BuildReport &report);
// `promptIds` numbers instructions across all files of one build.
Status readAlpacaEval(const QString &path, QHash<QString, QString> &promptIds, AnswerSet &answers, BuildReport &report);
Status readMtBench(const QStringList &inputs, const BuildOptions &options, AnswerSet &answers, BuildReport &report);
// The answers of a judgment file (PandaLM, MT-Bench human judgments, Arena conversations).
Status readJudgedAnswers(InputFormat format, const QString &path, AnswerSet &answers, BuildReport &report);

} // namespace majlis::pack::build
