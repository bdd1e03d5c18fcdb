#include "pack/buildinputs.h"

#include "common/json.h"
#include "pack/jsonline.h"
#include "pack/judgments.h"

#include <QFile>
#include <QFileInfo>

namespace majlis::pack::build {

namespace {

using nlohmann::json;

struct Question
{
    QStringList turns;
    QString category;
};

struct MtAnswer
{
    QString model;
    QStringList turns;
    QString prompt;  // only when the record carries its question
    QString where;
};

Result<QList<std::pair<json, QString>>> jsonLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1: cannot open: %2").arg(path, f.errorString()));
    QList<std::pair<json, QString>> out;
    qint64 lineNumber = 0;
    while (!f.atEnd()) {
        QByteArray line = f.readLine();
        ++lineNumber;
        if (lineNumber == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        auto value = parseJsonLine(line, LineRef{path, lineNumber});
        if (!value)
            return value.error();
        const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNumber);
        if (!value->is_object())
            return Error::validation(QStringLiteral("%1: expected a JSON object, found %2").arg(where, QLatin1String(value->type_name())));
        out.append({std::move(*value), where});
    }
    return out;
}

QString idText(const json &v)
{
    if (v.is_number_unsigned())
        return QString::number(v.get<std::uint64_t>());
    if (v.is_number_integer())
        return QString::number(v.get<std::int64_t>());
    return v.is_string() ? toQString(v.get_ref<const std::string &>()) : QString();
}

Result<QStringList> stringList(const json &obj, const char *key, const QString &where)
{
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_array() || it->empty())
        return Error::validation(QStringLiteral("%1: field \"%2\": must be a non-empty array of strings").arg(where, QLatin1String(key)));
    QStringList out;
    for (size_t i = 0; i < it->size(); ++i) {
        const json &t = (*it)[i];
        if (!t.is_string())
            return Error::validation(QStringLiteral("%1: field \"%2[%3]\": must be a string, not %4")
                                         .arg(where, QLatin1String(key))
                                         .arg(i)
                                         .arg(QLatin1String(t.type_name())));
        out << toQString(t.get_ref<const std::string &>());
    }
    return out;
}

bool isQuestionFile(const QString &path, const QList<std::pair<json, QString>> &records)
{
    if (QFileInfo(path).fileName().startsWith(QLatin1String("question")))
        return true;
    return !records.isEmpty() && records.first().first.contains("turns") && !records.first().first.contains("choices");
}

Status readQuestions(const QList<std::pair<json, QString>> &records, QHash<QString, Question> &questions, QStringList &order)
{
    for (const auto &[q, where] : records) {
        const QString id = idText(q.value("question_id", json()));
        if (id.isEmpty())
            return Error::validation(QStringLiteral("%1: field \"question_id\": is missing").arg(where));
        auto turns = stringList(q, "turns", where);
        if (!turns)
            return turns.error();
        const json category = q.value("category", json());
        questions.insert(id, Question{*turns, category.is_string() ? toQString(category.get<std::string>()) : QString()});
        order << id;
    }
    return {};
}

Status readAnswers(const QList<std::pair<json, QString>> &records, QHash<QString, QList<MtAnswer>> &byQuestion,
                   QStringList &order)
{
    for (const auto &[r, where] : records) {
        const QString qid = idText(r.value("question_id", json()));
        if (qid.isEmpty())
            return Error::validation(QStringLiteral("%1: field \"question_id\": is missing").arg(where));
        QString model = idText(r.value("model_id", json()));
        if (model.isEmpty())
            model = idText(r.value("model", json()));
        if (model.isEmpty())
            return Error::validation(QStringLiteral("%1: field \"model_id\": is missing").arg(where));
        const auto choices = r.find("choices");
        if (choices == r.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object())
            return Error::validation(QStringLiteral("%1: field \"choices\": must be a non-empty array of {index, turns}").arg(where));
        // FastChat writes one choice unless sampled several times; the first is the answer it judges.
        auto turns = stringList((*choices)[0], "turns", where + QStringLiteral(" choices[0]"));
        if (!turns)
            return turns.error();
        QString prompt;
        for (const char *key : {"prompt", "question", "instruction"})
            if (const auto p = r.find(key); prompt.isEmpty() && p != r.end() && p->is_string())
                prompt = toQString(p->get<std::string>());
        if (!byQuestion.contains(qid))
            order << qid;
        byQuestion[qid].append(MtAnswer{model, *turns, prompt, where});
    }
    return {};
}

// A second-turn answer replies to the model's own first answer, so each candidate carries its
// whole conversation, as FastChat's multi-turn judge sees it.
QString secondTurnOutput(const MtAnswer &a)
{
    return exchangeOutput(a.turns.mid(0, 2));
}

} // namespace

Status readMtBench(const QStringList &inputs, const BuildOptions &options, AnswerSet &answers, BuildReport &report)
{
    QHash<QString, Question> questions;
    QStringList questionOrder, answerOrder;
    QHash<QString, QList<MtAnswer>> byQuestion;
    QStringList files = inputs;
    if (!options.questionFile.isEmpty())
        files.prepend(options.questionFile);
    for (const QString &path : std::as_const(files)) {
        auto records = jsonLines(path);
        if (!records)
            return records.error();
        const bool questionFile = path == options.questionFile || (options.questionFile.isEmpty() && isQuestionFile(path, *records));
        Status s = questionFile ? readQuestions(*records, questions, questionOrder) : readAnswers(*records, byQuestion, answerOrder);
        if (!s)
            return s;
    }
    QStringList order = questionOrder;
    for (const QString &qid : std::as_const(answerOrder))
        if (!questions.contains(qid))
            order << qid;
    bool hasSecondTurns = false;
    for (const QString &qid : std::as_const(order)) {
        const QList<MtAnswer> list = byQuestion.value(qid);
        const Question q = questions.value(qid);
        for (const MtAnswer &a : list) {
            QString prompt = q.turns.isEmpty() ? a.prompt : q.turns.first();
            if (prompt.isEmpty())
                return Error::validation(QStringLiteral("%1: question %2 has no text: MT-Bench answers do not carry their "
                                                        "questions; give question.jsonl as an input or the question file")
                                             .arg(a.where, qid));
            if (Status s = answers.add(Answer{qid + QStringLiteral("-t1"), {Turn{QStringLiteral("user"), prompt}}, a.model,
                                              a.turns.first(), q.category, QString(), a.where},
                                       report);
                !s)
                return s;
        }
        hasSecondTurns = hasSecondTurns || q.turns.size() > 1;
        if (!options.secondTurns || q.turns.size() < 2)
            continue;
        for (const MtAnswer &a : list) {
            if (a.turns.size() < 2)
                continue;
            const QList<Turn> conversation{Turn{QStringLiteral("user"), q.turns[0]}, Turn{QStringLiteral("user"), q.turns[1]}};
            if (Status s = answers.add(Answer{qid + QStringLiteral("-t2"), conversation, a.model, secondTurnOutput(a), q.category,
                                              QString(), a.where},
                                       report);
                !s)
                return s;
        }
    }
    if (hasSecondTurns && !options.secondTurns)
        report.notes << QStringLiteral("MT-Bench: only first turns were built; second turns answer each model's own first "
                                       "answer, include them with the second-turn option");
    return {};
}

} // namespace majlis::pack::build
