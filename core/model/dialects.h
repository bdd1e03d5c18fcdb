#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "model/pack.h"

namespace majlis {

// The registry of Arabic varieties (resources/dialects/dialects.json, embedded; docs/formats.md
// "Dialect registry"). Packs in the wild name a variety by AL-QASIDA's country codes (egy, syr),
// ISO 639-3 (arz, apc), ISO 3166 (EG, SA), BCP 47 (ar-EG) or by its English or Arabic name; the
// registry maps every such code to one variety, with a region, so boards slice alike and the
// interface shows "المصرية" / "Egyptian", never "egy".

struct DialectRegion
{
    QString id;
    LocalizedText name;
    friend bool operator==(const DialectRegion &, const DialectRegion &) = default;
};

struct DialectVariety
{
    QString id;
    QString region;     // DialectRegion::id
    LocalizedText name;
    QStringList codes;  // as written in the registry; the id and the names are codes too
    friend bool operator==(const DialectVariety &, const DialectVariety &) = default;
};

class DialectRegistry
{
public:
    QList<DialectRegion> regions;     // in the registry's order: the order lists are shown in
    QList<DialectVariety> varieties;  // grouped by region in the same order

    const DialectVariety *variety(const QString &id) const;
    const DialectRegion *region(const QString &id) const;

    // The variety any code names, or null. Matching ignores case, accents and the spelling of
    // separators ("ar_EG" = "ar-EG" = "AR EG"), and in Arabic the article, the feminine ending,
    // short vowels, hamza forms and a leading "اللهجة" or "العامية": "اللهجة المصرية" = "مصري".
    const DialectVariety *resolve(const QString &code) const;
    // The variety's id for a code it knows, else the code as given.
    QString canonical(const QString &code) const;
    // The region of a code's variety; empty for a code the registry does not know.
    QString regionOf(const QString &code) const;

    // The name of a code's variety, of a region, in the first of `languages` present (else
    // English); a code the registry does not know is returned as given.
    QString varietyName(const QString &code, const QStringList &languages) const;
    QString regionName(const QString &regionId, const QStringList &languages) const;

    // Rebuilds the code index after the lists changed; parse and apply call it.
    void index();

    friend bool operator==(const DialectRegistry &a, const DialectRegistry &b)
    {
        return a.regions == b.regions && a.varieties == b.varieties;
    }

private:
    QHash<QString, int> m_byCode;  // normalized code -> index into varieties
};

// The key a code is matched by (see resolve); exposed for the tests and the registry's checks.
QString normalizedDialectCode(const QString &code);

// The registry shipped with Majlis.
const DialectRegistry &defaultDialects();

// Parses a registry object (the shipped file, or a pack's "dialect_registry"). `where` and
// `fieldPrefix` name it in messages: `pack.jsonl:1: field "dialect_registry.varieties[2].region": …`.
// Two varieties claiming one code is an error within one registry.
Result<DialectRegistry> parseDialectRegistry(const nlohmann::json &j, const QString &where, const QString &fieldPrefix);

// A pack's extension applied to a base: new regions and varieties are added; a variety with an
// existing id may rename it and add codes; a code the pack gives wins over the base's meaning
// of it (a pack where "mar" means Marathi says so). Null: the base unchanged.
Result<DialectRegistry> applyPackDialects(const DialectRegistry &base, const nlohmann::json &packRegistry,
                                          const QString &where);

// The pack's registry: the default extended by the header's "dialect_registry" (a pack already
// validated on import; an extension that no longer applies leaves the default).
DialectRegistry packDialects(const PackHeader &header);

nlohmann::json toJson(const DialectRegistry &registry);

} // namespace majlis
