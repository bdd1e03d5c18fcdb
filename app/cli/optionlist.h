#pragma once

#include <QStringList>

#include <optional>

// The command-line options of majlisctl and majlis-server, read one way: "--name value",
// "--name=value", "-o value" and bare "--flag"s; the rest are positional.
namespace majlis::app {

// Removes the first "--name value" or "--name=value" from `args` and returns its value. A name
// with nothing after it stays, for unknownOption() to report.
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

// The options of one command, taken as the command reads them.
class OptionList
{
public:
    explicit OptionList(QStringList args) : m_args(std::move(args)) {}

    std::optional<QString> take(const QString &name) { return app::take(m_args, name); }
    bool takeFlag(const QString &name) { return m_args.removeAll(name) > 0; }
    QStringList takeAll(const QString &name)
    {
        QStringList out;
        while (auto v = take(name))
            out << *v;
        return out;
    }
    // Whatever is left must be positional; an unknown option is a usage error.
    std::optional<QString> unknownOption() const
    {
        for (const QString &a : m_args)
            if (a.startsWith(QLatin1Char('-')) && a.size() > 1)
                return a;
        return std::nullopt;
    }
    const QStringList &positional() const { return m_args; }

private:
    QStringList m_args;
};

}  // namespace majlis::app
