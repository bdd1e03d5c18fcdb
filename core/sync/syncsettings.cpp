#include "sync/syncsettings.h"

#include "common/json.h"
#include "common/jsonparse.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace majlis::sync {

QString syncSettingsPath(const QString &storePath)
{
    return storePath + QStringLiteral(".keys/sync.json");
}

Result<std::optional<SyncSettings>> loadSyncSettings(const QString &storePath)
{
    const QString path = syncSettingsPath(storePath);
    QFile file(path);
    if (!file.exists())
        return std::optional<SyncSettings>();
    // Like the workstation key: a token others could read may be in other hands already.
    if (file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther))
        return Error::io(QStringLiteral("%1 is readable by other users of this machine, so its token may have leaked: "
                                        "make it private (chmod 600 %1) and ask a coordinator for a new token")
                             .arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray data = file.readAll();
    auto parsed = parseJson(std::string_view(data.constData(), size_t(data.size())), JsonSource{path, 0});
    if (!parsed)
        return parsed.error();
    const nlohmann::json j = std::move(*parsed);
    if (!j.is_object())
        return Error::parse(QStringLiteral("%1: not a JSON object").arg(path));
    for (const char *field : {"server", "token"})
        if (!j.contains(field) || !j[field].is_string())
            return Error::validation(QStringLiteral("%1: field \"%2\" must be a string").arg(path, QLatin1String(field)));
    auto url = parseServerUrl(toQString(j["server"].get<std::string>()));
    if (!url)
        return Error::validation(QStringLiteral("%1: field \"server\": %2").arg(path, url.error().message));
    return std::optional<SyncSettings>(SyncSettings{*url, QByteArray::fromStdString(j["token"].get<std::string>())});
}

Status saveSyncSettings(const QString &storePath, const SyncSettings &settings)
{
    const QString path = syncSettingsPath(storePath);
    if (settings.server.isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path))
            return Error::io(QStringLiteral("cannot remove %1").arg(path));
        return {};
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return Error::io(QStringLiteral("cannot create %1").arg(folder));
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    // Restrict before anything is written: the token never sits in a readable file.
    if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return Error::io(QStringLiteral("cannot restrict %1 to its owner").arg(path));
    const nlohmann::json j = {{"server", toStd(settings.server.toString())}, {"token", settings.token.toStdString()}};
    const QByteArray text = QByteArray::fromStdString(j.dump(2)) + '\n';
    if (file.write(text) != text.size() || !file.commit())
        return Error::io(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<QUrl> parseServerUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return Error::validation(QStringLiteral("\"%1\" is not a URL like http://10.0.0.5:8787").arg(text.trimmed()));
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return Error::validation(QStringLiteral("\"%1\" must start with http:// or https://").arg(text.trimmed()));
    return url;
}

} // namespace majlis::sync
