// Stores and bundles written before payloads had a version (tests/fixtures/payload-v1, made by
// commit f245b49) still read, and fold to the same leaderboard, agreement, position bias and vote
// export as the code that wrote them computed.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include "../../common/majlisctlrun.h"
#include "common/json.h"
#include "model/dialects.h"

namespace {
const QString kFixtures = QStringLiteral(MAJLIS_FIXTURES_DIR "/payload-v1");
// The demo pack as f245b49 had it (the votes of the fixtures are on it; the demo has changed since).
const QString kDemoPack = QStringLiteral(MAJLIS_FIXTURES_DIR "/payload-v1/majlis-demo.jsonl");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
}  // namespace

class TestPayloadV1 : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    using Run = majlis::testing::CtlRun;
    Run majlisctl(const QString &store, const QStringList &args)
    {
        return majlis::testing::runMajlisctl(QStringLiteral(MAJLISCTL), store, args);
    }

    // Every output the old code wrote, from `store`.
    void sameOutputs(const QString &store)
    {
        const QList<std::pair<QStringList, QString>> outputs{
            {{QStringLiteral("ratings"), QStringLiteral("--format"), QStringLiteral("json")}, QStringLiteral("ratings.json")},
            {{QStringLiteral("ratings"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--slice"),
              QStringLiteral("dialect")},
             QStringLiteral("ratings-dialect.json")},
            {{QStringLiteral("agreement"), QStringLiteral("--format"), QStringLiteral("json")}, QStringLiteral("agreement.json")},
            {{QStringLiteral("bias"), QStringLiteral("--format"), QStringLiteral("json")}, QStringLiteral("bias.json")},
        };
        for (const auto &[args, expected] : outputs) {
            const Run run = majlisctl(store, args);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QByteArray want = readFile(kFixtures + u'/' + expected);
            QVERIFY(!want.isEmpty());
            // Since the dialect registry, a dialect slice is named by the registry's variety
            // ("gulf" is gulf_arabic); the boards are the old code's, under those names.
            if (expected == QLatin1String("ratings-dialect.json")) {
                nlohmann::json old = nlohmann::json::parse(want.toStdString());
                for (auto &board : old.at("slices").at("boards"))
                    board["value"] = majlis::toStd(majlis::defaultDialects().canonical(majlis::toQString(board.at("value").get<std::string>())));
                want = QByteArray::fromStdString(old.dump(2)) + '\n';
            }
            // The documents have gained fields since f245b49, each a count that is 0 for a store of
            // that time; taken out, the rest is byte for byte what the old code wrote.
            nlohmann::json got = nlohmann::json::parse(run.out.toStdString(), nullptr, false);
            QVERIFY2(!got.is_discarded(), run.out.constData());
            for (const auto &[pointer, zero] : {std::pair{"/votes/imported", 0}, std::pair{"/importedLeftOut", 0}})
                if (got.contains(nlohmann::json::json_pointer(pointer))) {
                    QCOMPARE(got[nlohmann::json::json_pointer(pointer)].get<int>(), zero);
                    got[nlohmann::json::json_pointer(pointer).parent_pointer()].erase(
                        nlohmann::json::json_pointer(pointer).back());
                }
            QVERIFY2(QByteArray::fromStdString(got.dump(2)) + '\n' == want,
                     qPrintable(QStringLiteral("%1 differs from %2").arg(args.join(u' '), expected)));
        }
        const QString csv = m_dir.filePath(QStringLiteral("votes-%1.csv").arg(QFileInfo(store).baseName()));
        const Run run = majlisctl(
            store, {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-o"), csv});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(readFile(csv) == readFile(kFixtures + QStringLiteral("/votes.csv")));
    }

private Q_SLOTS:
    void oldStoreFoldsAsBefore()
    {
        const QString store = m_dir.filePath(QStringLiteral("old.sqlite"));
        QVERIFY(QFile::copy(kFixtures + QStringLiteral("/store.sqlite"), store));
        QFile::setPermissions(store, QFile::ReadOwner | QFile::WriteOwner);
        sameOutputs(store);
    }

    void oldBundleImportsAndFoldsAsBefore()
    {
        const QString store = m_dir.filePath(QStringLiteral("fresh.sqlite"));
        Run run = majlisctl(store, {QStringLiteral("pack"), QStringLiteral("import"), kDemoPack});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // The bundle's workstation, trusted with the key that came with it.
        const QByteArray header = readFile(kFixtures + QStringLiteral("/votes.majlisbundle")).split('\n').first();
        const QByteArray marker = "\"workstation\":\"";
        const qsizetype at = header.indexOf(marker) + marker.size();
        const QString workstation = QString::fromLatin1(header.mid(at, header.indexOf('"', at) - at));
        run = majlisctl(store, {QStringLiteral("workstation"), QStringLiteral("trust"), workstation,
                                kFixtures + QStringLiteral("/workstation.pub")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = majlisctl(store,
                        {QStringLiteral("bundle"), QStringLiteral("import"), kFixtures + QStringLiteral("/votes.majlisbundle")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("217 events (217 new"), run.out.constData());
        sameOutputs(store);
        // Importing again changes nothing.
        run = majlisctl(store,
                        {QStringLiteral("bundle"), QStringLiteral("import"), kFixtures + QStringLiteral("/votes.majlisbundle")});
        QVERIFY2(run.exitCode == 0 && run.out.contains("already imported, nothing changed"), run.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestPayloadV1)
#include "test_payload_v1.moc"
