#pragma once

#include <QString>
#include <QStringList>

#include <optional>

#include "common/progress.h"
#include "common/result.h"
#include "model/pack.h"
#include "pack/columns.h"

namespace majlis::pack {

// `majlisctl pack build`: a pack from what coordinators already have (docs/formats.md,
// "Building a pack").
enum class InputFormat {
    Long,        // one row per (prompt, model, output): JSONL, CSV or TSV
    AlpacaEval,  // AlpacaEval model_outputs.json, one file per model
    MtBench,     // FastChat MT-Bench model_answer/*.jsonl, with question.jsonl
    // Judgment files that carry the answers they judged (pack/judgments.h): the pack their votes
    // import into (`majlisctl votes import`), with the items the import looks for.
    PandaLm,       // PandaLM's testset-v1.json: one item per record
    MtBenchHuman,  // MT-Bench human judgments with conversations: <question_id>-t1 and -t2
    Arena,         // Chatbot Arena conversations: one item per battle (question_id)
};
// long | alpaca_eval | mt_bench | pandalm | mt-bench-human | arena
std::optional<InputFormat> inputFormatFromString(const QString &name);

struct BuildOptions
{
    QString packId;          // default: from the output file name
    QString title;           // default: the pack id
    QStringList dialects;    // default: the dialects found in the data (or "unspecified")
    RevealPolicy reveal = RevealPolicy::AfterVote;
    QString defaultDialect;  // for rows that name none
    // Every dialect code (of the rows, --dialects and --default-dialect) known to the dialect
    // registry is written as the registry's id ("egy", "arz", "EG" -> "egyptian"); the report
    // says which codes were mapped and which the registry does not know.
    // The guidelines per language, read from Markdown files (--guidelines, --guidelines-ar); a
    // language without a file gets Majlis' default text in English and Arabic.
    QMap<QString, QString> guidelineFiles;  // language -> file
    // --labels: a JSON file {"categories": {id: {language: label}}} naming the categories in
    // more languages than the data does.
    QString labelsFile;
    ColumnMapping mapping;   // long: overrides the recognised column names
    QString questionFile;    // mt_bench: question.jsonl (else found among the inputs)
    bool secondTurns = false;  // mt_bench: also one item per second turn (see the docs for how)
    bool replaceExisting = false;  // an existing output is refused unless this is set (--force)
    Progress *progress = nullptr;  // "reading" (bytes, by whole files), then "checking" (items)
};

struct BuildReport
{
    qint64 answers = 0;        // answers read (rows, records)
    qint64 items = 0;          // items written
    qint64 models = 0;
    qint64 droppedItems = 0;   // prompts with fewer than two answers, left out
    QStringList droppedIds;    // their prompt ids
    qint64 emptyAnswers = 0;   // answers with an empty output, left out
    QStringList notes;         // anything else a coordinator should know, one sentence each
};

// Reads every input, groups the answers by prompt, writes the pack atomically to `output` in
// canonical form and validates what it wrote.
Result<BuildReport> buildPack(InputFormat format, const QStringList &inputs, const QString &output,
                              const BuildOptions &options);

} // namespace majlis::pack
