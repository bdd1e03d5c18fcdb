#include "pack/packwriter.h"

#include "pack/limits.h"

#include <QSaveFile>

#include <optional>

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
    // What an import would refuse is not written: a pack that cannot be opened helps nobody.
    const PackLimits limits;
    qint64 pairs = 0;
    for (const Item &item : items) {
        const qint64 n = item.candidates.size();
        if (n > limits.maxCandidatesPerItem)
            return Error::validation(QStringLiteral("%1: item \"%2\" has %3 answers; a pack item holds at most %4")
                                         .arg(path, item.id)
                                         .arg(n)
                                         .arg(limits.maxCandidatesPerItem));
        pairs += n * (n - 1) / 2;
    }
    if (pairs > limits.maxPairsPerPack)
        return Error::validation(QStringLiteral("%1: the pack would hold %2 pairs to judge; a pack holds at most %3: "
                                                "split the input into several packs")
                                     .arg(path)
                                     .arg(pairs)
                                     .arg(limits.maxPairsPerPack));
    std::optional<Error> tooLong;
    auto writeLine = [&](const nlohmann::json &j, const QString &what) {
        QByteArray line = canonicalLine(j);
        if (line.size() > MaxItemBytes) {
            tooLong = Error::validation(QStringLiteral("%1: %2 would be a line of %3 MiB; a pack line holds at most %4 MiB")
                                            .arg(path, what)
                                            .arg(line.size() / (1024 * 1024))
                                            .arg(MaxItemBytes / (1024 * 1024)));
            return false;
        }
        line += '\n';
        return file.write(line) == line.size();
    };
    bool ok = writeLine(toJson(header), QStringLiteral("the header"));
    for (qsizetype i = 0; ok && i < items.size(); ++i)
        ok = writeLine(toJson(items[i]), QStringLiteral("item \"%1\"").arg(items[i].id));
    if (tooLong) {
        file.cancelWriting();
        return *tooLong;
    }
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
