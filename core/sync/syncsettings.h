#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

#include "common/result.h"

namespace majlis::sync {

// The server a workstation syncs with, and its bearer token. Kept beside the workstation key in
// `<store>.keys/sync.json` (folder 0700, file 0600): it belongs to the store's workstation, not to
// the desktop user's preferences, and a token must not be readable by other users.
struct SyncSettings
{
    QUrl server;
    QByteArray token;

    friend bool operator==(const SyncSettings &, const SyncSettings &) = default;
};

QString syncSettingsPath(const QString &storePath);

// nullopt when none are saved. A file that does not parse is an error naming it.
Result<std::optional<SyncSettings>> loadSyncSettings(const QString &storePath);
// Written atomically with mode 0600. Settings without a server remove the file.
Status saveSyncSettings(const QString &storePath, const SyncSettings &settings);

// An http or https URL with a host, e.g. http://10.0.0.5:8787; the message says what is wrong.
Result<QUrl> parseServerUrl(const QString &text);

} // namespace majlis::sync
