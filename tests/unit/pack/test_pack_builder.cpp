#include "pack/builder.h"
#include "pack/packreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;
using namespace majlis::pack;

namespace {

QString input(const QString &name)
{
    return QStringLiteral(MAJLIS_FIXTURES_DIR "/pack-build/") + name;
}

struct ReadBack
{
    PackHeader header;
    QList<Item> items;
    const Item *item(const QString &id) const
    {
        for (const Item &i : items)
            if (i.id == id)
                return &i;
        return nullptr;
    }
};

// Everything a built pack holds, read back through PackReader after validateFile passed.
std::optional<ReadBack> readBack(const QString &path)
{
    if (Status s = validateFile(path); !s) {
        qWarning("%s", qPrintable(s.error().message));
        return std::nullopt;
    }
    auto reader = PackReader::open(path);
    ReadBack out{(*reader)->header(), {}};
    while (auto next = (*reader)->next()) {
        if (!next->has_value())
            break;
        out.items << next->value().item;
    }
    return out;
}

QStringList modelsOf(const Item &item)
{
    QStringList models;
    for (const Candidate &c : item.candidates)
        models << c.model;
    return models;
}

QString outputOf(const Item &item, const QString &model)
{
    for (const Candidate &c : item.candidates)
        if (c.model == model)
            return c.output;
    return {};
}

QStringList ids(const QList<Item> &items)
{
    QStringList out;
    for (const Item &i : items)
        out << i.id;
    return out;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return path;
}

const QString kNakhla = QStringLiteral("nakhla-7b"), kSahra = QStringLiteral("sahra-13b"), kGpt = QStringLiteral("gpt-x");

} // namespace

class TestPackBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void longCsvRoundTrips();
    void longJsonLinesRoundTrips();
    void alpacaEvalRoundTrips();
    void mtBenchFirstTurns();
    void mtBenchSecondTurns();
    void mtBenchNeedsQuestions();
    void detectsColumns_data();
    void detectsColumns();
    void mappingOverridesDetection();
    void buildsAnEvaluationExportWithoutMap();
    void refusesInput_data();
    void refusesInput();
    void leavesExistingOutputAloneOnError();
    void refusesToReplaceAnExistingOutput();
    void dialectCodesBecomeTheRegistrysVarieties();
    void arabicGuidelinesAndLabels();
    void refusesBadLabelsAndGuidelines_data();
    void refusesBadLabelsAndGuidelines();
};

void TestPackBuilder::longCsvRoundTrips()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("dubai survey.jsonl"));
    auto report = buildPack(InputFormat::Long, {input(QStringLiteral("long/answers.csv"))}, out, BuildOptions{});
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->answers, qint64(6));
    QCOMPARE(report->items, qint64(2));
    QCOMPARE(report->models, qint64(3));
    QCOMPARE(report->droppedItems, qint64(1));
    QCOMPARE(report->droppedIds, QStringList{QStringLiteral("q3")});

    auto pack = readBack(out);
    QVERIFY(pack);
    QCOMPARE(pack->header.id, QStringLiteral("dubai-survey"));  // from the file name, made valid
    QCOMPARE(pack->header.title, QStringLiteral("dubai-survey"));
    QCOMPARE(pack->header.dialects, QStringList{QStringLiteral("emirati")});
    QCOMPARE(pack->header.models.size(), 3);
    QCOMPARE(pack->header.models[1], (ModelInfo{kSahra, kSahra, {}}));
    QCOMPARE(pack->header.categories.size(), 2);
    QCOMPARE(pack->header.categories[0].id, QStringLiteral("travel"));
    QCOMPARE(ids(pack->items), (QStringList{QStringLiteral("q1"), QStringLiteral("q2")}));

    const Item *q1 = pack->item(QStringLiteral("q1"));
    QCOMPARE(q1->prompt(), QStringLiteral("شو أحسن وقت لزيارة دبي؟"));
    QCOMPARE(q1->dialect, QStringLiteral("emirati"));
    QCOMPARE(q1->category, QStringLiteral("travel"));
    QCOMPARE(modelsOf(*q1), (QStringList{kNakhla, kSahra, kGpt}));
    QCOMPARE(outputOf(*q1, kNakhla), QStringLiteral("الشتا، من نوفمبر لين مارس.\nالجو حلو والبحر بارد شوي."));
    QCOMPARE(outputOf(*q1, kGpt), QStringLiteral("He said \"winter\", and he was right."));

    const Item *q2 = pack->item(QStringLiteral("q2"));
    QCOMPARE(q2->prompt(), QStringLiteral("Give three tips, separated by commas, for learning Arabic"));
    QCOMPARE(q2->dialect, QString());
    QCOMPARE(outputOf(*q2, kGpt), QStringLiteral("1. Read daily\n2. Listen, a lot\n3. \"Speak\""));
}

void TestPackBuilder::longJsonLinesRoundTrips()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.jsonl"));
    BuildOptions options;
    options.packId = QStringLiteral("levant-egypt");
    options.title = QStringLiteral("Levant and Egypt");
    options.reveal = RevealPolicy::Never;
    auto report = buildPack(InputFormat::Long, {input(QStringLiteral("long/answers.jsonl"))}, out, options);
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->answers, qint64(5));
    QCOMPARE(report->emptyAnswers, qint64(1));
    QCOMPARE(report->droppedItems, qint64(0));

    auto pack = readBack(out);
    QVERIFY(pack);
    QCOMPARE(pack->header.id, QStringLiteral("levant-egypt"));
    QCOMPARE(pack->header.title, QStringLiteral("Levant and Egypt"));
    QVERIFY(pack->header.reveal == RevealPolicy::Never);
    QCOMPARE(pack->header.dialects, (QStringList{QStringLiteral("egyptian"), QStringLiteral("levantine")}));
    QVERIFY(pack->header.categories.isEmpty());
    QCOMPARE(ids(pack->items), (QStringList{QStringLiteral("101"), QStringLiteral("102")}));  // numeric ids as text
    const Item *i101 = pack->item(QStringLiteral("101"));
    QCOMPARE(i101->prompt(), QStringLiteral("ترجم إلى اللهجة المصرية: How are you?"));
    QCOMPARE(i101->dialect, QStringLiteral("egyptian"));
    QCOMPARE(outputOf(*i101, kSahra), QStringLiteral("ازيك يا صاحبي"));
    const Item *i102 = pack->item(QStringLiteral("102"));
    QCOMPARE(modelsOf(*i102), (QStringList{kNakhla, kGpt}));  // sahra's empty answer is left out
    QCOMPARE(outputOf(*i102, kNakhla), QStringLiteral("Maqluba — مقلوبة"));
}

void TestPackBuilder::alpacaEvalRoundTrips()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("alpaca.jsonl"));
    const QStringList inputs{input(QStringLiteral("alpaca_eval/nakhla-7b/model_outputs.json")),
                             input(QStringLiteral("alpaca_eval/sahra-13b/model_outputs.json")),
                             input(QStringLiteral("alpaca_eval/gpt-x/model_outputs.json"))};
    BuildOptions options;
    options.defaultDialect = QStringLiteral("en");
    auto report = buildPack(InputFormat::AlpacaEval, inputs, out, options);
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->answers, qint64(9));
    QCOMPARE(report->items, qint64(2));
    QCOMPARE(report->emptyAnswers, qint64(1));
    QCOMPARE(report->droppedIds, (QStringList{QStringLiteral("ae-0003"), QStringLiteral("ae-0004")}));

    auto pack = readBack(out);
    QVERIFY(pack);
    QCOMPARE(pack->header.dialects, QStringList{QStringLiteral("en")});
    QCOMPARE(ids(pack->items), (QStringList{QStringLiteral("ae-0001"), QStringLiteral("ae-0002")}));
    const Item *broadway = pack->item(QStringLiteral("ae-0001"));
    QCOMPARE(broadway->prompt(), QStringLiteral("What are the names of some famous actors that started their careers on Broadway?"));
    QCOMPARE(broadway->category, QStringLiteral("helpful_base"));
    QCOMPARE(broadway->dialect, QStringLiteral("en"));
    QCOMPARE(modelsOf(*broadway), (QStringList{kNakhla, kSahra, kGpt}));  // matched across files by instruction
    QCOMPARE(outputOf(*broadway, kGpt), QStringLiteral("Meryl Streep (Off-Broadway), \"Hugh Jackman\"."));
    const Item *poem = pack->item(QStringLiteral("ae-0002"));
    QCOMPARE(poem->category, QStringLiteral("oasst"));
    QCOMPARE(outputOf(*poem, kSahra), QStringLiteral("رمالٌ تمتدّ حتى الأفق، والنجوم دليلُ السائرين"));
}

void TestPackBuilder::mtBenchFirstTurns()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("mt.jsonl"));
    const QStringList inputs{input(QStringLiteral("mt_bench/question.jsonl")),
                             input(QStringLiteral("mt_bench/model_answer/vicuna-13b.jsonl")),
                             input(QStringLiteral("mt_bench/model_answer/gpt-3.5-turbo.jsonl")),
                             input(QStringLiteral("mt_bench/model_answer/jais-13b.jsonl"))};
    auto report = buildPack(InputFormat::MtBench, inputs, out, BuildOptions{});
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->items, qint64(3));
    QCOMPARE(report->notes.size(), 1);
    QVERIFY(report->notes.first().contains(QStringLiteral("second turns")));

    auto pack = readBack(out);
    QVERIFY(pack);
    QCOMPARE(ids(pack->items), (QStringList{QStringLiteral("81-t1"), QStringLiteral("111-t1"), QStringLiteral("201-t1")}));
    const Item *math = pack->item(QStringLiteral("111-t1"));
    QCOMPARE(math->category, QStringLiteral("math"));
    QCOMPARE(math->conversation.size(), 1);
    QVERIFY(math->prompt().startsWith(QStringLiteral("The vertices of a triangle")));
    QCOMPARE(modelsOf(*math), (QStringList{QStringLiteral("vicuna-13b"), QStringLiteral("gpt-3.5-turbo"), QStringLiteral("jais-13b")}));
    QCOMPARE(outputOf(*math, QStringLiteral("gpt-3.5-turbo")), QStringLiteral("Using the shoelace formula, the area is 3."));
    const Item *alain = pack->item(QStringLiteral("201-t1"));
    QCOMPARE(alain->candidates.size(), 2);  // jais has no answer to 201
    QCOMPARE(alain->prompt(), QStringLiteral("تخيل أنك مرشد سياحي في العين. عرّفني على المدينة."));
    QCOMPARE(pack->header.categories.size(), 3);
}

void TestPackBuilder::mtBenchSecondTurns()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("mt.jsonl"));
    BuildOptions options;
    options.questionFile = input(QStringLiteral("mt_bench/question.jsonl"));  // given apart from the answers
    options.secondTurns = true;
    auto report = buildPack(InputFormat::MtBench,
                            {input(QStringLiteral("mt_bench/model_answer/vicuna-13b.jsonl")),
                             input(QStringLiteral("mt_bench/model_answer/jais-13b.jsonl"))},
                            out, options);
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    QVERIFY(report->notes.filter(QStringLiteral("second turns")).isEmpty());
    auto pack = readBack(out);
    QVERIFY(pack);
    QCOMPARE(ids(pack->items), (QStringList{QStringLiteral("81-t1"), QStringLiteral("81-t2"), QStringLiteral("111-t1"),
                                            QStringLiteral("111-t2")}));
    QCOMPARE(report->droppedIds, QStringList{QStringLiteral("201-t1")});  // vicuna alone
    const Item *followUp = pack->item(QStringLiteral("111-t2"));
    QCOMPARE(followUp->conversation.size(), 2);
    QVERIFY(followUp->conversation[0].content.startsWith(QStringLiteral("The vertices")));
    QCOMPARE(followUp->prompt(), QStringLiteral("What's area of the circle circumscribing the triangle?"));
    const QString jais = outputOf(*followUp, QStringLiteral("jais-13b"));
    QVERIFY2(jais.contains(QStringLiteral("Area = 3 square units.")) && jais.endsWith(QStringLiteral("About 15.7.")), qPrintable(jais));
}

void TestPackBuilder::mtBenchNeedsQuestions()
{
    QTemporaryDir dir;
    auto report = buildPack(InputFormat::MtBench,
                            {input(QStringLiteral("mt_bench/model_answer/vicuna-13b.jsonl")),
                             input(QStringLiteral("mt_bench/model_answer/jais-13b.jsonl"))},
                            dir.filePath(QStringLiteral("mt.jsonl")), BuildOptions{});
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, Error::Code::Validation);
    QVERIFY2(report.error().message.contains(QStringLiteral("vicuna-13b.jsonl:1: question 81 has no text")), qPrintable(report.error().message));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("mt.jsonl"))));
}

void TestPackBuilder::detectsColumns_data()
{
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QList<qsizetype>>("expected");  // prompt_id, prompt, model, output, category, dialect

    QTest::newRow("the plain names") << QStringList{QStringLiteral("prompt_id"), QStringLiteral("prompt"), QStringLiteral("model"),
                                                    QStringLiteral("output")}
                                     << QList<qsizetype>{0, 1, 2, 3, -1, -1};
    QTest::newRow("case and spaces ignored") << QStringList{QStringLiteral(" Question_ID "), QStringLiteral("INSTRUCTION"),
                                                            QStringLiteral("Generator"), QStringLiteral("Response"),
                                                            QStringLiteral("Task"), QStringLiteral("Lang")}
                                             << QList<qsizetype>{0, 1, 2, 3, 4, 5};
    QTest::newRow("earlier names in the list win") << QStringList{QStringLiteral("id"), QStringLiteral("question_id"),
                                                                  QStringLiteral("text"), QStringLiteral("output"),
                                                                  QStringLiteral("prompt"), QStringLiteral("system")}
                                                   << QList<qsizetype>{1, 4, 5, 3, -1, -1};
    QTest::newRow("AlpacaEval-like names") << QStringList{QStringLiteral("dataset"), QStringLiteral("instruction"),
                                                          QStringLiteral("output"), QStringLiteral("generator"), QStringLiteral("qid")}
                                           << QList<qsizetype>{4, 1, 3, 2, -1, -1};
    QTest::newRow("an evaluation export: model_name, prompt_text, output_text")
        << QStringList{QStringLiteral("model_name"), QStringLiteral("prompt_id"), QStringLiteral("category"),
                       QStringLiteral("prompt_text"), QStringLiteral("output_text")}
        << QList<qsizetype>{1, 3, 0, 4, 2, -1};
    QTest::newRow("separators and case: Prompt Text, promptText, MODEL-ID, Response_Text")
        << QStringList{QStringLiteral("MODEL-ID"), QStringLiteral("Question ID"), QStringLiteral("promptText"),
                       QStringLiteral("Response_Text")}
        << QList<qsizetype>{1, 2, 0, 3, -1, -1};
    QTest::newRow("completion / model_name / query / item_id / variety")
        << QStringList{QStringLiteral("variety"), QStringLiteral("completion"), QStringLiteral("model_name"), QStringLiteral("query"),
                       QStringLiteral("item_id"), QStringLiteral("type")}
        << QList<qsizetype>{4, 3, 2, 1, 5, 0};
}

void TestPackBuilder::detectsColumns()
{
    QFETCH(QStringList, columns);
    QFETCH(QList<qsizetype>, expected);
    auto resolved = resolveColumns(columns, ColumnMapping{}, QStringLiteral("in.csv"));
    QVERIFY2(resolved.ok(), qPrintable(resolved ? QString() : resolved.error().message));
    QCOMPARE(QList<qsizetype>(resolved->index.cbegin(), resolved->index.cend()), expected);
}

// A long CSV as an evaluation harness exports it (model_name, prompt_id, category, prompt_text,
// output_text) was refused: three of its five names were not recognised.
void TestPackBuilder::buildsAnEvaluationExportWithoutMap()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("export.jsonl"));
    auto report = buildPack(InputFormat::Long, {input(QStringLiteral("long/evaluation-export.csv"))}, out, BuildOptions{});
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->answers, qint64(4));
    QCOMPARE(report->items, qint64(2));
    QCOMPARE(report->models, qint64(2));
    auto pack = readBack(out);
    QVERIFY(pack);
    const Item *dive = pack->item(QStringLiteral("p-001"));
    QVERIFY(dive);
    QCOMPARE(dive->category, QStringLiteral("travel"));
    QStringList models = modelsOf(*dive);
    models.sort();
    QCOMPARE(models, (QStringList{QStringLiteral("nakheel-13b"), QStringLiteral("sahra-7b")}));
}

void TestPackBuilder::mappingOverridesDetection()
{
    const QStringList columns{QStringLiteral("prompt_id"), QStringLiteral("q"), QStringLiteral("who"), QStringLiteral("said"),
                              QStringLiteral("output")};
    auto missing = resolveColumns({QStringLiteral("q"), QStringLiteral("who"), QStringLiteral("said")}, ColumnMapping{},
                                  QStringLiteral("in.csv"));
    QVERIFY(!missing.ok());
    // Every missing field at once (not one per run), the columns found, and a --map line to start from.
    QCOMPARE(missing.error().message,
             QStringLiteral("in.csv: no column for prompt_id (looked for prompt_id, question_id, instruction_id, id, qid, item_id, "
                            "example_id, sample_id, task_id); prompt (looked for prompt, prompt_text, instruction, question, "
                            "question_text, input, input_text, query, user_prompt); model (looked for model, model_id, "
                            "model_name, generator, system, system_name); output (looked for output, output_text, response, "
                            "response_text, answer, answer_text, completion, generation, model_output, text); the columns are: "
                            "q, who, said; say which column holds what, e.g. --map prompt_id=COLUMN --map prompt=COLUMN "
                            "--map model=COLUMN --map output=COLUMN"));
    // Where a column's name says what it may hold, the suggestion names it ("said" is not an id).
    auto guessed = resolveColumns({QStringLiteral("Question Body"), QStringLiteral("reply"), QStringLiteral("llm"),
                                   QStringLiteral("row key"), QStringLiteral("said")},
                                  ColumnMapping{}, QStringLiteral("in.csv"));
    QVERIFY(!guessed.ok());
    QVERIFY2(guessed.error().message.endsWith(QStringLiteral(
                 "e.g. --map prompt_id=\"row key\" --map prompt=\"Question Body\" --map model=llm --map output=reply")),
             qPrintable(guessed.error().message));

    ColumnMapping mapping;
    QVERIFY(setMapping(mapping, QStringLiteral("prompt"), QStringLiteral("q")).ok());
    QVERIFY(setMapping(mapping, QStringLiteral("model"), QStringLiteral("WHO")).ok());
    QVERIFY(setMapping(mapping, QStringLiteral("output"), QStringLiteral("said")).ok());  // wins over "output"
    QVERIFY(!setMapping(mapping, QStringLiteral("answer"), QStringLiteral("said")).ok());
    auto resolved = resolveColumns(columns, mapping, QStringLiteral("in.csv"));
    QVERIFY(resolved.ok());
    QCOMPARE((*resolved)[Column::PromptId], 0);
    QCOMPARE((*resolved)[Column::Prompt], 1);
    QCOMPARE((*resolved)[Column::Model], 2);
    QCOMPARE((*resolved)[Column::Output], 3);

    QVERIFY(setMapping(mapping, QStringLiteral("dialect"), QStringLiteral("variety")).ok());
    auto absent = resolveColumns(columns, mapping, QStringLiteral("in.csv"));
    QVERIFY(!absent.ok());
    QVERIFY(absent.error().message.startsWith(QStringLiteral("in.csv: the column \"variety\" mapped to dialect is not there")));

    // A column mapped by hand serves that field only: "output" holds the prompts here, so the
    // output is the next common name, "answer".
    ColumnMapping swapped;
    QVERIFY(setMapping(swapped, QStringLiteral("prompt"), QStringLiteral("output")).ok());
    auto taken = resolveColumns({QStringLiteral("id"), QStringLiteral("output"), QStringLiteral("model"), QStringLiteral("answer")},
                                swapped, QStringLiteral("in.csv"));
    QVERIFY2(taken.ok(), qPrintable(taken ? QString() : taken.error().message));
    QCOMPARE((*taken)[Column::Prompt], 1);
    QCOMPARE((*taken)[Column::Output], 3);

    QTemporaryDir dir;
    const QString csv = writeFile(dir, QStringLiteral("m.csv"), "prompt_id,q,who,said,output\np1,hi,a,A says,ignored\np1,hi,b,B says,ignored\n");
    BuildOptions options;
    options.mapping = mapping;
    options.mapping.dialect.clear();
    auto report = buildPack(InputFormat::Long, {csv}, dir.filePath(QStringLiteral("m.jsonl")), options);
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    auto pack = readBack(dir.filePath(QStringLiteral("m.jsonl")));
    QCOMPARE(outputOf(pack->items.first(), QStringLiteral("b")), QStringLiteral("B says"));
}

void TestPackBuilder::refusesInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("dialects");
    QTest::addColumn<QString>("message");  // after the file's path

    QTest::newRow("one prompt id, two prompt texts")
        << QStringLiteral("a.csv") << QByteArray("id,prompt,model,output\np1,Hello,m1,x\np1,Hallo,m2,y\n") << QStringList()
        << QStringLiteral(":3: prompt id \"p1\" comes with another prompt text than on %1:2");
    QTest::newRow("a model answers twice")
        << QStringLiteral("a.csv") << QByteArray("id,prompt,model,output\np1,Hello,m1,x\np1,Hello,m1,y\n") << QStringList()
        << QStringLiteral(":3: model \"m1\" answers prompt \"p1\" twice (also on %1:2)");
    QTest::newRow("a row with too few fields")
        << QStringLiteral("a.csv") << QByteArray("id,prompt,model,output\np1,Hello,m1\n") << QStringList()
        << QStringLiteral(":2: the row has 3 fields, the header row 4");
    QTest::newRow("required column missing, columns listed")
        << QStringLiteral("a.csv") << QByteArray("id,prompt,output\np1,Hello,x\n") << QStringList()
        << QStringLiteral(": no column for model (looked for model, model_id, model_name, generator, system, system_name); "
                          "the columns are: id, prompt, output; say which column holds what, e.g. --map model=COLUMN");
    QTest::newRow("empty CSV") << QStringLiteral("a.csv") << QByteArray("\xEF\xBB\xBF") << QStringList()
                               << QStringLiteral(": the file is empty; the first row names the columns");
    QTest::newRow("broken JSONL line")
        << QStringLiteral("a.jsonl") << QByteArray("{\"id\":1,\"prompt\":\"p\",\"model\":\"m\",\"output\":\"o\"}\n{\"id\":2,\n")
        << QStringList() << QStringLiteral(":2: not valid JSON at column");
    QTest::newRow("output that is not text")
        << QStringLiteral("a.jsonl") << QByteArray("{\"id\":1,\"prompt\":\"p\",\"model\":\"m\",\"output\":[\"o\"]}\n") << QStringList()
        << QStringLiteral(":1: field \"output\": must be text, not array");
    QTest::newRow("empty prompt id") << QStringLiteral("a.csv") << QByteArray("id,prompt,model,output\n,Hello,m1,x\n") << QStringList()
                                     << QStringLiteral(":2: the prompt id is empty");
    QTest::newRow("dialect outside the given list")
        << QStringLiteral("a.csv") << QByteArray("id,prompt,model,output,dialect\np1,Hi,m1,x,gulf\np1,Hi,m2,y,gulf\n")
        << QStringList{QStringLiteral("msa")} << QStringLiteral("prompt \"p1\" asks for dialect \"gulf\"");
    QTest::newRow("one model only") << QStringLiteral("a.csv") << QByteArray("id,prompt,model,output\np1,Hi,m1,x\n") << QStringList()
                                    << QStringLiteral("no prompt has answers from two models or more");
}

void TestPackBuilder::refusesInput()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, dialects);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = writeFile(dir, name, content);
    BuildOptions options;
    options.dialects = dialects;
    auto report = buildPack(InputFormat::Long, {path}, dir.filePath(QStringLiteral("out.jsonl")), options);
    QVERIFY(!report.ok());
    const QString expected = message.contains(QLatin1String("%1")) ? message.arg(path) : message;
    const QString got = report.error().message;
    QVERIFY2(got.startsWith(path + expected) || (!expected.startsWith(QLatin1Char(':')) && got.startsWith(expected)), qPrintable(got));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.jsonl"))));
}

void TestPackBuilder::leavesExistingOutputAloneOnError()
{
    QTemporaryDir dir;
    const QString out = writeFile(dir, QStringLiteral("out.jsonl"), "previous pack\n");
    BuildOptions options;
    options.replaceExisting = true;
    options.packId = QStringLiteral("not a valid id!");
    auto report = buildPack(InputFormat::Long, {input(QStringLiteral("long/answers.csv"))}, out, options);
    QVERIFY(!report.ok());
    QVERIFY2(report.error().message.contains(QStringLiteral("field \"id\"")), qPrintable(report.error().message));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("previous pack\n"));
}

// pack build replaced an existing file without a word, where bundle export refuses to: one rule
// now, an existing output is refused unless replacing it is asked for.
void TestPackBuilder::refusesToReplaceAnExistingOutput()
{
    QTemporaryDir dir;
    const QString out = writeFile(dir, QStringLiteral("out.jsonl"), "previous pack\n");
    auto refused = buildPack(InputFormat::Long, {input(QStringLiteral("long/answers.csv"))}, out, BuildOptions{});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message,
             out + QStringLiteral(" already exists; pack build does not replace a file unless told to (--force)"));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("previous pack\n"));
    f.close();

    BuildOptions force;
    force.replaceExisting = true;
    auto replaced = buildPack(InputFormat::Long, {input(QStringLiteral("long/answers.csv"))}, out, force);
    QVERIFY2(replaced.ok(), qPrintable(replaced ? QString() : replaced.error().message));
    QVERIFY(readBack(out));
}

// AL-QASIDA-style codes in the dialect column: the pack holds the registry's varieties, and the
// report says what was mapped and what the registry does not know.
void TestPackBuilder::dialectCodesBecomeTheRegistrysVarieties()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("alqasida.jsonl"));
    auto report = buildPack(InputFormat::Long, {input(QStringLiteral("long/alqasida.csv"))}, out, BuildOptions{});
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    auto pack = readBack(out);
    QVERIFY(pack);
    QCOMPARE(pack->header.dialects, (QStringList{QStringLiteral("egyptian"), QStringLiteral("syrian"), QStringLiteral("saudi"),
                                                  QStringLiteral("moroccan"), QStringLiteral("xyz")}));
    QCOMPARE(pack->item(QStringLiteral("eg1"))->dialect, QStringLiteral("egyptian"));
    QCOMPARE(pack->item(QStringLiteral("ma1"))->dialect, QStringLiteral("moroccan"));
    QCOMPARE(pack->item(QStringLiteral("xx1"))->dialect, QStringLiteral("xyz"));
    const QString notes = report->notes.join(QLatin1Char('\n'));
    QVERIFY2(notes.contains(QStringLiteral("egy → egyptian, mar → moroccan, sau → saudi, syr → syrian")), qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("does not know, kept as written")) && notes.contains(QStringLiteral("xyz (1 item)")),
             qPrintable(notes));

    // --dialects and --default-dialect are mapped alike.
    BuildOptions options;
    options.dialects = {QStringLiteral("EG"), QStringLiteral("ar-SY"), QStringLiteral("Saudi"), QStringLiteral("ary"),
                        QStringLiteral("xyz")};
    options.replaceExisting = true;
    report = buildPack(InputFormat::Long, {input(QStringLiteral("long/alqasida.csv"))}, out, options);
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    QCOMPARE(readBack(out)->header.dialects, (QStringList{QStringLiteral("egyptian"), QStringLiteral("syrian"),
                                                           QStringLiteral("saudi"), QStringLiteral("moroccan"),
                                                           QStringLiteral("xyz")}));
}

void TestPackBuilder::arabicGuidelinesAndLabels()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("alqasida.jsonl"));
    // Without files: Majlis' guidelines in both languages, so the Arabic interface shows Arabic.
    auto report = buildPack(InputFormat::Long, {input(QStringLiteral("long/alqasida.csv"))}, out, BuildOptions{});
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    auto pack = readBack(out);
    QVERIFY(pack->header.guidelines.value(QStringLiteral("ar")).contains(QStringLiteral("اقرأ الإجابتين")));
    QVERIFY(pack->header.guidelines.value(QStringLiteral("en")).contains(QStringLiteral("Read both answers")));

    BuildOptions options;
    options.replaceExisting = true;
    options.guidelineFiles.insert(QStringLiteral("ar"),
                                  writeFile(dir, QStringLiteral("ar.md"), QByteArray("\xEF\xBB\xBF## كيف تحكم\n\nاقرأ ثم صوّت.\n")));
    options.labelsFile = writeFile(dir, QStringLiteral("labels.json"), QByteArray(R"({"categories": {
        "cooking": {"ar": "الطبخ", "en": "Cooking"}, "travel": {"ar": "السفر"}, "poetry": {"ar": "الشعر"}}})"));
    report = buildPack(InputFormat::Long, {input(QStringLiteral("long/alqasida.csv"))}, out, options);
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    pack = readBack(out);
    QCOMPARE(pack->header.guidelines.value(QStringLiteral("ar")), QStringLiteral("## كيف تحكم\n\nاقرأ ثم صوّت.\n"));
    QVERIFY(pack->header.guidelines.value(QStringLiteral("en")).contains(QStringLiteral("Read both answers")));
    LocalizedText cooking, travel, food;
    for (const CategoryInfo &c : pack->header.categories) {
        if (c.id == QLatin1String("cooking"))
            cooking = c.label;
        if (c.id == QLatin1String("travel"))
            travel = c.label;
        if (c.id == QLatin1String("food"))
            food = c.label;
    }
    QCOMPARE(cooking, (LocalizedText{{QStringLiteral("en"), QStringLiteral("Cooking")}, {QStringLiteral("ar"), QStringLiteral("الطبخ")}}));
    QCOMPARE(travel, (LocalizedText{{QStringLiteral("en"), QStringLiteral("travel")}, {QStringLiteral("ar"), QStringLiteral("السفر")}}));
    QCOMPARE(food, (LocalizedText{{QStringLiteral("en"), QStringLiteral("food")}}));
    QVERIFY2(report->notes.join(QLatin1Char(' ')).contains(QStringLiteral("labels for categories no prompt uses, left out: poetry")),
             qPrintable(report->notes.join(QLatin1Char(' '))));
}

void TestPackBuilder::refusesBadLabelsAndGuidelines_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("labels not json") << "labels.json" << QByteArray("{\"categories\": {\"cooking\": }") << "labels.json: not valid JSON at column 28";
    QTest::newRow("labels unknown field") << "labels.json" << QByteArray(R"({"cats": {}})")
                                          << R"(labels.json: field "cats": unknown field)";
    QTest::newRow("label not text") << "labels.json" << QByteArray(R"({"categories": {"cooking": {"ar": 3}}})")
                                    << R"(labels.json: field "categories.cooking.ar": must be a non-empty string)";
    QTest::newRow("guidelines not utf-8") << "ar.md" << QByteArray("\xC8\xE4\xC7") << "ar.md: the guidelines file is not UTF-8";
    QTest::newRow("guidelines empty") << "ar.md" << QByteArray(" \n") << "ar.md: the guidelines file is empty";
}

void TestPackBuilder::refusesBadLabelsAndGuidelines()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.jsonl"));
    BuildOptions options;
    if (file.endsWith(QLatin1String(".md")))
        options.guidelineFiles.insert(QStringLiteral("ar"), writeFile(dir, file, bytes));
    else
        options.labelsFile = writeFile(dir, file, bytes);
    auto report = buildPack(InputFormat::Long, {input(QStringLiteral("long/alqasida.csv"))}, out, options);
    QVERIFY(!report);
    QVERIFY2(report.error().message.contains(message), qPrintable(report.error().message));
    QVERIFY(!QFile::exists(out));  // nothing written
}

QTEST_GUILESS_MAIN(TestPackBuilder)
#include "test_pack_builder.moc"
