#include "pack/columns.h"

namespace majlis::pack {

namespace {

constexpr std::array<Column, kColumnCount> kAllColumns{Column::PromptId, Column::Prompt,   Column::Model,
                                                       Column::Output,   Column::Category, Column::Dialect};

qsizetype findColumn(const QStringList &columns, const QString &name)
{
    for (qsizetype c = 0; c < columns.size(); ++c)
        if (columns[c].trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return c;
    return -1;
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
    static const std::array<QStringList, kColumnCount> names{
        QStringList{QStringLiteral("prompt_id"), QStringLiteral("question_id"), QStringLiteral("id"), QStringLiteral("qid"),
                    QStringLiteral("item_id")},
        QStringList{QStringLiteral("prompt"), QStringLiteral("instruction"), QStringLiteral("question"),
                    QStringLiteral("input"), QStringLiteral("query")},
        QStringList{QStringLiteral("model"), QStringLiteral("model_id"), QStringLiteral("model_name"),
                    QStringLiteral("generator"), QStringLiteral("system")},
        QStringList{QStringLiteral("output"), QStringLiteral("response"), QStringLiteral("answer"),
                    QStringLiteral("completion"), QStringLiteral("generation"), QStringLiteral("text")},
        QStringList{QStringLiteral("category"), QStringLiteral("task"), QStringLiteral("type")},
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
    for (Column c : kAllColumns) {
        qsizetype &index = out.index[size_t(c)];
        if (const QString &mapped = mapping[c]; !mapped.isEmpty()) {
            index = findColumn(columns, mapped);
            if (index < 0)
                return Error::validation(QStringLiteral("%1: the column \"%2\" mapped to %3 is not there; the columns are: %4")
                                             .arg(where, mapped, columnName(c), columns.join(QStringLiteral(", "))));
            continue;
        }
        for (const QString &name : commonNames(c))
            if ((index = findColumn(columns, name)) >= 0)
                break;
    }
    for (Column c : {Column::PromptId, Column::Prompt, Column::Model, Column::Output})
        if (out[c] < 0)
            return Error::validation(QStringLiteral("%1: no column for %2 (looked for %3; map one with %2=COLUMN); the "
                                                    "columns are: %4")
                                         .arg(where, columnName(c), commonNames(c).join(QStringLiteral(", ")),
                                              columns.join(QStringLiteral(", "))));
    return out;
}

} // namespace majlis::pack
