#pragma once

#include <QString>
#include <QStringList>

#include "common/result.h"
#include "pack/judgments.h"
#include "store/eventstore.h"

namespace majlis::session {

// `majlisctl votes import`: the judgments of another evaluation into the store, as votes
// authored by their judges, matched to the items of a pack built from the same data
// (docs/formats.md, "Judgments from elsewhere").
struct JudgmentImportOptions
{
    QString packId;              // the pack the judgments were made on (it must be in the store)
    bool skipUnmatched = false;  // store the judgments that match and report the others
};

struct JudgmentImportReport
{
    QString packId;
    qint64 judgments = 0;      // read from the file
    qint64 imported = 0;       // new votes stored
    qint64 alreadyStored = 0;  // imported before (the same source, record and judge)
    qint64 repeated = 0;       // the same judge on the same pair again in the file: the last one counts
    qint64 unmatched = 0;      // no item, candidate or comparison of the pack fits
    QStringList unmatchedExamples;  // the first few, "WHERE: why"
    QStringList judges;        // the annotators the votes are authored by, sorted
};

// The annotator an imported judge becomes: "SOURCE:JUDGE" (pandalm:annotator1,
// mt-bench-human:expert_7), never to be taken for a person of this project.
QString importedAnnotator(pack::JudgmentFormat source, const QString &judge);

// Every judgment becomes a vote whose selection is "imported" (model/payloads.h: ImportedFrom),
// with the order and side the source records and nothing more: none feeds the position bias.
// All of them are stored in one transaction, or none: a judgment that matches no comparison of
// the pack refuses the whole file (naming the first few and why) unless skipUnmatched.
Result<JudgmentImportReport> importJudgments(store::EventStore &store, pack::JudgmentFormat source,
                                             const pack::JudgmentFile &file, const JudgmentImportOptions &options);

} // namespace majlis::session
