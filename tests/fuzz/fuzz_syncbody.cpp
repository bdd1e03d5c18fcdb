// The body of POST /api/v1/events through ApiHandler::read, as an annotator and as a coordinator.
// Invariants: a batch read accounts for every event it was sent and stays within the limits; an
// annotator's batch holds only the annotator's events; whenever the quick batch reader answers,
// the full parse of the same body yields equal events; the events read, sent again through
// batchBody, read back equal with nothing rejected.
#include "fuzzsupport.h"
#include "model/eventquickread.h"
#include "sync/apihandler.h"
#include "sync/protocol.h"

#include <QTemporaryDir>

#include <memory>

using namespace majlis;
using namespace majlis::sync;

namespace {

const QString kCaller = QStringLiteral("amina");

bool same(const QList<Event> &a, const QList<Event> &b)
{
    if (a != b)
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (toJson(a[i]).dump() != toJson(b[i]).dump())
            return false;
    return true;
}

void checkQuickAgainstFull(std::string_view text)
{
    const std::optional<QList<Event>> quick = quickEventBatchFromJson(text, MaxBatchEvents);
    if (!quick)
        return;
    FUZZ_CHECK(quick->size() <= MaxBatchEvents);
    const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    FUZZ_CHECK(doc.is_object() && doc.size() == 1 && doc.contains("events") && doc["events"].is_array());
    FUZZ_CHECK(qsizetype(doc["events"].size()) == quick->size());
    QList<Event> full;
    for (const nlohmann::json &element : doc["events"]) {
        Result<Event> e = eventFromJson(element);
        FUZZ_CHECK(e.ok());
        full.append(std::move(*e));
    }
    FUZZ_CHECK(same(*quick, full));
}

// The harness's workstation key, made once per process.
const bundle::WorkstationKey &harnessKey()
{
    static const auto key = [] {
        static QTemporaryDir dir;
        auto made = bundle::WorkstationKey::loadOrCreate(dir.filePath(QStringLiteral("key")));
        FUZZ_CHECK(made.ok());
        return std::make_unique<bundle::WorkstationKey>(std::move(made.value()));
    }();
    return *key;
}

// The workstation the batch's first event names, so that the reader gets past the signature and
// workstation checks to the events themselves.
QString workstationOf(const QByteArray &body)
{
    const auto j = nlohmann::json::parse(body.cbegin(), body.cend(), nullptr, false);
    if (j.is_object() && j.contains("events") && j["events"].is_array())
        for (const auto &e : j["events"])
            if (e.is_object() && e.contains("workstation") && e["workstation"].is_string())
                return QString::fromStdString(e["workstation"].get<std::string>());
    return {};
}

// The batch as its workstation would send it: signed by the harness's key.
ApiHandler::BatchIdentity identityFor(const QByteArray &body, const QString &workstation)
{
    ApiHandler::BatchIdentity id;
    id.workstation = workstation;
    id.publicKey = harnessKey().publicKey();
    id.signature = harnessKey().sign(batchSigningMessage(body));
    return id;
}

std::optional<ApiHandler::PendingBatch> read(const QByteArray &body, const ApiHandler::BatchIdentity &identity, Role role)
{
    auto answer = ApiHandler::read({kCaller, role, body, identity});
    if (auto *response = std::get_if<ApiResponse>(&answer)) {
        FUZZ_CHECK(response->status >= 400 && response->status < 500);
        return std::nullopt;
    }
    ApiHandler::PendingBatch batch = std::get<ApiHandler::PendingBatch>(std::move(answer));
    FUZZ_CHECK(batch.caller == kCaller);
    FUZZ_CHECK(batch.size <= MaxBatchEvents);
    FUZZ_CHECK(batch.events.size() + batch.unparsed.size() == batch.size);
    for (auto it = batch.unparsed.cbegin(); it != batch.unparsed.cend(); ++it) {
        FUZZ_CHECK(it.key() >= 0 && it.key() < batch.size);
        FUZZ_CHECK(it->status == store::IngestStatus::Rejected);
    }
    if (role == Role::Annotator)
        for (const Event &e : batch.events)
            FUZZ_CHECK(e.annotator == kCaller);
    return batch;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Signing and the JSON parse that finds the workstation cost more than reading the batch:
    // each distinct body is signed once.
    const QByteArray body = fuzz::bytes(data, size);
    const ApiHandler::BatchIdentity identity = identityFor(body, workstationOf(body));
    // A signature over other bytes is refused before anything is read (checked on one input in
    // eight: it is the same check every time, and verifying costs more than reading).
    if (size % 8 == 0) {
        ApiHandler::BatchIdentity forged = identity;
        forged.signature = harnessKey().sign(batchSigningMessage(QByteArray(body + 'x')));
        auto answer = ApiHandler::read({kCaller, Role::Coordinator, body, forged});
        FUZZ_CHECK(std::holds_alternative<ApiResponse>(answer) && std::get<ApiResponse>(answer).status == 403);
    }
    checkQuickAgainstFull(fuzz::view(data, size));
    QByteArray lastResent;
    ApiHandler::BatchIdentity resentIdentity;
    for (const Role role : {Role::Annotator, Role::Coordinator}) {
        const std::optional<ApiHandler::PendingBatch> batch = read(body, identity, role);
        if (!batch)
            continue;
        const QByteArray resent = batchBody(batch->events);
        if (resent != lastResent) {
            resentIdentity = identityFor(resent, workstationOf(resent));
            lastResent = resent;
        }
        const std::optional<ApiHandler::PendingBatch> again = read(resent, resentIdentity, role);
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(again->unparsed.isEmpty());
        FUZZ_CHECK(same(again->events, batch->events));
    }
    return 0;
}
