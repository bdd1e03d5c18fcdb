// majlisctl bundle export / verify / import and workstation show, with real store files.
#include "store/eventstore.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace majlis;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run majlisctl(const QString &store, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(MAJLIS_BINARY_DIR "/bin/majlisctl"), QStringList{QStringLiteral("--store"), store} + args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.code = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Appends `count` votes as the annotator would make them; the store is closed on return.
void vote(const QString &storePath, int count)
{
    auto store = store::EventStore::open(storePath);
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    for (int i = 0; i < count; ++i) {
        Event e;
        e.kind = EventKind::Vote;
        e.packId = QStringLiteral("majlis-demo-ar");
        e.itemId = QStringLiteral("greet-%1").arg(i % 5);
        e.comparisonId = e.itemId + QStringLiteral("/0-1");
        e.annotator = i % 2 ? QStringLiteral("amina") : QStringLiteral("خالد");
        e.payload = {{"choice", "first"}, {"note", "نعم"}};
        QVERIFY((*store)->append(e));
    }
}

QList<Event> eventsOf(const QString &storePath)
{
    auto store = store::EventStore::open(storePath, store::EventStore::Mode::ReadOnly);
    if (!store)
        return {};
    auto events = (*store)->events();
    return events ? *events : QList<Event>();
}


// Damages a bundle in the middle, as a bad disk or a hand edit would.
bool flipMiddleByte(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadWrite))
        return false;
    QByteArray bytes = f.readAll();
    bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x20);
    return f.seek(0) && f.write(bytes) == bytes.size();
}

} // namespace

class TestBundleCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_a, m_b;
    int m_n = 0;

    QString path(const QString &name) { return m_dir.filePath(name); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        ++m_n;
        m_a = path(QStringLiteral("a%1.sqlite").arg(m_n));
        m_b = path(QStringLiteral("b%1.sqlite").arg(m_n));
    }

    void workstationShowMakesAPrivateKey()
    {
        vote(m_a, 1);
        const Run r = majlisctl(m_a, {QStringLiteral("workstation"), QStringLiteral("show")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("public key")));
        const QString secret = m_a + QStringLiteral(".keys/workstation_ed25519.key");
        QVERIFY(QFile::exists(secret));
        QCOMPARE(QFile::permissions(secret) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        QCOMPARE(QFile::permissions(m_a + QStringLiteral(".keys")) & (QFile::ReadOther | QFile::ExeOther),
                 QFile::Permissions());
    }

    // `bundle export` on a store that is not there made an empty one and exported nothing from it.
    void exportWithoutAStoreCreatesNone()
    {
        const Run r = majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("-o"),
                                      path(QStringLiteral("none.majlisbundle"))});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("no store at")), qPrintable(r.err));
        QVERIFY(!QFile::exists(m_a));
        QVERIFY(!QFile::exists(path(QStringLiteral("none.majlisbundle"))));
    }

    // `bundle verify` needed a store ("no store at …"): a coordinator who had just received a
    // bundle on a new machine could not check it. Now the exit code tells valid and trusted (0),
    // valid with a key this store does not know (3) and invalid (1) apart, and the key's
    // fingerprint is the one `workstation show` prints on the workstation.
    void verifyTellsTrustApart()
    {
        vote(m_a, 4);
        const QString file = path(QStringLiteral("v%1.majlisbundle").arg(m_n));
        QCOMPARE(majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--all"),
                                 QStringLiteral("-o"), file}).code, 0);
        const Run shown = majlisctl(m_a, {QStringLiteral("workstation"), QStringLiteral("show")});
        QCOMPARE(shown.code, 0);
        const QString fingerprint = shown.out.section(QStringLiteral("fingerprint  "), 1).section(u'\n', 0, 0);
        QCOMPARE(fingerprint.size(), 39); // 8 groups of 4 hex digits

        // A machine with no store: valid, key unknown; nothing is created.
        const QString none = path(QStringLiteral("none%1.sqlite").arg(m_n));
        Run r = majlisctl(none, {QStringLiteral("bundle"), QStringLiteral("verify"), file});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.out.contains(QLatin1String(": valid bundle ")) && r.out.contains(QStringLiteral("(fingerprint %1)").arg(fingerprint))
                     && r.out.contains(QLatin1String("unknown key: there is no store at ")),
                 qPrintable(r.out));
        QVERIFY(!QFile::exists(none));
        QCOMPARE(majlisctl(none, {QStringLiteral("bundle"), QStringLiteral("verify"), file, QStringLiteral("--trust-new-key")}).code, 0);

        // The workstation's own store has the key registered: trusted.
        r = majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("verify"), file});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QLatin1String("trusted: ")), qPrintable(r.out));

        // A store that registered another key for that workstation: invalid.
        vote(m_b, 1);
        const QString workstation = shown.out.section(QStringLiteral("workstation  "), 1).section(u'\n', 0, 0);
        const Run other = majlisctl(m_b, {QStringLiteral("workstation"), QStringLiteral("show")});
        const QString otherKey = other.out.section(QStringLiteral("public key   "), 1).section(u'\n', 0, 0);
        QCOMPARE(majlisctl(m_b, {QStringLiteral("workstation"), QStringLiteral("trust"), workstation, otherKey}).code, 0);
        r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("verify"), file, QStringLiteral("--trust-new-key")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.startsWith(QLatin1String("majlisctl: error: ")), qPrintable(r.err));

        // A damaged bundle: invalid, with or without a store.
        QVERIFY(flipMiddleByte(file));
        QCOMPARE(majlisctl(none, {QStringLiteral("bundle"), QStringLiteral("verify"), file}).code, 1);
        QCOMPARE(majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("verify"), file}).code, 1);
    }

    void roundTripToAnotherStore()
    {
        vote(m_a, 12);
        const QString file = path(QStringLiteral("rt%1.majlisbundle").arg(m_n));
        Run r = majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--all"),
                                QStringLiteral("-o"), file});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QLatin1String("12 events")));
        vote(m_b, 1);  // B exists, with a workstation of its own

        r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("import"), file});
        QCOMPARE(r.code, 1);  // A's key is not registered in B
        QVERIFY2(r.err.contains(QLatin1String("--trust-new-key")), qPrintable(r.err));
        QCOMPARE(eventsOf(m_b).size(), 1);

        r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("verify"), file, QStringLiteral("--trust-new-key")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("import"), file, QStringLiteral("--trust-new-key")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("12 new, 0 already known")), qPrintable(r.out));

        QList<Event> fromA = eventsOf(m_a), inB;
        for (const Event &e : eventsOf(m_b))
            if (e.workstation == fromA.first().workstation)
                inB.append(e);
        QCOMPARE(inB, fromA);

        r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("import"), file});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("already imported, nothing changed")), qPrintable(r.out));
        QCOMPARE(eventsOf(m_b).size(), 13);
    }

    void overlappingBundlesMergeExactly()
    {
        vote(m_a, 5);
        const QString first = path(QStringLiteral("o1-%1.majlisbundle").arg(m_n));
        const QString second = path(QStringLiteral("o2-%1.majlisbundle").arg(m_n));
        const QString third = path(QStringLiteral("o3-%1.majlisbundle").arg(m_n));
        QCOMPARE(majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--all"),
                                 QStringLiteral("-o"), first}).code, 0);
        vote(m_a, 4);
        QCOMPARE(majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--all"),
                                 QStringLiteral("-o"), second}).code, 0);
        vote(m_a, 2);
        Run r = majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--since-last"),
                                QStringLiteral("-o"), third});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("2 events, seq 10–11")), qPrintable(r.out));
        r = majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--since-last"),
                            QStringLiteral("-o"), path(QStringLiteral("none.majlisbundle"))});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("nothing to export")));

        vote(m_b, 1);
        const Run show = majlisctl(m_a, {QStringLiteral("workstation"), QStringLiteral("show")});
        const QString id = show.out.section(QLatin1Char('\n'), 0, 0).section(QLatin1Char(' '), -1);
        const QString key = show.out.section(QLatin1Char('\n'), 1, 1).section(QLatin1Char(' '), -1);
        r = majlisctl(m_b, {QStringLiteral("workstation"), QStringLiteral("trust"), id, key});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        // Third (with a gap below it) first, then the two overlapping ones.
        r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("import"), third});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("complete up to seq 0, highest seq 11; gaps: seq 1–9 missing")),
                 qPrintable(r.out));
        r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("import"), first});
        QVERIFY2(r.out.contains(QLatin1String("5 new, 0 already known")), qPrintable(r.out));
        r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("import"), second});
        QVERIFY2(r.out.contains(QLatin1String("4 new, 5 already known")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("complete up to seq 11")), qPrintable(r.out));
        QCOMPARE(eventsOf(m_b).size(), 12);
    }

    void damagedBundleImportsNothing()
    {
        vote(m_a, 3);
        const QString file = path(QStringLiteral("d%1.majlisbundle").arg(m_n));
        QCOMPARE(majlisctl(m_a, {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("-o"), file}).code, 0);
        QVERIFY(flipMiddleByte(file));
        vote(m_b, 1);
        const Run verify = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("verify"), file,
                                           QStringLiteral("--trust-new-key")});
        QCOMPARE(verify.code, 1);
        const Run r = majlisctl(m_b, {QStringLiteral("bundle"), QStringLiteral("import"), file,
                                      QStringLiteral("--trust-new-key")});
        QCOMPARE(r.code, 1);
        QCOMPARE(eventsOf(m_b).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBundleCli)
#include "test_bundle_cli.moc"
