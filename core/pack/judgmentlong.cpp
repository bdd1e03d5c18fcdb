// The long judgment format (pack/judgments.h): one row per judgment, CSV, TSV or JSON Lines, its
// columns recognised by their common names as `pack build --from long` recognises answers.
#include "pack/judgmentread.h"

#include "common/json.h"
#include "pack/buildinputs.h"
#include "pack/columns.h"

#include <QCryptographicHash>
#include <QFileInfo>

#include <array>

namespace majlis::pack {

namespace {

using nlohmann::json;

enum Field { FPromptId, FPrompt, FModelA, FModelB, FOutputA, FOutputB, FJudge, FChoice, FCategory, FieldCount };

const char *fieldName(int f)
{
    static constexpr std::array<const char *, FieldCount> names{"prompt_id", "prompt", "model_a", "model_b", "output_a",
                                                                "output_b",  "judge",  "choice",  "category"};
    return names[size_t(f)];
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *n : list)
        out << QLatin1String(n);
    return out;
}

// Matched by letters and digits only: "Response A" finds response_a.
const QStringList &judgmentNames(int f)
{
    static const std::array<QStringList, FieldCount> all{
        commonNames(Column::PromptId),
        commonNames(Column::Prompt),
        names({"model_a", "model_1", "model1", "system_a", "generator_a", "model_a_name"}),
        names({"model_b", "model_2", "model2", "system_b", "generator_b", "model_b_name"}),
        names({"output_a", "response_a", "answer_a", "completion_a", "generation_a", "text_a", "output_1", "output1",
               "response_1", "response1", "answer_1", "answer1"}),
        names({"output_b", "response_b", "answer_b", "completion_b", "generation_b", "text_b", "output_2", "output2",
               "response_2", "response2", "answer_2", "answer2"}),
        names({"judge", "judge_id", "annotator", "annotator_id", "rater", "rater_id", "labeler", "labeller", "worker_id",
               "worker", "evaluator", "user_id", "user"}),
        names({"choice", "winner", "preference", "preferred", "verdict", "vote", "label", "result", "better"}),
        commonNames(Column::Category),
    };
    return all[size_t(f)];
}

QString &slot(JudgmentColumns &c, int f)
{
    std::array<QString *, FieldCount> slots{&c.promptId, &c.prompt, &c.modelA,  &c.modelB,  &c.outputA,
                                            &c.outputB,  &c.judge,  &c.choice, &c.category};
    return *slots[size_t(f)];
}

using Indexes = std::array<qsizetype, FieldCount>;

Result<Indexes> resolve(const QStringList &columns, JudgmentColumns mapping, const QString &where)
{
    Indexes at;
    at.fill(-1);
    std::vector<bool> taken(size_t(columns.size()), false);
    const QString found = columns.join(QStringLiteral(", "));
    for (int f = 0; f < FieldCount; ++f) {
        if (const QString &mapped = slot(mapping, f); !mapped.isEmpty()) {
            at[size_t(f)] = findColumn(columns, mapped, taken);
            if (at[size_t(f)] < 0)
                return Error::validation(QStringLiteral("%1: the column \"%2\" mapped to %3 is not there; the columns are: %4")
                                             .arg(where, mapped, QLatin1String(fieldName(f)), found));
            taken[size_t(at[size_t(f)])] = true;
        }
    }
    for (int f = 0; f < FieldCount; ++f) {
        if (at[size_t(f)] >= 0)
            continue;
        for (const QString &name : judgmentNames(f))
            if ((at[size_t(f)] = findColumn(columns, name, taken)) >= 0) {
                taken[size_t(at[size_t(f)])] = true;
                break;
            }
    }
    // Every missing role at once: a judge, a choice, the prompt (by id or text), and each answer
    // (by model or text).
    QStringList missing, map;
    const auto need = [&](std::initializer_list<int> anyOf) {
        for (int f : anyOf)
            if (at[size_t(f)] >= 0)
                return;
        QStringList roles;
        for (int f : anyOf)
            roles << QStringLiteral("%1 (looked for %2)").arg(QLatin1String(fieldName(f)), judgmentNames(f).join(QStringLiteral(", ")));
        missing << roles.join(QStringLiteral(" or "));
        map << QStringLiteral("--map %1=COLUMN").arg(QLatin1String(fieldName(*anyOf.begin())));
    };
    need({FJudge});
    need({FChoice});
    need({FPromptId, FPrompt});
    need({FOutputA, FModelA});
    need({FOutputB, FModelB});
    if (!missing.isEmpty())
        return Error::validation(QStringLiteral("%1: no column for %2; the columns are: %3; say which column holds what, e.g. %4")
                                     .arg(where, missing.join(QStringLiteral("; ")), found, map.join(QLatin1Char(' '))));
    return at;
}

// One row's fields by role, as text.
using Row = std::array<QString, FieldCount>;

Status addRow(const Row &row, const Indexes &at, const QString &where, JudgmentFile &out)
{
    const auto columnOf = [&](int f) { return at[size_t(f)]; };
    JudgedPair pair;
    pair.where = where;
    pair.itemId = row[FPromptId].trimmed();
    if (!row[FPrompt].trimmed().isEmpty())
        pair.conversation = {Turn{QStringLiteral("user"), row[FPrompt]}};
    if (pair.itemId.isEmpty() && pair.conversation.isEmpty())
        return Error::validation(QStringLiteral("%1: the prompt is empty (field \"%2\")")
                                     .arg(where, QLatin1String(fieldName(columnOf(FPrompt) >= 0 ? FPrompt : FPromptId))));
    pair.category = row[FCategory];
    pair.modelA = row[FModelA].trimmed();
    pair.modelB = row[FModelB].trimmed();
    pair.outputA = row[FOutputA];
    pair.outputB = row[FOutputB];
    for (auto [model, output, name] : {std::tuple{&pair.modelA, &pair.outputA, "a"}, std::tuple{&pair.modelB, &pair.outputB, "b"}})
        if (model->isEmpty() && output->trimmed().isEmpty())
            return Error::validation(QStringLiteral("%1: answer %2 has neither a model nor a text").arg(where, QLatin1String(name)));
    const QString judge = row[FJudge].trimmed();
    if (judge.isEmpty())
        return Error::validation(QStringLiteral("%1: the judge is empty (field \"%2\")").arg(where, QLatin1String(fieldName(FJudge))));
    const std::optional<VoteOutcome> outcome = choiceFromText(row[FChoice]);
    if (!outcome)
        return Error::validation(QStringLiteral("%1: the choice \"%2\" is none of a, b, tie, both bad (model_a, response 1, "
                                                "winner names like those are read too)")
                                     .arg(where, row[FChoice].left(40)));
    // The file has no key of its own for a pair: its content is the key, so that rows moved or
    // added between two imports are still recognised.
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString &part : {pair.itemId, row[FPrompt], pair.modelA, pair.modelB, pair.outputA, pair.outputB}) {
        h.addData(part.toUtf8());
        h.addData(QByteArrayView("\x1f", 1));
    }
    pair.record = QStringLiteral("sha256:") + QString::fromLatin1(h.result().toHex().left(16));
    out.pairs.push_back(std::move(pair));
    out.judgments.push_back(ExternalJudgment{out.pairs.size() - 1, judge, *outcome, where});
    return {};
}

Status readCsvJudgments(const QByteArray &bytes, const QString &path, char delimiter, const JudgmentColumns &columns,
                        JudgmentFile &out)
{
    Indexes at;
    return build::forEachCsvRecord(
        bytes, path, delimiter,
        [&](const QStringList &header) -> Status {
            auto resolved = resolve(header, columns, path);
            if (!resolved)
                return resolved.error();
            at = *resolved;
            return {};
        },
        [&](const QStringList &fields, const QString &where) {
            Row row;
            for (int f = 0; f < FieldCount; ++f)
                if (at[size_t(f)] >= 0)
                    row[size_t(f)] = fields[at[size_t(f)]];
            return addRow(row, at, where, out);
        });
}

Status readJsonLinesJudgments(const QByteArray &bytes, const QString &path, const JudgmentColumns &columns, JudgmentFile &out)
{
    return build::forEachJsonLine(bytes, path, [&](const json &record, const QString &where) -> Status {
        QStringList keys;
        for (auto it = record.begin(); it != record.end(); ++it)
            keys << toQString(it.key());
        auto at = resolve(keys, columns, where);
        if (!at)
            return at.error();
        Row row;
        for (int f = 0; f < FieldCount; ++f) {
            if ((*at)[size_t(f)] < 0)
                continue;
            auto text = build::textField(record, keys[(*at)[size_t(f)]].toUtf8().constData(), where);
            if (!text)
                return text.error();
            row[size_t(f)] = *text;
        }
        return addRow(row, *at, where, out);
    });
}

} // namespace

Status setJudgmentMapping(JudgmentColumns &columns, const QString &field, const QString &column)
{
    for (int f = 0; f < FieldCount; ++f)
        if (field == QLatin1String(fieldName(f)) && !column.isEmpty()) {
            slot(columns, f) = column;
            return {};
        }
    QStringList all;
    for (int f = 0; f < FieldCount; ++f)
        all << QLatin1String(fieldName(f));
    return Error::validation(QStringLiteral("a column mapping is FIELD=COLUMN with FIELD one of %1 (got \"%2=%3\")")
                                 .arg(all.join(QStringLiteral(", ")), field, column));
}

namespace judgments {

Status readLongJudgments(const QByteArray &bytes, const QString &path, const JudgmentColumns &columns, JudgmentFile &out)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool jsonLines = suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json")
                           || (suffix != QLatin1String("csv") && suffix != QLatin1String("tsv") && bytes.trimmed().startsWith('{'));
    if (jsonLines)
        return readJsonLinesJudgments(bytes, path, columns, out);
    return readCsvJudgments(bytes, path, suffix == QLatin1String("tsv") ? '\t' : ',', columns, out);
}

} // namespace judgments

} // namespace majlis::pack
