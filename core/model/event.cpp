#include "model/event.h"

#include "common/json.h"

namespace majlis {

nlohmann::json toJson(const Event &e)
{
    nlohmann::json j{
        {"id", e.id},
        {"kind", e.kind},
        {"pack", e.packId},
        {"item", e.itemId},
        {"comparison", e.comparisonId},
        {"annotator", e.annotator},
        {"workstation", e.workstation},
        {"seq", e.seq},
        {"created", e.createdUtc},
        {"payload", e.payload},
    };
    if (!e.supersedes.isEmpty())
        j["supersedes"] = e.supersedes;
    return j;
}

Result<Event> eventFromJson(const nlohmann::json &j, const QString &where)
{
    const QString prefix = where.isEmpty() ? QString() : where + QStringLiteral(": ");
    if (!j.is_object())
        return Error::validation(prefix + QStringLiteral("an event must be a JSON object, got %1")
                                              .arg(QLatin1String(j.type_name())));
    Event e;
    auto str = [&](const char *key, QString &out, bool required) -> std::optional<Error> {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) {
            if (required)
                return Error::validation(prefix + QStringLiteral("field \"%1\" is missing").arg(QLatin1String(key)));
            return std::nullopt;
        }
        if (!it->is_string())
            return Error::validation(prefix + QStringLiteral("field \"%1\" must be a string, got %2")
                                                  .arg(QLatin1String(key), QLatin1String(it->type_name())));
        out = toQString(it->get_ref<const std::string &>());
        return std::nullopt;
    };
    for (auto [key, out, required] : {std::tuple{"id", &e.id, true},
                                      std::tuple{"kind", &e.kind, true},
                                      std::tuple{"pack", &e.packId, true},
                                      std::tuple{"item", &e.itemId, true},
                                      std::tuple{"comparison", &e.comparisonId, false},
                                      std::tuple{"annotator", &e.annotator, true},
                                      std::tuple{"workstation", &e.workstation, true},
                                      std::tuple{"created", &e.createdUtc, true},
                                      std::tuple{"supersedes", &e.supersedes, false}}) {
        if (auto err = str(key, *out, required))
            return *err;
    }
    auto seq = j.find("seq");
    if (seq == j.end())
        return Error::validation(prefix + QStringLiteral("field \"seq\" is missing"));
    if (!seq->is_number_integer() || seq->get<qint64>() < 1)
        return Error::validation(prefix + QStringLiteral("field \"seq\" must be an integer >= 1"));
    e.seq = seq->get<qint64>();
    if (auto p = j.find("payload"); p != j.end()) {
        if (!p->is_object())
            return Error::validation(prefix + QStringLiteral("field \"payload\" must be an object, got %1")
                                                  .arg(QLatin1String(p->type_name())));
        e.payload = *p;
    }
    if (e.id.isEmpty())
        return Error::validation(prefix + QStringLiteral("field \"id\" is empty"));
    return e;
}

QString toString(Side side)
{
    return side == Side::Left ? QStringLiteral("left") : QStringLiteral("right");
}

QString toString(Choice choice)
{
    switch (choice) {
    case Choice::First: return QStringLiteral("first");
    case Choice::Second: return QStringLiteral("second");
    case Choice::Tie: return QStringLiteral("tie");
    case Choice::BothBad: return QStringLiteral("both_bad");
    }
    return {};
}

std::optional<Choice> choiceFromString(const QString &text)
{
    for (Choice c : {Choice::First, Choice::Second, Choice::Tie, Choice::BothBad})
        if (toString(c) == text)
            return c;
    return std::nullopt;
}

QString toString(Selection selection)
{
    return selection == Selection::PickedByHand ? QStringLiteral("picked_by_hand")
                                                 : QStringLiteral("scheduled_random");
}

} // namespace majlis
