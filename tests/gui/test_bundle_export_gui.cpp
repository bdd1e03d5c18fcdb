// File > Export votes to a bundle… in the real main window, offscreen: votes cast by keys end in a
// signed bundle that verifies with this workstation's key and imports into another store; an
// existing file is never overwritten; a store without votes says so; both languages.
#include "bundle/bundleverifier.h"
#include "store/bundleimport.h"
#include "store/eventstore.h"
#include "store/workstationregistry.h"
#include "ui/dialogs.h"
#include "ui/mainwindow.h"
#include "ui/translator.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;

namespace {
const QString kDemo = QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl");

QAction *exportAction(ui::MainWindow &w)
{
    return w.findChild<QAction *>(QStringLiteral("exportBundle"));
}
} // namespace

class TestBundleExportGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<store::EventStore> newStore()
    {
        auto store = store::EventStore::open(m_dir.filePath(QStringLiteral("ws%1.sqlite").arg(++m_n)));
        return store ? std::move(*store) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::Dialogs::setAnswerWithDefaults(true);
    }

    void init() { ui::Dialogs::reset(); }

    void votesGoIntoASignedBundle()
    {
        auto store = newStore();
        QVERIFY(store);
        auto pack = store->importPack(kDemo);
        QVERIFY(pack);
        ui::MainWindow w(*store);
        QVERIFY(w.openPack(pack->packId, QStringLiteral("amina")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        qint64 votes = 0;
        for (Qt::Key key : {Qt::Key_1, Qt::Key_2, Qt::Key_3}) {
            QTest::keyClick(&w, key);  // the vote, then the reveal: Return goes on
            ++votes;
            QTRY_COMPARE(w.votesThisSession(), votes);
            QTest::keyClick(&w, Qt::Key_Return);
        }
        auto events = store->events();
        QVERIFY(events);
        const qsizetype stored = events->size();

        const QString file = m_dir.filePath(QStringLiteral("amina.majlisbundle"));
        ui::Dialogs::setNextFileName(file);
        exportAction(w)->trigger();
        QVERIFY(QFile::exists(file));
        const QList<ui::Dialogs::Record> records = ui::Dialogs::takeRecords();
        QCOMPARE(records.size(), 2);  // the save dialog, then what was written
        QCOMPARE(records[0].kind, ui::Dialogs::Kind::SaveFile);
        QVERIFY2(records[0].text.endsWith(QLatin1String(".majlisbundle")), qPrintable(records[0].text));
        QCOMPARE(records[1].kind, ui::Dialogs::Kind::Information);
        QVERIFY2(records[1].text.contains(QStringLiteral("Wrote %1 events").arg(stored)), qPrintable(records[1].text));
        auto key = store::workstationKey(*store);
        QVERIFY(key);
        // The fingerprint whole, in a left-to-right isolate, its spaces no-break: a line never splits it.
        const QString fingerprint = bundle::WorkstationKey::fingerprint(key->publicKey()).replace(u' ', QChar(0x00A0));
        QVERIFY2(records[1].text.contains(QChar(0x2066) + fingerprint + QChar(0x2069)), qPrintable(records[1].text));

        // The coordinator's side: the file verifies with this key and brings every event.
        auto other = newStore();
        QVERIFY(other);
        QVERIFY(store::registerKey(other->database(), store->workstationId(), key->publicKey(), QStringLiteral("test")));
        auto imported = store::importBundleFile(other->database(), file, false);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        QCOMPARE(imported->summary.header.eventCount, qint64(stored));
        auto carried = other->events();
        QVERIFY(carried);
        QCOMPARE(*carried, *events);

        // The same name again: refused, the file as it was.
        const QByteArray before = [&] { QFile f(file); return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(); }();
        ui::Dialogs::setNextFileName(file);
        exportAction(w)->trigger();
        const QList<ui::Dialogs::Record> again = ui::Dialogs::takeRecords();
        QCOMPARE(again.size(), 2);
        QCOMPARE(again[1].kind, ui::Dialogs::Kind::Warning);
        QVERIFY(again[1].text.contains(QLatin1String("never overwritten")));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);

        // A name without the suffix gets it.
        ui::Dialogs::setNextFileName(m_dir.filePath(QStringLiteral("second")));
        exportAction(w)->trigger();
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("second.majlisbundle"))));
    }

    void nothingToExportSaysSo()
    {
        auto store = newStore();
        QVERIFY(store);
        auto pack = store->importPack(kDemo);
        QVERIFY(pack);
        ui::MainWindow w(*store);
        QVERIFY(w.openPack(pack->packId, QStringLiteral("salem")));
        exportAction(w)->trigger();
        const QList<ui::Dialogs::Record> records = ui::Dialogs::takeRecords();
        QCOMPARE(records.size(), 1);  // no save dialog: there is nothing to save
        QCOMPARE(records[0].kind, ui::Dialogs::Kind::Information);
        QVERIFY(records[0].text.contains(QLatin1String("nothing to export")));
    }

    void arabicTextsAndTheMenu()
    {
        auto store = newStore();
        QVERIFY(store);
        auto pack = store->importPack(kDemo);
        QVERIFY(pack);
        ui::Translator translator;
        translator.setLanguage(QStringLiteral("ar"));
        ui::MainWindow w(*store);
        w.setTranslator(&translator);
        QVERIFY(w.openPack(pack->packId, QStringLiteral("mariam")));
        QCOMPARE(exportAction(w)->text(), QStringLiteral("تصدير الأصوات إلى رزمة أصوات (&E)…"));
        exportAction(w)->trigger();
        const QList<ui::Dialogs::Record> records = ui::Dialogs::takeRecords();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].title, QStringLiteral("تصدير الأصوات"));
        QCOMPARE(records[0].text, QStringLiteral("لا أصوات على محطة العمل هذه بعد: لا شيء للتصدير."));
        translator.setLanguage(QStringLiteral("en"));
    }
};

QTEST_MAIN(TestBundleExportGui)
#include "test_bundle_export_gui.moc"
