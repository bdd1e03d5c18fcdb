#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include "model/pack.h"
#include "model/payloads.h"

namespace majlis::blind {

// One masked occurrence, in code points of the original text (never UTF-16 units): the record a
// vote keeps of it (model/payloads.h). `original` is the text as it stood, e.g. "وجيميني" minus
// the prefix: "جيميني".
using MaskedSpan = MaskedName;

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

// Maps code points between a masked text and the output it was masked from, where each masked
// name became IdentityMasker::kMask. A position inside a masked stretch maps to the stretch's
// start, or to its end when it ends a span, so a span never keeps half of a name.
class MaskMap
{
public:
    explicit MaskMap(const QList<MaskedSpan> &spans);
    qsizetype toOriginal(qsizetype shown, bool isEnd) const;
    qsizetype toShown(qsizetype original, bool isEnd) const;

private:
    struct Segment
    {
        qsizetype shownStart, shownEnd, originalStart, originalEnd;
    };
    using Bound = qsizetype Segment::*;
    qsizetype map(qsizetype at, bool isEnd, Bound fromStart, Bound fromEnd, Bound toStart, Bound toEnd) const;
    QList<Segment> m_segments;
};

} // namespace majlis::blind
