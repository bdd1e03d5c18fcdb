#include "pack/columns.h"

#include <vector>

namespace majlis::pack {

namespace {

constexpr std::array<Column, kColumnCount> kAllColumns{Column::PromptId, Column::Prompt,   Column::Model,
                                                       Column::Output,   Column::Category, Column::Dialect};

} // namespace

QString matchKey(const QString &name)
{
    QString key;
    key.reserve(name.size());
    for (const QChar ch : name)
        if (ch.isLetterOrNumber())
            key += ch.toLower();
    return key;
}

qsizetype findColumn(const QStringList &columns, const QString &name, const std::vector<bool> &taken)
{
    for (qsizetype c = 0; c < columns.size(); ++c)
        if (!taken[size_t(c)] && columns[c].trimmed().compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return c;
    const QString key = matchKey(name);
    if (key.isEmpty())
        return -1;
    for (qsizetype c = 0; c < columns.size(); ++c)
        if (!taken[size_t(c)] && matchKey(columns[c]) == key)
            return c;
    return -1;
}

namespace {

// The words of a column name, lower case: "promptText", "prompt_text" and "Prompt Text" are
// "prompt" and "text".
QStringList nameWords(const QString &name)
{
    QStringList words;
    QString word;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar ch = name[i];
        const bool boundary = !ch.isLetterOrNumber() || (ch.isUpper() && i > 0 && name[i - 1].isLower());
        if (boundary && !word.isEmpty()) {
            words << word;
            word.clear();
        }
        if (ch.isLetterOrNumber())
            word += ch.toLower();
    }
    if (!word.isEmpty())
        words << word;
    return words;
}

// Words that say what a column the common names missed may hold, for the suggested --map line.
const QStringList &hintWords(Column column)
{
    static const std::array<QStringList, kColumnCount> words{
        QStringList{QStringLiteral("id"), QStringLiteral("key"), QStringLiteral("idx")},
        QStringList{QStringLiteral("prompt"), QStringLiteral("question"), QStringLiteral("instruction"),
                    QStringLiteral("input"), QStringLiteral("query"), QStringLiteral("request")},
        QStringList{QStringLiteral("model"), QStringLiteral("system"), QStringLiteral("generator"), QStringLiteral("llm")},
        QStringList{QStringLiteral("output"), QStringLiteral("response"), QStringLiteral("answer"), QStringLiteral("reply"),
                    QStringLiteral("completion"), QStringLiteral("generation")},
        QStringList{}, QStringList{},
    };
    return words[size_t(column)];
}

} // namespace

QString columnName(Column column)
{
    switch (column) {
    case Column::PromptId: return QStringLiteral("prompt_id");
    case Column::Prompt: return QStringLiteral("prompt");
    case Column::Model: return QStringLiteral("model");
    case Column::Output: return QStringLiteral("output");
    case Column::Category: return QStringLiteral("category");
    case Column::Dialect: return QStringLiteral("dialect");
    }
    return {};
}

const QStringList &commonNames(Column column)
{
    // Matched by letters and digits only (matchKey): "prompt_text" also finds "Prompt Text".
    static const std::array<QStringList, kColumnCount> names{
        QStringList{QStringLiteral("prompt_id"), QStringLiteral("question_id"), QStringLiteral("instruction_id"),
                    QStringLiteral("id"), QStringLiteral("qid"), QStringLiteral("item_id"), QStringLiteral("example_id"),
                    QStringLiteral("sample_id"), QStringLiteral("task_id")},
        QStringList{QStringLiteral("prompt"), QStringLiteral("prompt_text"), QStringLiteral("instruction"),
                    QStringLiteral("question"), QStringLiteral("question_text"), QStringLiteral("input"),
                    QStringLiteral("input_text"), QStringLiteral("query"), QStringLiteral("user_prompt")},
        QStringList{QStringLiteral("model"), QStringLiteral("model_id"), QStringLiteral("model_name"),
                    QStringLiteral("generator"), QStringLiteral("system"), QStringLiteral("system_name")},
        QStringList{QStringLiteral("output"), QStringLiteral("output_text"), QStringLiteral("response"),
                    QStringLiteral("response_text"), QStringLiteral("answer"), QStringLiteral("answer_text"),
                    QStringLiteral("completion"), QStringLiteral("generation"), QStringLiteral("model_output"),
                    QStringLiteral("text")},
        QStringList{QStringLiteral("category"), QStringLiteral("task"), QStringLiteral("type"), QStringLiteral("domain")},
        QStringList{QStringLiteral("dialect"), QStringLiteral("variety"), QStringLiteral("language"), QStringLiteral("lang")},
    };
    return names[size_t(column)];
}

template <typename Mapping>
static auto &slot(Mapping &m, Column column)
{
    switch (column) {
    case Column::PromptId: return m.promptId;
    case Column::Prompt: return m.prompt;
    case Column::Model: return m.model;
    case Column::Output: return m.output;
    case Column::Category: return m.category;
    case Column::Dialect: return m.dialect;
    }
    return m.promptId;
}

const QString &ColumnMapping::operator[](Column column) const
{
    return slot(*this, column);
}

QString &ColumnMapping::operator[](Column column)
{
    return slot(*this, column);
}

Status setMapping(ColumnMapping &mapping, const QString &field, const QString &column)
{
    for (Column c : kAllColumns) {
        if (field == columnName(c) && !column.isEmpty()) {
            mapping[c] = column;
            return {};
        }
    }
    return Error::validation(QStringLiteral("a column mapping is FIELD=COLUMN with FIELD one of prompt_id, prompt, model, "
                                            "output, category, dialect (got \"%1=%2\")")
                                 .arg(field, column));
}

Result<ColumnIndexes> resolveColumns(const QStringList &columns, const ColumnMapping &mapping, const QString &where)
{
    ColumnIndexes out;
    std::vector<bool> taken(size_t(columns.size()), false);
    const QString found = columns.join(QStringLiteral(", "));
    // The columns mapped by hand first, so that a common name never takes one of them.
    for (Column c : kAllColumns) {
        if (const QString &mapped = mapping[c]; !mapped.isEmpty()) {
            qsizetype &index = out.index[size_t(c)];
            index = findColumn(columns, mapped, taken);
            if (index < 0)
                return Error::validation(QStringLiteral("%1: the column \"%2\" mapped to %3 is not there; the columns are: %4")
                                             .arg(where, mapped, columnName(c), found));
            taken[size_t(index)] = true;
        }
    }
    for (Column c : kAllColumns) {
        qsizetype &index = out.index[size_t(c)];
        if (!mapping[c].isEmpty())
            continue;
        for (const QString &name : commonNames(c))
            if ((index = findColumn(columns, name, taken)) >= 0)
                break;
        if (index >= 0)
            taken[size_t(index)] = true;
    }

    // Every missing role at once, each with the names tried, and a --map line to start from: an
    // unclaimed column whose name holds a word of the role, else a placeholder.
    QStringList missing, suggestion;
    std::vector<bool> suggested = taken;
    for (Column c : {Column::PromptId, Column::Prompt, Column::Model, Column::Output}) {
        if (out[c] >= 0)
            continue;
        missing << QStringLiteral("%1 (looked for %2)").arg(columnName(c), commonNames(c).join(QStringLiteral(", ")));
        QString guess;
        for (qsizetype k = 0; k < columns.size() && guess.isEmpty(); ++k) {
            if (suggested[size_t(k)])
                continue;
            const QStringList words = nameWords(columns[k]);
            for (const QString &word : hintWords(c))
                if (words.contains(word)) {
                    guess = columns[k].trimmed();
                    suggested[size_t(k)] = true;
                    break;
                }
        }
        const QString column = guess.isEmpty() ? QStringLiteral("COLUMN") : guess;
        suggestion << QStringLiteral("--map %1=%2").arg(columnName(c),
                                                          column.contains(QLatin1Char(' ')) ? QLatin1Char('"') + column + QLatin1Char('"') : column);
    }
    if (!missing.isEmpty())
        return Error::validation(QStringLiteral("%1: no column for %2; the columns are: %3; say which column holds what, e.g. %4")
                                     .arg(where, missing.join(QStringLiteral("; ")), found, suggestion.join(QLatin1Char(' '))));
    return out;
}

} // namespace majlis::pack
