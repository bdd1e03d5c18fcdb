#include "sync/protocol.h"

#include "common/json.h"
#include "common/jsonparse.h"

#include <QNetworkReply>

namespace majlis::sync {

QUrl apiUrl(const QUrl &server, const QString &path)
{
    QUrl url = server;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
    return url;
}

ServerFailure serverFailure(const QUrl &server, QNetworkReply *reply, const QByteArray &body)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return {0, {}, QStringLiteral("%1: %2").arg(server.toDisplayString(), reply->errorString())};
    const nlohmann::json j =
        parseJson(std::string_view(body.constData(), size_t(body.size())), JsonSource{QStringLiteral("answer"), 0})
            .value_or(nlohmann::json());
    auto field = [&](const char *name) {
        return j.is_object() && j.contains(name) && j[name].is_string() ? toQString(j[name].get<std::string>())
                                                                        : QString();
    };
    QString message = field("message");
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(200));
    return {status, field("error"), QStringLiteral("the server answered %1: %2").arg(status).arg(message)};
}

QString failureOf(const QUrl &server, QNetworkReply *reply, const QByteArray &body)
{
    return serverFailure(server, reply, body).text;
}

QByteArray batchSigningMessage(QByteArrayView body)
{
    return QByteArrayLiteral("majlis-batch-v1\n") + body;
}

QByteArray enrollSigningMessage(QByteArrayView body)
{
    return QByteArrayLiteral("majlis-enroll-v1\n") + body;
}

QNetworkRequest signedRequest(const QUrl &server, const QString &path, const QByteArray &token,
                              const QString &workstation, const bundle::WorkstationKey &key,
                              const QByteArray &signingMessage)
{
    QNetworkRequest request(apiUrl(server, path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setRawHeader(WorkstationHeader, workstation.toUtf8());
    request.setRawHeader(PublicKeyHeader, key.publicKey().toBase64());
    request.setRawHeader(SignatureHeader, key.sign(signingMessage).toBase64());
    return request;
}

QByteArray batchBody(const QList<Event> &events)
{
    nlohmann::json list = nlohmann::json::array();
    for (const Event &e : events)
        list.push_back(majlis::toJson(e));
    return QByteArray::fromStdString(nlohmann::json{{"events", std::move(list)}}.dump());
}

nlohmann::json toJson(const store::WorkstationProgress &p)
{
    nlohmann::json gaps = nlohmann::json::array();
    for (const store::MissingSeqs &g : p.gaps)
        gaps.push_back({g.first, g.last});
    return {{"workstation", toStd(p.workstation)},
            {"acknowledged_seq", p.acknowledgedSeq},
            {"max_seq", p.maxSeq},
            {"missing", p.missingCount},
            {"gaps", std::move(gaps)}};
}

nlohmann::json toJson(const store::IngestReport &report)
{
    nlohmann::json events = nlohmann::json::array();
    for (const store::IngestOutcome &o : report.outcomes) {
        nlohmann::json e{{"id", toStd(o.eventId)}, {"status", toStd(store::toString(o.status))}};
        if (o.status == store::IngestStatus::Rejected)
            e["reason"] = toStd(o.reason);
        events.push_back(std::move(e));
    }
    nlohmann::json workstations = nlohmann::json::array();
    for (const store::WorkstationProgress &p : report.workstations)
        workstations.push_back(toJson(p));
    return {{"accepted", report.accepted},
            {"already_known", report.alreadyKnown},
            {"rejected", report.rejected},
            {"events", std::move(events)},
            {"workstations", std::move(workstations)}};
}

namespace {

// A JSON string as nlohmann::json::dump() writes it.
void appendJsonString(QByteArray &out, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    bool plain = true;
    for (const char c : utf8)
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80) {
            plain = false;
            break;
        }
    if (plain) {
        out += '"';
        out += utf8;
        out += '"';
    } else {
        out += QByteArray::fromStdString(nlohmann::json(utf8.toStdString()).dump());
    }
}

} // namespace

QByteArray batchAnswerBody(const store::IngestReport &report)
{
    // Keys in nlohmann's order (sorted), as toJson(report).dump() has them.
    QByteArray out;
    out.reserve(64 + report.outcomes.size() * 72);
    out += "{\"accepted\":" + QByteArray::number(report.accepted) + ",\"already_known\":"
           + QByteArray::number(report.alreadyKnown) + ",\"events\":[";
    bool first = true;
    for (const store::IngestOutcome &o : report.outcomes) {
        if (!first)
            out += ',';
        first = false;
        out += "{\"id\":";
        appendJsonString(out, o.eventId);
        if (o.status == store::IngestStatus::Rejected) {
            out += ",\"reason\":";
            appendJsonString(out, o.reason);
        }
        out += ",\"status\":";
        appendJsonString(out, store::toString(o.status));
        out += '}';
    }
    nlohmann::json workstations = nlohmann::json::array();
    for (const store::WorkstationProgress &p : report.workstations)
        workstations.push_back(toJson(p));
    out += "],\"rejected\":" + QByteArray::number(report.rejected)
           + ",\"workstations\":" + QByteArray::fromStdString(workstations.dump()) + "}\n";
    return out;
}

Result<BatchAnswer> parseBatchAnswer(const QByteArray &body)
{
    auto bad = [](const char *what) {
        return Error::parse(QStringLiteral("the server's answer to a batch is not understood: %1").arg(QLatin1String(what)));
    };
    auto parsed = parseJson(std::string_view(body.constData(), size_t(body.size())), JsonSource{QStringLiteral("answer"), 0});
    if (!parsed)
        return Error::parse(QStringLiteral("the server's answer to a batch is not understood: %1").arg(parsed.error().message));
    const nlohmann::json j = std::move(*parsed);
    if (!j.is_object())
        return bad("not a JSON object");
    BatchAnswer a;
    for (auto [key, out] : {std::pair{"accepted", &a.accepted}, std::pair{"already_known", &a.alreadyKnown},
                            std::pair{"rejected", &a.rejected}}) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_number_integer())
            return bad("a count is missing");
        *out = it->get<qint64>();
    }
    auto events = j.find("events");
    auto workstations = j.find("workstations");
    if (events == j.end() || !events->is_array() || workstations == j.end() || !workstations->is_array())
        return bad("\"events\" or \"workstations\" is not a list");
    for (const auto &e : *events) {
        if (!e.is_object() || !e.contains("id") || !e["id"].is_string() || !e.contains("status") || !e["status"].is_string())
            return bad("an event status without id or status");
        BatchAnswer::Status s;
        s.id = toQString(e["id"].get<std::string>());
        const std::string status = e["status"].get<std::string>();
        if (status == "accepted")
            s.status = store::IngestStatus::Accepted;
        else if (status == "already_known")
            s.status = store::IngestStatus::AlreadyKnown;
        else if (status == "rejected")
            s.status = store::IngestStatus::Rejected;
        else
            return bad("an unknown event status");
        if (auto r = e.find("reason"); r != e.end() && r->is_string())
            s.reason = toQString(r->get<std::string>());
        a.events.append(s);
    }
    for (const auto &w : *workstations) {
        if (!w.is_object() || !w.contains("workstation") || !w["workstation"].is_string()
            || !w.contains("acknowledged_seq") || !w["acknowledged_seq"].is_number_integer())
            return bad("a workstation without id or acknowledged_seq");
        a.acknowledgedSeq.insert(toQString(w["workstation"].get<std::string>()), w["acknowledged_seq"].get<qint64>());
    }
    return a;
}

} // namespace majlis::sync
