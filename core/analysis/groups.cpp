#include "analysis/groups.h"

#include "common/json.h"
#include "common/jsonparse.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringList>

namespace majlis::analysis {

Result<QHash<QString, QString>> readAnnotatorGroups(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray data = file.readAll();
    QHash<QString, QString> groups;
    if (data.trimmed().startsWith('{')) {
        auto parsed = parseJson(std::string_view(data.constData(), size_t(data.size())), JsonSource{path, 0});
        if (!parsed)
            return parsed.error();
        const nlohmann::json j = std::move(*parsed);
        if (!j.is_object())
            return Error::parse(QStringLiteral("%1: not a JSON object of annotator -> group").arg(path));
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!it->is_string())
                return Error::validation(QStringLiteral("%1: group of \"%2\" is not a string").arg(path, toQString(it.key())));
            groups.insert(toQString(it.key()), toQString(it->get<std::string>()));
        }
        return groups;
    }
    const QStringList lines = QString::fromUtf8(data).split(QLatin1Char('\n'));
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype cut = line.indexOf(QRegularExpression(QStringLiteral("[\t,]")));
        if (cut <= 0)
            return Error::parse(QStringLiteral("%1:%2: expected \"annotator,group\"").arg(path).arg(n + 1));
        groups.insert(line.left(cut).trimmed(), line.mid(cut + 1).trimmed());
    }
    return groups;
}

} // namespace majlis::analysis
