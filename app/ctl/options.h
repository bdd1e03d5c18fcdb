#pragma once

#include <QStringList>

#include <optional>

namespace majlis::ctl {

// Options of one command: "--name value", "--name=value", "-o value", and bare "--flag"s; the
// rest are positional. Shared by every majlisctl command.
class Options
{
public:
    explicit Options(QStringList args) : m_args(std::move(args)) {}

    std::optional<QString> take(const QString &name)
    {
        for (qsizetype i = 0; i < m_args.size(); ++i) {
            if (m_args[i] == name && i + 1 < m_args.size()) {
                const QString v = m_args[i + 1];
                m_args.remove(i, 2);
                return v;
            }
            if (m_args[i].startsWith(name + QLatin1Char('='))) {
                const QString v = m_args[i].mid(name.size() + 1);
                m_args.remove(i);
                return v;
            }
        }
        return std::nullopt;
    }
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

} // namespace majlis::ctl
