#include "pack/builder.h"

#include "common/json.h"
#include "pack/csv.h"
#include "pack/packreader.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

namespace majlis::pack {

namespace {

using nlohmann::json;

// One answer as read from any input format.
struct Answer
{
    QString promptId, prompt, model, output, category, dialect;
    QString where;  // FILE:LINE, for messages
};

// Answers grouped by prompt in the order prompts first appear.
class Grouping
{
public:
    Status add(const Answer &a)
    {
        auto it = m_index.constFind(a.promptId);
        if (it == m_index.cend()) {
            m_index.insert(a.promptId, m_groups.size());
            m_groups.append({a, {a}});
            return {};
        }
        Group &g = m_groups[*it];
        if (g.first.prompt != a.prompt)
            return Error::validation(QStringLiteral("%1: prompt id \"%2\" has another prompt text than on %3")
                                         .arg(a.where, a.promptId, g.first.where));
        for (const Answer &seen : std::as_const(g.answers))
            if (seen.model == a.model)
                return Error::validation(QStringLiteral("%1: model \"%2\" answers prompt \"%3\" twice (also on %4)")
                                             .arg(a.where, a.model, a.promptId, seen.where));
        g.answers.append(a);
        return {};
    }

    struct Group
    {
        Answer first;
        QList<Answer> answers;
    };
    const QList<Group> &groups() const { return m_groups; }

private:
    QList<Group> m_groups;
    QHash<QString, qsizetype> m_index;
};

Result<QByteArray> readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1: cannot open: %2").arg(path, f.errorString()));
    return f.readAll();
}

QString scalarText(const json &v)
{
    if (v.is_string())
        return toQString(v.get<std::string>());
    if (v.is_number_integer())
        return QString::number(v.get<long long>());
    if (v.is_number())
        return QString::number(v.get<double>());
    return {};
}

const QHash<QString, QStringList> &knownNames()
{
    static const QHash<QString, QStringList> names{
        {QStringLiteral("prompt_id"), {QStringLiteral("prompt_id"), QStringLiteral("question_id"), QStringLiteral("id"),
                                       QStringLiteral("qid"), QStringLiteral("item_id")}},
        {QStringLiteral("prompt"), {QStringLiteral("prompt"), QStringLiteral("instruction"), QStringLiteral("question"),
                                    QStringLiteral("input"), QStringLiteral("query")}},
        {QStringLiteral("model"), {QStringLiteral("model"), QStringLiteral("model_id"), QStringLiteral("model_name"),
                                   QStringLiteral("generator"), QStringLiteral("system")}},
        {QStringLiteral("output"), {QStringLiteral("output"), QStringLiteral("response"), QStringLiteral("answer"),
                                    QStringLiteral("completion"), QStringLiteral("generation"), QStringLiteral("text")}},
        {QStringLiteral("category"), {QStringLiteral("category"), QStringLiteral("task"), QStringLiteral("type")}},
        {QStringLiteral("dialect"), {QStringLiteral("dialect"), QStringLiteral("variety"), QStringLiteral("language"),
                                     QStringLiteral("lang")}},
    };
    return names;
}

// Column index per field, from the explicit mapping or the common names; -1 if absent.
Result<QHash<QString, qsizetype>> resolveColumns(const QStringList &columns, const ColumnMapping &m, const QString &file)
{
    const QHash<QString, QString> explicitMap{{QStringLiteral("prompt_id"), m.promptId}, {QStringLiteral("prompt"), m.prompt},
                                              {QStringLiteral("model"), m.model},        {QStringLiteral("output"), m.output},
                                              {QStringLiteral("category"), m.category},  {QStringLiteral("dialect"), m.dialect}};
    QHash<QString, qsizetype> out;
    for (auto it = knownNames().cbegin(); it != knownNames().cend(); ++it) {
        qsizetype index = -1;
        const QString mapped = explicitMap.value(it.key());
        if (!mapped.isEmpty()) {
            index = columns.indexOf(mapped);
            if (index < 0)
                return Error::validation(QStringLiteral("%1: the mapped column \"%2\" (for %3) is not there; the columns are: %4")
                                             .arg(file, mapped, it.key(), columns.join(QStringLiteral(", "))));
        } else {
            for (const QString &name : it.value()) {
                for (qsizetype c = 0; c < columns.size() && index < 0; ++c)
                    if (columns[c].trimmed().compare(name, Qt::CaseInsensitive) == 0)
                        index = c;
                if (index >= 0)
                    break;
            }
        }
        out.insert(it.key(), index);
    }
    for (const char *required : {"prompt_id", "prompt", "model", "output"})
        if (out.value(QLatin1String(required)) < 0)
            return Error::validation(QStringLiteral("%1: no column for %2 (recognised names: %3; give --map %2=COLUMN); "
                                                    "the columns are: %4")
                                         .arg(file, QLatin1String(required),
                                              knownNames().value(QLatin1String(required)).join(QStringLiteral(", ")),
                                              columns.join(QStringLiteral(", "))));
    return out;
}

Status readLong(const QString &path, const ColumnMapping &mapping, Grouping &grouping, BuildReport &report)
{
    auto bytes = readAll(path);
    if (!bytes)
        return bytes.error();
    const bool isCsv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
                       || path.endsWith(QLatin1String(".tsv"), Qt::CaseInsensitive);
    if (isCsv) {
        auto rows = parseCsv(*bytes, path);
        if (!rows)
            return rows.error();
        if (rows->isEmpty())
            return Error::validation(QStringLiteral("%1: the file is empty").arg(path));
        auto cols = resolveColumns(rows->first().fields, mapping, path);
        if (!cols)
            return cols.error();
        for (qsizetype r = 1; r < rows->size(); ++r) {
            const CsvRow &row = rows->at(r);
            auto field = [&](const char *name) {
                const qsizetype c = cols->value(QLatin1String(name));
                return c >= 0 && c < row.fields.size() ? row.fields[c] : QString();
            };
            Answer a{field("prompt_id"), field("prompt"), field("model"), field("output"), field("category"),
                     field("dialect"), QStringLiteral("%1:%2").arg(path).arg(row.line)};
            if (Status s = grouping.add(a); !s)
                return s;
            ++report.rows;
        }
        return {};
    }
    qint64 lineNo = 0;
    std::optional<QHash<QString, qsizetype>> cols;
    for (const QByteArray &raw : bytes->split('\n')) {
        ++lineNo;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNo);
        json j = json::parse(line.cbegin(), line.cend(), nullptr, false);
        if (j.is_discarded() || !j.is_object())
            return Error::parse(QStringLiteral("%1: not a JSON object").arg(where));
        QStringList keys;
        for (auto it = j.begin(); it != j.end(); ++it)
            keys << toQString(it.key());
        auto c = resolveColumns(keys, mapping, where);
        if (!c)
            return c.error();
        auto field = [&](const char *name) {
            const qsizetype k = c->value(QLatin1String(name));
            return k >= 0 ? scalarText(j[keys[k].toStdString()]) : QString();
        };
        Answer a{field("prompt_id"), field("prompt"), field("model"), field("output"), field("category"), field("dialect"), where};
        if (Status s = grouping.add(a); !s)
            return s;
        ++report.rows;
    }
    return {};
}

Status readAlpacaEval(const QString &path, Grouping &grouping, QHash<QString, QString> &idByInstruction, BuildReport &report)
{
    auto bytes = readAll(path);
    if (!bytes)
        return bytes.error();
    json j = json::parse(bytes->cbegin(), bytes->cend(), nullptr, false);
    if (j.is_discarded() || !j.is_array())
        return Error::parse(QStringLiteral("%1: an AlpacaEval model_outputs.json must be a JSON array of objects").arg(path));
    for (size_t i = 0; i < j.size(); ++i) {
        const json &r = j[i];
        const QString where = QStringLiteral("%1: record %2").arg(path).arg(i + 1);
        if (!r.is_object() || !r.contains("instruction") || !r.contains("output") || !r.contains("generator"))
            return Error::validation(QStringLiteral("%1: needs \"instruction\", \"output\" and \"generator\"").arg(where));
        const QString instruction = scalarText(r["instruction"]);
        QString id = idByInstruction.value(instruction);
        if (id.isEmpty()) {
            id = QStringLiteral("ae-%1").arg(idByInstruction.size() + 1, 4, 10, QLatin1Char('0'));
            idByInstruction.insert(instruction, id);
        }
        Answer a{id, instruction, scalarText(r["generator"]), scalarText(r["output"]),
                 r.contains("dataset") ? scalarText(r["dataset"]) : QString(), QString(), where};
        if (Status s = grouping.add(a); !s)
            return s;
        ++report.rows;
    }
    return {};
}

Status readMtBench(const QStringList &answerFiles, const QString &questionFile, Grouping &grouping, BuildReport &report)
{
    if (questionFile.isEmpty())
        return Error::validation(QStringLiteral("mt_bench answers carry no prompts: give the question file with --questions question.jsonl"));
    auto qbytes = readAll(questionFile);
    if (!qbytes)
        return qbytes.error();
    struct Question
    {
        QString prompt, category;
    };
    QHash<QString, Question> questions;
    QStringList order;
    qint64 lineNo = 0;
    for (const QByteArray &raw : qbytes->split('\n')) {
        ++lineNo;
        if (raw.trimmed().isEmpty())
            continue;
        json q = json::parse(raw.cbegin(), raw.cend(), nullptr, false);
        const QString where = QStringLiteral("%1:%2").arg(questionFile).arg(lineNo);
        if (q.is_discarded() || !q.is_object() || !q.contains("question_id") || !q.contains("turns") || !q["turns"].is_array()
            || q["turns"].empty())
            return Error::validation(QStringLiteral("%1: a question needs \"question_id\" and \"turns\"").arg(where));
        const QString id = scalarText(q["question_id"]);
        questions.insert(id, {scalarText(q["turns"][0]), q.contains("category") ? scalarText(q["category"]) : QString()});
        order << id;
    }
    // Turn 1 only: a second turn answers the model's own first answer, so two models' second
    // answers do not reply to the same conversation and cannot be compared blind.
    QHash<QString, QList<Answer>> byQuestion;
    for (const QString &path : answerFiles) {
        auto bytes = readAll(path);
        if (!bytes)
            return bytes.error();
        lineNo = 0;
        for (const QByteArray &raw : bytes->split('\n')) {
            ++lineNo;
            if (raw.trimmed().isEmpty())
                continue;
            const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNo);
            json r = json::parse(raw.cbegin(), raw.cend(), nullptr, false);
            if (r.is_discarded() || !r.is_object() || !r.contains("question_id") || !r.contains("model_id")
                || !r.contains("choices") || !r["choices"].is_array() || r["choices"].empty()
                || !r["choices"][0].contains("turns") || !r["choices"][0]["turns"].is_array()
                || r["choices"][0]["turns"].empty())
                return Error::validation(
                    QStringLiteral("%1: an MT-Bench answer needs \"question_id\", \"model_id\" and \"choices[0].turns\"").arg(where));
            const QString qid = scalarText(r["question_id"]);
            auto q = questions.constFind(qid);
            if (q == questions.cend())
                return Error::validation(QStringLiteral("%1: question %2 is not in %3").arg(where, qid, questionFile));
            byQuestion[qid].append({qid + QStringLiteral("-t1"), q->prompt, scalarText(r["model_id"]),
                                    scalarText(r["choices"][0]["turns"][0]), q->category, QString(), where});
            ++report.rows;
        }
    }
    for (const QString &qid : std::as_const(order))
        for (const Answer &a : byQuestion.value(qid))
            if (Status s = grouping.add(a); !s)
                return s;
    report.notes << QStringLiteral("MT-Bench: turn 1 of each question only; second turns answer each model's own first "
                                   "answer and are not comparable blind");
    return {};
}

QString packIdFrom(const QString &output)
{
    QString base = QFileInfo(output).completeBaseName();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
    return base.left(128).isEmpty() ? QStringLiteral("pack") : base.left(128);
}

} // namespace

std::optional<InputFormat> inputFormatFromString(const QString &name)
{
    if (name == QLatin1String("long"))
        return InputFormat::Long;
    if (name == QLatin1String("alpaca_eval"))
        return InputFormat::AlpacaEval;
    if (name == QLatin1String("mt_bench"))
        return InputFormat::MtBench;
    return std::nullopt;
}

Status setMapping(ColumnMapping &m, const QString &field, const QString &column)
{
    QString *slot = field == QLatin1String("prompt_id") ? &m.promptId
                    : field == QLatin1String("prompt")  ? &m.prompt
                    : field == QLatin1String("model")   ? &m.model
                    : field == QLatin1String("output")  ? &m.output
                    : field == QLatin1String("category") ? &m.category
                    : field == QLatin1String("dialect") ? &m.dialect
                                                        : nullptr;
    if (!slot || column.isEmpty())
        return Error::validation(QStringLiteral("--map takes FIELD=COLUMN with FIELD one of prompt_id, prompt, model, "
                                                "output, category, dialect (got \"%1=%2\")")
                                     .arg(field, column));
    *slot = column;
    return {};
}

Result<BuildReport> buildPack(InputFormat format, const QStringList &inputs, const QString &output,
                              const BuildOptions &options)
{
    BuildReport report;
    Grouping grouping;
    QHash<QString, QString> alpacaIds;
    switch (format) {
    case InputFormat::Long:
        for (const QString &in : inputs)
            if (Status s = readLong(in, options.mapping, grouping, report); !s)
                return s.error();
        break;
    case InputFormat::AlpacaEval:
        for (const QString &in : inputs)
            if (Status s = readAlpacaEval(in, grouping, alpacaIds, report); !s)
                return s.error();
        break;
    case InputFormat::MtBench:
        if (Status s = readMtBench(inputs, options.questionFile, grouping, report); !s)
            return s.error();
        break;
    }

    PackHeader header;
    header.id = options.packId.isEmpty() ? packIdFrom(output) : options.packId;
    header.title = options.title.isEmpty() ? header.id : options.title;
    header.guidelines.insert(QStringLiteral("en"), QStringLiteral("Read both answers in full, then vote for the better one."));
    header.reveal = options.reveal;
    QStringList dialectsSeen;
    QList<Item> items;
    for (const auto &g : grouping.groups()) {
        if (g.answers.size() < 2) {
            ++report.droppedItems;
            continue;
        }
        Item item;
        item.id = g.first.promptId;
        item.conversation << Turn{QStringLiteral("user"), g.first.prompt};
        item.category = g.first.category;
        item.dialect = g.first.dialect.isEmpty() ? options.defaultDialect : g.first.dialect;
        if (!item.dialect.isEmpty() && !dialectsSeen.contains(item.dialect))
            dialectsSeen << item.dialect;
        for (const Answer &a : g.answers) {
            item.candidates << Candidate{a.model, a.output};
            if (!header.model(a.model))
                header.models << ModelInfo{a.model, a.model, {}};
        }
        items << item;
    }
    header.dialects = options.dialects.isEmpty() ? dialectsSeen : options.dialects;
    if (header.dialects.isEmpty())
        header.dialects << QStringLiteral("unspecified");
    for (const Item &item : std::as_const(items))
        if (!item.dialect.isEmpty() && !header.dialects.contains(item.dialect))
            return Error::validation(QStringLiteral("item \"%1\" asks for dialect \"%2\", which is not in --dialects (%3)")
                                         .arg(item.id, item.dialect, header.dialects.join(QStringLiteral(", "))));
    if (items.isEmpty())
        return Error::validation(QStringLiteral("no prompt has answers from two or more models: nothing to compare"));
    report.items = items.size();
    report.models = header.models.size();
    if (Status s = writePack(output, header, items); !s)
        return s.error();
    if (Status s = validateFile(output); !s)
        return Error::internal(QStringLiteral("the written pack does not validate: %1").arg(s.error().message));
    return report;
}

} // namespace majlis::pack
