#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace majlis {

// Texts a pack gives in several languages, keyed by BCP 47 language ("en", "ar").
using LocalizedText = QMap<QString, QString>;

// Picks the text for the first of `languages` present, else English, else any.
QString pickLanguage(const LocalizedText &text, const QStringList &languages);

enum class RevealPolicy { AfterVote, Never };

struct ModelInfo
{
    QString id;            // stable identifier used by candidates
    QString name;          // display name, shown only after a reveal
    QStringList aliases;   // other names the model may call itself; masked in outputs
    friend bool operator==(const ModelInfo &, const ModelInfo &) = default;
};

struct CategoryInfo
{
    QString id;
    LocalizedText label;
    friend bool operator==(const CategoryInfo &, const CategoryInfo &) = default;
};

struct PackHeader
{
    static constexpr int kFormatVersion = 1;

    int formatVersion = kFormatVersion;
    QString id;
    QString title;
    LocalizedText guidelines;      // Markdown
    QStringList dialects;          // allowed values of Item::dialect: any code (the registry names them)
    QList<CategoryInfo> categories;  // optional; when present, Item::category must be one of them
    RevealPolicy reveal = RevealPolicy::AfterVote;
    QList<ModelInfo> models;
    nlohmann::json taxonomy;       // optional failure taxonomy (null when absent)
    nlohmann::json dialectRegistry;  // optional extension of the dialect registry (null when absent)

    const ModelInfo *model(const QString &modelId) const;
    friend bool operator==(const PackHeader &, const PackHeader &) = default;
};

struct Turn
{
    QString role;     // "system", "user" or "assistant"
    QString content;  // Markdown
    friend bool operator==(const Turn &, const Turn &) = default;
};

struct Candidate
{
    QString model;    // ModelInfo::id
    QString output;   // Markdown
    friend bool operator==(const Candidate &, const Candidate &) = default;
};

struct Item
{
    QString id;
    QList<Turn> conversation;  // a single-prompt item is one user turn
    QString dialect;           // requested variety, one of PackHeader::dialects (may be empty)
    QString category;
    QList<Candidate> candidates;

    // The last user turn: what the candidates answer.
    QString prompt() const;
    friend bool operator==(const Item &, const Item &) = default;
};

// What the analyses slice an item's votes by: its requested dialect and its category.
struct ItemFacts
{
    QString dialect;
    QString category;
    friend bool operator==(const ItemFacts &, const ItemFacts &) = default;
};

// Canonical JSON form (what a pack writer emits; the reader accepts it back unchanged).
nlohmann::json toJson(const PackHeader &header);
nlohmann::json toJson(const Item &item);

QString toString(RevealPolicy policy);

} // namespace majlis
