#include "model/dialects.h"

#include "common/json.h"
#include "common/jsonparse.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

static void initDialectsResource()
{
    Q_INIT_RESOURCE(majlis_model_dialects);
}

namespace majlis {

namespace {

using nlohmann::json;

struct Context
{
    QString where;
    QString prefix;
    Error fail(const QString &field, const QString &what) const
    {
        return Error::validation(QStringLiteral("%1: field \"%2\": %3").arg(where, prefix + field, what));
    }
};

Status knownFields(const json &j, std::initializer_list<const char *> names, const Context &ctx, const QString &at)
{
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = false;
        for (const char *n : names)
            known = known || it.key() == n;
        if (!known)
            return ctx.fail(at + toQString(it.key()), QStringLiteral("unknown field"));
    }
    return {};
}

Result<QString> idOf(const json &e, const Context &ctx, const QString &field)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9_]{1,64}$"));
    auto id = e.find("id");
    if (id == e.end() || !id->is_string())
        return ctx.fail(field + QStringLiteral(".id"), QStringLiteral("must be a string"));
    const QString text = toQString(id->get<std::string>());
    if (!pattern.match(text).hasMatch())
        return ctx.fail(field + QStringLiteral(".id"),
                        QStringLiteral("\"%1\" must be 1–64 characters of a–z 0–9 _").arg(text));
    return text;
}

Result<LocalizedText> nameOf(const json &e, const Context &ctx, const QString &field, bool required)
{
    LocalizedText out;
    auto name = e.find("name");
    if (name == e.end()) {
        if (required)
            return ctx.fail(field + QStringLiteral(".name"), QStringLiteral("is missing"));
        return out;
    }
    if (!name->is_object() || name->empty())
        return ctx.fail(field + QStringLiteral(".name"), QStringLiteral("must be an object of language → name"));
    for (auto it = name->begin(); it != name->end(); ++it) {
        if (!it->is_string() || it->get<std::string>().empty())
            return ctx.fail(field + QStringLiteral(".name.") + toQString(it.key()),
                            QStringLiteral("must be a non-empty string"));
        out.insert(toQString(it.key()), toQString(it->get<std::string>()));
    }
    if (required && !out.contains(QStringLiteral("en")))
        return ctx.fail(field + QStringLiteral(".name.en"), QStringLiteral("is missing (every name has an English form)"));
    return out;
}

// A word of Arabic reduced to what matching keeps: no short vowels, tatweel or hamza forms, no
// article, no feminine ending (مصرية، المصري → مصري).
QString arabicKey(QString word)
{
    QString out;
    for (QChar c : std::as_const(word)) {
        const char16_t u = c.unicode();
        if ((u >= 0x064B && u <= 0x065F) || u == 0x0670 || u == 0x0640)
            continue;  // harakat, superscript alef, tatweel
        if (u == 0x0623 || u == 0x0625 || u == 0x0622 || u == 0x0671)
            out += QChar(0x0627);  // أ إ آ ٱ → ا
        else if (u == 0x0649)
            out += QChar(0x064A);  // ى → ي
        else
            out += c;
    }
    if (out.size() > 3 && out.startsWith(QStringLiteral("ال")))
        out.remove(0, 2);
    if (out.size() > 2 && out.endsWith(QChar(0x0629)))
        out.chop(1);
    return out;
}

bool isArabicLetter(QChar c)
{
    return c.unicode() >= 0x0600 && c.unicode() <= 0x06FF;
}

} // namespace

QString normalizedDialectCode(const QString &code)
{
    // Words: runs of letters and digits; everything else (spaces, -, _, /, dashes) separates.
    QStringList words;
    QString word;
    const QString folded = code.normalized(QString::NormalizationForm_KC).toCaseFolded();
    auto flush = [&] {
        if (!word.isEmpty())
            words << (isArabicLetter(word.front()) ? arabicKey(word) : word);
        word.clear();
    };
    for (QChar c : folded) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing)
            word += c;
        else
            flush();
    }
    flush();
    // "اللهجة المصرية", "العامية المصرية", "لهجة مصرية": the leading word says what kind of thing
    // follows, not which one.
    static const QStringList leading{arabicKey(QStringLiteral("اللهجة")), arabicKey(QStringLiteral("العامية"))};
    if (words.size() > 1 && leading.contains(words.front()))
        words.removeFirst();
    return words.join(QLatin1Char('-'));
}

const DialectVariety *DialectRegistry::variety(const QString &id) const
{
    for (const DialectVariety &v : varieties)
        if (v.id == id)
            return &v;
    return nullptr;
}

const DialectRegion *DialectRegistry::region(const QString &id) const
{
    for (const DialectRegion &r : regions)
        if (r.id == id)
            return &r;
    return nullptr;
}

const DialectVariety *DialectRegistry::resolve(const QString &code) const
{
    if (const DialectVariety *v = variety(code))
        return v;
    const auto it = m_byCode.constFind(normalizedDialectCode(code));
    return it == m_byCode.cend() ? nullptr : &varieties[*it];
}

QString DialectRegistry::canonical(const QString &code) const
{
    const DialectVariety *v = resolve(code);
    return v ? v->id : code;
}

QString DialectRegistry::regionOf(const QString &code) const
{
    const DialectVariety *v = resolve(code);
    return v ? v->region : QString();
}

QString DialectRegistry::varietyName(const QString &code, const QStringList &languages) const
{
    const DialectVariety *v = resolve(code);
    return v ? pickLanguage(v->name, languages) : code;
}

QString DialectRegistry::regionName(const QString &regionId, const QStringList &languages) const
{
    const DialectRegion *r = region(regionId);
    return r ? pickLanguage(r->name, languages) : regionId;
}

void DialectRegistry::index()
{
    m_byCode.clear();
    // Names first, then codes, then ids: a later, more deliberate spelling wins a tie. The
    // parser has refused two varieties claiming one code within one registry.
    for (int i = 0; i < varieties.size(); ++i)
        for (const QString &n : std::as_const(varieties[i].name))
            m_byCode.insert(normalizedDialectCode(n), i);
    for (int i = 0; i < varieties.size(); ++i)
        for (const QString &c : std::as_const(varieties[i].codes))
            m_byCode.insert(normalizedDialectCode(c), i);
    for (int i = 0; i < varieties.size(); ++i)
        m_byCode.insert(normalizedDialectCode(varieties[i].id), i);
}

Result<DialectRegistry> parseDialectRegistry(const json &j, const QString &where, const QString &fieldPrefix)
{
    const Context ctx{where, fieldPrefix.isEmpty() ? QString() : fieldPrefix + QLatin1Char('.')};
    if (!j.is_object())
        return Error::validation(QStringLiteral("%1: field \"%2\": must be an object").arg(where, fieldPrefix));
    if (Status s = knownFields(j, {"majlis_dialects", "regions", "varieties"}, ctx, QString()); !s)
        return s.error();
    if (auto v = j.find("majlis_dialects"); v != j.end() && !(v->is_number_integer() && v->get<std::int64_t>() == 1))
        return ctx.fail(QStringLiteral("majlis_dialects"), QStringLiteral("must be 1, the registry's format version"));

    DialectRegistry r;
    QSet<QString> regionIds;
    if (auto regions = j.find("regions"); regions != j.end()) {
        if (!regions->is_array())
            return ctx.fail(QStringLiteral("regions"), QStringLiteral("must be an array"));
        for (size_t i = 0; i < regions->size(); ++i) {
            const QString f = QStringLiteral("regions[%1]").arg(i);
            const json &e = (*regions)[i];
            if (!e.is_object())
                return ctx.fail(f, QStringLiteral("must be an object"));
            if (Status s = knownFields(e, {"id", "name"}, ctx, f + QLatin1Char('.')); !s)
                return s.error();
            auto id = idOf(e, ctx, f);
            if (!id)
                return id.error();
            if (regionIds.contains(*id))
                return ctx.fail(f + QStringLiteral(".id"), QStringLiteral("region \"%1\" is listed twice").arg(*id));
            regionIds.insert(*id);
            auto name = nameOf(e, ctx, f, true);
            if (!name)
                return name.error();
            r.regions.append({*id, *name});
        }
    }
    if (auto varieties = j.find("varieties"); varieties != j.end()) {
        if (!varieties->is_array())
            return ctx.fail(QStringLiteral("varieties"), QStringLiteral("must be an array"));
        QSet<QString> ids;
        QHash<QString, QString> claimed;  // normalized code -> variety id
        for (size_t i = 0; i < varieties->size(); ++i) {
            const QString f = QStringLiteral("varieties[%1]").arg(i);
            const json &e = (*varieties)[i];
            if (!e.is_object())
                return ctx.fail(f, QStringLiteral("must be an object"));
            if (Status s = knownFields(e, {"id", "region", "name", "codes"}, ctx, f + QLatin1Char('.')); !s)
                return s.error();
            DialectVariety v;
            auto id = idOf(e, ctx, f);
            if (!id)
                return id.error();
            v.id = *id;
            if (ids.contains(v.id))
                return ctx.fail(f + QStringLiteral(".id"), QStringLiteral("variety \"%1\" is listed twice").arg(v.id));
            ids.insert(v.id);
            // A variety that only adds codes to one the base has may leave out its region and name
            // (applyPackDialects checks it exists).
            if (auto region = e.find("region"); region != e.end()) {
                if (!region->is_string())
                    return ctx.fail(f + QStringLiteral(".region"), QStringLiteral("must be a string"));
                v.region = toQString(region->get<std::string>());
            }
            auto name = nameOf(e, ctx, f, false);
            if (!name)
                return name.error();
            v.name = *name;
            if (!v.name.isEmpty() && !v.name.contains(QStringLiteral("en")))
                return ctx.fail(f + QStringLiteral(".name.en"), QStringLiteral("is missing (every name has an English form)"));
            if (auto codes = e.find("codes"); codes != e.end()) {
                if (!codes->is_array())
                    return ctx.fail(f + QStringLiteral(".codes"), QStringLiteral("must be an array of strings"));
                for (size_t k = 0; k < codes->size(); ++k) {
                    const QString cf = QStringLiteral("%1.codes[%2]").arg(f).arg(k);
                    const json &c = (*codes)[k];
                    if (!c.is_string())
                        return ctx.fail(cf, QStringLiteral("must be a string"));
                    const QString code = toQString(c.get<std::string>());
                    if (normalizedDialectCode(code).isEmpty())
                        return ctx.fail(cf, QStringLiteral("must hold a letter or a digit"));
                    v.codes << code;
                }
            }
            // Every spelling that names this variety, checked against the others.
            QStringList spellings = v.codes;
            spellings << v.id;
            for (const QString &n : std::as_const(v.name))
                spellings << n;
            for (const QString &s : std::as_const(spellings)) {
                const QString key = normalizedDialectCode(s);
                const QString owner = claimed.value(key);
                if (!owner.isEmpty() && owner != v.id)
                    return ctx.fail(f, QStringLiteral("\"%1\" already names variety \"%2\"").arg(s, owner));
                claimed.insert(key, v.id);
            }
            r.varieties.append(v);
        }
    }
    r.index();
    return r;
}

Result<DialectRegistry> applyPackDialects(const DialectRegistry &base, const json &packRegistry, const QString &where)
{
    if (packRegistry.is_null())
        return base;
    const QString prefix = QStringLiteral("dialect_registry");
    auto parsed = parseDialectRegistry(packRegistry, where, prefix);
    if (!parsed)
        return parsed.error();
    DialectRegistry out = base;
    for (const DialectRegion &r : std::as_const(parsed->regions)) {
        auto it = std::find_if(out.regions.begin(), out.regions.end(), [&](const DialectRegion &b) { return b.id == r.id; });
        if (it == out.regions.end())
            out.regions.append(r);
        else
            it->name.insert(r.name);
    }
    const Context ctx{where, prefix + QLatin1Char('.')};
    // A pack's code wins: drop it from whichever base variety claimed it.
    QSet<QString> packCodes;
    for (const DialectVariety &v : std::as_const(parsed->varieties))
        for (const QString &c : v.codes)
            packCodes.insert(normalizedDialectCode(c));
    for (DialectVariety &b : out.varieties)
        b.codes.removeIf([&](const QString &c) { return packCodes.contains(normalizedDialectCode(c)); });
    for (qsizetype i = 0; i < parsed->varieties.size(); ++i) {
        const DialectVariety &v = parsed->varieties[i];
        const QString f = QStringLiteral("varieties[%1]").arg(i);
        auto it = std::find_if(out.varieties.begin(), out.varieties.end(),
                               [&](const DialectVariety &b) { return b.id == v.id; });
        if (it != out.varieties.end()) {
            if (!v.region.isEmpty())
                it->region = v.region;
            it->name.insert(v.name);
            it->codes << v.codes;
        } else {
            if (v.name.isEmpty())
                return ctx.fail(f + QStringLiteral(".name"),
                                QStringLiteral("is missing: \"%1\" is a new variety (not in the registry)").arg(v.id));
            if (v.region.isEmpty())
                return ctx.fail(f + QStringLiteral(".region"),
                                QStringLiteral("is missing: \"%1\" is a new variety (not in the registry)").arg(v.id));
            out.varieties.append(v);
        }
    }
    for (qsizetype i = 0; i < parsed->varieties.size(); ++i) {
        const DialectVariety *v = out.variety(parsed->varieties[i].id);
        if (!out.region(v->region))
            return ctx.fail(QStringLiteral("varieties[%1].region").arg(i),
                            QStringLiteral("\"%1\" is not a region (regions: %2)")
                                .arg(v->region, [&] {
                                    QStringList ids;
                                    for (const DialectRegion &r : std::as_const(out.regions))
                                        ids << r.id;
                                    return ids.join(QStringLiteral(", "));
                                }()));
    }
    // Grouped by region again, in the regions' order, so lists stay grouped.
    std::stable_sort(out.varieties.begin(), out.varieties.end(), [&](const DialectVariety &a, const DialectVariety &b) {
        const auto rank = [&](const QString &region) {
            for (qsizetype k = 0; k < out.regions.size(); ++k)
                if (out.regions[k].id == region)
                    return k;
            return out.regions.size();
        };
        return rank(a.region) < rank(b.region);
    });
    out.index();
    return out;
}

const DialectRegistry &defaultDialects()
{
    static const DialectRegistry registry = [] {
        initDialectsResource();
        QFile f(QStringLiteral(":/majlis/dialects/dialects.json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("the embedded dialect registry is missing");
        const QByteArray bytes = f.readAll();
        auto doc = parseJson(std::string_view(bytes.constData(), size_t(bytes.size())), JsonSource{f.fileName(), 0});
        if (!doc)
            qFatal("the embedded dialect registry is not JSON: %s", qPrintable(doc.error().message));
        auto parsed = parseDialectRegistry(*doc, f.fileName(), QString());
        if (!parsed)
            qFatal("the embedded dialect registry is invalid: %s", qPrintable(parsed.error().message));
        for (const DialectVariety &v : std::as_const(parsed->varieties))
            if (!parsed->region(v.region))
                qFatal("the embedded dialect registry names an unknown region: %s", qPrintable(v.region));
        return *parsed;
    }();
    return registry;
}

DialectRegistry packDialects(const PackHeader &header)
{
    if (header.dialectRegistry.is_null())
        return defaultDialects();
    auto applied = applyPackDialects(defaultDialects(), header.dialectRegistry, header.id);
    return applied ? std::move(*applied) : defaultDialects();
}

json toJson(const DialectRegistry &registry)
{
    json regions = json::array(), varieties = json::array();
    for (const DialectRegion &r : registry.regions) {
        json name = json::object();
        for (auto it = r.name.cbegin(); it != r.name.cend(); ++it)
            name[toStd(it.key())] = toStd(it.value());
        regions.push_back({{"id", toStd(r.id)}, {"name", name}});
    }
    for (const DialectVariety &v : registry.varieties) {
        json name = json::object(), codes = json::array();
        for (auto it = v.name.cbegin(); it != v.name.cend(); ++it)
            name[toStd(it.key())] = toStd(it.value());
        for (const QString &c : v.codes)
            codes.push_back(toStd(c));
        varieties.push_back({{"id", toStd(v.id)}, {"region", toStd(v.region)}, {"name", name}, {"codes", codes}});
    }
    return {{"majlis_dialects", 1}, {"regions", regions}, {"varieties", varieties}};
}

} // namespace majlis
