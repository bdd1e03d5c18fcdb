#include "model/pack.h"

#include "common/json.h"

namespace majlis {

QString pickLanguage(const LocalizedText &text, const QStringList &languages)
{
    for (const QString &lang : languages) {
        const QString base = lang.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0);
        if (auto it = text.constFind(base); it != text.cend())
            return *it;
    }
    if (auto it = text.constFind(QStringLiteral("en")); it != text.cend())
        return *it;
    return text.isEmpty() ? QString() : text.first();
}

const ModelInfo *PackHeader::model(const QString &modelId) const
{
    for (const ModelInfo &m : models)
        if (m.id == modelId)
            return &m;
    return nullptr;
}

QString Item::prompt() const
{
    for (auto it = conversation.crbegin(); it != conversation.crend(); ++it)
        if (it->role == QLatin1String("user"))
            return it->content;
    return conversation.isEmpty() ? QString() : conversation.last().content;
}

QString toString(RevealPolicy policy)
{
    return policy == RevealPolicy::Never ? QStringLiteral("never") : QStringLiteral("after_vote");
}

static nlohmann::json toJson(const LocalizedText &text)
{
    nlohmann::json j = nlohmann::json::object();
    for (auto it = text.cbegin(); it != text.cend(); ++it)
        j[it.key().toStdString()] = it.value();
    return j;
}

nlohmann::json toJson(const PackHeader &h)
{
    nlohmann::json j;
    j["majlis_pack"] = h.formatVersion;
    j["id"] = h.id;
    j["title"] = h.title;
    j["guidelines"] = toJson(h.guidelines);
    j["dialects"] = h.dialects;
    if (!h.categories.isEmpty()) {
        auto &cats = j["categories"] = nlohmann::json::array();
        for (const CategoryInfo &c : h.categories)
            cats.push_back({{"id", c.id}, {"label", toJson(c.label)}});
    }
    j["reveal"] = toString(h.reveal);
    auto &models = j["models"] = nlohmann::json::array();
    for (const ModelInfo &m : h.models) {
        nlohmann::json mj{{"id", m.id}, {"name", m.name}};
        if (!m.aliases.isEmpty())
            mj["aliases"] = m.aliases;
        models.push_back(std::move(mj));
    }
    if (!h.taxonomy.is_null())
        j["taxonomy"] = h.taxonomy;
    if (!h.dialectRegistry.is_null())
        j["dialect_registry"] = h.dialectRegistry;
    return j;
}

nlohmann::json toJson(const Item &item)
{
    nlohmann::json j;
    j["id"] = item.id;
    if (item.conversation.size() == 1 && item.conversation.first().role == QLatin1String("user")) {
        j["prompt"] = item.conversation.first().content;
    } else {
        auto &conv = j["conversation"] = nlohmann::json::array();
        for (const Turn &t : item.conversation)
            conv.push_back({{"role", t.role}, {"content", t.content}});
    }
    if (!item.dialect.isEmpty())
        j["dialect"] = item.dialect;
    if (!item.category.isEmpty())
        j["category"] = item.category;
    auto &cands = j["candidates"] = nlohmann::json::array();
    for (const Candidate &c : item.candidates)
        cands.push_back({{"model", c.model}, {"output", c.output}});
    return j;
}

} // namespace majlis
