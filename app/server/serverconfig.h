#pragma once

#include "common/result.h"
#include "sync/serverstorage.h"

#include <QHash>
#include <QStringList>

#include <memory>

namespace majlis::server {

// The configuration file majlis-server reads with --config FILE (/etc/majlis/server.conf in the
// Debian package): one "name = value" a line, each name a long option without its dashes, '#'
// starting a comment line. An option on the command line wins over the file's line.
struct ConfigFile
{
    // option ("--timeout") -> "FILE line N", for the options the file gave: an error about a value
    // says where it came from.
    QHash<QString, QString> origin;

    QString where(const QString &option) const
    {
        const auto it = origin.constFind(option);
        return it == origin.cend() ? QString() : QStringLiteral(" (%1)").arg(*it);
    }
};

// The settings a file may hold: every option of the serving command that takes a value.
const QStringList &configNames();

// Takes --config FILE out of `args` and appends, for each of `use` (a subset of configNames())
// the file sets and `args` lacks, "--NAME VALUE". A name outside configNames(), a line that is
// not "name = value", an empty value or a name given twice is an error naming the file and line;
// a name outside `use` but known is ignored (the admin commands take only the store from it).
Result<ConfigFile> applyConfigFile(QStringList &args, const QStringList &use);

// Opens the store of --db SPEC for the server or an admin command. Run as root, a command that
// opens a SQLite store belonging to another user (the service's) would leave root-owned files
// beside it that the service cannot write: refused, with `command` (how to run it instead, as
// that user). PostgreSQL stores and stores of root open as they are.
Result<std::unique_ptr<sync::ServerStorage>> openStore(const QString &dbSpec, const QString &command);

} // namespace majlis::server
