#pragma once

#include <QStringList>

#include <optional>

// "--name value" or "--name=value"; removes it from args. Shared by the server's commands.
inline std::optional<QString> take(QStringList &args, const QString &name)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == name && i + 1 < args.size()) {
            const QString v = args[i + 1];
            args.remove(i, 2);
            return v;
        }
        if (args[i].startsWith(name + QLatin1Char('='))) {
            const QString v = args[i].mid(name.size() + 1);
            args.remove(i);
            return v;
        }
    }
    return std::nullopt;
}
