#pragma once

#include <QList>
#include <QString>

#include <functional>

#include "common/result.h"
#include "model/event.h"
#include "store/sqlite.h"

namespace majlis::store {

// Delivers one workstation's stored events with afterSeq < seq <= upToSeq, in seq order. An
// error from `visit` stops the walk and is returned.
Status forEachWorkstationEvent(Database &db, const QString &workstation, qint64 afterSeq, qint64 upToSeq,
                               const std::function<Status(const Event &)> &visit);
// The highest stored seq of a workstation, 0 when it has none.
Result<qint64> maxSeq(Database &db, const QString &workstation);

// What one server has acknowledged of this workstation's events. Pending = own events above the
// acknowledged seq. The acknowledged seq only ever grows: a server that forgot events (restored
// from an old backup) is a matter for a person, not for a silent resend of everything.
//
// Works on a connection the caller owns (the desktop's EventStore connection, or majlisctl's),
// so there is still exactly one writer per store file.
class Outbox
{
public:
    Outbox(Database &db, QString workstation, QString server);

    const QString &server() const { return m_server; }
    const QString &workstation() const { return m_workstation; }

    Result<qint64> acknowledgedSeq();
    Result<qint64> pendingCount();
    // Up to `limit` pending events, lowest seq first.
    Result<QList<Event>> pending(int limit);
    // Records that the server holds every event up to `seq`; a lower seq than stored is ignored.
    Status acknowledge(qint64 seq);
    // The highest seq this workstation has written into a bundle: events that may reach a server
    // without being sent by sync.
    Result<qint64> exportedSeq();

private:
    Database &m_db;
    QString m_workstation;
    QString m_server;
};

} // namespace majlis::store
