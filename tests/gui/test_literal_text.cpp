// What the model wrote is what the annotator sees (tests/fixtures/packs/good/hostile-output.jsonl):
// HTML and entities shown as written, images as placeholders that load nothing, links that open
// only after a question and never for file:/javascript:/data:, invisible characters counted,
// marked and shown by name on request — in both interface languages, with no file of the pack
// opened (inotify on its folder) and no network request made (an application proxy that counts).
#include "common/json.h"
#include "session/votingsession.h"
#include "store/eventstore.h"
#include "text/invisible.h"
#include "text/offsets.h"
#include "ui/answerview.h"
#include "ui/dialogs.h"
#include "ui/mainwindow.h"
#include "ui/translator.h"
#include "ui/votingview.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolTip>

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>

using namespace majlis;

namespace {

const QString kHostile = QStringLiteral(MAJLIS_SOURCE_DIR "/tests/fixtures/packs/good/hostile-output.jsonl");

// The document's text as the annotator reads it: without the isolates added for layout, block
// breaks as new lines.
QString shown(const QTextDocument &doc)
{
    QString text = doc.toRawText();
    text.remove(QChar(text::kFirstStrongIsolate));
    text.remove(QChar(text::kPopDirectionalIsolate));
    text.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    return text;
}

} // namespace

class TestLiteralText : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pack;  // the fixture with MAJLIS_TMP replaced by m_dir
    QTcpServer m_proxy;
    int m_inotify = -1;
    int m_proxyConnections = 0;
    ui::Translator *m_translator = nullptr;

    // What inotify saw in the pack's folder since the last call: opens and reads.
    int folderEvents()
    {
        char buffer[4096];
        int events = 0;
        for (;;) {
            const ssize_t got = ::read(m_inotify, buffer, sizeof buffer);
            if (got <= 0)
                break;
            for (ssize_t at = 0; at < got;) {
                const auto *e = reinterpret_cast<const inotify_event *>(buffer + at);
                ++events;
                at += ssize_t(sizeof(inotify_event) + e->len);
            }
        }
        return events;
    }

    QString output(const QString &item, int candidate)
    {
        QFile f(m_pack);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        for (const QByteArray &line : f.readAll().split('\n')) {
            const auto j = nlohmann::json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
            if (j.is_object() && j.value("id", std::string()) == item.toStdString())
                return QString::fromStdString(j["candidates"][candidate]["output"].get<std::string>());
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::Dialogs::setAnswerWithDefaults(true);
        QVERIFY(m_dir.isValid());
        // Real images where the pack points: a renderer that loads them would open these files.
        for (const char *name : {"secret.png", "guidelines.png"}) {
            QImage image(512, 512, QImage::Format_RGB32);
            image.fill(Qt::red);
            QVERIFY(image.save(m_dir.filePath(QLatin1String(name))));
        }
        QFile in(kHostile);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray pack = in.readAll();
        pack.replace("/MAJLIS_TMP", m_dir.path().toUtf8());
        m_pack = m_dir.filePath(QStringLiteral("hostile.jsonl"));
        QFile out(m_pack);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(pack);
        out.close();

        m_inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        QVERIFY(m_inotify >= 0);
        // Only the images: reading the pack itself is what importing it means.
        for (const char *name : {"secret.png", "guidelines.png"})
            QVERIFY(inotify_add_watch(m_inotify, QFile::encodeName(m_dir.filePath(QLatin1String(name))).constData(),
                                      IN_OPEN | IN_ACCESS)
                    >= 0);
        QCOMPARE(folderEvents(), 0);

        // Every request through Qt's network stack goes to this proxy, which only counts.
        QVERIFY(m_proxy.listen(QHostAddress::LocalHost));
        connect(&m_proxy, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_proxy.nextPendingConnection()) {
                ++m_proxyConnections;
                s->close();
            }
        });
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), m_proxy.serverPort()));
        m_translator = new ui::Translator(qApp);
    }

    void cleanupTestCase()
    {
        if (m_inotify >= 0)
            ::close(m_inotify);
        m_translator->setLanguage(QStringLiteral("en"));
        delete m_translator;
    }

    void shownAsWritten_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("item");
        QTest::addColumn<int>("candidate");
        QTest::addColumn<QString>("expected");  // TMP stands for the temporary folder
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("ar")}) {
            const QString image = language == QLatin1String("ar") ? QStringLiteral("صورة") : QStringLiteral("Image");
            auto row = [&](const char *item, int candidate, const QString &expected) {
                QTest::addRow("%s %s %d", qPrintable(language), item, candidate)
                    << language << QString::fromLatin1(item) << candidate << expected;
            };
            row("html-tags", 0, QStringLiteral("هذا هو الوسم: <img src=\"logo.png\" alt=\"شعار\"> ثم أغلق الصفحة."));
            row("html-tags", 1, QStringLiteral("سؤال <b>x</b> و <script>alert(1)</script> و <svg onload=alert(1)> انتهى"));
            // Its lines as the model wrote them (a single newline breaks the line: issue 13, defect 6).
            row("html-block", 0, QStringLiteral("<div style=\"display:none\">\u2028hidden?\u2028</div>\nبعد الكتلة"));
            row("html-block", 1, QStringLiteral("<iframe src=\"file:///etc/passwd\"></iframe> و <a href=\"javascript:alert(1)\">رابط</a>"));
            row("images", 0, QStringLiteral("صورة: [%1: مجلد <file://TMP/secret.png>] بعدها نص.").arg(image));
            row("images", 1,
                QStringLiteral("[%1: remote <http://127.0.0.1:9/pixel.png>] and [%1: <data:image/png;base64,iVBORw0KGgo=>] end").arg(image));
            row("links-entities", 0, QStringLiteral("اضغط هنا و https://example.org/a?b=1&c=2 و &amp; &lt;b&gt; &#1575;"));
            row("links-entities", 1, QStringLiteral("bold <i>nested</i> and <code>&amp;</code> and file"));
            row("invisible", 0, QStringLiteral("المبلغ: 100\u202E05\u202C ريال، كلمة\u200Bمخفية"));
            row("invisible", 1, QStringLiteral("مرحبا\uFEFF بكم \u200D و \u2066عزل\u2069"));
            row("ordinary", 0, QStringLiteral("مَرْحَبًا بِكُمْ فِي المَجْلِـــس"));
        }
    }

    void shownAsWritten()
    {
        QFETCH(QString, language);
        QFETCH(QString, item);
        QFETCH(int, candidate);
        QFETCH(QString, expected);
        QVERIFY(m_translator->setLanguage(language));
        const QString markdown = output(item, candidate);
        QVERIFY(!markdown.isEmpty());
        std::unique_ptr<QTextDocument> doc(ui::buildMarkdownDocument(markdown, ui::TextFonts{}, nullptr));
        doc->setTextWidth(400);
        (void)doc->size();
        // Isolates the model wrote cannot be told from those added for layout: neither side has them.
        expected.replace(QLatin1String("TMP"), m_dir.path()).remove(QChar(text::kFirstStrongIsolate)).remove(QChar(text::kPopDirectionalIsolate));
        QCOMPARE(shown(*doc), expected);
        QCOMPARE(folderEvents(), 0);
    }

    void aLinkNeverOpensByItself()
    {
        QStringList opened;
        ui::LinkActions saved = ui::linkActions();
        ui::linkActions().open = [&](const QUrl &u) { opened << u.toString(); };
        ui::Dialogs::reset();
        ui::AnswerView view;
        view.setAnswer(QStringLiteral("A"), output(QStringLiteral("links-entities"), 0), ui::TextFonts{});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextBrowser *page = view.browser();
        QVERIFY(!page->openLinks());
        // Hovering shows the whole address, whatever the link's text says.
        Q_EMIT page->highlighted(QUrl(QStringLiteral("javascript:alert(1)")));
        QTRY_COMPARE(QToolTip::text(), QChar(text::kFirstStrongIsolate) + QStringLiteral("javascript:alert(1)") + QChar(text::kPopDirectionalIsolate));
        for (const char *url : {"javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "ftp://example.org/x"})
            Q_EMIT page->anchorClicked(QUrl(QLatin1String(url)));
        const QList<ui::Dialogs::Record> refused = ui::Dialogs::takeRecords();
        QCOMPARE(refused.size(), 4);  // answered with OK, the default
        for (const ui::Dialogs::Record &r : refused)
            QVERIFY2(r.kind == ui::Dialogs::Kind::Information && r.title == QCoreApplication::translate("majlis::ui::Links", "Link not opened"), qPrintable(r.title));
        QVERIFY(refused.at(1).text.contains(QLatin1String("file:///etc/passwd")));
        QVERIFY(opened.isEmpty());
        const QString https = QStringLiteral("https://example.org/a?b=1&c=2");
        ui::Dialogs::setNextAnswer(QMessageBox::Cancel);
        Q_EMIT page->anchorClicked(QUrl(https));
        const QList<ui::Dialogs::Record> asked = ui::Dialogs::takeRecords();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().kind, ui::Dialogs::Kind::Question);
        QVERIFY(asked.first().text.contains(QChar(text::kFirstStrongIsolate) + https + QChar(text::kPopDirectionalIsolate)));
        QVERIFY(opened.isEmpty());  // the annotator said no
        Q_EMIT page->anchorClicked(QUrl(https));
        QVERIFY(opened.isEmpty());  // nobody answered: the default is Cancel
        ui::Dialogs::setNextAnswer(QMessageBox::Open);
        Q_EMIT page->anchorClicked(QUrl(https));
        QCOMPARE(opened, QStringList{QStringLiteral("https://example.org/a?b=1&c=2")});
        QCOMPARE(page->source(), QUrl());  // the view itself went nowhere
        ui::linkActions() = saved;
    }

    void invisibleCharactersAreMarkedAndShownByName_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("marker");
        QTest::newRow("English") << QStringLiteral("en") << QStringLiteral("Contains 3 invisible characters — Ctrl+Shift+U shows them");
        QTest::newRow("Arabic") << QStringLiteral("ar") << QStringLiteral("في هذه الإجابة ٣ أحرف غير مرئية — يُظهرها Ctrl+Shift+U");
    }

    void invisibleCharactersAreMarkedAndShownByName()
    {
        QFETCH(QString, language);
        QFETCH(QString, marker);
        QVERIFY(m_translator->setLanguage(language));
        ui::AnswerView view;
        view.setAnswer(QStringLiteral("A"), output(QStringLiteral("invisible"), 0), ui::TextFonts{});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *label = view.findChild<QLabel *>(QStringLiteral("invisibleMarker"));
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), marker);
        QVERIFY(!shown(*view.browser()->document()).contains(QStringLiteral("⟨RLO⟩")));

        view.setInvisibleShown(true, ui::TextFonts{});
        QCOMPARE(shown(*view.browser()->document()), QStringLiteral("المبلغ: 100⟨RLO⟩05⟨PDF⟩ ريال، كلمة⟨ZWSP⟩مخفية"));
        view.setInvisibleShown(false, ui::TextFonts{});
        QCOMPARE(shown(*view.browser()->document()), output(QStringLiteral("invisible"), 0));

        // The other answer of the fixture: a BOM inside the line, a lone ZWJ, LRI … PDI.
        view.setAnswer(QStringLiteral("B"), output(QStringLiteral("invisible"), 1), ui::TextFonts{});
        QVERIFY(label->isVisible());
        // The count in the interface's digits (%Ln): ٤ in Arabic.
        QVERIFY2(label->text().contains(QLocale().toString(4)), qPrintable(label->text()));
        view.setInvisibleShown(true, ui::TextFonts{});
        QCOMPARE(shown(*view.browser()->document()), QStringLiteral("مرحبا⟨BOM⟩ بكم ⟨ZWJ⟩ و ⟨LRI⟩عزل⟨PDI⟩"));

        // Never for ordinary Arabic (harakat, tatweel) or emoji sequences.
        for (int candidate : {0, 1}) {
            view.setAnswer(QStringLiteral("B"), output(QStringLiteral("ordinary"), candidate), ui::TextFonts{});
            QVERIFY(!label->isVisible());
        }
        for (const char *item : {"html-tags", "html-block", "images", "links-entities"})
            for (int candidate : {0, 1}) {
                view.setAnswer(QStringLiteral("B"), output(QLatin1String(item), candidate), ui::TextFonts{});
                QVERIFY2(!label->isVisible(), item);
            }
    }

    void votingTheHostilePackTouchesNothing()
    {
        QVERIFY(m_translator->setLanguage(QStringLiteral("ar")));
        auto opened = store::EventStore::open(m_dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(opened);
        std::unique_ptr<store::EventStore> store = std::move(*opened);
        auto report = store->importPack(m_pack);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        {
            ui::MainWindow w(*store);
            QVERIFY(w.openPack(report->packId, QStringLiteral("tester")));
            w.resize(1200, 800);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&w));
            ui::VotingView *view = w.votingView();
            auto *showInvisible = w.findChild<QAction *>(QStringLiteral("showInvisible"));
            QVERIFY(showInvisible);
            QTest::keyClick(&w, Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
            QVERIFY(showInvisible->isChecked());
            const int pairs = w.session()->totalCount();
            QCOMPARE(pairs, 6);
            for (int i = 0; i < pairs; ++i) {
                QTRY_COMPARE(view->state(), ui::VotingView::State::Voting);
                QTest::keyClick(&w, Qt::Key_1);
                QTRY_COMPARE(view->state(), ui::VotingView::State::Revealed);
                QTest::keyClick(&w, Qt::Key_Return);
            }
            QTRY_VERIFY(view->state() != ui::VotingView::State::Revealed);
        }
        QCOMPARE(folderEvents(), 0);
        QCOMPARE(m_proxyConnections, 0);

        // Every vote says how many invisible characters each answer held.
        auto events = store->events(report->packId, QStringLiteral("tester"));
        QVERIFY(events);
        int checked = 0;
        for (const Event &e : std::as_const(*events)) {
            if (e.kind != EventKind::Vote)
                continue;
            auto vote = votePayloadFromJson(e.payload);
            QVERIFY(vote);
            for (Letter letter : {Letter::A, Letter::B}) {
                const auto &c = letter == Letter::A ? vote->invisibleA : vote->invisibleB;
                QVERIFY(c);
                const QString text = output(e.itemId, vote->candidate(letter).candidate);
                const text::InvisibleCounts expected = text::countInvisible(text);
                QCOMPARE(*c, expected);
                if (e.itemId == QLatin1String("invisible"))
                    QVERIFY(c->total() > 0);
                if (e.itemId == QLatin1String("ordinary"))
                    QCOMPARE(c->total(), 0);
            }
            ++checked;
        }
        QCOMPARE(checked, 6);
    }
};

QTEST_MAIN(TestLiteralText)
#include "test_literal_text.moc"
