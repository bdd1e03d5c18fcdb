#include "pack/packwriter.h"

#include <QSaveFile>

namespace majlis::pack {

QByteArray canonicalLine(const nlohmann::json &value)
{
    // QString → UTF-8 is always valid, so `replace` never fires; it only rules out a throw.
    const std::string s = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return QByteArray(s.data(), qsizetype(s.size()));
}

Status writePack(const QString &path, const PackHeader &header, const QList<Item> &items)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    auto writeLine = [&](const nlohmann::json &j) {
        QByteArray line = canonicalLine(j);
        line += '\n';
        return file.write(line) == line.size();
    };
    bool ok = writeLine(toJson(header));
    for (qsizetype i = 0; ok && i < items.size(); ++i)
        ok = writeLine(toJson(items[i]));
    if (!ok) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Error::io(QStringLiteral("%1: cannot write: %2").arg(path, why));
    }
    if (!file.commit())
        return Error::io(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

} // namespace majlis::pack
