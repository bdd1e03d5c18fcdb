#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

#include "common/result.h"
#include "model/event.h"
#include "model/pack.h"
#include "model/payloads.h"

namespace majlis::pack {

// Human judgments that other evaluations made and published, as `majlisctl votes import` takes
// them in and `pack build` makes their packs (docs/formats.md, "Judgments from elsewhere").
enum class JudgmentFormat {
    Arena,         // Chatbot Arena battle records with `judge` (JSON Lines or a JSON array)
    PandaLm,       // PandaLM's testset: `response1`/`response2`, `annotator1..3` (a JSON array)
    MtBenchHuman,  // MT-Bench human judgments: question_id, model_a, model_b, winner, judge, turn
    Long,          // one row per judgment: prompt, two answers (or models), judge, choice (CSV, TSV, JSON Lines)
};
std::optional<JudgmentFormat> judgmentFormatFromString(const QString &name);  // arena | pandalm | mt-bench-human | long
QString toString(JudgmentFormat format);
QStringList judgmentFormatNames();

// Two answers a source had judged, as it recorded them. "A" and "B" are the source's own order
// (model_a/model_b, response1/response2), never a comparison's.
struct JudgedPair
{
    QString where;   // FILE:LINE, or FILE: record N, for messages
    QString record;  // the source's own key for the pair (the same on every read of the file)
    // The item a pack built from this file gives the pair, and what it holds; an empty item id:
    // find the item by its prompt.
    QString itemId;
    QList<Turn> conversation;
    QString category;
    // A model may be empty (the source names none: the candidate is found by its answer), an
    // answer too (the source carries none: it is found by its model).
    QString modelA, modelB;
    QString outputA, outputB;
    // What the source records of the screen: whether A came first, and on which side. PandaLM
    // and MT-Bench show A first and record no side; the Arena shows model_a on the left.
    bool aShownFirst = true;
    std::optional<Side> aSide;
};

// One judge's verdict on one pair.
struct ExternalJudgment
{
    std::size_t pair = 0;  // index into JudgmentFile::pairs
    QString judge;         // as the source names the person
    VoteOutcome outcome = VoteOutcome::Tie;  // in the pair's terms: A is modelA/outputA
    QString where;
};

struct JudgmentFile
{
    std::vector<JudgedPair> pairs;
    std::vector<ExternalJudgment> judgments;
    QStringList notes;  // what a coordinator should know about the file, a sentence each
};

// The columns of a long judgment file, when the recognised names do not fit (--map FIELD=COLUMN;
// FIELD: prompt_id, prompt, model_a, model_b, output_a, output_b, judge, choice, category).
struct JudgmentColumns
{
    QString promptId, prompt, modelA, modelB, outputA, outputB, judge, choice, category;
};
Status setJudgmentMapping(JudgmentColumns &columns, const QString &field, const QString &column);

// Reads a whole file. Every problem is an error naming the file and line (or record) and the
// field; a file in another evaluation's shape than `format` says which --from reads it.
Result<JudgmentFile> readJudgments(JudgmentFormat format, const QString &path, const JudgmentColumns &columns = {});
// The same for a file's bytes already read (a UTF-8 BOM dropped); `name` is the file in messages.
Result<JudgmentFile> parseJudgments(JudgmentFormat format, const QByteArray &bytes, const QString &name,
                                    const JudgmentColumns &columns = {});

// A choice as people write it: a, b, model_a, response 2, tie, both bad, tie (bothbad) …, without
// regard to case, spaces or punctuation; nullopt when it is none of them.
std::optional<VoteOutcome> choiceFromText(const QString &text);

// A candidate's answer when it is a whole exchange (a follow-up after the first answer): each
// answer in turn, as FastChat's multi-turn judge and the Arena's voter saw it.
QString exchangeOutput(const QStringList &answers);

} // namespace majlis::pack
