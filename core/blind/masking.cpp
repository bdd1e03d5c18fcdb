#include "blind/masking.h"

#include "text/offsets.h"

#include <QSet>

#include <algorithm>

namespace majlis::blind {

namespace {

bool isArabic(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x0600 && u <= 0x06FF) || (u >= 0x0750 && u <= 0x077F) || (u >= 0xFB50 && u <= 0xFDFF)
           || (u >= 0xFE70 && u <= 0xFEFF);
}

// Between letters of an Arabic name: any harakat, Quranic marks or tatweel.
const QString kArabicMarks = QStringLiteral("[\\x{064B}-\\x{065F}\\x{0670}\\x{06D6}-\\x{06ED}\\x{0640}]*");

// An alias that could be an ordinary word: Arabic, one word, no Latin letter and no digit
// («نخلة»، «صحراء»، «قلم» are palm tree, desert and pen). Masked everywhere, it would black out
// ordinary sentences and count leaks that are not there.
bool isOrdinaryWord(const QString &term)
{
    const QString t = term.trimmed();
    return std::any_of(t.cbegin(), t.cend(), isArabic)
           && std::none_of(t.cbegin(), t.cend(), [](QChar c) {
                  return c.isSpace() || c.isDigit() || (c.isLetter() && c.unicode() < 0x0250);
              });
}

// Words after which a name is an identity: «أنا قلم»، «نموذج نخلة»، «المساعد صحراء»، «اسمي قلم».
const QString kIdentityCue = QStringLiteral(
    "(?<![\\p{L}\\p{N}])[\\x{0648}\\x{0641}]?(?:أنا|انا|إنني|انني|إني|اني|نموذج|النموذج|نموذجك|مساعد|المساعد|مساعدك|"
    "اسمي|أدعى|ادعى|أُدعى|يدعى|تدعى|يسمونني)[\\s«\"“:،,]+");

QRegularExpression patternFor(const QString &term, bool identityContextOnly = false)
{
    const bool arabic = std::any_of(term.cbegin(), term.cend(), isArabic);
    QString body;
    for (qsizetype i = 0; i < term.size(); ++i) {
        const QChar c = term.at(i);
        if (c.isSpace()) {
            body += QStringLiteral("\\s+");
            continue;
        }
        body += QRegularExpression::escape(QString(c));
        if (arabic && isArabic(c) && i + 1 < term.size())
            body += kArabicMarks;
    }
    QString pattern;
    if (arabic && identityContextOnly)
        pattern = kIdentityCue + QStringLiteral("(?:\\x{0627}\\x{0644})?(") + body + QStringLiteral(")") + kArabicMarks
                  + QStringLiteral("(?![\\p{L}\\p{N}])");
    else if (arabic)
        pattern = QStringLiteral("(?<![\\p{L}\\p{N}])(?:[\\x{0648}\\x{0641}\\x{0628}\\x{0644}\\x{0643}]?"
                                 "(?:\\x{0627}\\x{0644})?)(") + body + QStringLiteral(")") + kArabicMarks
                  + QStringLiteral("(?![\\p{L}\\p{N}])");
    else
        pattern = QStringLiteral("(?<![\\p{L}\\p{N}])(") + body + QStringLiteral(")(?![\\p{L}\\p{N}])");
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption
                                           | QRegularExpression::UseUnicodePropertiesOption);
}

qsizetype codePointsBefore(const QString &text, qsizetype utf16Index)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < utf16Index; ++i)
        if (!text.at(i).isLowSurrogate())
            ++n;
    return n;
}

} // namespace

QStringList IdentityMasker::defaultTerms()
{
    return {QStringLiteral("ChatGPT"), QStringLiteral("GPT-4"), QStringLiteral("GPT-4o"), QStringLiteral("GPT"),
            QStringLiteral("OpenAI"), QStringLiteral("Claude"), QStringLiteral("Anthropic"), QStringLiteral("Gemini"),
            QStringLiteral("Llama"), QStringLiteral("Mistral"), QStringLiteral("Qwen"), QStringLiteral("DeepSeek"),
            QStringLiteral("شات جي بي تي"), QStringLiteral("جي بي تي"), QStringLiteral("جيميني"),
            QStringLiteral("جيمناي"), QStringLiteral("كلود")};
}

IdentityMasker::IdentityMasker(const QList<ModelInfo> &models, const QStringList &extraTerms)
{
    QStringList terms;
    QSet<QString> fromPack;  // the well-known names of extraTerms are curated, never ordinary words
    for (const ModelInfo &m : models) {
        terms << m.id << m.name;
        terms += m.aliases;
        for (const QString &t : m.aliases)
            fromPack.insert(t.trimmed().toCaseFolded());
        fromPack.insert(m.name.trimmed().toCaseFolded());
    }
    terms += extraTerms;
    for (const QString &t : extraTerms)
        fromPack.remove(t.trimmed().toCaseFolded());
    // Longest first, so "GPT-4o" is masked whole before "GPT" could take part of it.
    std::stable_sort(terms.begin(), terms.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    QSet<QString> seen;
    for (const QString &raw : std::as_const(terms)) {
        const QString term = raw.trimmed();
        if (term.size() < 2 || seen.contains(term.toCaseFolded()))
            continue;
        seen.insert(term.toCaseFolded());
        m_patterns.append({term, patternFor(term, fromPack.contains(term.toCaseFolded()) && isOrdinaryWord(term))});
    }
}

MaskResult IdentityMasker::mask(const QString &text) const
{
    // Collect matches on the original text first (longest terms win overlaps), then rebuild.
    struct Hit
    {
        qsizetype start, end;
        QString term;
    };
    QList<Hit> hits;
    for (const Pattern &p : m_patterns) {
        auto it = p.re.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            const qsizetype s = m.capturedStart(1), e = m.capturedEnd(1);
            const bool overlaps = std::any_of(hits.cbegin(), hits.cend(),
                                              [&](const Hit &h) { return s < h.end && h.start < e; });
            if (!overlaps)
                hits.append({s, e, p.term});
        }
    }
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) { return a.start < b.start; });

    MaskResult out;
    qsizetype at = 0;
    for (const Hit &h : std::as_const(hits)) {
        out.text += QStringView(text).mid(at, h.start - at);
        out.text += kMask;
        const QString original = text.mid(h.start, h.end - h.start);
        out.spans.append({codePointsBefore(text, h.start), codePointsBefore(original, original.size()), h.term,
                          original});
        at = h.end;
    }
    out.text += QStringView(text).mid(at);
    return out;
}

MaskMap::MaskMap(const QList<MaskedSpan> &spans)
{
    qsizetype delta = 0; // shown - original, before the current mask
    const qsizetype token = text::codePointCount(IdentityMasker::kMask);
    for (const MaskedSpan &m : spans) {
        const qsizetype shownStart = m.start + delta;
        m_segments.append({shownStart, shownStart + token, m.start, m.start + m.length});
        delta += token - m.length;
    }
}

qsizetype MaskMap::map(qsizetype at, bool isEnd, Bound fromStart, Bound fromEnd, Bound toStart, Bound toEnd) const
{
    qsizetype mapped = at;
    for (const Segment &s : m_segments) {
        if (at < s.*fromStart)
            break;
        if (at < s.*fromEnd || (isEnd && at == s.*fromEnd))
            return isEnd && at > s.*fromStart ? s.*toEnd : s.*toStart;
        mapped = at - s.*fromEnd + s.*toEnd;
    }
    return mapped;
}

qsizetype MaskMap::toOriginal(qsizetype shown, bool isEnd) const
{
    return map(shown, isEnd, &Segment::shownStart, &Segment::shownEnd, &Segment::originalStart, &Segment::originalEnd);
}

qsizetype MaskMap::toShown(qsizetype original, bool isEnd) const
{
    return map(original, isEnd, &Segment::originalStart, &Segment::originalEnd, &Segment::shownStart, &Segment::shownEnd);
}

} // namespace majlis::blind
