// The Arabic interface, driven by the keyboard alone: switch language, vote, select text in an
// Arabic answer with Shift+arrows, mark it, and check what the store holds.
#include "model/taxonomy.h"
#include "session/votingsession.h"
#include "store/eventstore.h"
#include "text/offsets.h"
#include "ui/answerview.h"
#include "ui/dialogs.h"
#include "ui/failuredialog.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"
#include "ui/translator.h"
#include "ui/votingview.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHash>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QGlyphRun>
#include <QTextLayout>

using namespace majlis;

namespace {
const QString kDemo = QStringLiteral(MAJLIS_SOURCE_DIR "/resources/demo/majlis-demo.jsonl");

bool isArabic(const QString &s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.unicode() >= 0x0600 && c.unicode() <= 0x06FF; });
}
} // namespace

class TestArabicUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::EventStore> m_store;
    std::unique_ptr<ui::Translator> m_translator;
    QString m_packId;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::Dialogs::setAnswerWithDefaults(true);
        auto store = store::EventStore::open(m_dir.filePath(QStringLiteral("ar.sqlite")));
        QVERIFY(store);
        m_store = std::move(*store);
        auto report = m_store->importPack(kDemo);
        QVERIFY(report);
        m_packId = report->packId;
        m_translator = std::make_unique<ui::Translator>();
    }

    void cleanupTestCase()
    {
        m_translator.reset();
        QApplication::setLayoutDirection(Qt::LeftToRight);
    }

    void switchingLanguageTakesEffectAtOnce()
    {
        QVERIFY(m_translator->setLanguage(QStringLiteral("en")));
        ui::MainWindow w(*m_store);
        w.setTranslator(m_translator.get());
        QVERIFY(w.openPack(m_packId, QStringLiteral("lang")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *button = w.findChild<QAbstractButton *>(QStringLiteral("voteFirstButton"));
        QVERIFY(button);
        QVERIFY(button->text().startsWith(QLatin1String("A is better")));
        QCOMPARE(w.layoutDirection(), Qt::LeftToRight);
        w.applySettings(QStringLiteral("ar"), w.votingView()->textFonts());
        QTRY_VERIFY(isArabic(button->text()));
        QTRY_COMPARE(w.layoutDirection(), Qt::RightToLeft);
        QVERIFY(isArabic(w.menuBar()->actions().first()->text()));
        w.applySettings(QStringLiteral("en"), w.votingView()->textFonts());
        QTRY_VERIFY(button->text().startsWith(QLatin1String("A is better")));
    }

    // Every label, button and field hint of the Settings dialog is shown whole, in both languages
    // (under Xvfb the Arabic dialog cut "رمز التسجيل" and "ألغِ" at its left edge).
    void settingsDialogCutsNothingShort_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ar") << QStringLiteral("ar");
    }

    void settingsDialogCutsNothingShort()
    {
        QFETCH(QString, language);
        QVERIFY(m_translator->setLanguage(language));
        ui::MainWindow w(*m_store);
        ui::SettingsDialog dialog(language, w.votingView()->textFonts(),
                                  sync::SyncSettings{QUrl(QStringLiteral("http://127.0.0.1:8787")), "mjt_x"}, &w);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QRect inside = dialog.rect();
        auto check = [&](QWidget *widget, const QString &what) {
            const QRect at(widget->mapTo(&dialog, QPoint(0, 0)), widget->size());
            QVERIFY2(inside.contains(at), qPrintable(QStringLiteral("%1 sticks out of the dialog: %2").arg(what).arg(at.left())));
            QVERIFY2(widget->width() >= widget->sizeHint().width(),
                     qPrintable(QStringLiteral("%1 is cut short: %2 < %3").arg(what).arg(widget->width()).arg(widget->sizeHint().width())));
        };
        for (QLabel *label : dialog.findChildren<QLabel *>())
            if (label->isVisible() && !label->wordWrap())
                check(label, label->text());
        for (QAbstractButton *button : dialog.findChildren<QAbstractButton *>())
            if (button->isVisible())
                check(button, button->text());
        for (QLineEdit *field : dialog.findChildren<QLineEdit *>())
            if (field->isVisible() && !field->placeholderText().isEmpty()) {
                const int room = field->width() - 2 * field->fontMetrics().averageCharWidth();
                QVERIFY2(room >= field->fontMetrics().horizontalAdvance(field->placeholderText()),
                         qPrintable(QStringLiteral("hint cut short: ") + field->placeholderText()));
            }
    }

    // Alt+letter reaches one thing per window or menu level, in both languages: the menu bar's
    // menus, each menu's entries, and the labels and buttons of the Settings and failure dialogs
    // (an Arabic «مكتوبة بـ» once took Alt+م from «ملف»).
    void mnemonicsDoNotClash_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ar") << QStringLiteral("ar");
    }

    void mnemonicsDoNotClash()
    {
        QFETCH(QString, language);
        QVERIFY(m_translator->setLanguage(language));
        ui::MainWindow w(*m_store);
        w.setTranslator(m_translator.get());
        QVERIFY(w.openPack(m_packId, QStringLiteral("keys")));
        const auto unique = [&](const QStringList &texts, const QString &where) {
            QHash<QKeySequence, QString> seen;
            for (const QString &text : texts) {
                const QKeySequence key = QKeySequence::mnemonic(text);
                // The same label in each of two views (each answer's "Written in:") cycles
                // between them: one thing, twice.
                if (key.isEmpty() || seen.value(key) == text)
                    continue;
                QVERIFY2(!seen.contains(key), qPrintable(QStringLiteral("%1: %2 is both \"%3\" and \"%4\"")
                                                              .arg(where, key.toString(), seen.value(key), text)));
                seen.insert(key, text);
            }
        };
        QStringList menus;
        for (QAction *menu : w.menuBar()->actions()) {
            menus << menu->text();
            QStringList entries;
            if (menu->menu())
                for (QAction *a : menu->menu()->actions())
                    if (!a->isSeparator())
                        entries << a->text();
            unique(entries, QStringLiteral("menu ") + menu->text());
            QVERIFY2(entries.size() >= 1, qPrintable(menu->text()));
        }
        unique(menus, QStringLiteral("the menu bar"));
        QVERIFY(menus.size() >= 4);

        const auto dialogTexts = [](QWidget &dialog) {
            QStringList texts;
            for (QLabel *label : dialog.findChildren<QLabel *>())
                texts << label->text();
            for (QAbstractButton *button : dialog.findChildren<QAbstractButton *>())
                texts << button->text();
            return texts;
        };
        // The main window as a whole (before the dialogs, its children, exist): its menus and every
        // label and button of the voting screen.
        unique(menus + dialogTexts(w), QStringLiteral("the main window"));
        ui::SettingsDialog settings(language, w.votingView()->textFonts(),
                                    sync::SyncSettings{QUrl(QStringLiteral("http://127.0.0.1:8787")), "mjt_x"}, &w);
        unique(dialogTexts(settings), QStringLiteral("Settings"));
        ui::FailureDialog failure(defaultTaxonomy(), QStringLiteral("نص"), &w);
        unique(dialogTexts(failure), QStringLiteral("the failure dialog"));
    }

    // The font sizes read as a person writes them, in the interface's digits: «١١٫٥ نقطة», not
    // «١١٫٠٠ نقطة».
    void fontSizesHaveOneDecimal()
    {
        QVERIFY(m_translator->setLanguage(QStringLiteral("ar")));
        ui::MainWindow w(*m_store);
        ui::TextFonts fonts = w.votingView()->textFonts();
        fonts.latinPointSize = 11.5;
        ui::SettingsDialog dialog(QStringLiteral("ar"), fonts, std::nullopt, &w);
        QStringList shown;
        for (QDoubleSpinBox *box : dialog.findChildren<QDoubleSpinBox *>()) {
            QCOMPARE(box->decimals(), 1);
            shown << box->text();
        }
        QVERIFY2(shown.contains(QStringLiteral("١١٫٥ نقطة")), qPrintable(shown.join(u" | ")));
    }

    // The pair's line says its counts in the interface's digits: «أسماء نماذج مُخفاة: ١», not 1.
    void pairLineCountsInArabicDigits()
    {
        QVERIFY(m_translator->setLanguage(QStringLiteral("ar")));
        ui::MainWindow w(*m_store);
        w.setTranslator(m_translator.get());
        QVERIFY(w.openPack(m_packId, QStringLiteral("digits")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *meta = w.findChild<QLabel *>(QStringLiteral("pairMeta"));
        QVERIFY(meta);
        bool sawMasked = false;
        for (int n = 0; n < 60 && !sawMasked; ++n) {
            const QString line = meta->text();
            if (line.contains(QStringLiteral("مُخفاة"))) {
                sawMasked = true;
                for (const QChar c : line)
                    QVERIFY2(!(c >= u'0' && c <= u'9'), qPrintable(line));
            }
            if (!w.session()->current())
                break;
            QTest::keyClick(&w, Qt::Key_S);  // skip: the next pair
            QCoreApplication::processEvents();
        }
        QVERIFY(sawMasked);
    }

    // A revealed model "command_r+" read "+A — command_r" in the Arabic header: the "+" took the
    // label's right-to-left direction. Measured on the laid-out text: the "+" is drawn right after
    // the "r", to its right.
    void latinNamesKeepTheirOrderInArabicLabels()
    {
        QVERIFY(m_translator->setLanguage(QStringLiteral("ar")));
        ui::AnswerView view;
        view.setLayoutDirection(Qt::RightToLeft);
        view.setAnswer(QStringLiteral("A"), QStringLiteral("نص الإجابة"), ui::TextFonts{});
        view.setRevealedName(QStringLiteral("command_r+"));
        auto *header = view.findChild<QLabel *>(QStringLiteral("answerHeader"));
        QVERIFY(header);
        const QString text = header->text();
        QTextLayout layout(text, header->font());
        QTextOption option;
        option.setTextDirection(Qt::RightToLeft);
        layout.setTextOption(option);
        layout.beginLayout();
        QTextLine line = layout.createLine();
        line.setLineWidth(10000);
        layout.endLayout();
        // Where the glyph of character i is drawn.
        const auto centre = [&](qsizetype i) {
            const QList<QGlyphRun> runs = layout.glyphRuns(int(i), 1);
            return runs.isEmpty() || runs.first().positions().isEmpty() ? -1.0 : runs.first().positions().first().x();
        };
        const qsizetype plus = text.indexOf(u'+'), r = text.lastIndexOf(u'r', plus);
        QVERIFY(plus > 0 && r > 0);
        QVERIFY2(centre(plus) > centre(r), qPrintable(QStringLiteral("\"+\" at %1, \"r\" at %2 in %3").arg(centre(plus)).arg(centre(r)).arg(text)));
        // And the pair's two names in the reveal banner's sentence, each whole.
        QVERIFY(text.contains(QChar(0x2068) + QStringLiteral("command_r+") + QChar(0x2069)));
    }

    // Help > Keyboard shortcuts lists the marking keys too, and in Arabic every line reads right to
    // left: a line that began with an isolated Latin key name ("S: تخطٍّ") was laid out left to
    // right, so it starts with a right-to-left mark.
    void keyboardHelpListsEveryKeyAndReadsRightToLeft_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ar") << QStringLiteral("ar");
    }

    void keyboardHelpListsEveryKeyAndReadsRightToLeft()
    {
        QFETCH(QString, language);
        QVERIFY(m_translator->setLanguage(language));
        ui::MainWindow w(*m_store);
        w.setTranslator(m_translator.get());
        QVERIFY(w.openPack(m_packId, QStringLiteral("keys-help")));
        auto *help = w.findChild<QAction *>(QStringLiteral("keysHelp"));
        QVERIFY(help);
        ui::Dialogs::takeRecords();
        help->trigger();
        const QList<ui::Dialogs::Record> records = ui::Dialogs::takeRecords();
        QCOMPARE(records.size(), 1);
        const QString text = records.first().text;
        for (const char *key : {"M", "Ctrl+1", "Ctrl+2", "Ctrl+Shift+D", "Shift", "Tab", "Ctrl+Z", "F1"})
            QVERIFY2(text.contains(QLatin1String(key)), qPrintable(QStringLiteral("%1 is missing from: %2").arg(QLatin1String(key), text)));
        if (language == QLatin1String("ar"))
            for (const QString &line : text.split(u'\n'))
                QVERIFY2(line.startsWith(QChar(0x200F)) || line.front().script() == QChar::Script_Arabic, qPrintable(line));
    }

    void keyboardOnlyVoteAndMarkInArabicUi()
    {
        QVERIFY(m_translator->setLanguage(QStringLiteral("ar")));
        QCOMPARE(QApplication::layoutDirection(), Qt::RightToLeft);
        ui::MainWindow w(*m_store);
        w.setTranslator(m_translator.get());
        QVERIFY(w.openPack(m_packId, QStringLiteral("مريم")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        ui::VotingView *view = w.votingView();
        auto *first = view->findChild<ui::AnswerView *>(QStringLiteral("answerFirst"));
        auto *second = view->findChild<ui::AnswerView *>(QStringLiteral("answerSecond"));
        // "A" stands first in reading order: on the right.
        QVERIFY(first->mapTo(view, QPoint(0, 0)).x() > second->mapTo(view, QPoint(0, 0)).x());

        // A pair whose answers both open with Arabic prose, whatever the placement seed gives.
        QVERIFY(w.session()->pick(QStringLiteral("greet-001/0-1")));
        view->showCurrent();
        QVERIFY(isArabic(w.session()->current()->first.text.left(40)));
        const BlindPair pair = *w.session()->current();

        // Tab into answer A's text, go to the start, select two words with Shift+Ctrl+arrows.
        for (int i = 0; i < 12 && QApplication::focusWidget() != first->browser(); ++i)
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &w, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), first->browser());
        QTest::keyClick(first->browser(), Qt::Key_Home, Qt::ControlModifier);
        // In a right-to-left paragraph the next word is to the left.
        QTest::keyClick(first->browser(), Qt::Key_Left, Qt::ShiftModifier | Qt::ControlModifier);
        QTest::keyClick(first->browser(), Qt::Key_Left, Qt::ShiftModifier | Qt::ControlModifier);
        const QString selected = first->browser()->textCursor().selectedText().trimmed();
        QVERIFY2(isArabic(selected), qPrintable(selected));
        const auto span = first->selectedSpan();
        QVERIFY(span);

        ui::FailureDialog::setNextAnswer(ui::FailureDialog::Answer{QStringLiteral("msa_drift"), QStringLiteral("major"),
                                                                   QStringLiteral("فصحى بدل اللهجة")});
        QTest::keyClick(first->browser(), Qt::Key_M);
        QTRY_COMPARE(first->highlights().size(), 1);
        QTest::keyClick(first->browser(), Qt::Key_Escape);
        QVERIFY(QApplication::focusWidget() != first->browser());

        // Ctrl+2 flags answer B as a whole: no place in the text, listed under its header.
        ui::FailureDialog::setNextAnswer(
            ui::FailureDialog::Answer{QStringLiteral("incomplete"), QStringLiteral("minor"), QString()});
        QTest::keyClick(&w, Qt::Key_2, Qt::ControlModifier);
        auto *flags = second->findChild<QLabel *>(QStringLiteral("wholeAnswerFlags"));
        QVERIFY(flags);
        QTRY_VERIFY(flags->isVisible());
        QVERIFY(isArabic(flags->text()));

        // Vote with the key for A; the reveal comes, Enter moves on.
        QTest::keyClick(&w, Qt::Key_1);
        QTRY_COMPARE(view->state(), ui::VotingView::State::Revealed);
        QTest::keyClick(&w, Qt::Key_Return);
        QTRY_COMPARE(view->state(), ui::VotingView::State::Voting);

        auto events = m_store->events(m_packId, QStringLiteral("مريم"));
        QVERIFY(events);
        const Event *mark = nullptr, *vote = nullptr, *flag = nullptr;
        for (const Event &e : std::as_const(*events)) {
            if (e.comparisonId != pair.comparisonId)
                continue;
            if (e.kind == EventKind::Annotation && e.payload.value("span", nlohmann::json()).is_null())
                flag = &e;
            else if (e.kind == EventKind::Annotation)
                mark = &e;
            if (e.kind == EventKind::Vote)
                vote = &e;
        }
        QVERIFY(mark && vote && flag);
        auto v = votePayloadFromJson(vote->payload);
        auto f = annotationPayloadFromJson(flag->payload);
        auto m = annotationPayloadFromJson(mark->payload);
        QVERIFY(v && f && m);
        const Letter shownFirst = *v->shownFirst;
        QCOMPARE(std::get<FailureMark>(*f).candidate, v->candidate(other(shownFirst)).candidate); // flag on B
        auto item = m_store->item(m_packId, mark->itemId);
        QVERIFY(item);
        const FailureMark &marked = std::get<FailureMark>(*m);
        QCOMPARE(marked.candidate, v->candidate(shownFirst).candidate); // the candidate shown as A
        QVERIFY(v->firstSide == Side::Right);                           // A on the right in Arabic
        QCOMPARE(marked.category, QStringLiteral("msa_drift"));
        QVERIFY(marked.span);
        QCOMPARE(text::quote(item->candidates.at(marked.candidate).output, *marked.span), marked.quote);
        QVERIFY2(marked.quote.contains(selected.section(QLatin1Char(' '), 0, 0)),
                 qPrintable(marked.quote + QStringLiteral(" / ") + selected));
        QVERIFY(v->chosenSide() == Side::Right);
        QCOMPARE(v->winner()->candidate, marked.candidate);
    }

    void everyControlHasAnAccessibleName()
    {
        QVERIFY(m_translator->setLanguage(QStringLiteral("en")));
        ui::MainWindow w(*m_store);
        QVERIFY(w.openPack(m_packId, QStringLiteral("a11y")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QStringList missing;
        for (QWidget *widget : w.findChildren<QWidget *>()) {
            if (!widget->isVisibleTo(&w))
                continue;
            const bool control = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QComboBox *>(widget)
                                 || qobject_cast<QLineEdit *>(widget) || qobject_cast<QTextBrowser *>(widget);
            if (!control)
                continue;
            const auto *button = qobject_cast<QAbstractButton *>(widget);
            if (widget->accessibleName().isEmpty() && !(button && !button->text().isEmpty()))
                missing << widget->objectName() + QLatin1Char(':') + QLatin1String(widget->metaObject()->className());
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }
};

QTEST_MAIN(TestArabicUi)
#include "test_arabic_ui.moc"
