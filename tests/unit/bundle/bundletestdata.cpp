#include "bundletestdata.h"

#include "common/json.h"

#include <QCryptographicHash>

namespace majlis::bundle::test {

QList<Event> makeEvents(const QList<qint64> &seqs, const QString &workstation)
{
    static const QStringList annotators = {QStringLiteral("amina"), QStringLiteral("خالد"), QStringLiteral("o'brien \"ob\"")};
    QList<Event> events;
    for (qint64 seq : seqs) {
        Event e;
        e.id = QStringLiteral("018f2b6c-1a2b-7c3d-8e4f-%1").arg(seq, 12, 16, QLatin1Char('0'));
        e.kind = seq % 5 == 0 ? EventKind::Undo : seq % 3 == 0 ? EventKind::Annotation : EventKind::Vote;
        e.packId = QStringLiteral("majlis-demo-ar");
        e.itemId = QStringLiteral("greet-%1").arg(seq % 7, 3, 10, QLatin1Char('0'));
        e.comparisonId = seq % 4 == 0 ? QString() : e.itemId + QStringLiteral("/0-1");
        e.annotator = annotators[seq % annotators.size()];
        e.workstation = workstation;
        e.seq = seq;
        e.createdUtc = QStringLiteral("2024-05-01T10:%1:%2.123Z")
                           .arg((seq / 60) % 60, 2, 10, QLatin1Char('0'))
                           .arg(seq % 60, 2, 10, QLatin1Char('0'));
        e.supersedes = seq % 5 == 0 ? QStringLiteral("018f2b6c-1a2b-7c3d-8e4f-%1").arg(seq - 1, 12, 16, QLatin1Char('0'))
                                    : QString();
        e.payload = {{"choice", seq % 2 ? "first" : "second"},
                     {"shown_left", "A"},
                     {"failures", nlohmann::json::array({"msa_drift", "wrong_dialect"})},
                     {"note", toStd(QStringLiteral("الإجابة الأولى أفضل\nلأنها باللهجة الإماراتية \\ \"%1\"").arg(seq))},
                     {"span", {{"start", seq}, {"end", seq + 4}, {"nested", {{"deep", {1, 2, {{"x", nullptr}}}}}}}}};
        events.append(e);
    }
    return events;
}

QList<qint64> seqRange(qint64 first, qint64 last)
{
    QList<qint64> seqs;
    for (qint64 s = first; s <= last; ++s)
        seqs.append(s);
    return seqs;
}

EventSource sourceOf(const QList<Event> &events)
{
    return [events](const EventSink &sink) -> Status {
        for (const Event &e : events)
            if (Status s = sink(e); !s)
                return s;
        return {};
    };
}

KeyLookup registered(const QString &workstation, const QByteArray &publicKey)
{
    return [workstation, publicKey](const QString &id) -> std::optional<QByteArray> {
        if (id == workstation)
            return publicKey;
        return std::nullopt;
    };
}

KeyLookup nobody()
{
    return [](const QString &) -> std::optional<QByteArray> { return std::nullopt; };
}

std::unique_ptr<QIODevice> bufferOf(const QByteArray &bytes)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(bytes);
    buffer->open(QIODevice::ReadOnly);
    return buffer;
}

QByteArrayList linesOf(const QByteArray &bundle)
{
    QByteArrayList lines = bundle.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

QByteArray signLines(const QByteArrayList &lines, const WorkstationKey &key)
{
    QByteArray body;
    for (const QByteArray &line : lines)
        body += line + '\n';
    return body + trailerLine(QCryptographicHash::hash(body, QCryptographicHash::Sha256), key);
}

Ingest ingest(const BundleVerifier &verifier, std::unique_ptr<QIODevice> device)
{
    Ingest result;
    Result<VerifiedBundle> opened = verifier.open(std::move(device), QStringLiteral("votes.bundle"));
    if (!opened) {
        result.error = opened.error();
        return result;
    }
    Status s = opened->forEachEvent([&](const Event &e) {
        result.delivered.append(e);
        return Status{};
    });
    if (!s)
        result.error = s.error();
    return result;
}

} // namespace majlis::bundle::test
