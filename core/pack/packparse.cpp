#include "pack/packparse.h"

#include "common/json.h"
#include "model/dialects.h"
#include "model/taxonomy.h"
#include "pack/jsonline.h"

#include <QRegularExpression>

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace majlis::pack {

namespace {

// True when a text shows nothing: only white space of any script (U+00A0, U+2003, U+3000, VT, FF,
// NEL …) or invisible format characters (zero-width space, BOM …). The usual text is decided by
// its first bytes; only an all-blank start needs decoding.
bool looksEmpty(const std::string &s)
{
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80)
            break;
        if (!(u == ' ' || (u >= 0x09 && u <= 0x0d)))
            return false;
    }
    const QString text = QString::fromUtf8(s.data(), qsizetype(s.size()));
    return std::all_of(text.cbegin(), text.cend(), [](QChar ch) {
        return ch.isSpace() || ch.category() == QChar::Other_Format || ch.category() == QChar::Other_Control;
    });
}

using nlohmann::json;

// A field path such as `candidates[1].model`, kept as pieces and written out only for a message.
struct FieldPath
{
    explicit FieldPath(const char *field) : leaf(field) {}
    FieldPath(const char *arrayField, size_t i, const char *elementField = nullptr)
        : array(arrayField), index(i), leaf(elementField)
    {
    }

    const char *array = nullptr;  // "candidates"; null for a top-level field
    size_t index = 0;
    const char *leaf = nullptr;   // "model"; null for the element itself

    QString text() const
    {
        if (!array)
            return QLatin1String(leaf);
        QString s = QStringLiteral("%1[%2]").arg(QLatin1String(array)).arg(index);
        if (leaf)
            s += QLatin1Char('.') + QLatin1String(leaf);
        return s;
    }
};

QString pathText(const QString &path) { return path; }
QString pathText(const FieldPath &path) { return path.text(); }

class Checker
{
public:
    explicit Checker(const LineRef &where) : m_where(where) {}

    template <typename Path>
    Error field(const Path &path, const QString &what) const
    {
        return Error::validation(QStringLiteral("%1: field \"%2\": %3").arg(m_where.label(), pathText(path), what));
    }
    Error line(const QString &what) const { return Error::validation(QStringLiteral("%1: %2").arg(m_where.label(), what)); }
    const LineRef &where() const { return m_where; }

    template <typename Path>
    Result<QString> string(const json &obj, const char *key, const Path &path, bool nonEmpty = true) const
    {
        const auto it = obj.find(key);
        if (it == obj.end())
            return field(path, QStringLiteral("is missing"));
        if (!it->is_string())
            return field(path, QStringLiteral("must be a string, not %1").arg(QLatin1String(it->type_name())));
        const std::string &s = it->get_ref<const std::string &>();
        if (nonEmpty && looksEmpty(s))
            return field(path, QStringLiteral("must not be empty (it holds only spaces or invisible characters)"));
        return toQString(s);
    }

    // A misspelt field must not be silently ignored.
    template <typename PathOf>
    Status knownFields(const json &obj, std::initializer_list<std::string_view> known, PathOf pathOf) const
    {
        for (auto it = obj.begin(); it != obj.end(); ++it)
            if (std::find(known.begin(), known.end(), std::string_view(it.key())) == known.end())
                return field(pathOf(toQString(it.key())), QStringLiteral("unknown field (a misspelt field is never ignored)"));
        return {};
    }

private:
    const LineRef &m_where;
};

auto topLevel = [](const QString &key) { return key; };

Result<LocalizedText> localized(const json &j, const QString &path, const Checker &c)
{
    LocalizedText out;
    if (j.is_string()) {
        out.insert(QStringLiteral("en"), toQString(j.get_ref<const std::string &>()));
        return out;
    }
    if (!j.is_object() || j.empty())
        return c.field(path, QStringLiteral("must be a string or an object of language → text"));
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it->is_string())
            return c.field(path + QLatin1Char('.') + toQString(it.key()),
                           QStringLiteral("must be a string, not %1").arg(QLatin1String(it->type_name())));
        out.insert(toQString(it.key()), toQString(it->get_ref<const std::string &>()));
    }
    return out;
}

Status parseDialects(const json &j, PackHeader &h, const Checker &c)
{
    const auto dialects = j.find("dialects");
    if (dialects == j.end())
        return c.field(QStringLiteral("dialects"), QStringLiteral("is missing"));
    if (!dialects->is_array() || dialects->empty())
        return c.field(QStringLiteral("dialects"), QStringLiteral("must be a non-empty array of strings"));
    for (size_t i = 0; i < dialects->size(); ++i) {
        const json &d = (*dialects)[i];
        const QString path = QStringLiteral("dialects[%1]").arg(i);
        if (!d.is_string() || d.get_ref<const std::string &>().empty())
            return c.field(path, QStringLiteral("must be a non-empty string"));
        if (looksEmpty(d.get_ref<const std::string &>()))
            return c.field(path, QStringLiteral("must not be empty (it holds only spaces or invisible characters)"));
        const QString name = toQString(d.get_ref<const std::string &>());
        if (h.dialects.contains(name))
            return c.field(path, QStringLiteral("\"%1\" is listed twice").arg(name));
        h.dialects << name;
    }
    return {};
}

Status parseCategories(const json &j, PackHeader &h, const Checker &c)
{
    const auto cats = j.find("categories");
    if (cats == j.end())
        return {};
    if (!cats->is_array())
        return c.field(QStringLiteral("categories"), QStringLiteral("must be an array"));
    for (size_t i = 0; i < cats->size(); ++i) {
        const json &cat = (*cats)[i];
        const QString path = QStringLiteral("categories[%1]").arg(i);
        if (!cat.is_object())
            return c.field(path, QStringLiteral("must be an object with id and label"));
        if (Status s = c.knownFields(cat, {"id", "label"}, [&](const QString &k) -> QString { return path + QLatin1Char('.') + k; }); !s)
            return s;
        CategoryInfo info;
        auto id = c.string(cat, "id", path + QStringLiteral(".id"));
        if (!id)
            return id.error();
        info.id = *id;
        if (const auto l = cat.find("label"); l != cat.end()) {
            auto label = localized(*l, path + QStringLiteral(".label"), c);
            if (!label)
                return label.error();
            info.label = *label;
        }
        for (const CategoryInfo &seen : std::as_const(h.categories))
            if (seen.id == info.id)
                return c.field(path + QStringLiteral(".id"), QStringLiteral("\"%1\" is listed twice").arg(info.id));
        h.categories << info;
    }
    return {};
}

Status parseModels(const json &j, PackHeader &h, const Checker &c)
{
    const auto models = j.find("models");
    if (models == j.end())
        return c.field(QStringLiteral("models"), QStringLiteral("is missing"));
    if (!models->is_array() || models->size() < 2)
        return c.field(QStringLiteral("models"), QStringLiteral("must be an array of at least two models"));
    for (size_t i = 0; i < models->size(); ++i) {
        const json &m = (*models)[i];
        const QString path = QStringLiteral("models[%1]").arg(i);
        if (!m.is_object())
            return c.field(path, QStringLiteral("must be an object with id and name"));
        if (Status s = c.knownFields(m, {"id", "name", "aliases"}, [&](const QString &k) -> QString { return path + QLatin1Char('.') + k; });
            !s)
            return s;
        ModelInfo info;
        auto id = c.string(m, "id", path + QStringLiteral(".id"));
        if (!id)
            return id.error();
        info.id = *id;
        auto name = c.string(m, "name", path + QStringLiteral(".name"));
        if (!name)
            return name.error();
        info.name = *name;
        if (const auto a = m.find("aliases"); a != m.end()) {
            if (!a->is_array())
                return c.field(path + QStringLiteral(".aliases"), QStringLiteral("must be an array of strings"));
            for (size_t k = 0; k < a->size(); ++k) {
                const json &alias = (*a)[k];
                if (!alias.is_string() || alias.get_ref<const std::string &>().empty())
                    return c.field(path + QStringLiteral(".aliases[%1]").arg(k), QStringLiteral("must be a non-empty string"));
                info.aliases << toQString(alias.get_ref<const std::string &>());
            }
        }
        if (h.model(info.id))
            return c.field(path + QStringLiteral(".id"), QStringLiteral("model \"%1\" is declared twice").arg(info.id));
        h.models << info;
    }
    return {};
}

Result<PackHeader> header(const QByteArray &line, const LineRef &where)
{
    const Checker c(where);
    auto parsed = parseJsonLine(line, where);
    if (!parsed)
        return parsed.error();
    const json &j = *parsed;
    if (!j.is_object())
        return c.line(QStringLiteral("line 1 must be the pack header, a JSON object; found %1").arg(QLatin1String(j.type_name())));
    const auto version = j.find("majlis_pack");
    if (version == j.end())
        return c.field(QStringLiteral("majlis_pack"),
                       QStringLiteral("is missing: line 1 must be the pack header (this looks like %1)")
                           .arg(j.contains("candidates") ? QStringLiteral("an item") : QStringLiteral("something else")));
    if (!version->is_number_integer())
        return c.field(QStringLiteral("majlis_pack"),
                       QStringLiteral("must be an integer, not %1").arg(QLatin1String(version->type_name())));
    if (version->get<long long>() != PackHeader::kFormatVersion)
        return c.field(QStringLiteral("majlis_pack"), QStringLiteral("unsupported version %1; this Majlis reads version %2")
                                                          .arg(version->get<long long>())
                                                          .arg(PackHeader::kFormatVersion));
    if (Status s = c.knownFields(j, {"majlis_pack", "id", "title", "guidelines", "dialects", "categories", "reveal", "models",
                                     "taxonomy", "dialect_registry", "meta"},
                                 topLevel);
        !s)
        return s.error();

    PackHeader h;
    auto id = c.string(j, "id", QStringLiteral("id"));
    if (!id)
        return id.error();
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    if (!idPattern.match(*id).hasMatch())
        return c.field(QStringLiteral("id"), QStringLiteral("\"%1\" must be 1–128 characters of A–Z a–z 0–9 . _ -").arg(*id));
    h.id = *id;
    auto title = c.string(j, "title", QStringLiteral("title"));
    if (!title)
        return title.error();
    h.title = *title;

    const auto guidelines = j.find("guidelines");
    if (guidelines == j.end())
        return c.field(QStringLiteral("guidelines"), QStringLiteral("is missing"));
    auto text = localized(*guidelines, QStringLiteral("guidelines"), c);
    if (!text)
        return text.error();
    h.guidelines = *text;

    if (Status s = parseDialects(j, h, c); !s)
        return s.error();
    if (Status s = parseCategories(j, h, c); !s)
        return s.error();

    auto reveal = c.string(j, "reveal", QStringLiteral("reveal"));
    if (!reveal)
        return reveal.error();
    if (*reveal == QLatin1String("after_vote"))
        h.reveal = RevealPolicy::AfterVote;
    else if (*reveal == QLatin1String("never"))
        h.reveal = RevealPolicy::Never;
    else
        return c.field(QStringLiteral("reveal"), QStringLiteral("must be \"after_vote\" or \"never\", not \"%1\"").arg(*reveal));

    if (Status s = parseModels(j, h, c); !s)
        return s.error();

    if (const auto t = j.find("taxonomy"); t != j.end() && !t->is_null()) {
        if (auto checked = applyPackTaxonomy(defaultTaxonomy(), *t, where.label()); !checked)
            return checked.error();
        h.taxonomy = *t;
    }
    if (const auto d = j.find("dialect_registry"); d != j.end() && !d->is_null()) {
        if (auto checked = applyPackDialects(defaultDialects(), *d, where.label()); !checked)
            return checked.error();
        h.dialectRegistry = *d;
    }
    return h;
}

Status parseConversation(const json &conv, Item &item, const Checker &c)
{
    const FieldPath whole("conversation");
    if (!conv.is_array() || conv.empty())
        return c.field(whole, QStringLiteral("must be a non-empty array of {role, content} turns"));
    for (size_t i = 0; i < conv.size(); ++i) {
        const json &t = conv[i];
        if (!t.is_object())
            return c.field(FieldPath("conversation", i), QStringLiteral("must be an object with role and content"));
        if (Status s = c.knownFields(t, {"role", "content"},
                                     [&](const QString &k) -> QString { return FieldPath("conversation", i).text() + QLatin1Char('.') + k; });
            !s)
            return s;
        auto role = c.string(t, "role", FieldPath("conversation", i, "role"));
        if (!role)
            return role.error();
        if (*role != QLatin1String("user") && *role != QLatin1String("assistant") && *role != QLatin1String("system"))
            return c.field(FieldPath("conversation", i, "role"),
                           QStringLiteral("must be \"system\", \"user\" or \"assistant\", not \"%1\"").arg(*role));
        auto content = c.string(t, "content", FieldPath("conversation", i, "content"));
        if (!content)
            return content.error();
        item.conversation << Turn{*role, *content};
    }
    if (item.conversation.last().role != QLatin1String("user"))
        return c.field(FieldPath("conversation", conv.size() - 1, "role"),
                       QStringLiteral("the last turn must be the user's (the candidates answer it), not \"%1\"")
                           .arg(item.conversation.last().role));
    return {};
}

Status parseCandidates(const json &j, const PackHeader &header, Item &item, const Checker &c)
{
    const FieldPath whole("candidates");
    const auto cands = j.find("candidates");
    if (cands == j.end())
        return c.field(whole, QStringLiteral("is missing"));
    if (!cands->is_array())
        return c.field(whole, QStringLiteral("must be an array, not %1").arg(QLatin1String(cands->type_name())));
    if (cands->size() < 2)
        return c.field(whole, QStringLiteral("has %1 answer(s); a comparison needs at least two").arg(cands->size()));
    item.candidates.reserve(qsizetype(cands->size()));
    for (size_t i = 0; i < cands->size(); ++i) {
        const json &cand = (*cands)[i];
        if (!cand.is_object())
            return c.field(FieldPath("candidates", i), QStringLiteral("must be an object with model and output"));
        if (Status s = c.knownFields(cand, {"model", "output", "meta"},
                                     [&](const QString &k) -> QString { return FieldPath("candidates", i).text() + QLatin1Char('.') + k; });
            !s)
            return s;
        const FieldPath modelPath{"candidates", i, "model"};
        auto model = c.string(cand, "model", modelPath);
        if (!model)
            return model.error();
        if (!header.model(*model))
            return c.field(modelPath, QStringLiteral("model \"%1\" is not declared in the header").arg(*model));
        for (qsizetype k = 0; k < item.candidates.size(); ++k)
            if (item.candidates[k].model == *model)
                return c.field(modelPath, QStringLiteral("model \"%1\" already answered this item in candidates[%2]").arg(*model).arg(k));
        auto output = c.string(cand, "output", FieldPath("candidates", i, "output"));
        if (!output)
            return output.error();
        item.candidates << Candidate{*model, *output};
    }
    return {};
}

Result<Item> item(const QByteArray &line, const PackHeader &header, const LineRef &where)
{
    const Checker c(where);
    auto parsed = parseJsonLine(line, where);
    if (!parsed)
        return parsed.error();
    const json &j = *parsed;
    if (!j.is_object())
        return c.line(QStringLiteral("an item must be a JSON object, not %1").arg(QLatin1String(j.type_name())));
    if (j.contains("majlis_pack"))
        return c.field(QStringLiteral("majlis_pack"), QStringLiteral("a second header: only line 1 is the header"));
    if (Status s = c.knownFields(j, {"id", "prompt", "conversation", "dialect", "category", "candidates", "meta"}, topLevel); !s)
        return s.error();

    Item item;
    auto id = c.string(j, "id", FieldPath("id"));
    if (!id)
        return id.error();
    item.id = *id;

    const auto prompt = j.find("prompt"), conversation = j.find("conversation");
    if (prompt != j.end() && conversation != j.end())
        return c.field(FieldPath("conversation"), QStringLiteral("give either \"prompt\" or \"conversation\", not both"));
    if (prompt == j.end() && conversation == j.end())
        return c.field(FieldPath("prompt"), QStringLiteral("is missing (give \"prompt\" or \"conversation\")"));
    if (prompt != j.end()) {
        auto text = c.string(j, "prompt", FieldPath("prompt"));
        if (!text)
            return text.error();
        item.conversation << Turn{QStringLiteral("user"), *text};
    } else if (Status s = parseConversation(*conversation, item, c); !s) {
        return s.error();
    }

    if (j.contains("dialect")) {
        auto dialect = c.string(j, "dialect", FieldPath("dialect"));
        if (!dialect)
            return dialect.error();
        if (!header.dialects.contains(*dialect))
            return c.field(FieldPath("dialect"), QStringLiteral("\"%1\" is not one of the header's dialects (%2)")
                                                                   .arg(*dialect, header.dialects.join(QStringLiteral(", "))));
        item.dialect = *dialect;
    }
    if (j.contains("category")) {
        auto category = c.string(j, "category", FieldPath("category"));
        if (!category)
            return category.error();
        if (!header.categories.isEmpty()
            && std::none_of(header.categories.cbegin(), header.categories.cend(),
                            [&](const CategoryInfo &cat) { return cat.id == *category; }))
            return c.field(FieldPath("category"),
                           QStringLiteral("\"%1\" is not declared in the header's categories").arg(*category));
        item.category = *category;
    }
    if (Status s = parseCandidates(j, header, item, c); !s)
        return s.error();
    return item;
}

} // namespace

Result<PackHeader> parseHeader(const QByteArray &line, const QString &where)
{
    return header(line, LineRef{where, 0});
}

Result<PackHeader> parseHeader(const QByteArray &line, const QString &file, qint64 lineNumber)
{
    return header(line, LineRef{file, lineNumber});
}

Result<Item> parseItem(const QByteArray &line, const PackHeader &header, const QString &where)
{
    return item(line, header, LineRef{where, 0});
}

Result<Item> parseItem(const QByteArray &line, const PackHeader &header, const QString &file, qint64 lineNumber)
{
    return item(line, header, LineRef{file, lineNumber});
}

} // namespace majlis::pack
