// The batch answer written directly is byte for byte what the JSON tree dumps, for plain ids and
// for ids and reasons that need escaping.
#include "sync/protocol.h"

#include <QTest>

using namespace majlis;

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchAnswerBodyIsTheTreeDumped()
    {
        store::IngestReport report;
        report.outcomes = {
            {QStringLiteral("018f3320-0000-7000-8000-000000000001"), 1, store::IngestStatus::Accepted, {}},
            {QStringLiteral("018f3320-0000-7000-8000-000000000002"), 2, store::IngestStatus::AlreadyKnown, {}},
            {QStringLiteral("id with \"quotes\" and \\ and\ttab"), 3, store::IngestStatus::Rejected,
             QStringLiteral("event is already stored with a different \"payload\": المحتوى تغيّر")},
            {QStringLiteral("معرّف-عربي"), 4, store::IngestStatus::Rejected, QStringLiteral("plain reason")},
        };
        report.accepted = 1;
        report.alreadyKnown = 1;
        report.rejected = 2;
        store::WorkstationProgress ws;
        ws.workstation = QStringLiteral("ws-1");
        ws.acknowledgedSeq = 2;
        ws.maxSeq = 9;
        ws.missingCount = 3;
        ws.gaps = {{3, 4}, {7, 7}};
        report.workstations.insert(ws.workstation, ws);
        QCOMPARE(sync::batchAnswerBody(report), QByteArray::fromStdString(sync::toJson(report).dump()) + '\n');

        store::IngestReport empty;
        QCOMPARE(sync::batchAnswerBody(empty), QByteArray::fromStdString(sync::toJson(empty).dump()) + '\n');
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "test_protocol.moc"
