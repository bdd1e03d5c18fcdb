#include "model/event.h"

#include "common/json.h"
#include "model/payloads.h"

namespace majlis {

nlohmann::json toJson(const Event &e)
{
    nlohmann::json j{
        {"id", e.id},
        {"kind", e.kind},
        {"pack", e.packId},
        {"item", e.itemId},
        {"comparison", e.comparisonId},
        {"annotator", e.annotator},
        {"workstation", e.workstation},
        {"seq", e.seq},
        {"created", e.createdUtc},
        {"payload", e.payload},
    };
    if (!e.supersedes.isEmpty())
        j["supersedes"] = e.supersedes;
    return j;
}

Result<Event> eventFromJson(const nlohmann::json &j, const QString &where)
{
    const QString prefix = where.isEmpty() ? QString() : where + QStringLiteral(": ");
    if (!j.is_object())
        return Error::validation(prefix + QStringLiteral("an event must be a JSON object, got %1")
                                              .arg(QLatin1String(j.type_name())));
    Event e;
    auto str = [&](const char *key, QString &out, bool required) -> std::optional<Error> {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) {
            if (required)
                return Error::validation(prefix + QStringLiteral("field \"%1\" is missing").arg(QLatin1String(key)));
            return std::nullopt;
        }
        if (!it->is_string())
            return Error::validation(prefix + QStringLiteral("field \"%1\" must be a string, got %2")
                                                  .arg(QLatin1String(key), QLatin1String(it->type_name())));
        out = toQString(it->get_ref<const std::string &>());
        return std::nullopt;
    };
    for (auto [key, out, required] : {std::tuple{"id", &e.id, true},
                                      std::tuple{"kind", &e.kind, true},
                                      std::tuple{"pack", &e.packId, true},
                                      std::tuple{"item", &e.itemId, true},
                                      std::tuple{"comparison", &e.comparisonId, false},
                                      std::tuple{"annotator", &e.annotator, true},
                                      std::tuple{"workstation", &e.workstation, true},
                                      std::tuple{"created", &e.createdUtc, true},
                                      std::tuple{"supersedes", &e.supersedes, false}}) {
        if (auto err = str(key, *out, required))
            return *err;
    }
    auto seq = j.find("seq");
    if (seq == j.end())
        return Error::validation(prefix + QStringLiteral("field \"seq\" is missing"));
    if (!seq->is_number_integer() || (seq->is_number_unsigned() && seq->get<std::uint64_t>() > std::uint64_t(MaxSeq))
        || seq->get<qint64>() < 1 || seq->get<qint64>() > MaxSeq)
        return Error::validation(prefix + QStringLiteral("field \"seq\" must be an integer from 1 to %1").arg(MaxSeq));
    e.seq = seq->get<qint64>();
    if (auto p = j.find("payload"); p != j.end()) {
        if (!p->is_object())
            return Error::validation(prefix + QStringLiteral("field \"payload\" must be an object, got %1")
                                                  .arg(QLatin1String(p->type_name())));
        e.payload = *p;
    }
    if (e.id.isEmpty())
        return Error::validation(prefix + QStringLiteral("field \"id\" is empty"));
    return e;
}

bool isKnownEventKind(const QString &kind)
{
    for (const QString *known : {&EventKind::Vote, &EventKind::Skip, &EventKind::Undo, &EventKind::Annotation,
                                 &EventKind::DialectJudgment, &EventKind::Adjudication})
        if (kind == *known)
            return true;
    return false;
}

namespace {

// Checked by hand rather than with QRegularExpression and QDateTime: the server runs these for
// every event it ingests, and they cost more than storing the event did.
bool isHex(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
}

bool isUuidV7(const QString &s)
{
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != QLatin1Char('-') : !isHex(s[i]))
            return false;
    }
    return s[14] == QLatin1Char('7') && QStringView(u"89ab").contains(s[19]);
}

int digits(const QString &s, qsizetype at, int count)
{
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[at + i];
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return -1;
        v = v * 10 + (c.unicode() - '0');
    }
    return v;
}

// yyyy-MM-ddTHH:mm:ss[.fraction]Z, a real date and time of day.
bool isUtcTime(const QString &s)
{
    if (s.size() < 20 || s.size() > 30 || !s.endsWith(QLatin1Char('Z')))
        return false;
    if (s[4] != QLatin1Char('-') || s[7] != QLatin1Char('-') || s[10] != QLatin1Char('T') || s[13] != QLatin1Char(':')
        || s[16] != QLatin1Char(':'))
        return false;
    const int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    const int h = digits(s, 11, 2), mi = digits(s, 14, 2), sec = digits(s, 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
        return false;
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > days[mo - 1] || (mo == 2 && d == 29 && !leap))
        return false;
    if (s.size() == 20)
        return true;
    const int fraction = int(s.size() - 21);  // the digits between '.' and 'Z'
    return s[19] == QLatin1Char('.') && fraction >= 1 && fraction <= 9 && digits(s, 20, fraction) >= 0;
}

} // namespace

QString eventProblem(const Event &e)
{
    const QString id = e.id.left(MaxEventNameLength);
    if (e.id.isEmpty())
        return QStringLiteral("event without an id");
    // UUIDv7: version nibble 7, RFC 9562 variant (10xx).
    if (!isUuidV7(e.id))
        return QStringLiteral("event %1: field \"id\" must be a lowercase UUIDv7 (RFC 9562)").arg(id);
    if (!isKnownEventKind(e.kind))
        return QStringLiteral("event %1: field \"kind\" is \"%2\", not a known kind (vote, skip, undo, annotation, "
                              "dialect_judgment, adjudication)")
            .arg(id, e.kind.left(40));
    auto nameProblem = [&](const char *field, const QString &value, bool required) -> QString {
        if (value.isEmpty())
            return required ? QStringLiteral("event %1: field \"%2\" is empty").arg(id, QLatin1String(field)) : QString();
        if (value.size() > MaxEventNameLength)
            return QStringLiteral("event %1: field \"%2\" is longer than %3 characters")
                .arg(id, QLatin1String(field))
                .arg(MaxEventNameLength);
        for (QChar c : value)
            // Control characters (Cc) are U+0000–001F and U+007F–009F; ASCII is decided without
            // the Unicode tables.
            // U+FEFF too: a byte order mark is dropped by some readers (Qt's PostgreSQL driver at
            // the start of a value), so a name holding one would not read back as itself.
            if (c.unicode() < 0x80 ? (c.unicode() < 0x20 || c.unicode() == 0x7f)
                                   : (c.category() == QChar::Other_Control || c.unicode() == 0xFEFF))
                return QStringLiteral("event %1: field \"%2\" holds a control character or byte order mark (U+%3)")
                    .arg(id, QLatin1String(field))
                    .arg(c.unicode(), 4, 16, QLatin1Char('0'));
        return {};
    };
    for (const auto &[field, value, required] :
         {std::tuple{"workstation", &e.workstation, true}, std::tuple{"annotator", &e.annotator, true},
          std::tuple{"pack", &e.packId, true}, std::tuple{"item", &e.itemId, true},
          std::tuple{"comparison", &e.comparisonId, false}, std::tuple{"supersedes", &e.supersedes, false}})
        if (QString p = nameProblem(field, *value, required); !p.isEmpty())
            return p;
    if (e.seq < 1 || e.seq > MaxSeq)
        return QStringLiteral("event %1: field \"seq\" must be an integer from 1 to %2").arg(id).arg(MaxSeq);
    if (!isUtcTime(e.createdUtc))
        return QStringLiteral("event %1: field \"created\" is \"%2\", not an ISO 8601 UTC time such as "
                              "2026-05-01T10:00:01.123Z")
            .arg(id, e.createdUtc.left(40));
    if (!e.payload.is_object())
        return QStringLiteral("event %1: field \"payload\" must be an object").arg(id);
    if (QString problem = payloadProblem(e.kind, e.payload); !problem.isEmpty())
        return QStringLiteral("event %1: %2").arg(id, problem);
    return {};
}

QString toString(Side side)
{
    return side == Side::Left ? QStringLiteral("left") : QStringLiteral("right");
}

QString toString(Choice choice)
{
    switch (choice) {
    case Choice::First: return QStringLiteral("first");
    case Choice::Second: return QStringLiteral("second");
    case Choice::Tie: return QStringLiteral("tie");
    case Choice::BothBad: return QStringLiteral("both_bad");
    }
    return {};
}

QString toString(Selection selection)
{
    switch (selection) {
    case Selection::ScheduledRandom: break;
    case Selection::PickedByHand: return QStringLiteral("picked_by_hand");
    case Selection::Imported: return QStringLiteral("imported");
    }
    return QStringLiteral("scheduled_random");
}

} // namespace majlis
