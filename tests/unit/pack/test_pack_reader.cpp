#include "pack/packreader.h"

#include <QBuffer>
#include <QFileInfo>
#include <QTest>

using namespace majlis;
using namespace majlis::pack;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/") + name;
}

// Reads every item of `path`; the first error, if any, is returned.
Result<QList<ItemRecord>> readAll(const QString &path)
{
    auto reader = PackReader::open(path);
    if (!reader)
        return reader.error();
    QList<ItemRecord> out;
    for (;;) {
        auto next = (*reader)->next();
        if (!next)
            return next.error();
        if (!next->has_value())
            return out;
        out << std::move(**next);
    }
}

std::unique_ptr<QIODevice> bufferOf(const QByteArray &bytes)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(bytes);
    buffer->open(QIODevice::ReadOnly);
    return buffer;
}

} // namespace

class TestPackReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsArabicMultiTurnPack();
    void sameContentWhateverTheLineEnds_data();
    void sameContentWhateverTheLineEnds();
    void countsBlankLinesInLineNumbers();
    void headerLineIsRawBytes();
    void bytesReadReachesFileSize();
    void refusesBadFile_data();
    void refusesBadFile();
    void validateFileSummarises();
    void readsFromDevice();
    void refusesOverlongLine();
    void pointsToPackBuild_data();
    void pointsToPackBuild();
    void parsesStoredLinesWithoutLineNumber();
};

void TestPackReader::readsArabicMultiTurnPack()
{
    auto reader = PackReader::open(fixture(QStringLiteral("good/dialects.jsonl")));
    QVERIFY2(reader.ok(), qPrintable(reader ? QString() : reader.error().message));
    const PackHeader &h = (*reader)->header();
    QCOMPARE(h.id, QStringLiteral("fixture-dialects"));
    QCOMPARE(h.guidelines.value(QStringLiteral("ar")), QStringLiteral("اقرأ الإجابتين كاملتين ثم صوّت."));
    QCOMPARE(h.dialects, (QStringList{QStringLiteral("emirati"), QStringLiteral("egyptian"), QStringLiteral("msa")}));
    QCOMPARE(h.categories.size(), 2);
    QCOMPARE(h.categories[1].label.value(QStringLiteral("ar")), QStringLiteral("نصائح"));
    QCOMPARE(h.models.size(), 3);
    QCOMPARE(h.models[0].aliases, (QStringList{QStringLiteral("Nakhla"), QStringLiteral("نخلة")}));
    QVERIFY(h.reveal == RevealPolicy::AfterVote);

    auto items = readAll(fixture(QStringLiteral("good/dialects.jsonl")));
    QVERIFY(items.ok());
    QCOMPARE(items->size(), 3);
    const Item &greet = items->at(0).item;
    QCOMPARE(greet.prompt(), QStringLiteral("شلونك؟ شو أخبارك اليوم؟"));
    QCOMPARE(greet.candidates.size(), 3);
    QCOMPARE(greet.candidates[2], (Candidate{QStringLiteral("gpt-x"), QStringLiteral("I'm fine, thanks! كيف حالك؟")}));

    const Item &advice = items->at(1).item;
    QCOMPARE(advice.conversation.size(), 4);
    QCOMPARE(advice.conversation[0].role, QStringLiteral("system"));
    QCOMPARE(advice.conversation[2], (Turn{QStringLiteral("assistant"), QStringLiteral("ابدأ بالأكلات السهلة زي المكرونة.")}));
    QCOMPARE(advice.prompt(), QStringLiteral("طب والرز؟ بيتعمل إزاي من غير ما يلزق؟"));
    QCOMPARE(advice.dialect, QStringLiteral("egyptian"));
    QCOMPARE(advice.category, QStringLiteral("advice"));
    QVERIFY(advice.candidates[1].output.contains(QStringLiteral("\n1. ضيف الرز")));

    const Item &msa = items->at(2).item;
    QCOMPARE(msa.prompt(), QStringLiteral("اكتب جملة عن \"الخليج\" — مع علامات تنصيص."));
    QCOMPARE(msa.candidates[1].output, QStringLiteral("😀 emoji and \\ backslash"));
    QCOMPARE(items->at(2).lineNumber, qint64(4));
}

void TestPackReader::sameContentWhateverTheLineEnds_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("BOM, CRLF and blank lines") << QStringLiteral("good/windows.jsonl");
    QTest::newRow("no newline after the last item") << QStringLiteral("good/no-final-newline.jsonl");
}

void TestPackReader::sameContentWhateverTheLineEnds()
{
    QFETCH(QString, file);
    auto reference = readAll(fixture(QStringLiteral("good/dialects.jsonl")));
    auto other = readAll(fixture(file));
    QVERIFY2(other.ok(), qPrintable(other ? QString() : other.error().message));
    QCOMPARE(other->size(), reference->size());
    for (qsizetype i = 0; i < other->size(); ++i) {
        QCOMPARE(other->at(i).item, reference->at(i).item);
        QCOMPARE(other->at(i).rawLine, reference->at(i).rawLine);  // no "\r", no BOM
    }
    auto a = PackReader::open(fixture(file));
    auto b = PackReader::open(fixture(QStringLiteral("good/dialects.jsonl")));
    QCOMPARE((*a)->header(), (*b)->header());
    QCOMPARE((*a)->headerLine(), (*b)->headerLine());
}

void TestPackReader::countsBlankLinesInLineNumbers()
{
    auto items = readAll(fixture(QStringLiteral("good/windows.jsonl")));
    QVERIFY(items.ok());
    QList<qint64> lines;
    for (const ItemRecord &r : std::as_const(*items))
        lines << r.lineNumber;
    QCOMPARE(lines, (QList<qint64>{3, 6, 7}));
}

void TestPackReader::headerLineIsRawBytes()
{
    QFile f(fixture(QStringLiteral("good/dialects.jsonl")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray first = f.readLine().chopped(1);
    auto reader = PackReader::open(fixture(QStringLiteral("good/dialects.jsonl")));
    QCOMPARE((*reader)->headerLine(), first);
    auto next = (*reader)->next();
    QCOMPARE(next->value().rawLine, f.readLine().chopped(1));
}

void TestPackReader::bytesReadReachesFileSize()
{
    const QString path = fixture(QStringLiteral("good/windows.jsonl"));
    auto reader = PackReader::open(path);
    QVERIFY(reader.ok());
    const qint64 afterHeader = (*reader)->bytesRead();
    QVERIFY(afterHeader > 0);
    while ((*reader)->next()->has_value())
        QVERIFY((*reader)->bytesRead() > afterHeader);
    QCOMPARE((*reader)->bytesRead(), QFileInfo(path).size());
}

void TestPackReader::refusesBadFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<int>("line");       // 0: the message names no line
    QTest::addColumn<QString>("field");  // empty: the message names no field
    QTest::addColumn<QString>("says");

    using C = Error::Code;
    auto row = [](const char *name, const char *file, C code, int line, const char *field, const QString &says) {
        QTest::newRow(name) << QString::fromUtf8(file) << code << line << QString::fromUtf8(field) << says;
    };
    row("broken JSON: names the column", "bad/broken-json.jsonl", C::Parse, 3, "", QStringLiteral("not valid JSON at column 39: syntax error while parsing object - invalid literal"));
    row("missing field", "bad/missing-field.jsonl", C::Validation, 2, "candidates[1].output", QStringLiteral("is missing"));
    row("wrong type", "bad/wrong-type.jsonl", C::Validation, 3, "prompt", QStringLiteral("must be a string, not number"));
    row("duplicate item id names the first line", "bad/duplicate-id.jsonl", C::Validation, 5, "id",
        QStringLiteral("duplicate item id \"greet-001\" (first on line 2)"));
    row("unknown model in a candidate", "bad/unknown-model.jsonl", C::Validation, 2, "candidates[1].model",
        QStringLiteral("model \"x\" is not declared in the header"));
    row("the same model twice in one item", "bad/repeated-model.jsonl", C::Validation, 2, "candidates[2].model",
        QStringLiteral("model \"nakhla-7b\" already answered this item in candidates[0]"));
    row("empty output (whitespace only)", "bad/empty-output.jsonl", C::Validation, 2, "candidates[0].output",
        QStringLiteral("must not be empty"));
    row("output of only Unicode spaces and invisible characters (issue 9)", "bad/invisible-output.jsonl", C::Validation,
        2, "candidates[0].output", QStringLiteral("must not be empty"));
    row("fewer than two candidates", "bad/one-candidate.jsonl", C::Validation, 2, "candidates",
        QStringLiteral("has 1 answer(s); a comparison needs at least two"));
    row("bad taxonomy in the header", "bad/bad-taxonomy.jsonl", C::Validation, 1, "taxonomy.categories[1].id",
        QStringLiteral("duplicate id \"poetry_meter\""));
    row("wrong version", "bad/version-2.jsonl", C::Validation, 1, "majlis_pack",
        QStringLiteral("unsupported version 2; this Majlis reads version 1"));
    row("unknown item field (typo)", "bad/unknown-field.jsonl", C::Validation, 3, "categroy", QStringLiteral("unknown field"));
    row("unknown header field (typo)", "bad/unknown-header-field.jsonl", C::Validation, 1, "revael", QStringLiteral("unknown field"));
    row("dialect not in the header", "bad/unknown-dialect.jsonl", C::Validation, 2, "dialect",
        QStringLiteral("\"sudanese\" is not one of the header's dialects (emirati, egyptian, msa)"));
    row("category not declared", "bad/undeclared-category.jsonl", C::Validation, 2, "category",
        QStringLiteral("\"poetry\" is not declared in the header's categories"));
    row("empty file", "bad/empty.jsonl", C::Validation, 0, "", QStringLiteral("the file is empty"));
    row("blank lines only", "bad/blank-only.jsonl", C::Validation, 0, "", QStringLiteral("the file is empty"));
    row("header missing: line 1 is an item", "bad/header-missing.jsonl", C::Validation, 1, "majlis_pack",
        QStringLiteral("is missing: line 1 must be the pack header (this looks like an item)"));
    row("header without items", "bad/header-only.jsonl", C::Validation, 0, "", QStringLiteral("the pack has a header but no items"));
    row("bad characters in the pack id", "bad/bad-pack-id.jsonl", C::Validation, 1, "id",
        QStringLiteral("\"fixture dialects/ar\" must be 1–128 characters of A–Z a–z 0–9 . _ -"));
    row("one model in the header", "bad/one-model.jsonl", C::Validation, 1, "models", QStringLiteral("at least two models"));
    row("conversation ends with the assistant", "bad/last-turn-assistant.jsonl", C::Validation, 2, "conversation[1].role",
        QStringLiteral("the last turn must be the user's"));
    row("unknown role", "bad/bad-role.jsonl", C::Validation, 2, "conversation[0].role",
        QStringLiteral("must be \"system\", \"user\" or \"assistant\", not \"bot\""));
    row("prompt and conversation both", "bad/prompt-and-conversation.jsonl", C::Validation, 2, "conversation",
        QStringLiteral("give either \"prompt\" or \"conversation\", not both"));
    row("neither prompt nor conversation", "bad/neither-prompt-nor-conversation.jsonl", C::Validation, 2, "prompt",
        QStringLiteral("is missing (give \"prompt\" or \"conversation\")"));
    row("item is not an object", "bad/item-not-object.jsonl", C::Validation, 3, "", QStringLiteral("an item must be a JSON object, not array"));
    row("invalid UTF-8 names the line", "bad/invalid-utf8.jsonl", C::Parse, 3, "", QStringLiteral("not valid UTF-8 at column"));
    row("CRLF blank lines still count", "bad/crlf-blank-lines.jsonl", C::Validation, 6, "dialect",
        QStringLiteral("\"levantine\" is not one of"));
}

void TestPackReader::refusesBadFile()
{
    QFETCH(QString, file);
    QFETCH(Error::Code, code);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, says);

    const QString path = fixture(file);
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    const Status s = validateFile(path);
    QVERIFY(!s.ok());
    const QString message = s.error().message;
    QCOMPARE(s.error().code, code);
    QString prefix = path + QLatin1Char(':');
    if (line > 0)
        prefix += QString::number(line) + QLatin1Char(':');
    if (!field.isEmpty())
        prefix += QStringLiteral(" field \"%1\":").arg(field);
    QVERIFY2(message.startsWith(prefix), qPrintable(message));
    QVERIFY2(message.contains(says), qPrintable(message));
    if (line == 0)
        QVERIFY2(!message.startsWith(path + QStringLiteral(":1")), qPrintable(message));
}

void TestPackReader::validateFileSummarises()
{
    ValidationSummary summary;
    const QString path = fixture(QStringLiteral("good/windows.jsonl"));
    const Status s = validateFile(path, &summary);
    QVERIFY2(s.ok(), qPrintable(s ? QString() : s.error().message));
    QCOMPARE(summary.packId, QStringLiteral("fixture-dialects"));
    QCOMPARE(summary.items, qint64(3));
    QCOMPARE(summary.candidates, qint64(7));
    QCOMPARE(summary.bytes, QFileInfo(path).size());
}

void TestPackReader::readsFromDevice()
{
    QFile f(fixture(QStringLiteral("good/dialects.jsonl")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto reader = PackReader::open(bufferOf(f.readAll()), QStringLiteral("upload"));
    QVERIFY(reader.ok());
    int n = 0;
    while ((*reader)->next()->has_value())
        ++n;
    QCOMPARE(n, 3);

    auto bad = PackReader::open(bufferOf("{\"majlis_pack\":1,\"id\":\"x\"}\n"), QStringLiteral("upload"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().message, QStringLiteral("upload:1: field \"title\": is missing"));
}

// A CSV or an AlpacaEval file given to `pack import` (or the desktop's --pack) was refused with
// "not valid JSON at column 1" and no word that `pack build` reads it.
void TestPackReader::pointsToPackBuild_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("hint"); // empty: no hint is right
    const QString build = QStringLiteral(MAJLIS_FIXTURES_DIR "/pack-build/");
    QTest::newRow("long CSV") << build + QStringLiteral("long/answers.csv") << QStringLiteral("--from long");
    QTest::newRow("an evaluation export") << build + QStringLiteral("long/evaluation-export.csv") << QStringLiteral("--from long");
    QTest::newRow("AlpacaEval model_outputs.json")
        << build + QStringLiteral("alpaca_eval/gpt-x/model_outputs.json") << QStringLiteral("--from alpaca_eval");
    QTest::newRow("MT-Bench answers") << build + QStringLiteral("mt_bench/model_answer/jais-13b.jsonl")
                                      << QStringLiteral("--from mt_bench");
    QTest::newRow("a pack with a broken header") << fixture(QStringLiteral("bad/unknown-header-field.jsonl")) << QString();
    QTest::newRow("a pack without its header") << fixture(QStringLiteral("bad/header-missing.jsonl")) << QString();
}

void TestPackReader::pointsToPackBuild()
{
    QFETCH(QString, file);
    QFETCH(QString, hint);
    if (!QFile::exists(file))
        QFAIL(qPrintable(QStringLiteral("fixture %1 is missing").arg(file)));
    auto reader = PackReader::open(file);
    QVERIFY(!reader.ok());
    const QString message = reader.error().message;
    QVERIFY2(message.startsWith(file + QLatin1Char(':')), qPrintable(message));
    if (hint.isEmpty())
        QVERIFY2(!message.contains(QLatin1String("pack build")), qPrintable(message));
    else
        QVERIFY2(message.contains(QStringLiteral("`majlisctl pack build ") + hint + QStringLiteral(" FILE -o PACK.jsonl`")),
                 qPrintable(message));
}

void TestPackReader::refusesOverlongLine()
{
    QFile f(fixture(QStringLiteral("good/dialects.jsonl")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readLine();
    bytes += QByteArray(PackReader::kMaxLineBytes + 10, ' ');
    auto reader = PackReader::open(bufferOf(bytes), QStringLiteral("huge"));
    QVERIFY(reader.ok());
    auto next = (*reader)->next();
    QVERIFY(!next.ok());
    QVERIFY2(next.error().message.startsWith(QStringLiteral("huge:2: the line is longer than 64 MiB")),
             qPrintable(next.error().message));
}

void TestPackReader::parsesStoredLinesWithoutLineNumber()
{
    auto reader = PackReader::open(fixture(QStringLiteral("good/dialects.jsonl")));
    const PackHeader header = (*reader)->header();
    auto again = parseHeader((*reader)->headerLine(), QStringLiteral("stored pack x"));
    QVERIFY(again.ok());
    QCOMPARE(*again, header);
    auto item = parseItem("{\"id\":\"a\",\"prompt\":\"p\",\"candidates\":[{\"model\":\"gpt-x\",\"output\":\"o\"}]}", header,
                          QStringLiteral("stored pack x"));
    QVERIFY(!item.ok());
    QCOMPARE(item.error().message,
             QStringLiteral("stored pack x: field \"candidates\": has 1 answer(s); a comparison needs at least two"));
}

QTEST_GUILESS_MAIN(TestPackReader)
#include "test_pack_reader.moc"
