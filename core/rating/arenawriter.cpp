#include "rating/arenafile.h"

#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace majlis::rating {

QByteArray writeArenaBattles(const BattleSet &set, ArenaLayout layout)
{
    std::vector<std::string> names;
    for (const QString &model : set.models)
        names.push_back(nlohmann::json(model.toStdString()).dump());
    auto winner = [](Outcome outcome) -> std::string_view {
        switch (outcome) {
        case Outcome::WinA: return "\"model_a\"";
        case Outcome::WinB: return "\"model_b\"";
        case Outcome::Tie: return "\"tie\"";
        case Outcome::BothBad: break;
        }
        return "\"tie (bothbad)\"";
    };
    auto append = [](QByteArray &out, std::string_view s) { out.append(s.data(), qsizetype(s.size())); };

    QByteArray out;
    out.reserve(qsizetype(set.battles.size()) * 72 + 8);
    const bool array = layout == ArenaLayout::JsonArray;
    if (array)
        out.append("[\n");
    for (std::size_t i = 0; i < set.battles.size(); ++i) {
        const Battle &b = set.battles[i];
        if (array && i > 0)
            out.append(",\n");
        append(out, "{\"model_a\": ");
        append(out, names[std::size_t(b.modelA)]);
        append(out, ", \"model_b\": ");
        append(out, names[std::size_t(b.modelB)]);
        append(out, ", \"winner\": ");
        append(out, winner(b.outcome));
        out.append(array ? "}" : "}\n");
    }
    if (array)
        out.append(set.battles.empty() ? "]\n" : "\n]\n");
    return out;
}

Status writeArenaBattlesFile(const QString &path, const BattleSet &set, ArenaLayout layout)
{
    if (Status valid = validate(set); !valid)
        return valid;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const QByteArray data = writeArenaBattles(set, layout);
    if (file.write(data) != data.size() || !file.commit())
        return Error::io(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return {};
}

}  // namespace majlis::rating
