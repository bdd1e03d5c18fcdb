// docs/api.md stays true: every example request in it is sent, in order, to the API handler over
// a fresh SQLite storage (no sockets), and the answer must match the example's status, top-level
// fields and per-event statuses.
#include "sync/apihandler.h"
#include "sync/sqlitestorage.h"
#include "bundle/workstationkey.h"
#include "sync/protocol.h"
#include "model/payloads.h"

#include <map>
#include <memory>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace majlis;
using namespace majlis::sync;

namespace {

struct Example
{
    QByteArray method;
    QString path;
    QByteArray authorization;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    int status = 0;
    nlohmann::json answer;
    int line = 0;
};

QList<Example> examples(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = f.readAll().split('\n');
    QList<Example> out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i] == "```http") {
            Example e;
            e.line = int(i + 1);
            const QList<QByteArray> requestLine = lines[++i].split(' ');
            e.method = requestLine.value(0);
            e.path = QString::fromUtf8(requestLine.value(1));
            while (++i < lines.size() && !lines[i].isEmpty() && lines[i] != "```") {
                if (lines[i].startsWith("Authorization: "))
                    e.authorization = lines[i].mid(15);
                else if (const qsizetype colon = lines[i].indexOf(": "); colon > 0)
                    e.headers.append({lines[i].left(colon), lines[i].mid(colon + 2)});
            }
            QByteArrayList body;
            while (i < lines.size() && lines[i] != "```")
                body << lines[i++];
            e.body = body.join('\n').trimmed();
            out.append(e);
        } else if (lines[i] == "```http-response" && !out.isEmpty()) {
            out.last().status = lines[++i].split(' ').value(1).toInt();
            QByteArrayList body;
            while (++i < lines.size() && lines[i] != "```")
                body << lines[i];
            const QByteArray json = body.join('\n');
            out.last().answer = nlohmann::json::parse(json.cbegin(), json.cend(), nullptr, false);
        }
    }
    return out;
}

std::set<std::string> keys(const nlohmann::json &j)
{
    std::set<std::string> out;
    if (j.is_object())
        for (const auto &[k, v] : j.items())
            out.insert(k);
    return out;
}

} // namespace

class TestApiDoc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examplesHold()
    {
        QTemporaryDir dir;
        auto storage = SqliteStorage::open(dir.filePath(QStringLiteral("server.sqlite")));
        QVERIFY(storage);
        QMap<QByteArray, QByteArray> tokens;
        for (const auto &[name, role] : {std::pair{"amina", Role::Annotator}, std::pair{"rana", Role::Reviewer},
                                         std::pair{"coord", Role::Coordinator}}) {
            const QByteArray token = makeToken();
            QVERIFY((*storage)->addToken(tokenHash(token), QLatin1String(name), role));
            tokens.insert("Bearer <" + toString(role).toLatin1() + "-token>", "Bearer " + token);
        }
        // The examples' workstations bind on first use; a key per workstation signs their batches
        // where the page shows "<signature>".
        ApiHandler handler(**storage, Enrollment::FirstUse);
        QTemporaryDir keyDir;
        std::map<QByteArray, std::unique_ptr<bundle::WorkstationKey>> keyOf;
        auto keyFor = [&](const QByteArray &workstation) -> const bundle::WorkstationKey & {
            auto &slot = keyOf[workstation];
            if (!slot) {
                auto made = bundle::WorkstationKey::loadOrCreate(keyDir.filePath(QString::fromLatin1(workstation)));
                slot = std::make_unique<bundle::WorkstationKey>(std::move(made.value()));
            }
            return *slot;
        };

        const QList<Example> list = examples(QStringLiteral(MAJLIS_SOURCE_DIR "/docs/api.md"));
        QVERIFY(list.size() >= 8);
        for (const Example &e : list) {
            const QByteArray where = "docs/api.md:" + QByteArray::number(e.line);
            QVERIFY2(e.status != 0 && !e.answer.is_discarded(), QByteArray(where + ": no valid answer").constData());
            if (!e.authorization.isEmpty())
                QVERIFY2(tokens.contains(e.authorization), where.constData());
            const qsizetype question = e.path.indexOf(QLatin1Char('?'));
            const QString path = question < 0 ? e.path : e.path.left(question);
            const QString query = question < 0 ? QString() : e.path.mid(question + 1);
            ApiRequest request{e.method, path, tokens.value(e.authorization), e.body, query};
            QByteArray workstation;
            for (const auto &[name, value] : e.headers)
                if (name == WorkstationHeader)
                    workstation = value;
            for (auto [name, value] : e.headers) {
                if (name == PublicKeyHeader && value.startsWith('<'))
                    value = keyFor(workstation).publicKey().toBase64();
                else if (name == SignatureHeader && value.startsWith('<'))
                    value = keyFor(workstation).sign(batchSigningMessage(e.body)).toBase64();
                request.headers.append({name, value});
            }
            // An event the page shows being accepted has a payload of the documented contract
            // (docs/formats.md), not a made-up shape: the page is what client writers copy.
            if (e.method == "POST" && path == QLatin1String("/api/v1/events") && e.status == 200) {
                const auto body = nlohmann::json::parse(e.body.cbegin(), e.body.cend(), nullptr, false);
                QVERIFY2(body.is_object() && body.contains("events"), where.constData());
                for (const auto &event : body["events"]) {
                    const std::string kind = event.value("kind", "");
                    QVERIFY2(kind != "vote" || votePayloadFromJson(event["payload"]),
                             QByteArray(where + ": a vote whose payload does not read: " + event["payload"].dump().c_str())
                                 .constData());
                    QVERIFY2(kind != "skip" || skipPayloadFromJson(event["payload"]), where.constData());
                }
            }
            const ApiResponse r = handler.handle(request);
            QVERIFY2(r.status == e.status, QByteArray(where + ": got " + QByteArray::number(r.status) + " " + r.body).constData());
            const auto got = nlohmann::json::parse(r.body.cbegin(), r.body.cend(), nullptr, false);
            QVERIFY2(keys(got) == keys(e.answer), QByteArray(where + ": fields differ: " + r.body).constData());
            if (e.answer.contains("message"))
                QVERIFY2(got["message"] == e.answer["message"], QByteArray(where + ": " + r.body).constData());
            if (e.answer.contains("events") && e.answer["events"].is_array())
                QVERIFY2(got["events"] == e.answer["events"], QByteArray(where + ": " + r.body).constData());
            if (e.answer.contains("workstations"))
                QVERIFY2(got["workstations"] == e.answer["workstations"], QByteArray(where + ": " + r.body).constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestApiDoc)
#include "test_apidoc.moc"
