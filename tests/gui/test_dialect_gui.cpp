// The dialect registry as an annotator and a coordinator meet it (issue 13): a pack built from a
// long CSV whose dialect column holds AL-QASIDA's codes (egy, syr, sau, mar) shows the varieties
// by name in both languages, offers the registry grouped in "written in" with "as requested"
// following from the choice, and slices the board by variety and by region.
#include "pack/builder.h"
#include "session/votingsession.h"
#include "store/eventstore.h"
#include "ui/answerview.h"
#include "ui/dialogs.h"
#include "ui/leaderboardview.h"
#include "ui/mainwindow.h"
#include "ui/translator.h"
#include "ui/votingview.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;

class TestDialectGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::EventStore> m_store;
    std::unique_ptr<ui::Translator> m_translator;
    QString m_packId;

    struct Words
    {
        const char *egyptian, *nileValley, *syrian, *arabizi, *dialect, *region;
    };
    static Words wordsOf(const QString &language)
    {
        if (language == QLatin1String("ar"))
            return {"المصرية", "وادي النيل", "السورية", "عربيزي", "اللهجة", "المنطقة"};
        return {"Egyptian", "Nile Valley", "Syrian", "Arabizi", "Dialect", "Region"};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::Dialogs::setAnswerWithDefaults(true);
        const QString pack = m_dir.filePath(QStringLiteral("alqasida.jsonl"));
        auto built = pack::buildPack(pack::InputFormat::Long,
                                     {QStringLiteral(MAJLIS_FIXTURES_DIR "/pack-build/long/alqasida.csv")}, pack, {});
        QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
        auto store = store::EventStore::open(m_dir.filePath(QStringLiteral("dialects.sqlite")));
        QVERIFY(store);
        m_store = std::move(*store);
        auto report = m_store->importPack(pack);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        m_packId = report->packId;
        m_translator = std::make_unique<ui::Translator>();
    }

    void cleanupTestCase()
    {
        m_translator.reset();
        QApplication::setLayoutDirection(Qt::LeftToRight);
    }

    void writtenInOffersTheRegistry_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ar") << QStringLiteral("ar");
    }

    void writtenInOffersTheRegistry()
    {
        QFETCH(QString, language);
        const Words words = wordsOf(language);
        QVERIFY(m_translator->setLanguage(language));
        ui::MainWindow w(*m_store);
        w.setTranslator(m_translator.get());
        QVERIFY(w.openPack(m_packId, QStringLiteral("dina-") + language));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        session::VotingSession *session = w.votingView()->session();
        QVERIFY(session->pick(QStringLiteral("eg1/0-1")));
        w.votingView()->showCurrent();

        // The requested variety by its name, never the pack's code.
        auto *meta = w.findChild<QLabel *>(QStringLiteral("pairMeta"));
        QVERIFY(meta);
        QVERIFY2(meta->text().contains(QString::fromUtf8(words.egyptian)), qPrintable(meta->text()));
        QVERIFY2(!meta->text().contains(QLatin1String("egy")), qPrintable(meta->text()));

        auto *answer = w.findChild<ui::AnswerView *>(QStringLiteral("answerFirst"));
        auto *combo = answer->findChild<QComboBox *>(QStringLiteral("varietyChoice"));
        auto *matches = answer->findChild<QCheckBox *>(QStringLiteral("varietyMatches"));
        QVERIFY(combo && matches);
        auto *model = qobject_cast<QStandardItemModel *>(combo->model());
        QVERIFY(model);
        // "— choose —", a separator, the Nile Valley heading (not selectable), then Egyptian.
        QCOMPARE(combo->itemText(2), QString::fromUtf8(words.nileValley));
        QVERIFY(!(model->item(2)->flags() & Qt::ItemIsSelectable));
        QCOMPARE(combo->itemData(3).toString(), QStringLiteral("egyptian"));
        QCOMPARE(combo->itemText(3), QString::fromUtf8(words.egyptian));
        QCOMPARE(combo->itemData(4).toString(), QStringLiteral("sudanese"));
        // Every value the session takes is offered once, and nothing else can be chosen.
        QStringList offered;
        for (int i = 1; i < combo->count(); ++i)
            if (!combo->itemData(i).toString().isEmpty())
                offered << combo->itemData(i).toString();
        QStringList takes = session->varieties();
        offered.sort();
        takes.sort();
        QCOMPARE(offered, takes);
        QVERIFY(offered.contains(QStringLiteral("xyz")));  // the pack's code the registry does not know
        bool arabizi = false;
        for (int i = 0; i < combo->count(); ++i)
            arabizi = arabizi || combo->itemText(i).contains(QString::fromUtf8(words.arabizi));
        QVERIFY(arabizi);
        QVERIFY(!matches->isEnabled());  // nothing chosen yet

        const auto choose = [&](const QString &id) {
            const int at = combo->findData(id);
            QVERIFY2(at > 0, qPrintable(id));
            combo->setCurrentIndex(at);
            Q_EMIT combo->activated(at);
        };
        const auto judged = [&]() -> std::optional<DialectJudgmentPayload> {
            return session->dialectJudgment(session::AnswerSlot::First);
        };
        // The requested variety: "as requested", greyed.
        choose(QStringLiteral("egyptian"));
        QVERIFY(matches->isChecked() && !matches->isEnabled());
        QCOMPARE(judged()->variety, QStringLiteral("egyptian"));
        QVERIFY(judged()->matchesRequest);
        // Another region's: cannot be as requested, greyed.
        choose(QStringLiteral("syrian"));
        QVERIFY(!matches->isChecked() && !matches->isEnabled());
        QCOMPARE(judged()->variety, QStringLiteral("syrian"));
        QVERIFY(!judged()->matchesRequest);
        // The same region's: the annotator decides.
        choose(QStringLiteral("sudanese"));
        QVERIFY(matches->isEnabled());
        matches->click();
        QCOMPARE(judged()->variety, QStringLiteral("sudanese"));
        QVERIFY(judged()->matchesRequest);
        // Shown again, the judgment is selected with its box in the state it implies.
        w.votingView()->showCurrent();
        QCOMPARE(combo->currentData().toString(), QStringLiteral("sudanese"));
        QVERIFY(matches->isChecked() && matches->isEnabled());
    }

    void boardSlicesByVarietyAndRegion_data() { writtenInOffersTheRegistry_data(); }

    void boardSlicesByVarietyAndRegion()
    {
        QFETCH(QString, language);
        const Words words = wordsOf(language);
        QVERIFY(m_translator->setLanguage(language));
        {
            auto session = session::VotingSession::start(*m_store, m_packId, QStringLiteral("votes-") + language);
            QVERIFY(session);
            for (;;) {
                auto pair = (*session)->next();
                QVERIFY(pair);
                if (!pair->has_value())
                    break;
                QVERIFY((*session)->vote(Choice::First, Side::Left));
            }
        }
        ui::LeaderboardView view;
        view.setStore(m_store.get(), m_packId);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *slices = view.findChild<QComboBox *>(QStringLiteral("sliceSelector"));
        QVERIFY(slices);
        QStringList entries;
        for (int i = 0; i < slices->count(); ++i)
            entries << slices->itemText(i);
        const auto has = [&](const char *kind, const QString &value) {
            const QString start = QString::fromUtf8(kind);
            return std::any_of(entries.cbegin(), entries.cend(),
                               [&](const QString &e) { return e.contains(start) && e.contains(value); });
        };
        QVERIFY2(has(words.dialect, QString::fromUtf8(words.egyptian)), qPrintable(entries.join(QLatin1Char('\n'))));
        QVERIFY2(has(words.dialect, QString::fromUtf8(words.syrian)), qPrintable(entries.join(QLatin1Char('\n'))));
        QVERIFY2(has(words.dialect, QStringLiteral("xyz")), qPrintable(entries.join(QLatin1Char('\n'))));
        QVERIFY2(has(words.region, QString::fromUtf8(words.nileValley)), qPrintable(entries.join(QLatin1Char('\n'))));
        QVERIFY(slices->findData(QStringLiteral("region:maghreb")) > 0);
        QVERIFY(slices->findData(QStringLiteral("region:gulf")) > 0);
        QVERIFY(slices->findData(QStringLiteral("dialect:egy")) < 0);
    }
};

QTEST_MAIN(TestDialectGui)
#include "test_dialect_gui.moc"
