// The readers of other evaluations' human judgments (pack/judgments.h): PandaLM's testset, MT-Bench
// human judgments and Chatbot Arena battles. The long format is in judgmentlong.cpp.
#include "pack/judgments.h"

#include "common/json.h"
#include "common/jsonparse.h"
#include "pack/buildinputs.h"
#include "pack/columns.h"
#include "pack/judgmentread.h"

#include <QRegularExpression>

#include <map>

namespace majlis::pack {

using nlohmann::json;
using build::scalarText;

namespace judgments {

QByteArray nanAsNull(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    bool inString = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < bytes.size())
                out += bytes[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        const auto boundary = [&](qsizetype at) {
            return at < 0 || at >= bytes.size() || !(QChar::isLetterOrNumber(uchar(bytes[at])) || bytes[at] == '_');
        };
        if (c == 'N' && bytes.mid(i, 3) == "NaN" && boundary(i - 1) && boundary(i + 3)) {
            out += "null";
            i += 2;
            continue;
        }
        out += c;
    }
    return out;
}

Status forEachRecord(const QByteArray &raw, const QString &path, const RecordVisitor &visit)
{
    const QByteArray bytes = nanAsNull(raw);
    if (!bytes.trimmed().startsWith('['))
        return build::forEachJsonLine(bytes, path, visit);
    auto parsed = parseJson(std::string_view(bytes.constData(), size_t(bytes.size())), JsonSource{path, 0});
    if (!parsed)
        return parsed.error();
    for (size_t i = 0; i < parsed->size(); ++i) {
        const QString where = QStringLiteral("%1: record %2").arg(path).arg(i + 1);
        if (!(*parsed)[i].is_object())
            return Error::validation(
                QStringLiteral("%1: expected a JSON object, found %2").arg(where, QLatin1String((*parsed)[i].type_name())));
        if (Status s = visit((*parsed)[i], where); !s)
            return s;
    }
    return {};
}

Result<QString> requiredText(const json &r, const char *key, const QString &where, const QString &why)
{
    auto text = build::textField(r, key, where);
    if (!text)
        return text.error();
    if (text->trimmed().isEmpty())
        return Error::validation(QStringLiteral("%1: field \"%2\": is missing or empty%3")
                                     .arg(where, QLatin1String(key), why.isEmpty() ? QString() : QStringLiteral("; ") + why));
    return *text;
}

QString shapeOf(const json &r)
{
    if (r.contains("response1") && r.contains("cmp_key"))
        return QStringLiteral("pandalm");
    if (r.contains("model_a") && r.contains("winner")) {
        const json &q = r.value("question_id", json());
        return q.is_number_integer() && !r.contains("tstamp") ? QStringLiteral("mt-bench-human") : QStringLiteral("arena");
    }
    return {};
}

Error wrongShape(const QString &where, const QString &expected, const json &r, const QString &needs)
{
    const QString shape = shapeOf(r);
    QString hint;
    if (!shape.isEmpty() && shape != expected)
        hint = QStringLiteral("; it looks like a %1 file: read it with --from %1").arg(shape);
    else if (r.contains("instruction") && r.contains("output") && r.contains("generator"))
        hint = QStringLiteral("; it looks like an AlpacaEval model_outputs.json, which holds answers, not judgments: "
                              "build a pack from it with majlisctl pack build --from alpaca_eval");
    return Error::validation(QStringLiteral("%1: not a %2 record: %3%4").arg(where, expected, needs, hint));
}

} // namespace judgments

using namespace judgments;

namespace {

// PandaLM (WeOpenML/PandaLM data/testset-v1.json): an array of {idx, motivation_app, cmp_key
// "MODEL1_MODEL2", instruction, input (NaN when none), response1, response2, annotator1..3}, each
// annotator 0 (tie), 1 (response1 better) or 2 (response2 better). One item per record.
Status readPandaLm(const QByteArray &bytes, const QString &path, JudgmentFile &out)
{
    static const QRegularExpression annotatorKey(QStringLiteral("^annotator[0-9]+$"));
    qint64 withoutLabels = 0;
    Status s = forEachRecord(bytes, path, [&](const json &r, const QString &where) -> Status {
        if (!r.contains("response1") || !r.contains("response2"))
            return wrongShape(where, QStringLiteral("pandalm"), r, QStringLiteral("it needs response1 and response2"));
        auto idx = requiredText(r, "idx", where, QStringLiteral("PandaLM numbers its records"));
        if (!idx)
            return idx.error();
        auto key = requiredText(r, "cmp_key", where, QStringLiteral("it names the two models, MODEL1_MODEL2"));
        if (!key)
            return key.error();
        const QStringList models = key->split(QLatin1Char('_'));
        if (models.size() != 2 || models[0].isEmpty() || models[1].isEmpty() || models[0] == models[1])
            return Error::validation(QStringLiteral("%1: field \"cmp_key\": \"%2\" does not name two models as MODEL1_MODEL2")
                                         .arg(where, *key));
        JudgedPair pair;
        pair.where = where;
        pair.record = QStringLiteral("idx %1").arg(*idx);
        pair.itemId = *idx;
        auto instruction = requiredText(r, "instruction", where, {});
        if (!instruction)
            return instruction.error();
        auto input = build::textField(r, "input", where);
        if (!input)
            return input.error();
        // PandaLM's own template puts the input under the instruction.
        pair.conversation = {Turn{QStringLiteral("user"), input->trimmed().isEmpty()
                                                              ? *instruction
                                                              : QString(*instruction + QStringLiteral("\n\n") + *input)}};
        auto category = build::textField(r, "motivation_app", where);
        if (!category)
            return category.error();
        pair.category = *category;
        pair.modelA = models[0];
        pair.modelB = models[1];
        for (auto [field, slot] : {std::pair{"response1", &pair.outputA}, std::pair{"response2", &pair.outputB}}) {
            auto text = build::textField(r, field, where);
            if (!text)
                return text.error();
            *slot = *text;
        }
        const std::size_t index = out.pairs.size();
        out.pairs.push_back(std::move(pair));
        bool labelled = false;
        for (auto it = r.begin(); it != r.end(); ++it) {
            const QString name = toQString(it.key());
            if (!annotatorKey.match(name).hasMatch() || it->is_null())
                continue;
            const std::optional<QString> label = scalarText(*it);
            static const std::map<QString, VoteOutcome> labels{
                {QStringLiteral("0"), VoteOutcome::Tie}, {QStringLiteral("1"), VoteOutcome::A}, {QStringLiteral("2"), VoteOutcome::B}};
            const auto found = label ? labels.find(*label) : labels.end();
            if (found == labels.end())
                return Error::validation(QStringLiteral("%1: field \"%2\": must be 0 (tie), 1 (response1 better) or 2 "
                                                        "(response2 better), not %3")
                                             .arg(where, name, QString::fromStdString(it->dump()).left(40)));
            out.judgments.push_back(ExternalJudgment{index, name, found->second, where});
            labelled = true;
        }
        withoutLabels += labelled ? 0 : 1;
        return {};
    });
    if (!s)
        return s;
    if (withoutLabels > 0)
        out.notes << QStringLiteral("%1 of %2 records have no annotator labels (PandaLM's testset-v1.json has them; its "
                                    "inference and model-output files do not)")
                         .arg(withoutLabels)
                         .arg(out.pairs.size());
    return {};
}

// A conversation's turns by role: what the user said, and what the assistant answered.
struct Exchange
{
    QStringList user, assistant;
};

Result<Exchange> exchangeOf(const json &r, const char *key, const QString &where)
{
    Exchange e;
    const auto it = r.find(key);
    if (it == r.end() || it->is_null())
        return e;
    if (!it->is_array())
        return Error::validation(QStringLiteral("%1: field \"%2\": must be an array of {role, content}").arg(where, QLatin1String(key)));
    for (size_t i = 0; i < it->size(); ++i) {
        const json &t = (*it)[i];
        const QString at = QStringLiteral("%1: field \"%2[%3]\"").arg(where, QLatin1String(key)).arg(i);
        if (!t.is_object() || !t.value("role", json()).is_string() || !t.value("content", json()).is_string())
            return Error::validation(QStringLiteral("%1: must be {\"role\", \"content\"} with two strings").arg(at));
        const QString role = toQString(t["role"].get<std::string>()), content = toQString(t["content"].get<std::string>());
        if (role == QLatin1String("user") || role == QLatin1String("human"))
            e.user << content;
        else if (role == QLatin1String("assistant") || role == QLatin1String("gpt"))
            e.assistant << content;
        else if (role != QLatin1String("system"))
            return Error::validation(QStringLiteral("%1: role \"%2\" is not user, assistant or system").arg(at, role));
    }
    return e;
}

// The pair's prompt and answers from the two conversations, up to `turns` exchanges (-1: all):
// the user's turns, which both models answered (they must be the same on both sides), and each
// model's answers. Nothing when the record carries no conversations.
Status fillFromConversations(const json &r, int turns, const QString &where, JudgedPair &pair)
{
    auto a = exchangeOf(r, "conversation_a", where);
    if (!a)
        return a.error();
    auto b = exchangeOf(r, "conversation_b", where);
    if (!b)
        return b.error();
    if (a->user.isEmpty() && b->user.isEmpty())
        return {};
    if (turns < 0)
        turns = int(std::max<qsizetype>(1, a->user.size()));
    for (const auto &[side, e] : {std::pair{"conversation_a", &*a}, std::pair{"conversation_b", &*b}})
        if (e->user.size() < turns || e->assistant.size() < turns)
            return Error::validation(QStringLiteral("%1: field \"%2\": holds %3 user and %4 assistant turns; turn %5 was judged")
                                         .arg(where, QLatin1String(side))
                                         .arg(e->user.size())
                                         .arg(e->assistant.size())
                                         .arg(turns));
    if (a->user.mid(0, turns) != b->user.mid(0, turns))
        return Error::validation(QStringLiteral("%1: the user's turns differ between conversation_a and conversation_b: the "
                                                "two answers do not answer the same prompt")
                                     .arg(where));
    for (const QString &u : a->user.mid(0, turns))
        pair.conversation << Turn{QStringLiteral("user"), u};
    pair.outputA = exchangeOutput(a->assistant.mid(0, turns));
    pair.outputB = exchangeOutput(b->assistant.mid(0, turns));
    return {};
}

// MT-Bench human judgments (lmsys/mt_bench_human_judgments) and Chatbot Arena battles
// (lmsys/chatbot_arena_conversations, or the Arena's battle logs): {question_id, model_a,
// model_b, winner, judge, turn, conversation_a?, conversation_b?, …}.
Status readBattles(JudgmentFormat format, const QByteArray &bytes, const QString &path, JudgmentFile &out)
{
    const bool mtBench = format == JudgmentFormat::MtBenchHuman;
    const QString name = toString(format);
    return forEachRecord(bytes, path, [&](const json &r, const QString &where) -> Status {
        if (!r.contains("model_a") || !r.contains("model_b") || !r.contains("winner"))
            return wrongShape(where, name, r, QStringLiteral("it needs model_a, model_b and winner"));
        JudgedPair pair;
        pair.where = where;
        auto question = requiredText(r, "question_id", where,
                                     mtBench ? QStringLiteral("it names the MT-Bench question")
                                             : QStringLiteral("it names the battle, and the item of a pack built from the file"));
        if (!question)
            return question.error();
        int turn = 1;
        if (const auto t = r.find("turn"); t != r.end() && !t->is_null()) {
            if (!t->is_number_integer() || t->get<qint64>() < 1 || t->get<qint64>() > (mtBench ? 2 : 1000))
                return Error::validation(QStringLiteral("%1: field \"turn\": must be an integer from 1 to %2")
                                             .arg(where)
                                             .arg(mtBench ? 2 : 1000));
            turn = int(t->get<qint64>());
        }
        for (auto [field, slot] : {std::pair{"model_a", &pair.modelA}, std::pair{"model_b", &pair.modelB}}) {
            auto text = requiredText(r, field, where, {});
            if (!text)
                return text.error();
            *slot = *text;
        }
        if (pair.modelA == pair.modelB)
            return Error::validation(QStringLiteral("%1: model_a and model_b are both \"%2\"").arg(where, pair.modelA));
        auto winner = requiredText(r, "winner", where, {});
        if (!winner)
            return winner.error();
        const std::optional<VoteOutcome> outcome = choiceFromText(*winner);
        if (!outcome)
            return Error::validation(QStringLiteral("%1: field \"winner\": \"%2\" is not model_a, model_b, tie or tie (bothbad)")
                                         .arg(where, winner->left(40)));
        auto judge = requiredText(r, "judge", where,
                                  QStringLiteral("imported votes are authored by their judges (for a ranking of battles "
                                                 "without judges, use majlisctl ratings --battles FILE)"));
        if (!judge)
            return judge.error();
        // MT-Bench judges one turn; an Arena vote is on the whole conversation, its `turn` turns
        // (all of them when the record does not say).
        const bool allTurns = !mtBench && !r.contains("turn");
        if (Status s = fillFromConversations(r, allTurns ? -1 : turn, where, pair); !s)
            return s;
        if (mtBench) {
            pair.itemId = QStringLiteral("%1-t%2").arg(*question).arg(turn);
            pair.record = QStringLiteral("%1 %2 vs %3").arg(pair.itemId, pair.modelA, pair.modelB);
        } else {
            pair.itemId = *question;
            pair.record = *question;
            pair.aSide = Side::Left;  // the Arena shows model_a on the left
        }
        out.pairs.push_back(std::move(pair));
        out.judgments.push_back(ExternalJudgment{out.pairs.size() - 1, *judge, *outcome, where});
        return {};
    });
}

} // namespace

std::optional<JudgmentFormat> judgmentFormatFromString(const QString &name)
{
    for (JudgmentFormat f : {JudgmentFormat::Arena, JudgmentFormat::PandaLm, JudgmentFormat::MtBenchHuman, JudgmentFormat::Long})
        if (name == toString(f))
            return f;
    return std::nullopt;
}

QString toString(JudgmentFormat format)
{
    switch (format) {
    case JudgmentFormat::Arena: return QStringLiteral("arena");
    case JudgmentFormat::PandaLm: return QStringLiteral("pandalm");
    case JudgmentFormat::MtBenchHuman: return QStringLiteral("mt-bench-human");
    case JudgmentFormat::Long: return QStringLiteral("long");
    }
    return {};
}

QStringList judgmentFormatNames()
{
    return {QStringLiteral("arena"), QStringLiteral("pandalm"), QStringLiteral("mt-bench-human"), QStringLiteral("long")};
}

std::optional<VoteOutcome> choiceFromText(const QString &text)
{
    const QString key = matchKey(text);
    static const std::map<QString, VoteOutcome> choices{
        {QStringLiteral("a"), VoteOutcome::A},          {QStringLiteral("modela"), VoteOutcome::A},
        {QStringLiteral("responsea"), VoteOutcome::A},  {QStringLiteral("outputa"), VoteOutcome::A},
        {QStringLiteral("answera"), VoteOutcome::A},    {QStringLiteral("1"), VoteOutcome::A},
        {QStringLiteral("response1"), VoteOutcome::A},  {QStringLiteral("first"), VoteOutcome::A},
        {QStringLiteral("b"), VoteOutcome::B},          {QStringLiteral("modelb"), VoteOutcome::B},
        {QStringLiteral("responseb"), VoteOutcome::B},  {QStringLiteral("outputb"), VoteOutcome::B},
        {QStringLiteral("answerb"), VoteOutcome::B},    {QStringLiteral("2"), VoteOutcome::B},
        {QStringLiteral("response2"), VoteOutcome::B},  {QStringLiteral("second"), VoteOutcome::B},
        {QStringLiteral("tie"), VoteOutcome::Tie},      {QStringLiteral("0"), VoteOutcome::Tie},
        {QStringLiteral("equal"), VoteOutcome::Tie},    {QStringLiteral("draw"), VoteOutcome::Tie},
        {QStringLiteral("bothgood"), VoteOutcome::Tie}, {QStringLiteral("tiebothbad"), VoteOutcome::BothBad},
        {QStringLiteral("bothbad"), VoteOutcome::BothBad}, {QStringLiteral("neither"), VoteOutcome::BothBad},
    };
    const auto it = choices.find(key);
    return it == choices.end() ? std::nullopt : std::optional(it->second);
}

QString exchangeOutput(const QStringList &answers)
{
    if (answers.size() == 1)
        return answers.first();
    QStringList parts;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QString title = i == 0                ? QStringLiteral("First answer:")
                              : answers.size() == 2 ? QStringLiteral("Answer to the follow-up:")
                                                    : QStringLiteral("Answer to follow-up %1:").arg(i);
        parts << QStringLiteral("**%1**\n\n%2").arg(title, answers[i]);
    }
    return parts.join(QStringLiteral("\n\n---\n\n"));
}

Result<JudgmentFile> readJudgments(JudgmentFormat format, const QString &path, const JudgmentColumns &columns)
{
    auto bytes = build::readInputFile(path);
    if (!bytes)
        return bytes.error();
    return parseJudgments(format, *bytes, path, columns);
}

Result<JudgmentFile> parseJudgments(JudgmentFormat format, const QByteArray &bytes, const QString &path,
                                    const JudgmentColumns &columns)
{
    JudgmentFile out;
    Status s;
    switch (format) {
    case JudgmentFormat::PandaLm: s = readPandaLm(bytes, path, out); break;
    case JudgmentFormat::MtBenchHuman:
    case JudgmentFormat::Arena: s = readBattles(format, bytes, path, out); break;
    case JudgmentFormat::Long: s = readLongJudgments(bytes, path, columns, out); break;
    }
    if (!s)
        return s.error();
    if (out.pairs.empty())
        return Error::validation(QStringLiteral("%1: holds no judgments").arg(path));
    return out;
}

} // namespace majlis::pack

namespace majlis::pack::build {

Status readJudgedAnswers(InputFormat format, const QString &path, AnswerSet &answers, BuildReport &report)
{
    const JudgmentFormat source = format == InputFormat::PandaLm        ? JudgmentFormat::PandaLm
                                  : format == InputFormat::MtBenchHuman ? JudgmentFormat::MtBenchHuman
                                                                        : JudgmentFormat::Arena;
    auto file = readJudgments(source, path);
    if (!file)
        return file.error();
    report.notes << file->notes;
    bool secondTurns = false;
    for (const JudgedPair &p : file->pairs) {
        if (p.outputA.isEmpty() && p.outputB.isEmpty())
            return Error::validation(QStringLiteral("%1: the record carries no answers (conversation_a, conversation_b), so no "
                                                    "pack can be built from it; build the pack from the answers themselves "
                                                    "(FastChat's model answers: --from mt_bench)")
                                         .arg(p.where));
        secondTurns = secondTurns || p.itemId.endsWith(QLatin1String("-t2"));
        for (const auto &[model, output] : {std::pair{p.modelA, p.outputA}, std::pair{p.modelB, p.outputB}})
            if (Status s = answers.add(Answer{p.itemId, p.conversation, model, output, p.category, QString(), p.where}, report); !s)
                return s;
    }
    if (format == InputFormat::MtBenchHuman && secondTurns)
        report.notes << QStringLiteral("MT-Bench: the items <question>-t2 are the judged second turns; each candidate carries "
                                       "its whole exchange, since each second answer replies to the model's own first one");
    return {};
}

} // namespace majlis::pack::build
