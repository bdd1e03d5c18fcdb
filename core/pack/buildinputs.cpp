#include "pack/buildinputs.h"

#include "common/json.h"
#include "common/jsonparse.h"
#include "pack/csv.h"
#include "pack/jsonline.h"

#include <QFile>
#include <QDir>
#include <QFileInfo>

#include <functional>

namespace majlis::pack::build {

using nlohmann::json;

Result<QByteArray> readInputFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1: cannot open: %2").arg(path, f.errorString()));
    QByteArray bytes = f.readAll();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    // Spreadsheets often save "Unicode text" as UTF-16: say so, rather than show its NUL bytes.
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
        return Error::parse(QStringLiteral("%1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it "
                                           "as UTF-8 and build again")
                                .arg(path));
    if (const qsizetype nul = bytes.left(4096).indexOf('\0'); nul >= 0)
        return Error::parse(QStringLiteral("%1: byte %2 is a NUL: the file is UTF-16 or not text; save it as UTF-8")
                                .arg(path)
                                .arg(nul));
    return bytes;
}

// A scalar as text: ids are often numbers. Integers are kept exactly (signed or unsigned 64-bit);
// other numbers as the shortest text that reads back as the same double, so two different
// numbers never become the same id. Null and absent are empty; nullopt for arrays/objects.
std::optional<QString> scalarText(const json &v)
{
    if (v.is_string())
        return toQString(v.get_ref<const std::string &>());
    if (v.is_number_unsigned())
        return QString::number(v.get<std::uint64_t>());
    if (v.is_number_integer())
        return QString::number(v.get<std::int64_t>());
    if (v.is_number())
        return QString::fromStdString(v.dump());
    if (v.is_boolean())
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.is_null())
        return QString();
    return std::nullopt;
}

Result<QString> textField(const json &obj, const char *key, const QString &where)
{
    const auto it = obj.find(key);
    if (it == obj.end())
        return QString();
    auto text = scalarText(*it);
    if (!text)
        return Error::validation(
            QStringLiteral("%1: field \"%2\": must be text, not %3").arg(where, QLatin1String(key), QLatin1String(it->type_name())));
    return *text;
}

// Blank lines are skipped and counted; a trailing "\r" is dropped.
Status forEachJsonLine(const QByteArray &bytes, const QString &path, const JsonLineVisitor &visit)
{
    qint64 lineNumber = 0;
    for (QByteArray line : bytes.split('\n')) {
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        auto value = parseJsonLine(line, LineRef{path, lineNumber});
        if (!value)
            return value.error();
        const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNumber);
        if (!value->is_object())
            return Error::validation(QStringLiteral("%1: expected a JSON object, found %2").arg(where, QLatin1String(value->type_name())));
        if (Status s = visit(*value, where); !s)
            return s;
    }
    return {};
}

Status forEachCsvRecord(const QByteArray &bytes, const QString &path, char delimiter,
                        const std::function<Status(const QStringList &header)> &header, const CsvRecordVisitor &visit)
{
    auto rows = parseCsv(bytes, path, delimiter);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return Error::validation(QStringLiteral("%1: the file is empty; the first row names the columns").arg(path));
    const QStringList &columns = rows->first().fields;
    if (Status s = header(columns); !s)
        return s;
    for (qsizetype r = 1; r < rows->size(); ++r) {
        const CsvRow &row = rows->at(r);
        const QString where = QStringLiteral("%1:%2").arg(path).arg(row.line);
        if (row.fields.size() != columns.size())
            return Error::validation(QStringLiteral("%1: the row has %2 fields, the header row %3")
                                         .arg(where)
                                         .arg(row.fields.size())
                                         .arg(columns.size()));
        if (Status s = visit(row.fields, where); !s)
            return s;
    }
    return {};
}

namespace {

QList<Turn> userTurn(const QString &text)
{
    return {Turn{QStringLiteral("user"), text}};
}

enum class LongSyntax { Csv, Tsv, JsonLines };

LongSyntax longSyntax(const QString &path, const QByteArray &bytes)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return LongSyntax::Csv;
    if (suffix == QLatin1String("tsv"))
        return LongSyntax::Tsv;
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json"))
        return LongSyntax::JsonLines;
    return bytes.trimmed().startsWith('{') ? LongSyntax::JsonLines : LongSyntax::Csv;
}

Status readLongCsv(const QByteArray &bytes, const QString &path, char delimiter, const ColumnMapping &mapping,
                   AnswerSet &answers, BuildReport &report)
{
    ColumnIndexes cols;
    return forEachCsvRecord(
        bytes, path, delimiter,
        [&](const QStringList &header) -> Status {
            auto resolved = resolveColumns(header, mapping, path);
            if (!resolved)
                return resolved.error();
            cols = *resolved;
            return {};
        },
        [&](const QStringList &fields, const QString &where) {
            auto field = [&](Column c) { return cols[c] >= 0 ? fields[cols[c]] : QString(); };
            Answer a{field(Column::PromptId), userTurn(field(Column::Prompt)), field(Column::Model), field(Column::Output),
                     field(Column::Category), field(Column::Dialect), where};
            return answers.add(std::move(a), report);
        });
}

Status readLongJsonLines(const QByteArray &bytes, const QString &path, const ColumnMapping &mapping, AnswerSet &answers,
                         BuildReport &report)
{
    return forEachJsonLine(bytes, path, [&](const json &row, const QString &where) -> Status {
        QStringList keys;
        for (auto it = row.begin(); it != row.end(); ++it)
            keys << toQString(it.key());
        auto cols = resolveColumns(keys, mapping, where);
        if (!cols)
            return cols.error();
        Answer a;
        a.where = where;
        for (Column c : {Column::PromptId, Column::Prompt, Column::Model, Column::Output, Column::Category, Column::Dialect}) {
            if ((*cols)[c] < 0)
                continue;
            auto text = textField(row, keys[(*cols)[c]].toUtf8().constData(), where);
            if (!text)
                return text.error();
            switch (c) {
            case Column::PromptId: a.promptId = *text; break;
            case Column::Prompt: a.conversation = userTurn(*text); break;
            case Column::Model: a.model = *text; break;
            case Column::Output: a.output = *text; break;
            case Column::Category: a.category = *text; break;
            case Column::Dialect: a.dialect = *text; break;
            }
        }
        return answers.add(std::move(a), report);
    });
}

} // namespace

Status AnswerSet::add(Answer a, BuildReport &report)
{
    ++report.answers;
    const QString prompt = a.conversation.isEmpty() ? QString() : a.conversation.last().content;
    if (a.promptId.trimmed().isEmpty())
        return Error::validation(QStringLiteral("%1: the prompt id is empty").arg(a.where));
    if (prompt.trimmed().isEmpty())
        return Error::validation(QStringLiteral("%1: the prompt of \"%2\" is empty").arg(a.where, a.promptId));
    if (a.model.trimmed().isEmpty())
        return Error::validation(QStringLiteral("%1: the model of an answer to \"%2\" is empty").arg(a.where, a.promptId));
    const auto found = m_index.constFind(a.promptId);
    if (found != m_index.cend()) {
        const QList<Answer> &seen = m_groups[*found].answers;
        if (m_repeatsAllowed && std::any_of(seen.cbegin(), seen.cend(), [&](const Answer &o) {
                return o.model == a.model && o.output == a.output && o.conversation == a.conversation;
            }))
            return {};
        if (seen.first().conversation != a.conversation)
            return Error::validation(QStringLiteral("%1: prompt id \"%2\" comes with another prompt text than on %3")
                                         .arg(a.where, a.promptId, seen.first().where));
        for (const Answer &other : seen)
            if (other.model == a.model && !(m_repeatsAllowed && other.output == a.output))
                return Error::validation(QStringLiteral("%1: model \"%2\" answers prompt \"%3\" twice (also on %4)")
                                             .arg(a.where, a.model, a.promptId, other.where));
    }
    if (a.output.trimmed().isEmpty()) {
        ++report.emptyAnswers;
        return {};
    }
    if (found == m_index.cend()) {
        m_index.insert(a.promptId, m_groups.size());
        m_groups.append(Group{{std::move(a)}});
    } else {
        m_groups[*found].answers.append(std::move(a));
    }
    return {};
}

Status readLong(const QString &path, const ColumnMapping &mapping, AnswerSet &answers, BuildReport &report)
{
    auto bytes = readInputFile(path);
    if (!bytes)
        return bytes.error();
    switch (longSyntax(path, *bytes)) {
    case LongSyntax::Csv: return readLongCsv(*bytes, path, ',', mapping, answers, report);
    case LongSyntax::Tsv: return readLongCsv(*bytes, path, '\t', mapping, answers, report);
    case LongSyntax::JsonLines: return readLongJsonLines(*bytes, path, mapping, answers, report);
    }
    return {};
}

Status readAlpacaEval(const QString &path, QHash<QString, QString> &promptIds, AnswerSet &answers, BuildReport &report)
{
    auto bytes = readInputFile(path);
    if (!bytes)
        return bytes.error();
    auto parsed = parseJson(std::string_view(bytes->constData(), size_t(bytes->size())), JsonSource{path, 0});
    if (!parsed)
        return parsed.error();
    const json records = std::move(*parsed);
    if (!records.is_array())
        return Error::validation(QStringLiteral("%1: an AlpacaEval model_outputs.json is a JSON array of records, not %2")
                                     .arg(path, QLatin1String(records.type_name())));
    // results/<model>/model_outputs.json: the folder names the model when a record does not.
    const QString folderModel = QFileInfo(path).dir().dirName();
    for (size_t i = 0; i < records.size(); ++i) {
        const json &r = records[i];
        const QString where = QStringLiteral("%1: record %2").arg(path).arg(i + 1);
        if (!r.is_object())
            return Error::validation(QStringLiteral("%1: expected an object, found %2").arg(where, QLatin1String(r.type_name())));
        if (!r.contains("instruction") || !r.contains("output"))
            return Error::validation(QStringLiteral("%1: needs \"instruction\" and \"output\"").arg(where));
        Answer a;
        a.where = where;
        for (auto [key, slot] : {std::pair{"output", &a.output}, std::pair{"generator", &a.model}, std::pair{"dataset", &a.category}}) {
            auto text = textField(r, key, where);
            if (!text)
                return text.error();
            *slot = *text;
        }
        auto instruction = textField(r, "instruction", where);
        if (!instruction)
            return instruction.error();
        if (a.model.isEmpty())
            a.model = folderModel;
        // AlpacaEval has no ids: an instruction's id is its number in order of first appearance.
        QString &id = promptIds[*instruction];
        if (id.isEmpty())
            id = QStringLiteral("ae-%1").arg(promptIds.size(), 4, 10, QLatin1Char('0'));
        a.promptId = id;
        a.conversation = userTurn(*instruction);
        if (Status s = answers.add(std::move(a), report); !s)
            return s;
    }
    return {};
}

} // namespace majlis::pack::build
