#pragma once

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "model/pack.h"

namespace majlis {

// A failure category or a severity level, with labels and one-line definitions per language.
struct TaxonomyEntry
{
    QString id;
    LocalizedText label;
    LocalizedText definition;
    int weight = 0;  // severities only: MQM-style 1 / 5 / 25
    friend bool operator==(const TaxonomyEntry &, const TaxonomyEntry &) = default;
};

struct Taxonomy
{
    QString id;
    QList<TaxonomyEntry> severities;
    QList<TaxonomyEntry> categories;

    const TaxonomyEntry *category(const QString &id) const;
    const TaxonomyEntry *severity(const QString &id) const;
    friend bool operator==(const Taxonomy &, const Taxonomy &) = default;
};

// The taxonomy shipped with Majlis (resources/taxonomy/default.json, embedded).
const Taxonomy &defaultTaxonomy();

// Parses a taxonomy object. `where` prefixes messages, e.g. "pack.jsonl:1: field \"taxonomy" —
// errors then read `pack.jsonl:1: field "taxonomy.categories[2].label": …`.
Result<Taxonomy> parseTaxonomy(const nlohmann::json &j, const QString &where, const QString &fieldPrefix);

// A pack's taxonomy applied to a base: `"mode": "replace"` takes the pack's lists alone;
// `"extend"` (the default) keeps the base, adds new ids and lets the pack relabel existing ones.
Result<Taxonomy> applyPackTaxonomy(const Taxonomy &base, const nlohmann::json &packTaxonomy, const QString &where);

nlohmann::json toJson(const Taxonomy &taxonomy);

} // namespace majlis
