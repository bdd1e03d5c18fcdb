#include "bundletestdata.h"

#include "bundle/format.h"
#include "common/json.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace majlis;
using namespace majlis::bundle;
using namespace majlis::bundle::test;

namespace {

const QDateTime FixedTime = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 250), Qt::UTC);
const QString FixtureWorkstation = QStringLiteral("018f3320-0000-7000-8000-00000000f001");
const QString FixedBundleId = QStringLiteral("018f3320-5a00-7000-8000-0000000000b1");

mode_t modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 07777;
}

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

nlohmann::json parsed(const QByteArray &line)
{
    return nlohmann::json::parse(line.toStdString());
}

QByteArray dumped(const nlohmann::json &j)
{
    return QByteArray::fromStdString(j.dump());
}

} // namespace

class TestBundle : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<WorkstationKey> m_key;
    std::optional<WorkstationKey> m_otherKey;
    QByteArray m_small;  // five events, seq 1–5, signed by m_key

    BundleVerifier verifier(KeyPolicy policy = KeyPolicy::RegisteredOnly) const
    {
        return BundleVerifier(registered(Workstation, m_key->publicKey()), VerifyOptions{policy, false});
    }

    QByteArray bundleOf(const QList<Event> &events) const
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const Status s = BundleWriter(*m_key, Workstation).writeTo(out, sourceOf(events), {FixedBundleId, FixedTime});
        if (!s)
            qFatal("%s", qPrintable(s.error().message));
        return out.data();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto key = WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("key")));
        QVERIFY2(key, qPrintable(key.ok() ? QString() : key.error().message));
        m_key.emplace(std::move(*key));
        auto other = WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("other-key")));
        QVERIFY(other);
        m_otherKey.emplace(std::move(*other));
        m_small = bundleOf(makeEvents(seqRange(1, 5)));
    }

    // --- Workstation key -------------------------------------------------------------------

    void keyFileIsOwnerOnly()
    {
        const QString folder = m_dir.filePath(QStringLiteral("fresh"));
        auto key = WorkstationKey::loadOrCreate(folder);
        QVERIFY(key);
        const QString secret = QDir(folder).filePath(WorkstationKey::SecretKeyFileName);
        QCOMPARE(key->secretKeyPath(), secret);
        QCOMPARE(modeOf(secret), mode_t(0600));
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
                                          | QFile::WriteOther | QFile::ExeOther;
        QCOMPARE(QFile::permissions(secret) & others, QFile::Permissions());
        QVERIFY(QFile::permissions(secret).testFlag(QFile::ReadOwner));
        QCOMPARE(QFileInfo(secret).size(), 64);
        QFile pub(QDir(folder).filePath(WorkstationKey::PublicKeyFileName));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QCOMPARE(pub.readAll().trimmed(), key->publicKeyBase64().toLatin1());
        QCOMPARE(filesIn(folder).size(), 2);  // no temporary file left behind
    }

    void keyIsMadeWhateverTheUmask()
    {
        const mode_t old = ::umask(0);
        auto key = WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("umask0")));
        ::umask(old);
        QVERIFY(key);
        QCOMPARE(modeOf(key->secretKeyPath()), mode_t(0600));
    }

    void loadOrCreateTwiceGivesTheSameKey()
    {
        const QString folder = m_dir.filePath(QStringLiteral("twice"));
        auto first = WorkstationKey::loadOrCreate(folder);
        QVERIFY(first);
        auto second = WorkstationKey::loadOrCreate(folder);
        QVERIFY2(second, qPrintable(second.ok() ? QString() : second.error().message));
        QCOMPARE(second->publicKey(), first->publicKey());
        QCOMPARE(first->publicKey().size(), WorkstationKey::PublicKeyBytes);
        const QByteArray message("majlis");
        const QByteArray signature = second->sign(message);
        QCOMPARE(signature.size(), WorkstationKey::SignatureBytes);
        QVERIFY(WorkstationKey::verify(first->publicKey(), message, signature));
        QVERIFY(!WorkstationKey::verify(first->publicKey(), QByteArray("majlit"), signature));
        QVERIFY(!WorkstationKey::verify(m_otherKey->publicKey(), message, signature));
        QVERIFY(first->publicKey() != m_otherKey->publicKey());
    }

    void unsafeKeyFileIsRefused_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("owner read-write (0600)") << 0600 << true;
        QTest::newRow("owner read-only (0400)") << 0400 << true;
        QTest::newRow("world-readable (0644)") << 0644 << false;
        QTest::newRow("group-readable (0640)") << 0640 << false;
        QTest::newRow("others may write (0602)") << 0602 << false;
    }

    void unsafeKeyFileIsRefused()
    {
        QFETCH(int, mode);
        QFETCH(bool, accepted);
        const QString folder = m_dir.filePath(QStringLiteral("mode-%1").arg(mode, 0, 8));
        QByteArray publicKey;
        {
            auto key = WorkstationKey::loadOrCreate(folder);
            QVERIFY(key);
            publicKey = key->publicKey();
        }
        const QString secret = QDir(folder).filePath(WorkstationKey::SecretKeyFileName);
        QCOMPARE(::chmod(QFile::encodeName(secret).constData(), mode_t(mode)), 0);
        auto again = WorkstationKey::loadOrCreate(folder);
        QCOMPARE(again.ok(), accepted);
        if (accepted) {
            QCOMPARE(again->publicKey(), publicKey);
        } else {
            QCOMPARE(again.error().code, Error::Code::Auth);
            QVERIFY2(again.error().message.contains(QStringLiteral("chmod 600")), qPrintable(again.error().message));
            QVERIFY(again.error().message.contains(secret));
            QCOMPARE(modeOf(secret), mode_t(mode));  // refused, not silently repaired
        }
    }

    void damagedKeyFilesAreRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("secret key cut short") << QStringLiteral("short") << QStringLiteral("damaged: 10 bytes");
        QTest::newRow("secret key bytes changed") << QStringLiteral("flip") << QStringLiteral("damaged");
        QTest::newRow("public key file of another key") << QStringLiteral("pub") << QStringLiteral("does not match");
    }

    void damagedKeyFilesAreRefused()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        const QString folder = m_dir.filePath(QStringLiteral("damaged-") + damage);
        QVERIFY(WorkstationKey::loadOrCreate(folder));
        const QString secret = QDir(folder).filePath(WorkstationKey::SecretKeyFileName);
        if (damage == QStringLiteral("pub")) {
            QFile pub(QDir(folder).filePath(WorkstationKey::PublicKeyFileName));
            QVERIFY(pub.open(QIODevice::WriteOnly | QIODevice::Truncate));
            pub.write(m_otherKey->publicKeyBase64().toLatin1() + '\n');
        } else {
            QFile file(secret);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QByteArray bytes = file.readAll();
            bytes = damage == QStringLiteral("short") ? bytes.left(10) : (bytes[40] = char(bytes[40] ^ 1), bytes);
            QVERIFY(file.resize(0));
            file.write(bytes);
        }
        auto key = WorkstationKey::loadOrCreate(folder);
        QVERIFY(!key);
        QVERIFY2(key.error().message.contains(expected), qPrintable(key.error().message));
    }

    // --- Round trip ------------------------------------------------------------------------

    void roundTripThroughAFile()
    {
        const QList<Event> events = makeEvents(seqRange(1, 40));
        const QString path = m_dir.filePath(QStringLiteral("out/roundtrip.majlisbundle"));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        auto written = BundleWriter(*m_key, Workstation).write(path, sourceOf(events));
        QVERIFY2(written, qPrintable(written.ok() ? QString() : written.error().message));
        QCOMPARE(filesIn(QFileInfo(path).absolutePath()), QStringList{QStringLiteral("roundtrip.majlisbundle")});

        auto opened = verifier().open(path);
        QVERIFY2(opened, qPrintable(opened.ok() ? QString() : opened.error().message));
        const BundleSummary &s = opened->summary();
        QCOMPARE(s.header.workstation, Workstation);
        QCOMPARE(s.header.publicKey, m_key->publicKey());
        QCOMPARE(s.header.eventCount, 40);
        QCOMPARE(s.header.seqFirst, 1);
        QCOMPARE(s.header.seqLast, 40);
        QCOMPARE(s.header.annotators.size(), 3);
        QCOMPARE(s.keyTrust, KeyTrust::Registered);
        QVERIFY(s.gaps.isEmpty());
        QCOMPARE(s.gapText(), QString());
        QCOMPARE(s.sizeBytes, QFileInfo(path).size());
        QCOMPARE(s.sha256, written->sha256);
        QCOMPARE(s.header.bundleId, written->header.bundleId);

        QList<Event> read;
        QVERIFY(opened->forEachEvent([&](const Event &e) {
            read.append(e);
            return Status{};
        }));
        QCOMPARE(read.size(), events.size());
        for (qsizetype i = 0; i < events.size(); ++i) {
            const Event &in = events[i];
            const Event &out = read[i];
            QCOMPARE(out.id, in.id);
            QCOMPARE(out.kind, in.kind);
            QCOMPARE(out.packId, in.packId);
            QCOMPARE(out.itemId, in.itemId);
            QCOMPARE(out.comparisonId, in.comparisonId);
            QCOMPARE(out.annotator, in.annotator);
            QCOMPARE(out.workstation, in.workstation);
            QCOMPARE(out.seq, in.seq);
            QCOMPARE(out.createdUtc, in.createdUtc);
            QCOMPARE(out.supersedes, in.supersedes);
            QCOMPARE(out.payload.dump(), in.payload.dump());
            QVERIFY(out == in);
        }
        // A second delivery gives the same events: ingest may be retried.
        qsizetype again = 0;
        QVERIFY(opened->forEachEvent([&](const Event &) {
            ++again;
            return Status{};
        }));
        QCOMPARE(again, events.size());
    }

    void bundleBytesAreCanonical()
    {
        const QByteArrayList lines = linesOf(m_small);
        QCOMPARE(lines.size(), 7);
        QVERIFY(m_small.endsWith('\n'));
        QVERIFY(!m_small.contains('\r'));
        for (const QByteArray &line : lines)
            QCOMPARE(dumped(parsed(line)), line);  // compact, keys sorted: exactly dump()
        const nlohmann::json header = parsed(lines[0]);
        QCOMPARE(header["majlis_bundle"].get<int>(), 1);
        QCOMPARE(header["bundle_id"].get<std::string>(), toStd(FixedBundleId));
        QCOMPARE(header["created"].get<std::string>(), std::string("2024-05-01T12:00:00.250Z"));
        QVERIFY(lines[6].startsWith("{\"majlis_bundle_trailer\":1,"));
        const auto events = makeEvents(seqRange(1, 5));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(lines[i + 1], dumped(toJson(events[i])));
        // Deterministic: the same events, id and time give the same bytes (Ed25519 is deterministic).
        QCOMPARE(bundleOf(events), m_small);
    }

    void visitorErrorStopsDelivery()
    {
        qsizetype seen = 0;
        auto opened = verifier().open(bufferOf(m_small), QStringLiteral("mem"));
        QVERIFY(opened);
        const Status s = opened->forEachEvent([&](const Event &) -> Status {
            if (++seen == 2)
                return Error::sql(QStringLiteral("disk full"));
            return {};
        });
        QVERIFY(!s);
        QCOMPARE(s.error().message, QStringLiteral("disk full"));
        QCOMPARE(seen, 2);
    }

    // --- Damage is refused, and nothing is delivered ------------------------------------------

    void truncationAtEveryByteIsRefused()
    {
        const BundleVerifier v = verifier();
        for (qsizetype length = 0; length < m_small.size(); ++length) {
            const Ingest result = ingest(v, bufferOf(m_small.left(length)));
            QVERIFY2(result.error, qPrintable(QStringLiteral("accepted a bundle cut to %1 bytes").arg(length)));
            QVERIFY2(result.delivered.isEmpty(), qPrintable(QStringLiteral("delivered from %1 bytes").arg(length)));
        }
        auto message = [&](qsizetype length) { return *ingest(v, bufferOf(m_small.left(length))).error; };
        QVERIFY(message(0).message.contains(QStringLiteral("empty")));
        QVERIFY2(message(m_small.size() - 1).message.contains(QStringLiteral("the trailer (line 7) has no line end")),
                 qPrintable(message(m_small.size() - 1).message));
        const qsizetype trailerStart = m_small.lastIndexOf('\n', m_small.size() - 2) + 1;
        QVERIFY2(message(trailerStart).message.contains(QStringLiteral("no trailer after line 6")),
                 qPrintable(message(trailerStart).message));
        QVERIFY2(message(trailerStart - 10).message.contains(QStringLiteral("line 6 ends without a line end")),
                 qPrintable(message(trailerStart - 10).message));
        QCOMPARE(message(trailerStart).code, Error::Code::Parse);
        QVERIFY(!ingest(v, bufferOf(m_small)).error);
    }

    void bitFlipInEveryByteIsRefused()
    {
        const BundleVerifier v = verifier(KeyPolicy::TrustOnFirstUse);
        for (qsizetype i = 0; i < m_small.size(); ++i) {
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray damaged = m_small;
                damaged[i] = char(damaged[i] ^ (1 << bit));
                const Ingest result = ingest(v, bufferOf(damaged));
                QVERIFY2(result.error, qPrintable(QStringLiteral("accepted a flip of bit %1 in byte %2").arg(bit).arg(i)));
                QVERIFY(result.delivered.isEmpty());
            }
        }
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");

        const QByteArrayList lines = linesOf(m_small);
        const QByteArrayList body = lines.mid(0, 6);
        const QByteArray &trailer = lines[6];
        auto join = [](const QByteArrayList &l) -> QByteArray { return l.join('\n') + '\n'; };
        auto withHeader = [&](auto edit) {
            QByteArrayList l = body;
            nlohmann::json h = parsed(l[0]);
            edit(h);
            l[0] = dumped(h);
            return l;
        };
        auto withEvent = [&](int index, auto edit) {
            QByteArrayList l = body;
            nlohmann::json e = parsed(l[index]);
            edit(e);
            l[index] = dumped(e);
            return l;
        };
        const auto crypto = int(Error::Code::Crypto);
        const auto auth = int(Error::Code::Auth);
        const auto validation = int(Error::Code::Validation);
        const auto parse = int(Error::Code::Parse);

        QByteArrayList swapped = body;
        swapped.swapItemsAt(2, 3);
        QTest::newRow("two event lines swapped") << join(swapped + QByteArrayList{trailer}) << crypto
                                                 << QStringLiteral("checksum mismatch");
        QTest::newRow("two event lines swapped, then re-signed")
            << signLines(swapped, *m_key) << validation << QStringLiteral("votes.bundle:4: event 3: seq 2 after seq 3");
        QByteArrayList repeated = body;
        repeated.insert(3, body[2]);
        QTest::newRow("an event line repeated, then re-signed")
            << signLines(repeated, *m_key) << validation << QStringLiteral("increasing seq order");
        QTest::newRow("an event line dropped") << join(QByteArrayList(body).mid(0, 3) + body.mid(4) + QByteArrayList{trailer})
                                               << crypto << QStringLiteral("checksum mismatch");
        QTest::newRow("signed by an unregistered key")
            << signLines(withHeader([&](nlohmann::json &h) { h["public_key"] = m_otherKey->publicKey().toBase64().toStdString(); }),
                         *m_otherKey)
            << auth << QStringLiteral("key mismatch");
        QTest::newRow("from an unknown workstation")
            << signLines(withHeader([](nlohmann::json &h) { h["workstation"] = "stranger"; }), *m_key) << auth
            << QStringLiteral("unknown workstation \"stranger\"");
        QTest::newRow("signature by another key than the header names") << signLines(body, *m_otherKey) << crypto
                                                                          << QStringLiteral("bad signature");
        QTest::newRow("event from another workstation")
            << signLines(withEvent(2, [](nlohmann::json &e) { e["workstation"] = "elsewhere"; }), *m_key) << validation
            << QStringLiteral("votes.bundle:3: event 2: made on workstation \"elsewhere\"");
        QTest::newRow("event with a seq that is not a number")
            << signLines(withEvent(3, [](nlohmann::json &e) { e["seq"] = "3"; }), *m_key) << validation
            << QStringLiteral("votes.bundle:4: event 3: field \"seq\" must be an integer >= 1");
        QTest::newRow("event that is not an object")
            << signLines(QByteArrayList(body).mid(0, 2) + QByteArrayList{"[1,2]"} + body.mid(3), *m_key) << validation
            << QStringLiteral("votes.bundle:3: event 2: not a JSON object");
        QTest::newRow("event whose object never closes")
            << signLines(QByteArrayList(body).mid(0, 5) + QByteArrayList{body[5].chopped(1)}, *m_key) << validation
            << QStringLiteral("votes.bundle:6: event 5: cut off");
        QTest::newRow("event by an annotator the header does not list")
            << signLines(withEvent(1, [](nlohmann::json &e) { e["annotator"] = "ghost"; }), *m_key) << validation
            << QStringLiteral("annotator \"ghost\" is not listed");
        QTest::newRow("header event_count too high")
            << signLines(withHeader([](nlohmann::json &h) { h["event_count"] = 4; h["seq_last"] = 4; }), *m_key)
            << validation << QStringLiteral("seq 5 is beyond the header's seq_last 4");
        QTest::newRow("header event_count does not match")
            << signLines(withHeader([](nlohmann::json &h) { h["event_count"] = 4; }), *m_key) << validation
            << QStringLiteral("the header says event_count 4, but the bundle holds 5 events");
        QTest::newRow("header seq_first does not match")
            << signLines(withHeader([](nlohmann::json &h) { h["seq_first"] = 0; }), *m_key) << validation
            << QStringLiteral("votes.bundle:1: field \"seq_first\" must be an integer >= 1");
        QTest::newRow("header seq range wider than the events")
            << signLines(withHeader([](nlohmann::json &h) { h["seq_last"] = 9; }), *m_key) << validation
            << QStringLiteral("the last event has seq 5, but the header's seq_last is 9");
        QTest::newRow("header bundle_id not a UUID")
            << signLines(withHeader([](nlohmann::json &h) { h["bundle_id"] = "b-1"; }), *m_key) << validation
            << QStringLiteral("votes.bundle:1: field \"bundle_id\" must be a lowercase UUID");
        QTest::newRow("header with an unknown field")
            << signLines(withHeader([](nlohmann::json &h) { h["colour"] = "blue"; }), *m_key) << validation
            << QStringLiteral("unknown field \"colour\"");
        QTest::newRow("unknown format version")
            << signLines(withHeader([](nlohmann::json &h) { h["majlis_bundle"] = 2; }), *m_key) << validation
            << QStringLiteral("unknown bundle format version 2");
        QTest::newRow("a task pack, not a bundle") << QByteArray("{\"majlis_pack\":1,\"id\":\"p\"}\n") << parse
                                                   << QStringLiteral("not a Majlis vote bundle");
        QTest::newRow("empty file") << QByteArray() << parse << QStringLiteral("the file is empty");
        QTest::newRow("data after the trailer") << QByteArray(m_small + "{}\n") << parse
                                                << QStringLiteral("votes.bundle:8: unexpected data after the trailer");
        QTest::newRow("carriage-return line ends") << QByteArray(m_small).replace('\n', "\r\n") << crypto
                                                   << QStringLiteral("checksum mismatch");
        QByteArray badHash = m_small;
        badHash.replace(badHash.indexOf("\"sha256\":\"") + 10, 1, "x");
        QTest::newRow("trailer checksum not hex") << badHash << validation
                                                  << QStringLiteral("field \"sha256\" must be 64 lowercase hex digits");
    }

    void refused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QFETCH(QString, expected);
        const Ingest result = ingest(verifier(), bufferOf(bytes));
        QVERIFY(result.error);
        QVERIFY2(result.error->message.contains(expected), qPrintable(result.error->message));
        QCOMPARE(int(result.error->code), code);
        QVERIFY(result.delivered.isEmpty());
    }

    void unknownKeyIsTrustedOnFirstUseOnlyWhenAsked()
    {
        const BundleVerifier strict(nobody());
        auto refused = strict.verify(*bufferOf(m_small), QStringLiteral("mem"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Error::Code::Auth);

        const BundleVerifier firstUse(nobody(), {KeyPolicy::TrustOnFirstUse, false});
        auto accepted = firstUse.verify(*bufferOf(m_small), QStringLiteral("mem"));
        QVERIFY2(accepted, qPrintable(accepted.ok() ? QString() : accepted.error().message));
        QCOMPARE(accepted->keyTrust, KeyTrust::FirstUse);
        QCOMPARE(accepted->header.publicKey, m_key->publicKey());

        // A registered key still wins over the embedded one, even in first-use mode.
        const BundleVerifier registeredOther(registered(Workstation, m_otherKey->publicKey()),
                                             {KeyPolicy::TrustOnFirstUse, false});
        auto mismatch = registeredOther.verify(*bufferOf(m_small), QStringLiteral("mem"));
        QVERIFY(!mismatch);
        QVERIFY(mismatch.error().message.contains(QStringLiteral("key mismatch")));
    }

    void seqGapIsReportedNotRefused()
    {
        const QByteArray bytes = bundleOf(makeEvents({1, 2, 3, 4, 8, 9, 11}));
        auto summary = verifier().verify(*bufferOf(bytes), QStringLiteral("mem"));
        QVERIFY2(summary, qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->gaps, (QList<SeqGap>{{5, 7}, {10, 10}}));
        QCOMPARE(summary->missingSeqCount, 4);
        QCOMPARE(summary->gapText(), QStringLiteral("seq 5–7 missing, seq 10 missing"));
        QCOMPARE(summary->header.eventCount, 7);
        QCOMPARE(summary->header.seqLast, 11);
        QCOMPARE(ingest(verifier(), bufferOf(bytes)).delivered.size(), 7);
    }

    void fullParseOptionFindsBadFields()
    {
        QByteArrayList lines = linesOf(m_small).mid(0, 6);
        nlohmann::json e = parsed(lines[2]);
        e["kind"] = 7;  // structurally fine, wrong type
        lines[2] = dumped(e);
        const QByteArray bytes = signLines(lines, *m_key);
        QVERIFY(verifier().verify(*bufferOf(bytes), QStringLiteral("mem")));
        const BundleVerifier full(registered(Workstation, m_key->publicKey()), {KeyPolicy::RegisteredOnly, true});
        auto refused = full.verify(*bufferOf(bytes), QStringLiteral("mem"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("mem:3: event 2: field \"kind\" must be a string")),
                 qPrintable(refused.error().message));
        // Delivery parses fully in any case and stops before the bad event.
        const Ingest result = ingest(verifier(), bufferOf(bytes));
        QVERIFY(result.error);
        QCOMPARE(result.delivered.size(), 1);
    }

    // --- The file changes between verification and delivery -------------------------------------

    void changeAfterVerificationDeliversNothing()
    {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(m_small);
        buffer->open(QIODevice::ReadOnly);
        QBuffer *raw = buffer.get();
        auto opened = verifier().open(std::move(buffer), QStringLiteral("mem"));
        QVERIFY(opened);
        QByteArray changed = m_small;
        changed.replace(changed.indexOf("first"), 5, "secnd");
        raw->close();
        raw->setData(changed);
        raw->open(QIODevice::ReadOnly);
        qsizetype delivered = 0;
        const Status s = opened->forEachEvent([&](const Event &) {
            ++delivered;
            return Status{};
        });
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QStringLiteral("changed after it was verified")), qPrintable(s.error().message));
        QCOMPARE(delivered, 0);
    }

    void changeInALaterBlockDeliversOnlyVerifiedEvents()
    {
        const QList<Event> events = makeEvents(seqRange(1, 9000));
        const QByteArray bytes = bundleOf(events);
        QVERIFY(bytes.size() > 3 * HashChain::CheckpointInterval);
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(bytes);
        buffer->open(QIODevice::ReadOnly);
        QBuffer *raw = buffer.get();
        auto opened = verifier().open(std::move(buffer), QStringLiteral("mem"));
        QVERIFY(opened);
        QByteArray changed = bytes;
        const qsizetype at = changed.indexOf("\"choice\":\"first\"", 2 * HashChain::CheckpointInterval + 1000);
        changed.replace(at + 10, 5, "secnd");
        raw->close();
        raw->setData(changed);
        raw->open(QIODevice::ReadOnly);
        QList<Event> delivered;
        const Status s = opened->forEachEvent([&](const Event &e) {
            delivered.append(e);
            return Status{};
        });
        QVERIFY(!s);
        QVERIFY(s.error().message.contains(QStringLiteral("changed after it was verified")));
        QVERIFY(!delivered.isEmpty());
        QVERIFY(delivered.size() < events.size());
        for (qsizetype i = 0; i < delivered.size(); ++i)
            QVERIFY(delivered[i] == events[i]);  // only authentic events reached the visitor
        // Everything delivered ended before the changed block.
        const qsizetype lastEnd = bytes.indexOf(dumped(toJson(delivered.constLast()))) + 1;
        QVERIFY(lastEnd < 2 * HashChain::CheckpointInterval);
    }

    // --- The writer refuses ----------------------------------------------------------------------

    void writerRefuses_data()
    {
        QTest::addColumn<QList<Event>>("events");
        QTest::addColumn<QString>("expected");
        QList<Event> foreign = makeEvents(seqRange(1, 3));
        foreign[1].workstation = QStringLiteral("elsewhere");
        QTest::newRow("event from another workstation") << foreign << QStringLiteral("made on workstation \"elsewhere\"");
        QTest::newRow("seq going down") << makeEvents({1, 3, 2}) << QStringLiteral("comes after seq 3");
        QTest::newRow("seq repeated") << makeEvents({1, 2, 2}) << QStringLiteral("increasing seq order");
        QTest::newRow("seq zero") << makeEvents({0}) << QStringLiteral("increasing seq order");
        QList<Event> noId = makeEvents({1});
        noId[0].id.clear();
        QTest::newRow("event without id") << noId << QStringLiteral("has no id");
        QList<Event> arrayPayload = makeEvents({1});
        arrayPayload[0].payload = nlohmann::json::array();
        QTest::newRow("payload not an object") << arrayPayload << QStringLiteral("payload is not a JSON object");
        QTest::newRow("no events at all") << QList<Event>{} << QStringLiteral("nothing to export");
    }

    void writerRefuses()
    {
        QFETCH(QList<Event>, events);
        QFETCH(QString, expected);
        const QString folder = m_dir.filePath(QStringLiteral("refused-") + QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(QDir().mkpath(folder));
        auto written = BundleWriter(*m_key, Workstation).write(QDir(folder).filePath(QStringLiteral("b.bundle")), sourceOf(events));
        QVERIFY(!written);
        QVERIFY2(written.error().message.contains(expected), qPrintable(written.error().message));
        QCOMPARE(filesIn(folder), QStringList());
    }

    void writerNeverOverwrites()
    {
        const QString folder = m_dir.filePath(QStringLiteral("existing"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = QDir(folder).filePath(QStringLiteral("b.bundle"));
        const BundleWriter writer(*m_key, Workstation);
        QVERIFY(writer.write(path, sourceOf(makeEvents(seqRange(1, 3)))));
        const QByteArray before = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        auto again = writer.write(path, sourceOf(makeEvents(seqRange(4, 6))));
        QVERIFY(!again);
        QCOMPARE(again.error().code, Error::Code::Conflict);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QCOMPARE(filesIn(folder), QStringList{QStringLiteral("b.bundle")});
    }

    void writerNoticesASourceThatChanges()
    {
        const QString folder = m_dir.filePath(QStringLiteral("fickle"));
        QVERIFY(QDir().mkpath(folder));
        int pass = 0;
        const EventSource fickle = [&](const EventSink &sink) -> Status {
            ++pass;
            for (const Event &e : makeEvents(pass == 1 ? seqRange(1, 4) : QList<qint64>{1, 2, 3, 5}))
                if (Status s = sink(e); !s)
                    return s;
            return {};
        };
        auto written = BundleWriter(*m_key, Workstation).write(QDir(folder).filePath(QStringLiteral("b.bundle")), fickle);
        QVERIFY(!written);
        QVERIFY2(written.error().message.contains(QStringLiteral("second pass")), qPrintable(written.error().message));
        QCOMPARE(filesIn(folder), QStringList());
    }

    // --- Committed fixtures: real files, format frozen --------------------------------------------

    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");  // empty: verifies
        QTest::newRow("good bundle") << QStringLiteral("good.majlisbundle") << QString();
        QTest::newRow("bundle with a seq gap") << QStringLiteral("gap.majlisbundle") << QString();
        QTest::newRow("cut off in the middle") << QStringLiteral("truncated.majlisbundle")
                                               << QStringLiteral("cut off: line 3 ends without a line end");
        QTest::newRow("one bit flipped") << QStringLiteral("bitflip.majlisbundle") << QStringLiteral("checksum mismatch");
        QTest::newRow("lines reordered") << QStringLiteral("reordered.majlisbundle") << QStringLiteral("checksum mismatch");
        QTest::newRow("signed by an unregistered key") << QStringLiteral("otherkey.majlisbundle")
                                                       << QStringLiteral("key mismatch");
    }

    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QDir dir(QStringLiteral(MAJLIS_FIXTURES_DIR "/bundles"));
        QFile pub(dir.filePath(QStringLiteral("workstation.pub")));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QByteArray publicKey = QByteArray::fromBase64(pub.readAll().trimmed());
        const BundleVerifier v(registered(FixtureWorkstation, publicKey));
        Ingest result = ingest(v, [&]() -> std::unique_ptr<QIODevice> {
            auto f = std::make_unique<QFile>(dir.filePath(file));
            f->open(QIODevice::ReadOnly);
            return f;
        }());
        if (expected.isEmpty()) {
            QVERIFY2(!result.error, qPrintable(result.error ? result.error->message : QString()));
            const QList<Event> expectedEvents = makeEvents(file.startsWith(QStringLiteral("gap")) ? QList<qint64>{1, 2, 5}
                                                                                                : seqRange(1, 4),
                                                           FixtureWorkstation);
            QCOMPARE(result.delivered.size(), expectedEvents.size());
            for (qsizetype i = 0; i < expectedEvents.size(); ++i)
                QVERIFY(result.delivered[i] == expectedEvents[i]);
            auto summary = v.verify(dir.filePath(file));
            QVERIFY(summary);
            QCOMPARE(summary->gapText(), file.startsWith(QStringLiteral("gap")) ? QStringLiteral("seq 3–4 missing") : QString());
        } else {
            QVERIFY(result.error);
            QVERIFY2(result.error->message.contains(expected), qPrintable(result.error->message));
            QVERIFY(result.delivered.isEmpty());
        }
    }

    // Writes the committed fixtures again (new key, same events):
    //   MAJLIS_WRITE_BUNDLE_FIXTURES=$PWD/tests/fixtures/bundles build/tests/unit/bundle/test_bundle writeFixtures
    void writeFixtures()
    {
        const QString target = qEnvironmentVariable("MAJLIS_WRITE_BUNDLE_FIXTURES");
        if (target.isEmpty())
            QSKIP("set MAJLIS_WRITE_BUNDLE_FIXTURES=<folder> to write the bundle fixtures again");
        const QDir dir(target);
        auto key = WorkstationKey::loadOrCreate(m_dir.filePath(QStringLiteral("fixture-key")));
        QVERIFY(key);
        auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bytes);
        };
        auto bundle = [&](const QList<qint64> &seqs) {
            QBuffer out;
            out.open(QIODevice::WriteOnly);
            const BundleWriteOptions options{QStringLiteral("018f3320-5a00-7000-8000-0000000000f1"), FixedTime};
            if (!BundleWriter(*key, FixtureWorkstation).writeTo(out, sourceOf(makeEvents(seqs, FixtureWorkstation)), options))
                qFatal("cannot write a fixture");
            return out.data();
        };
        write(QStringLiteral("workstation.pub"), key->publicKeyBase64().toLatin1() + '\n');
        const QByteArray good = bundle(seqRange(1, 4));
        write(QStringLiteral("good.majlisbundle"), good);
        write(QStringLiteral("gap.majlisbundle"), bundle({1, 2, 5}));
        const QByteArrayList lines = linesOf(good);
        write(QStringLiteral("truncated.majlisbundle"), QByteArray(lines.mid(0, 2).join('\n') + '\n' + lines[2].left(40)));
        QByteArray flipped = good;
        const qsizetype at = good.indexOf("\"second\"");
        flipped[at + 1] = char(flipped[at + 1] ^ 0x01);  // "second" -> "recond"
        write(QStringLiteral("bitflip.majlisbundle"), flipped);
        QByteArrayList reordered = lines;
        reordered.swapItemsAt(1, 2);
        write(QStringLiteral("reordered.majlisbundle"), QByteArray(reordered.join('\n') + '\n'));
        QByteArrayList foreign = lines.mid(0, 5);
        nlohmann::json header = parsed(foreign[0]);
        header["public_key"] = m_otherKey->publicKey().toBase64().toStdString();
        foreign[0] = dumped(header);
        write(QStringLiteral("otherkey.majlisbundle"), signLines(foreign, *m_otherKey));
    }

    // The examples in docs/formats.md are real: the header example parses under the rules.
    void documentedHeaderExampleIsValid()
    {
        QFile doc(QStringLiteral(MAJLIS_SOURCE_DIR "/docs/formats.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll());
        const qsizetype section = text.indexOf(QStringLiteral("## Vote bundle (`majlis_bundle` version 1)"));
        QVERIFY(section >= 0);
        const QRegularExpression block(QStringLiteral("```json\\n(\\{\"annotators\".*?)\\n```"),
                                       QRegularExpression::DotMatchesEverythingOption);
        const auto match = block.match(text, section);
        QVERIFY(match.hasMatch());
        auto header = headerFromJson(nlohmann::json::parse(match.captured(1).toStdString()), QStringLiteral("docs"));
        QVERIFY2(header, qPrintable(header.ok() ? QString() : header.error().message));
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "test_bundle.moc"
