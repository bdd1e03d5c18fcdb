// The dialog seam (ui/dialogs.h): queued answers, "answer with defaults", records, and the real
// dialog when neither applies.
#include "ui/dialogs.h"
#include "ui/failuredialog.h"
#include "ui/startdialogs.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>

using namespace majlis;
using Dialogs = ui::Dialogs;
using Kind = Dialogs::Kind;

namespace {

Taxonomy twoCategories()
{
    Taxonomy t;
    t.categories = {TaxonomyEntry{QStringLiteral("msa_drift"), {}, {}, 0},
                    TaxonomyEntry{QStringLiteral("incomplete"), {}, {}, 0}};
    t.severities = {TaxonomyEntry{QStringLiteral("minor"), {}, {}, 1}, TaxonomyEntry{QStringLiteral("major"), {}, {}, 3}};
    return t;
}

}  // namespace

class TestDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        Dialogs::setAnswerWithDefaults(false);
        Dialogs::reset();
    }

    void queuedAnswersAreTakenInOrderAndRecorded()
    {
        Dialogs::setNextAnswer(QMessageBox::Yes);
        Dialogs::setNextFileName(QStringLiteral("/tmp/pack.jsonl"));
        Dialogs::setNextAnswer(QMessageBox::Ok);
        Dialogs::setNextFileName(QString());
        QCOMPARE(Dialogs::question(nullptr, QStringLiteral("Delete?"), QStringLiteral("All of it?"),
                                   QMessageBox::Yes | QMessageBox::No, QMessageBox::No),
                 QMessageBox::Yes);
        QCOMPARE(Dialogs::openFileName(nullptr, QStringLiteral("Import"), QStringLiteral("/home")),
                 QStringLiteral("/tmp/pack.jsonl"));
        QCOMPARE(Dialogs::critical(nullptr, QStringLiteral("Majlis"), QStringLiteral("The store is locked.")), QMessageBox::Ok);
        QCOMPARE(Dialogs::saveFileName(nullptr, QStringLiteral("Export"), QStringLiteral("/pictures/ratings.png")), QString());
        const QList<Dialogs::Record> expected{
            {Kind::Question, QStringLiteral("Delete?"), QStringLiteral("All of it?")},
            {Kind::OpenFile, QStringLiteral("Import"), QStringLiteral("/home")},
            {Kind::Critical, QStringLiteral("Majlis"), QStringLiteral("The store is locked.")},
            {Kind::SaveFile, QStringLiteral("Export"), QStringLiteral("/pictures/ratings.png")},
        };
        QCOMPARE(Dialogs::takeRecords(), expected);
        QVERIFY(Dialogs::takeRecords().isEmpty());
        QCOMPARE(QApplication::topLevelWidgets().size(), 0);  // nothing was ever shown
    }

    void defaultsAnswerWhatNobodyQueued_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("expected");
        QTest::newRow("information: OK") << 0 << int(QMessageBox::Ok);
        QTest::newRow("warning: OK") << 1 << int(QMessageBox::Ok);
        QTest::newRow("question: the default it names") << 2 << int(QMessageBox::Cancel);
        QTest::newRow("box without OK and no default: its first button") << 3 << int(QMessageBox::Save);
    }

    void defaultsAnswerWhatNobodyQueued()
    {
        QFETCH(int, which);
        QFETCH(int, expected);
        Dialogs::setAnswerWithDefaults(true);
        QVERIFY(Dialogs::answersWithDefaults());
        const QString title = QStringLiteral("Title"), text = QStringLiteral("Text");
        Dialogs::Button answer = QMessageBox::NoButton;
        switch (which) {
        case 0: answer = Dialogs::information(nullptr, title, text); break;
        case 1: answer = Dialogs::warning(nullptr, title, text); break;
        case 2:
            answer = Dialogs::question(nullptr, title, text, QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Cancel);
            break;
        default: answer = Dialogs::information(nullptr, title, text, QMessageBox::Save | QMessageBox::Discard); break;
        }
        QCOMPARE(int(answer), expected);
        QCOMPARE(Dialogs::takeRecords().size(), 1);
    }

    void defaultsCancelFileAndOwnDialogs()
    {
        Dialogs::setAnswerWithDefaults(true);
        QCOMPARE(Dialogs::openFileName(nullptr, QStringLiteral("Import")), QString());
        QCOMPARE(Dialogs::saveFileName(nullptr, QStringLiteral("Export")), QString());
        QVERIFY(!ui::FailureDialog::ask(twoCategories(), QStringLiteral("quoted"), std::nullopt, nullptr));
        const QList<Dialogs::Record> records = Dialogs::takeRecords();
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(2).kind, Kind::Own);
        QCOMPARE(records.at(2).text, QStringLiteral("quoted"));
        // A queued answer still wins over the default.
        Dialogs::setNextAnswer(QMessageBox::Open);
        QCOMPARE(Dialogs::question(nullptr, QStringLiteral("Open link"), QString(), QMessageBox::Open | QMessageBox::Cancel,
                                   QMessageBox::Cancel),
                 QMessageBox::Open);
    }

    void failureDialogAnswersShareTheQueue()
    {
        const ui::FailureDialog::Answer mark{QStringLiteral("incomplete"), QStringLiteral("minor"), QStringLiteral("cut off")};
        ui::FailureDialog::setNextAnswer(mark);
        Dialogs::setNextAnswer(QMessageBox::Ok);
        ui::FailureDialog::setNextAnswer(std::nullopt);
        const auto first = ui::FailureDialog::ask(twoCategories(), QString(), std::nullopt, nullptr);
        QVERIFY(first);
        QCOMPARE(first->category, mark.category);
        QCOMPARE(first->comment, mark.comment);
        QCOMPARE(Dialogs::information(nullptr, QStringLiteral("Done"), QString()), QMessageBox::Ok);
        QVERIFY(!ui::FailureDialog::ask(twoCategories(), QStringLiteral("x"), std::nullopt, nullptr));
        const QList<Dialogs::Record> records = Dialogs::takeRecords();
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).kind, Kind::Own);
        QCOMPARE(records.at(0).title, ui::FailureDialog::tr("Flag the whole answer"));
        QCOMPARE(records.at(2).title, ui::FailureDialog::tr("Mark a failure"));
    }

    // The profile dialog opened with the last name filled in but not selected: typing a name
    // appended to it ("laylalayla"). Typing now replaces it; the known names stay in the list.
    void annotatorDialogTypingReplacesTheLastName()
    {
        ui::AnnotatorDialog dialog({QStringLiteral("layla"), QStringLiteral("omar")}, QStringLiteral("layla"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *names = dialog.findChild<QComboBox *>(QStringLiteral("annotatorName"));
        QVERIFY(names && names->lineEdit());
        QCOMPARE(dialog.annotator(), QStringLiteral("layla"));
        QTest::keyClicks(names->lineEdit(), QStringLiteral("salma"));
        QCOMPARE(dialog.annotator(), QStringLiteral("salma"));
        QCOMPARE(names->count(), 2);
    }

    void withNothingQueuedTheRealBoxIsShown()
    {
        QString seen;
        QTimer::singleShot(0, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            seen = box->text();
            box->button(QMessageBox::No)->click();
        });
        QTimer watchdog;  // should the box never be found, do not hang the suite
        connect(&watchdog, &QTimer::timeout, this, [] {
            if (QWidget *w = QApplication::activeModalWidget())
                w->close();
        });
        watchdog.start(3000);
        const Dialogs::Button answer = Dialogs::question(nullptr, QStringLiteral("Really?"), QStringLiteral("Shown for real"),
                                                         QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        QCOMPARE(seen, QStringLiteral("Shown for real"));
        QCOMPARE(answer, QMessageBox::No);
        QVERIFY(Dialogs::takeRecords().isEmpty());  // only what was not shown is recorded
    }
};

QTEST_MAIN(TestDialogs)
#include "test_dialogs.moc"
