#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QNetworkRequest>
#include <QUrl>

#include <nlohmann/json.hpp>

#include "bundle/workstationkey.h"
#include "common/result.h"
#include "model/event.h"
#include "store/ingest.h"

class QNetworkReply;

// The sync wire protocol, shared by client and server (docs/api.md).
namespace majlis::sync {

inline constexpr qsizetype MaxBatchEvents = 1000;
inline constexpr qsizetype MaxBatchBytes = 4 * 1024 * 1024;
// A bundle is a file carried on a stick and may hold more than one batch; still bounded, because
// the HTTP layer holds a request body in memory.
inline constexpr qsizetype MaxBundleBytes = 64 * 1024 * 1024;

inline constexpr char EventsPath[] = "/api/v1/events";
inline constexpr char BundlesPath[] = "/api/v1/bundles";
inline constexpr char PacksPath[] = "/api/v1/packs";
inline constexpr char HealthPath[] = "/api/v1/health";
inline constexpr char LeaderboardPath[] = "/api/v1/leaderboard";
inline constexpr char EnrollPath[] = "/api/v1/workstations/enroll";

// A batch (and an enrollment) is signed by the workstation's Ed25519 key, like a bundle, and
// says so in three headers (docs/security.md). The signature covers a domain prefix and the exact
// body bytes, so a batch signature can never pass for a bundle's or an enrollment's.
inline constexpr char WorkstationHeader[] = "X-Majlis-Workstation";
inline constexpr char PublicKeyHeader[] = "X-Majlis-Public-Key";  // base64 of the 32 raw bytes
inline constexpr char SignatureHeader[] = "X-Majlis-Signature";   // base64 of the 64 bytes
QByteArray batchSigningMessage(QByteArrayView body);
QByteArray enrollSigningMessage(QByteArrayView body);
// A JSON POST to `path` on `server` with the bearer token, naming `workstation` and signed by
// `key` over `signingMessage` (batchSigningMessage or enrollSigningMessage of the body).
QNetworkRequest signedRequest(const QUrl &server, const QString &path, const QByteArray &token,
                              const QString &workstation, const bundle::WorkstationKey &key,
                              const QByteArray &signingMessage);

// The URL of an API path on a server given by its base URL, with or without a trailing slash.
QUrl apiUrl(const QUrl &server, const QString &path);
// What went wrong with a request: the network's error (status 0), or the server's status with
// the "error" code and the "message" of its answer. `text` is for a person (English, the
// server's own words); `code` is for a program that words it in the interface's language.
struct ServerFailure
{
    int status = 0;   // 0: no answer (refused, unreachable, timed out, TLS)
    QString code;     // the answer's "error", e.g. "not_enrolled"; empty without one
    QString text;
};
ServerFailure serverFailure(const QUrl &server, QNetworkReply *reply, const QByteArray &body);
QString failureOf(const QUrl &server, QNetworkReply *reply, const QByteArray &body);

// The body of POST /api/v1/events.
QByteArray batchBody(const QList<Event> &events);

nlohmann::json toJson(const store::WorkstationProgress &progress);
// The answer to a batch: a status per event and every named workstation's progress.
nlohmann::json toJson(const store::IngestReport &report);
// toJson(report).dump() plus a line end, written directly: a batch's answer lists every event,
// and building that tree cost the server more than storing the events.
QByteArray batchAnswerBody(const store::IngestReport &report);

// What a client reads back from the answer to a batch.
struct BatchAnswer
{
    struct Status
    {
        QString id;
        store::IngestStatus status = store::IngestStatus::Accepted;
        QString reason;
    };
    QList<Status> events;
    qint64 accepted = 0;
    qint64 alreadyKnown = 0;
    qint64 rejected = 0;
    QMap<QString, qint64> acknowledgedSeq;  // per workstation
};
Result<BatchAnswer> parseBatchAnswer(const QByteArray &body);

} // namespace majlis::sync
