#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <vector>

#include "common/result.h"

namespace majlis::pack {

// What a long-format row holds. The first four are required.
enum class Column { PromptId, Prompt, Model, Output, Category, Dialect };
constexpr int kColumnCount = 6;

// The option name of a column ("prompt_id", "prompt", …), as `--map` takes it.
QString columnName(Column column);
// The names real files use for a column, in the order they are tried.
const QStringList &commonNames(Column column);

// Which input column holds what. An empty entry means: recognise one of the common names.
struct ColumnMapping
{
    QString promptId, prompt, model, output, category, dialect;

    const QString &operator[](Column column) const;
    QString &operator[](Column column);
};
// `field` is a columnName(); the mapping for it becomes `column`.
Status setMapping(ColumnMapping &mapping, const QString &field, const QString &column);

// Where each column sits among `columns` (a CSV header row or a JSON object's keys); -1 when an
// optional column is absent. The mapping wins over the common names; names match without regard
// to case or surrounding spaces. A missing required column is an error naming `where` and
// listing the columns found.
struct ColumnIndexes
{
    std::array<qsizetype, kColumnCount> index{-1, -1, -1, -1, -1, -1};
    qsizetype operator[](Column column) const { return index[size_t(column)]; }
};
// What is left of a name for matching: letters and digits, lower case. "Prompt Text",
// "prompt-text", "promptText" and "PROMPT_TEXT" are one name to a coordinator, and to us.
QString matchKey(const QString &name);

// The column called `name`: the same text but for case and surrounding spaces first, then the same
// letters and digits ("Prompt Text" is "prompt_text"); -1 when none is, or when the only match is
// a column already `taken`.
qsizetype findColumn(const QStringList &columns, const QString &name, const std::vector<bool> &taken);

Result<ColumnIndexes> resolveColumns(const QStringList &columns, const ColumnMapping &mapping, const QString &where);

} // namespace majlis::pack
