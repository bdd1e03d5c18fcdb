#pragma once

#include <QString>
#include <QStringList>

#include <optional>

#include "common/result.h"
#include "model/pack.h"

namespace majlis::pack {

// `majlisctl pack build`: a pack from what coordinators already have.
enum class InputFormat {
    Long,        // one row per (prompt, model, output): JSONL or CSV
    AlpacaEval,  // AlpacaEval model_outputs.json, one file per model
    MtBench,     // FastChat MT-Bench model_answer/*.jsonl, with question.jsonl
};
std::optional<InputFormat> inputFormatFromString(const QString &name);

// Which column holds what, for the long format. Empty: recognise the common names.
struct ColumnMapping
{
    QString promptId, prompt, model, output, category, dialect;
};
// field: prompt_id | prompt | model | output | category | dialect
Status setMapping(ColumnMapping &mapping, const QString &field, const QString &column);

struct BuildOptions
{
    QString packId;          // default: from the output file name
    QString title;           // default: the pack id
    QStringList dialects;    // default: the dialects found in the data
    QString defaultDialect;  // for rows that name none
    RevealPolicy reveal = RevealPolicy::AfterVote;
    ColumnMapping mapping;
    QString questionFile;    // mt_bench: question.jsonl with the prompts
};

struct BuildReport
{
    qint64 rows = 0;          // answers read
    qint64 items = 0;         // items written
    qint64 models = 0;
    qint64 droppedItems = 0;  // prompts with fewer than two answers, left out
    QStringList notes;        // what a coordinator should know (e.g. MT-Bench turn 2 left out)
};

// Reads every input, groups answers by prompt, writes the pack atomically to `output` and
// validates what it wrote.
Result<BuildReport> buildPack(InputFormat format, const QStringList &inputs, const QString &output,
                              const BuildOptions &options);

} // namespace majlis::pack
