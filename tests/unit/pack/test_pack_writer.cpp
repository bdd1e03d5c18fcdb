#include "pack/packreader.h"
#include "pack/packwriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;
using namespace majlis::pack;

namespace {

PackHeader demoHeader()
{
    PackHeader h;
    h.id = QStringLiteral("writer-test");
    h.title = QStringLiteral("اختبار الكاتب");
    h.guidelines = {{QStringLiteral("en"), QStringLiteral("Vote.")}, {QStringLiteral("ar"), QStringLiteral("صوّت.")}};
    h.dialects = {QStringLiteral("gulf"), QStringLiteral("msa")};
    h.categories = {CategoryInfo{QStringLiteral("chat"), {{QStringLiteral("en"), QStringLiteral("Chat")}}}};
    h.reveal = RevealPolicy::Never;
    h.models = {ModelInfo{QStringLiteral("m1"), QStringLiteral("Model One"), {QStringLiteral("واحد")}},
                ModelInfo{QStringLiteral("m2"), QStringLiteral("Model Two"), {}}};
    return h;
}

QList<Item> demoItems()
{
    Item single;
    single.id = QStringLiteral("i1");
    single.conversation = {Turn{QStringLiteral("user"), QStringLiteral("وش السالفة؟\nسطر ثاني \"مقتبس\"")}};
    single.dialect = QStringLiteral("gulf");
    single.category = QStringLiteral("chat");
    single.candidates = {Candidate{QStringLiteral("m1"), QStringLiteral("ولا شي")}, Candidate{QStringLiteral("m2"), QStringLiteral("a\tb\\c")}};
    Item multi;
    multi.id = QStringLiteral("i2");
    multi.conversation = {Turn{QStringLiteral("system"), QStringLiteral("Be brief.")}, Turn{QStringLiteral("user"), QStringLiteral("Hi")},
                          Turn{QStringLiteral("assistant"), QStringLiteral("Hello!")}, Turn{QStringLiteral("user"), QStringLiteral("Bye")}};
    multi.candidates = {Candidate{QStringLiteral("m2"), QStringLiteral("Bye 👋")}, Candidate{QStringLiteral("m1"), QStringLiteral("مع السلامة")}};
    return {single, multi};
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestPackWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsThroughTheReader();
    void writesCanonicalBytes();
    void rewritingAReadPackIsStable();
    void replacesAnExistingFileWhole();
    void reportsAnUnwritableTarget();
};

void TestPackWriter::roundTripsThroughTheReader()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.jsonl"));
    QVERIFY(writePack(path, demoHeader(), demoItems()).ok());
    const Status valid = validateFile(path);
    QVERIFY2(valid.ok(), qPrintable(valid ? QString() : valid.error().message));
    auto reader = PackReader::open(path);
    QVERIFY(reader.ok());
    QCOMPARE((*reader)->header(), demoHeader());
    QList<Item> read;
    while (auto next = (*reader)->next()) {
        if (!next->has_value())
            break;
        read << next->value().item;
    }
    QCOMPARE(read, demoItems());
}

void TestPackWriter::writesCanonicalBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.jsonl"));
    QVERIFY(writePack(path, demoHeader(), demoItems()).ok());
    const QList<QByteArray> lines = contents(path).split('\n');
    QCOMPARE(lines.size(), 4);  // header, two items, and the empty rest after the final "\n"
    QVERIFY(lines.last().isEmpty());
    const QByteArray expected = "{\"candidates\":[{\"model\":\"m1\",\"output\":\"ولا شي\"},{\"model\":\"m2\",\"output\":"
                                "\"a\\tb\\\\c\"}],\"category\":\"chat\",\"dialect\":\"gulf\",\"id\":\"i1\",\"prompt\":"
                                "\"وش السالفة؟\\nسطر ثاني \\\"مقتبس\\\"\"}";
    QCOMPARE(lines[1], expected);
    QVERIFY(lines[2].contains("\"conversation\":[{\"content\":\"Be brief.\",\"role\":\"system\"}"));
    QVERIFY(!contents(path).contains('\r'));
}

void TestPackWriter::rewritingAReadPackIsStable()
{
    auto reader = PackReader::open(QStringLiteral(MAJLIS_FIXTURES_DIR "/packs/good/windows.jsonl"));
    QVERIFY(reader.ok());
    QList<Item> items;
    while (auto next = (*reader)->next()) {
        if (!next->has_value())
            break;
        items << next->value().item;
    }
    QTemporaryDir dir;
    const QString first = dir.filePath(QStringLiteral("a.jsonl")), second = dir.filePath(QStringLiteral("b.jsonl"));
    QVERIFY(writePack(first, (*reader)->header(), items).ok());
    auto again = PackReader::open(first);
    QList<Item> items2;
    while (auto next = (*again)->next()) {
        if (!next->has_value())
            break;
        items2 << next->value().item;
    }
    QCOMPARE(items2, items);
    QVERIFY(writePack(second, (*again)->header(), items2).ok());
    QCOMPARE(contents(second), contents(first));
}

void TestPackWriter::replacesAnExistingFileWhole()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.jsonl"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(100000, 'x'));
    }
    QVERIFY(writePack(path, demoHeader(), demoItems()).ok());
    QVERIFY(!contents(path).contains("xxx"));
    QVERIFY(validateFile(path).ok());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("out.jsonl")});
}

void TestPackWriter::reportsAnUnwritableTarget()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/out.jsonl"));
    const Status s = writePack(path, demoHeader(), demoItems());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, Error::Code::Io);
    QVERIFY2(s.error().message.startsWith(path + QStringLiteral(": cannot write")), qPrintable(s.error().message));
}

QTEST_GUILESS_MAIN(TestPackWriter)
#include "test_pack_writer.moc"
