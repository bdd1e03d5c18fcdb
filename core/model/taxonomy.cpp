#include "model/taxonomy.h"

#include "common/json.h"
#include "common/jsonparse.h"

#include <QFile>
#include <QSet>

static void initTaxonomyResource()
{
    Q_INIT_RESOURCE(majlis_model_taxonomy);
}

namespace majlis {

namespace {

struct Context
{
    QString where;
    QString prefix;
    Error fail(const QString &field, const QString &what) const
    {
        return Error::validation(QStringLiteral("%1: field \"%2\": %3").arg(where, prefix + field, what));
    }
};

Result<LocalizedText> parseLocalized(const nlohmann::json &j, const Context &ctx, const QString &field, bool required)
{
    LocalizedText out;
    if (j.is_null()) {
        if (required)
            return ctx.fail(field, QStringLiteral("is missing"));
        return out;
    }
    if (j.is_string()) {
        out.insert(QStringLiteral("en"), toQString(j.get<std::string>()));
        return out;
    }
    if (!j.is_object() || j.empty())
        return ctx.fail(field, QStringLiteral("must be a string or an object of language → text"));
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it->is_string() || it->get<std::string>().empty())
            return ctx.fail(field + QLatin1Char('.') + toQString(it.key()), QStringLiteral("must be a non-empty string"));
        out.insert(toQString(it.key()), toQString(it->get<std::string>()));
    }
    return out;
}

Result<QList<TaxonomyEntry>> parseEntries(const nlohmann::json &j, const Context &ctx, const QString &field,
                                          bool weighted)
{
    if (!j.is_array())
        return ctx.fail(field, QStringLiteral("must be an array"));
    QList<TaxonomyEntry> out;
    QSet<QString> ids;
    for (size_t i = 0; i < j.size(); ++i) {
        const QString f = QStringLiteral("%1[%2]").arg(field).arg(i);
        const auto &e = j[i];
        if (!e.is_object())
            return ctx.fail(f, QStringLiteral("must be an object"));
        for (auto it = e.begin(); it != e.end(); ++it) {
            static const QSet<QString> known{QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("definition"),
                                             QStringLiteral("weight")};
            if (!known.contains(toQString(it.key())))
                return ctx.fail(f + QLatin1Char('.') + toQString(it.key()), QStringLiteral("unknown field"));
        }
        TaxonomyEntry entry;
        auto id = e.find("id");
        if (id == e.end() || !id->is_string() || id->get<std::string>().empty())
            return ctx.fail(f + QStringLiteral(".id"), QStringLiteral("must be a non-empty string"));
        entry.id = toQString(id->get<std::string>());
        if (ids.contains(entry.id))
            return ctx.fail(f + QStringLiteral(".id"), QStringLiteral("duplicate id \"%1\"").arg(entry.id));
        ids.insert(entry.id);
        auto label = parseLocalized(e.value("label", nlohmann::json()), ctx, f + QStringLiteral(".label"), true);
        if (!label)
            return label.error();
        entry.label = *label;
        auto def = parseLocalized(e.value("definition", nlohmann::json()), ctx, f + QStringLiteral(".definition"), false);
        if (!def)
            return def.error();
        entry.definition = *def;
        if (weighted) {
            auto w = e.find("weight");
            if (w == e.end() || !w->is_number_integer() || w->get<std::int64_t>() < 0 || w->get<std::int64_t>() > 1000)
                return ctx.fail(f + QStringLiteral(".weight"), QStringLiteral("must be a whole number from 0 to 1000"));
            entry.weight = w->get<int>();
        }
        out.append(entry);
    }
    return out;
}

void mergeInto(QList<TaxonomyEntry> &base, const QList<TaxonomyEntry> &extra)
{
    for (const TaxonomyEntry &e : extra) {
        auto it = std::find_if(base.begin(), base.end(), [&](const TaxonomyEntry &b) { return b.id == e.id; });
        if (it == base.end())
            base.append(e);
        else
            *it = e;
    }
}

} // namespace

const TaxonomyEntry *Taxonomy::category(const QString &id) const
{
    for (const TaxonomyEntry &e : categories)
        if (e.id == id)
            return &e;
    return nullptr;
}

const TaxonomyEntry *Taxonomy::severity(const QString &id) const
{
    for (const TaxonomyEntry &e : severities)
        if (e.id == id)
            return &e;
    return nullptr;
}

Result<Taxonomy> parseTaxonomy(const nlohmann::json &j, const QString &where, const QString &fieldPrefix)
{
    const Context ctx{where, fieldPrefix.isEmpty() ? QString() : fieldPrefix + QLatin1Char('.')};
    if (!j.is_object())
        return Error::validation(QStringLiteral("%1: field \"%2\": must be an object").arg(where, fieldPrefix));
    for (auto it = j.begin(); it != j.end(); ++it) {
        static const QSet<QString> known{QStringLiteral("majlis_taxonomy"), QStringLiteral("id"), QStringLiteral("mode"),
                                         QStringLiteral("severities"), QStringLiteral("categories")};
        if (!known.contains(toQString(it.key())))
            return ctx.fail(toQString(it.key()), QStringLiteral("unknown field"));
    }
    for (const char *name : {"id", "mode"}) {
        if (j.contains(name) && !j[name].is_string())
            return ctx.fail(QLatin1String(name), QStringLiteral("must be a string"));
    }
    Taxonomy t;
    if (j.contains("id"))
        t.id = toQString(j["id"].get<std::string>());
    if (j.contains("severities")) {
        auto s = parseEntries(j["severities"], ctx, QStringLiteral("severities"), true);
        if (!s)
            return s.error();
        t.severities = *s;
    }
    if (j.contains("categories")) {
        auto c = parseEntries(j["categories"], ctx, QStringLiteral("categories"), false);
        if (!c)
            return c.error();
        t.categories = *c;
    }
    return t;
}

Result<Taxonomy> applyPackTaxonomy(const Taxonomy &base, const nlohmann::json &packTaxonomy, const QString &where)
{
    if (packTaxonomy.is_null())
        return base;
    auto parsed = parseTaxonomy(packTaxonomy, where, QStringLiteral("taxonomy"));
    if (!parsed)
        return parsed.error();
    // parseTaxonomy has refused a "mode" that is not a string.
    const std::string mode = packTaxonomy.contains("mode") ? packTaxonomy["mode"].get<std::string>() : std::string("extend");
    if (mode == "replace") {
        if (parsed->categories.isEmpty())
            return Error::validation(
                QStringLiteral("%1: field \"taxonomy.categories\": a replacing taxonomy needs at least one category").arg(where));
        if (parsed->severities.isEmpty())
            parsed->severities = base.severities;
        return parsed;
    }
    if (mode != "extend")
        return Error::validation(
            QStringLiteral("%1: field \"taxonomy.mode\": must be \"extend\" or \"replace\", not \"%2\"")
                .arg(where, toQString(mode)));
    Taxonomy out = base;
    if (!parsed->id.isEmpty())
        out.id = parsed->id;
    mergeInto(out.categories, parsed->categories);
    mergeInto(out.severities, parsed->severities);
    return out;
}

const Taxonomy &defaultTaxonomy()
{
    static const Taxonomy taxonomy = [] {
        initTaxonomyResource();
        QFile f(QStringLiteral(":/majlis/taxonomy/default.json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("the embedded default taxonomy is missing");
        const QByteArray bytes = f.readAll();
        auto doc = parseJson(std::string_view(bytes.constData(), size_t(bytes.size())), JsonSource{f.fileName(), 0});
        if (!doc)
            qFatal("the embedded default taxonomy is not JSON: %s", qPrintable(doc.error().message));
        auto parsed = parseTaxonomy(*doc, f.fileName(), QString());
        if (!parsed)
            qFatal("the embedded default taxonomy is invalid: %s", qPrintable(parsed.error().message));
        return *parsed;
    }();
    return taxonomy;
}

nlohmann::json toJson(const Taxonomy &t)
{
    auto entries = [](const QList<TaxonomyEntry> &list, bool weighted) {
        nlohmann::json a = nlohmann::json::array();
        for (const TaxonomyEntry &e : list) {
            nlohmann::json j{{"id", e.id}};
            nlohmann::json label = nlohmann::json::object(), def = nlohmann::json::object();
            for (auto it = e.label.cbegin(); it != e.label.cend(); ++it)
                label[it.key().toStdString()] = it.value();
            for (auto it = e.definition.cbegin(); it != e.definition.cend(); ++it)
                def[it.key().toStdString()] = it.value();
            j["label"] = label;
            if (!def.empty())
                j["definition"] = def;
            if (weighted)
                j["weight"] = e.weight;
            a.push_back(std::move(j));
        }
        return a;
    };
    return {{"majlis_taxonomy", 1}, {"id", t.id}, {"severities", entries(t.severities, true)},
            {"categories", entries(t.categories, false)}};
}

} // namespace majlis
