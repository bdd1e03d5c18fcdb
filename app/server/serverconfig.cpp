#include "serverconfig.h"

#include <QFile>
#include <QFileInfo>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace majlis::server {

const QStringList &configNames()
{
    static const QStringList names = {
        QStringLiteral("listen"),          QStringLiteral("db"),
        QStringLiteral("cert"),            QStringLiteral("key"),
        QStringLiteral("groups"),          QStringLiteral("enrollment"),
        QStringLiteral("max-connections"), QStringLiteral("max-per-client"),
        QStringLiteral("timeout"),         QStringLiteral("max-header-bytes"),
    };
    return names;
}

Result<ConfigFile> applyConfigFile(QStringList &args, const QStringList &use)
{
    ConfigFile config;
    const qsizetype at = args.indexOf(QStringLiteral("--config"));
    if (at < 0)
        return config;
    if (at + 1 >= args.size())
        return Error::validation(QStringLiteral("--config needs a file"));
    const QString path = args[at + 1];
    args.remove(at, 2);
    if (args.contains(QStringLiteral("--config")))
        return Error::validation(QStringLiteral("--config is given twice"));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read the configuration %1: %2").arg(path, file.errorString()));
    if (file.size() > 1024 * 1024)
        return Error::validation(QStringLiteral("%1: larger than 1 MiB; a configuration is a few lines").arg(path));
    const QByteArray bytes = file.readAll();
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() != bytes)
        return Error::parse(QStringLiteral("%1: not UTF-8 text").arg(path));

    QHash<QString, QString> values, lineOf;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        const QString here = QStringLiteral("%1 line %2").arg(path).arg(i + 1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq < 0)
            return Error::parse(QStringLiteral("%1: expected \"name = value\", found \"%2\"").arg(here, line.left(80)));
        const QString name = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        if (!configNames().contains(name))
            return Error::validation(QStringLiteral("%1: unknown setting \"%2\"; the settings are %3")
                                         .arg(here, name.left(80), configNames().join(QStringLiteral(", "))));
        if (value.isEmpty())
            return Error::validation(QStringLiteral("%1: %2 has no value").arg(here, name));
        if (values.contains(name))
            return Error::validation(QStringLiteral("%1: %2 is set again (first at %3)").arg(here, name, lineOf[name]));
        values.insert(name, value);
        lineOf.insert(name, here);
    }
    for (const QString &name : use) {
        const QString option = QStringLiteral("--") + name;
        if (values.contains(name) && !args.contains(option)) {
            args << option << values[name];
            config.origin.insert(option, lineOf[name]);
        }
    }
    return config;
}

namespace {

Status checkStoreOwner(const QString &dbSpec, const QString &command)
{
    if (::geteuid() != 0 || !dbSpec.startsWith(QLatin1String("sqlite:")))
        return {};
    const QFileInfo store(dbSpec.mid(7));
    // The file, or the folder it will be created in.
    const QString probe = store.exists() ? store.absoluteFilePath() : store.absolutePath();
    struct stat st{};
    if (::stat(QFile::encodeName(probe).constData(), &st) != 0 || st.st_uid == 0)
        return {};
    const passwd *pw = ::getpwuid(st.st_uid);
    const QString user = pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(st.st_uid);
    return Error::validation(QStringLiteral("%1 belongs to the user %2: run as root, this command would leave files there "
                                            "that the server cannot write. Run it as that user: runuser -u %2 -- majlis-server %3")
                                 .arg(probe, user, command));
}

} // namespace

Result<std::unique_ptr<sync::ServerStorage>> openStore(const QString &dbSpec, const QString &command)
{
    if (Status owned = checkStoreOwner(dbSpec, command); !owned)
        return owned.error();
    return sync::openServerStorage(dbSpec);
}

} // namespace majlis::server
