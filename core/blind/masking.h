#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include "model/pack.h"

namespace majlis::blind {

// One masked occurrence, in code points of the original text (never UTF-16 units).
struct MaskedSpan
{
    qsizetype start = 0;
    qsizetype length = 0;
    QString term;      // the name or alias that matched
    QString original;  // the text as it stood, e.g. "وجيميني" minus the prefix: "جيميني"
    friend bool operator==(const MaskedSpan &, const MaskedSpan &) = default;
};

struct MaskResult
{
    QString text;
    QList<MaskedSpan> spans;
};

// Masks model names and aliases in an output so the annotator cannot tell who wrote it.
//
// Latin names match case-insensitively as whole words ("Bahr" is not masked inside "Bahrain").
// Arabic names match with optional diacritics and tatweel between letters, and after the
// attached particles و ف ب ل ك and the article ال, which stay visible ("وجيميني" → "و███").
class IdentityMasker
{
public:
    static inline const QString kMask = QStringLiteral("\u2588\u2588\u2588");

    // Names and aliases of every model in the pack, plus well-known assistant names.
    explicit IdentityMasker(const QList<ModelInfo> &models, const QStringList &extraTerms = defaultTerms());

    MaskResult mask(const QString &text) const;
    static QStringList defaultTerms();

private:
    struct Pattern
    {
        QString term;
        QRegularExpression re;
    };
    QList<Pattern> m_patterns;
};

} // namespace majlis::blind
