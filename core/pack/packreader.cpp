#include "pack/packreader.h"

#include "common/json.h"
#include "model/taxonomy.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSaveFile>

namespace majlis::pack {

namespace {

using nlohmann::json;

// Validation context: every message is "WHERE: field "PATH": WHAT".
struct Where
{
    QString at;
    Error field(const QString &path, const QString &what) const
    {
        return Error::validation(QStringLiteral("%1: field \"%2\": %3").arg(at, path, what));
    }
    Error line(const QString &what) const { return Error::validation(QStringLiteral("%1: %2").arg(at, what)); }
};

QString typeName(const json &j)
{
    return QLatin1String(j.type_name());
}

Result<json> parseJson(const QByteArray &line, const Where &w)
{
    try {
        return json::parse(line.cbegin(), line.cend());
    } catch (const json::parse_error &e) {
        // nlohmann reports "… at line 1, column N: what"; the byte is what a person can find.
        QString what = QString::fromUtf8(e.what());
        what.remove(QRegularExpression(QStringLiteral("^\\[json.exception.parse_error.\\d+\\] ")));
        return Error::parse(QStringLiteral("%1: not valid JSON (byte %2 of the line): %3").arg(w.at).arg(e.byte).arg(what));
    }
}

Result<QString> requireString(const json &obj, const char *key, const QString &path, const Where &w, bool nonEmpty = true)
{
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return w.field(path, QStringLiteral("is missing"));
    if (!it->is_string())
        return w.field(path, QStringLiteral("must be a string, not %1").arg(typeName(*it)));
    QString s = toQString(it->get_ref<const std::string &>());
    if (nonEmpty && s.trimmed().isEmpty())
        return w.field(path, QStringLiteral("must not be empty"));
    return s;
}

Status checkKnownFields(const json &obj, const QSet<QString> &known, const QString &prefix, const Where &w)
{
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const QString key = toQString(it.key());
        if (!known.contains(key))
            return w.field(prefix + key, QStringLiteral("unknown field (a misspelt field is never ignored)"));
    }
    return {};
}

Result<LocalizedText> parseLocalized(const json &j, const QString &path, const Where &w)
{
    LocalizedText out;
    if (j.is_string()) {
        out.insert(QStringLiteral("en"), toQString(j.get<std::string>()));
        return out;
    }
    if (!j.is_object() || j.empty())
        return w.field(path, QStringLiteral("must be a string or an object of language → text"));
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it->is_string())
            return w.field(path + QLatin1Char('.') + toQString(it.key()),
                           QStringLiteral("must be a string, not %1").arg(typeName(*it)));
        out.insert(toQString(it.key()), toQString(it->get<std::string>()));
    }
    return out;
}

} // namespace

Result<PackHeader> parseHeader(const QByteArray &line, const QString &where)
{
    const Where w{where};
    auto parsed = parseJson(line, w);
    if (!parsed)
        return parsed.error();
    const json &j = *parsed;
    if (!j.is_object())
        return w.line(QStringLiteral("the header must be a JSON object, not %1").arg(typeName(j)));
    auto version = j.find("majlis_pack");
    if (version == j.end())
        return w.field(QStringLiteral("majlis_pack"), QStringLiteral("is missing: line 1 must be the pack header"));
    if (!version->is_number_integer())
        return w.field(QStringLiteral("majlis_pack"), QStringLiteral("must be an integer, not %1").arg(typeName(*version)));
    if (version->get<int>() != PackHeader::kFormatVersion)
        return w.field(QStringLiteral("majlis_pack"), QStringLiteral("unsupported version %1; this Majlis reads version %2")
                                                          .arg(version->get<long long>())
                                                          .arg(PackHeader::kFormatVersion));
    static const QSet<QString> known{QStringLiteral("majlis_pack"), QStringLiteral("id"), QStringLiteral("title"),
                                     QStringLiteral("guidelines"), QStringLiteral("dialects"), QStringLiteral("categories"),
                                     QStringLiteral("reveal"), QStringLiteral("models"), QStringLiteral("taxonomy"),
                                     QStringLiteral("meta")};
    if (Status s = checkKnownFields(j, known, {}, w); !s)
        return s.error();

    PackHeader h;
    auto id = requireString(j, "id", QStringLiteral("id"), w);
    if (!id)
        return id.error();
    static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    if (!idRe.match(*id).hasMatch())
        return w.field(QStringLiteral("id"), QStringLiteral("\"%1\" must be 1–128 characters of A–Z a–z 0–9 . _ -").arg(*id));
    h.id = *id;
    auto title = requireString(j, "title", QStringLiteral("title"), w);
    if (!title)
        return title.error();
    h.title = *title;

    if (auto g = j.find("guidelines"); g != j.end()) {
        auto text = parseLocalized(*g, QStringLiteral("guidelines"), w);
        if (!text)
            return text.error();
        h.guidelines = *text;
    } else {
        return w.field(QStringLiteral("guidelines"), QStringLiteral("is missing"));
    }

    auto dialects = j.find("dialects");
    if (dialects == j.end())
        return w.field(QStringLiteral("dialects"), QStringLiteral("is missing"));
    if (!dialects->is_array() || dialects->empty())
        return w.field(QStringLiteral("dialects"), QStringLiteral("must be a non-empty array of strings"));
    for (size_t i = 0; i < dialects->size(); ++i) {
        const json &d = (*dialects)[i];
        const QString path = QStringLiteral("dialects[%1]").arg(i);
        if (!d.is_string() || d.get<std::string>().empty())
            return w.field(path, QStringLiteral("must be a non-empty string"));
        const QString name = toQString(d.get<std::string>());
        if (h.dialects.contains(name))
            return w.field(path, QStringLiteral("\"%1\" is listed twice").arg(name));
        h.dialects << name;
    }

    if (auto cats = j.find("categories"); cats != j.end()) {
        if (!cats->is_array())
            return w.field(QStringLiteral("categories"), QStringLiteral("must be an array"));
        for (size_t i = 0; i < cats->size(); ++i) {
            const json &c = (*cats)[i];
            const QString path = QStringLiteral("categories[%1]").arg(i);
            if (!c.is_object())
                return w.field(path, QStringLiteral("must be an object"));
            if (Status s = checkKnownFields(c, {QStringLiteral("id"), QStringLiteral("label")}, path + QLatin1Char('.'), w); !s)
                return s.error();
            CategoryInfo info;
            auto cid = requireString(c, "id", path + QStringLiteral(".id"), w);
            if (!cid)
                return cid.error();
            info.id = *cid;
            if (auto l = c.find("label"); l != c.end()) {
                auto label = parseLocalized(*l, path + QStringLiteral(".label"), w);
                if (!label)
                    return label.error();
                info.label = *label;
            }
            for (const CategoryInfo &seen : std::as_const(h.categories))
                if (seen.id == info.id)
                    return w.field(path + QStringLiteral(".id"), QStringLiteral("\"%1\" is listed twice").arg(info.id));
            h.categories << info;
        }
    }

    auto reveal = requireString(j, "reveal", QStringLiteral("reveal"), w);
    if (!reveal)
        return reveal.error();
    if (*reveal == QLatin1String("after_vote"))
        h.reveal = RevealPolicy::AfterVote;
    else if (*reveal == QLatin1String("never"))
        h.reveal = RevealPolicy::Never;
    else
        return w.field(QStringLiteral("reveal"), QStringLiteral("must be \"after_vote\" or \"never\", not \"%1\"").arg(*reveal));

    auto models = j.find("models");
    if (models == j.end())
        return w.field(QStringLiteral("models"), QStringLiteral("is missing"));
    if (!models->is_array() || models->size() < 2)
        return w.field(QStringLiteral("models"), QStringLiteral("must be an array of at least two models"));
    for (size_t i = 0; i < models->size(); ++i) {
        const json &m = (*models)[i];
        const QString path = QStringLiteral("models[%1]").arg(i);
        if (!m.is_object())
            return w.field(path, QStringLiteral("must be an object"));
        if (Status s = checkKnownFields(m, {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("aliases")},
                                        path + QLatin1Char('.'), w);
            !s)
            return s.error();
        ModelInfo info;
        auto mid = requireString(m, "id", path + QStringLiteral(".id"), w);
        if (!mid)
            return mid.error();
        info.id = *mid;
        auto name = requireString(m, "name", path + QStringLiteral(".name"), w);
        if (!name)
            return name.error();
        info.name = *name;
        if (auto a = m.find("aliases"); a != m.end()) {
            if (!a->is_array())
                return w.field(path + QStringLiteral(".aliases"), QStringLiteral("must be an array of strings"));
            for (size_t k = 0; k < a->size(); ++k) {
                if (!(*a)[k].is_string() || (*a)[k].get<std::string>().empty())
                    return w.field(path + QStringLiteral(".aliases[%1]").arg(k), QStringLiteral("must be a non-empty string"));
                info.aliases << toQString((*a)[k].get<std::string>());
            }
        }
        if (h.model(info.id))
            return w.field(path + QStringLiteral(".id"), QStringLiteral("model \"%1\" is declared twice").arg(info.id));
        h.models << info;
    }

    if (auto t = j.find("taxonomy"); t != j.end() && !t->is_null()) {
        if (auto checked = applyPackTaxonomy(defaultTaxonomy(), *t, where); !checked)
            return checked.error();
        h.taxonomy = *t;
    }
    return h;
}

Result<Item> parseItem(const QByteArray &line, const PackHeader &header, const QString &where)
{
    const Where w{where};
    auto parsed = parseJson(line, w);
    if (!parsed)
        return parsed.error();
    const json &j = *parsed;
    if (!j.is_object())
        return w.line(QStringLiteral("an item must be a JSON object, not %1").arg(typeName(j)));
    if (j.contains("majlis_pack"))
        return w.field(QStringLiteral("majlis_pack"), QStringLiteral("a second header: only line 1 is the header"));
    static const QSet<QString> known{QStringLiteral("id"), QStringLiteral("prompt"), QStringLiteral("conversation"),
                                     QStringLiteral("dialect"), QStringLiteral("category"), QStringLiteral("candidates"),
                                     QStringLiteral("meta")};
    if (Status s = checkKnownFields(j, known, {}, w); !s)
        return s.error();

    Item item;
    auto id = requireString(j, "id", QStringLiteral("id"), w);
    if (!id)
        return id.error();
    item.id = *id;

    const bool hasPrompt = j.contains("prompt"), hasConversation = j.contains("conversation");
    if (hasPrompt == hasConversation)
        return w.field(hasPrompt ? QStringLiteral("conversation") : QStringLiteral("prompt"),
                       hasPrompt ? QStringLiteral("give either \"prompt\" or \"conversation\", not both")
                                 : QStringLiteral("is missing (give \"prompt\" or \"conversation\")"));
    if (hasPrompt) {
        auto prompt = requireString(j, "prompt", QStringLiteral("prompt"), w);
        if (!prompt)
            return prompt.error();
        item.conversation << Turn{QStringLiteral("user"), *prompt};
    } else {
        const json &conv = j["conversation"];
        if (!conv.is_array() || conv.empty())
            return w.field(QStringLiteral("conversation"), QStringLiteral("must be a non-empty array of turns"));
        for (size_t i = 0; i < conv.size(); ++i) {
            const QString path = QStringLiteral("conversation[%1]").arg(i);
            const json &t = conv[i];
            if (!t.is_object())
                return w.field(path, QStringLiteral("must be an object with role and content"));
            if (Status s = checkKnownFields(t, {QStringLiteral("role"), QStringLiteral("content")}, path + QLatin1Char('.'), w); !s)
                return s.error();
            auto role = requireString(t, "role", path + QStringLiteral(".role"), w);
            if (!role)
                return role.error();
            if (*role != QLatin1String("user") && *role != QLatin1String("assistant") && *role != QLatin1String("system"))
                return w.field(path + QStringLiteral(".role"),
                               QStringLiteral("must be \"system\", \"user\" or \"assistant\", not \"%1\"").arg(*role));
            auto content = requireString(t, "content", path + QStringLiteral(".content"), w);
            if (!content)
                return content.error();
            item.conversation << Turn{*role, *content};
        }
        if (item.conversation.last().role != QLatin1String("user"))
            return w.field(QStringLiteral("conversation[%1].role").arg(conv.size() - 1),
                           QStringLiteral("the last turn must be the user's: the candidates answer it"));
    }

    if (j.contains("dialect")) {
        auto dialect = requireString(j, "dialect", QStringLiteral("dialect"), w);
        if (!dialect)
            return dialect.error();
        if (!header.dialects.contains(*dialect))
            return w.field(QStringLiteral("dialect"), QStringLiteral("\"%1\" is not one of the header's dialects (%2)")
                                                          .arg(*dialect, header.dialects.join(QStringLiteral(", "))));
        item.dialect = *dialect;
    }
    if (j.contains("category")) {
        auto category = requireString(j, "category", QStringLiteral("category"), w);
        if (!category)
            return category.error();
        if (!header.categories.isEmpty()
            && std::none_of(header.categories.cbegin(), header.categories.cend(),
                            [&](const CategoryInfo &c) { return c.id == *category; }))
            return w.field(QStringLiteral("category"), QStringLiteral("\"%1\" is not declared in the header's categories").arg(*category));
        item.category = *category;
    }

    auto cands = j.find("candidates");
    if (cands == j.end())
        return w.field(QStringLiteral("candidates"), QStringLiteral("is missing"));
    if (!cands->is_array())
        return w.field(QStringLiteral("candidates"), QStringLiteral("must be an array, not %1").arg(typeName(*cands)));
    if (cands->size() < 2)
        return w.field(QStringLiteral("candidates"),
                       QStringLiteral("has %1 answer(s); a comparison needs at least two").arg(cands->size()));
    for (size_t i = 0; i < cands->size(); ++i) {
        const QString path = QStringLiteral("candidates[%1]").arg(i);
        const json &c = (*cands)[i];
        if (!c.is_object())
            return w.field(path, QStringLiteral("must be an object with model and output"));
        if (Status s = checkKnownFields(c, {QStringLiteral("model"), QStringLiteral("output"), QStringLiteral("meta")},
                                        path + QLatin1Char('.'), w);
            !s)
            return s.error();
        auto model = requireString(c, "model", path + QStringLiteral(".model"), w);
        if (!model)
            return model.error();
        if (!header.model(*model))
            return w.field(path + QStringLiteral(".model"), QStringLiteral("model \"%1\" is not declared in the header").arg(*model));
        for (const Candidate &seen : std::as_const(item.candidates))
            if (seen.model == *model)
                return w.field(path + QStringLiteral(".model"),
                               QStringLiteral("model \"%1\" already answered this item").arg(*model));
        auto output = requireString(c, "output", path + QStringLiteral(".output"), w);
        if (!output)
            return output.error();
        item.candidates << Candidate{*model, *output};
    }
    return item;
}

PackReader::PackReader(std::unique_ptr<QIODevice> device, QString displayName)
    : m_device(std::move(device)), m_name(std::move(displayName))
{
}

PackReader::~PackReader() = default;

Result<std::unique_ptr<PackReader>> PackReader::open(const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1: cannot open: %2").arg(path, file->errorString()));
    return open(std::move(file), path);
}

Result<std::unique_ptr<PackReader>> PackReader::open(std::unique_ptr<QIODevice> device, const QString &displayName)
{
    std::unique_ptr<PackReader> reader(new PackReader(std::move(device), displayName));
    if (Status s = reader->readHeader(); !s)
        return s.error();
    return reader;
}

Result<bool> PackReader::readLine(QByteArray &line)
{
    for (;;) {
        if (m_device->atEnd())
            return false;
        line = m_device->readLine();
        if (line.isEmpty() && !m_device->atEnd())
            return Error::io(QStringLiteral("%1:%2: read error: %3").arg(m_name).arg(m_line + 1).arg(m_device->errorString()));
        ++m_line;
        m_bytesRead += line.size();
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (m_line == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);  // a UTF-8 byte-order mark, as some Windows editors write: tolerated
        if (!line.trimmed().isEmpty())
            return true;
    }
}

Status PackReader::readHeader()
{
    QByteArray line;
    auto got = readLine(line);
    if (!got)
        return got.error();
    if (!*got)
        return Error::validation(QStringLiteral("%1: the file is empty; a pack starts with its header line").arg(m_name));
    auto header = parseHeader(line, QStringLiteral("%1:%2").arg(m_name).arg(m_line));
    if (!header)
        return header.error();
    m_header = std::move(*header);
    m_headerLine = line;
    return {};
}

Result<std::optional<ItemRecord>> PackReader::next()
{
    QByteArray line;
    auto got = readLine(line);
    if (!got)
        return got.error();
    if (!*got)
        return std::optional<ItemRecord>();
    auto item = parseItem(line, m_header, QStringLiteral("%1:%2").arg(m_name).arg(m_line));
    if (!item)
        return item.error();
    return std::optional<ItemRecord>(ItemRecord{std::move(*item), std::move(line), m_line});
}

Status validateFile(const QString &path, ValidationSummary *summary)
{
    auto reader = PackReader::open(path);
    if (!reader)
        return reader.error();
    ValidationSummary s;
    s.packId = (*reader)->header().id;
    QHash<QString, qint64> ids;
    for (;;) {
        auto next = (*reader)->next();
        if (!next)
            return next.error();
        if (!next->has_value())
            break;
        const ItemRecord &r = **next;
        if (auto it = ids.constFind(r.item.id); it != ids.cend())
            return Error::validation(QStringLiteral("%1:%2: field \"id\": duplicate item id \"%3\" (first on line %4)")
                                         .arg(path)
                                         .arg(r.lineNumber)
                                         .arg(r.item.id)
                                         .arg(*it));
        ids.insert(r.item.id, r.lineNumber);
        ++s.items;
        s.candidates += r.item.candidates.size();
    }
    if (s.items == 0)
        return Error::validation(QStringLiteral("%1: the pack has a header but no items").arg(path));
    if (summary)
        *summary = s;
    return {};
}

Status writePack(const QString &path, const PackHeader &header, const QList<Item> &items)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    auto writeLine = [&](const json &j) {
        const std::string s = j.dump();
        file.write(s.data(), qint64(s.size()));
        file.write("\n", 1);
    };
    writeLine(toJson(header));
    for (const Item &item : items)
        writeLine(toJson(item));
    if (!file.commit())
        return Error::io(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

} // namespace majlis::pack
