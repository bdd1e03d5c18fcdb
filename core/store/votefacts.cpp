#include "store/votefacts.h"

#include "store/eventrow.h"
#include "store/sqlite.h"

#include <limits>

namespace majlis::store {

namespace {

constexpr const char *kInsertSql =
    "INSERT INTO vote_facts (pack_id, created_utc, workstation, seq, event_id, item_id, comparison_id, annotator, "
    "candidate_a, model_a, candidate_b, model_b, shown_first, first_side, outcome, selection, masked_a, masked_b, "
    "unreadable) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

// One statement per filter with plain equalities, as eventsInCastOrderSql: a pack's votes are a
// range of the primary key, already in cast order.
constexpr const char *kSelectColumns =
    "SELECT event_id, pack_id, item_id, comparison_id, annotator, created_utc, candidate_a, model_a, candidate_b, "
    "model_b, shown_first, first_side, outcome, selection, masked_a, masked_b, unreadable FROM vote_facts ";

template <typename Enum, std::size_t N>
std::optional<Enum> parseColumn(std::string_view text, const Enum (&values)[N])
{
    for (Enum v : values)
        if (text == columnText(v))
            return v;
    return std::nullopt;
}

Error damaged(const char *column, std::string_view text)
{
    return Error::parse(QStringLiteral("vote_facts column %1 holds \"%2\"")
                            .arg(QLatin1String(column), QString::fromUtf8(text.data(), qsizetype(text.size()))));
}

std::optional<qint64> optionalInt(const Statement &row, int column)
{
    return row.columnIsNull(column) ? std::nullopt : std::optional<qint64>(row.columnInt(column));
}

Statement &bindOptionalInt(Statement &st, int index, const std::optional<int> &value)
{
    return value ? st.bind(index, *value) : st.bindNull(index);
}

} // namespace

const char *columnText(VoteOutcome o)
{
    switch (o) {
    case VoteOutcome::A: return "a";
    case VoteOutcome::B: return "b";
    case VoteOutcome::Tie: return "tie";
    case VoteOutcome::BothBad: return "both_bad";
    }
    return "";
}

const char *columnText(Letter l)
{
    return l == Letter::A ? "a" : "b";
}

const char *columnText(Side s)
{
    return s == Side::Left ? "left" : "right";
}

const char *columnText(Selection s)
{
    switch (s) {
    case Selection::ScheduledRandom: break;
    case Selection::PickedByHand: return "picked_by_hand";
    case Selection::Imported: return "imported";
    }
    return "scheduled_random";
}

Result<VoteFacts> voteFactsFromColumns(const VoteFactsColumns &c)
{
    static constexpr VoteOutcome outcomes[] = {VoteOutcome::A, VoteOutcome::B, VoteOutcome::Tie, VoteOutcome::BothBad};
    static constexpr Letter letters[] = {Letter::A, Letter::B};
    static constexpr Side sides[] = {Side::Left, Side::Right};
    static constexpr Selection selections[] = {Selection::ScheduledRandom, Selection::PickedByHand, Selection::Imported};
    VoteFacts f;
    if (!c.candidateA || !c.candidateB || c.modelA.empty() || c.modelB.empty() || c.modelA == c.modelB)
        return Error::parse(QStringLiteral("vote_facts row without two candidates of two models"));
    for (qint64 index : {*c.candidateA, *c.candidateB})
        if (index < 0 || index > std::numeric_limits<int>::max())
            return Error::parse(QStringLiteral("vote_facts row with a candidate index of %1").arg(index));
    f.candidateA = int(*c.candidateA);
    f.candidateB = int(*c.candidateB);
    auto outcome = parseColumn(c.outcome, outcomes);
    if (!outcome)
        return damaged("outcome", c.outcome);
    f.outcome = *outcome;
    auto selection = parseColumn(c.selection, selections);
    if (!selection)
        return damaged("selection", c.selection);
    f.selection = *selection;
    if (!c.shownFirst.empty()) {
        f.shownFirst = parseColumn(c.shownFirst, letters);
        if (!f.shownFirst)
            return damaged("shown_first", c.shownFirst);
    }
    if (!c.firstSide.empty()) {
        f.firstSide = parseColumn(c.firstSide, sides);
        if (!f.firstSide)
            return damaged("first_side", c.firstSide);
    }
    for (auto [from, to] : {std::pair{&c.maskedA, &f.maskedA}, std::pair{&c.maskedB, &f.maskedB}}) {
        if (*from && (**from < 0 || **from > std::numeric_limits<int>::max()))
            return Error::parse(QStringLiteral("vote_facts row with a masked count of %1").arg(**from));
        if (*from)
            *to = int(**from);
    }
    return f;
}

VoteFactsWriter::VoteFactsWriter(Database &db) : m_insert(std::make_unique<Statement>(db, kInsertSql)) {}

VoteFactsWriter::~VoteFactsWriter() = default;

Status VoteFactsWriter::add(const Event &e)
{
    if (e.kind != EventKind::Vote)
        return {};
    return write(e, storedVoteOf(e));
}

Status VoteFactsWriter::addUnreadable(const Event &e, const QString &why)
{
    StoredVote v;
    v.unreadable = why;
    return write(e, v);
}

Status VoteFactsWriter::write(const Event &e, const StoredVote &v)
{
    Statement &st = *m_insert;
    if (!st.valid())
        return st.prepareError();
    st.bind(1, e.packId).bind(2, e.createdUtc).bind(3, e.workstation).bind(4, e.seq).bind(5, e.id);
    st.bind(6, e.itemId).bindOptional(7, e.comparisonId).bind(8, e.annotator);
    if (const auto &f = v.facts) {
        st.bind(9, f->candidateA).bind(10, v.modelA);
        st.bind(11, f->candidateB).bind(12, v.modelB);
        f->shownFirst ? st.bindText(13, columnText(*f->shownFirst)) : st.bindNull(13);
        f->firstSide ? st.bindText(14, columnText(*f->firstSide)) : st.bindNull(14);
        st.bindText(15, columnText(f->outcome)).bindText(16, columnText(f->selection));
        bindOptionalInt(st, 17, f->maskedA);
        bindOptionalInt(st, 18, f->maskedB);
        st.bindNull(19);
    } else {
        for (int i = 9; i <= 18; ++i)
            st.bindNull(i);
        st.bind(19, v.unreadable);
    }
    return st.run();
}

Status forEachStoredVote(Database &db, const std::function<void(const StoredVoteView &)> &visit, const QString &packId)
{
    static const QByteArray all = QByteArray(kSelectColumns) + "ORDER BY created_utc, workstation, seq",
                            pack = QByteArray(kSelectColumns) + "WHERE pack_id = ?1 ORDER BY created_utc, workstation, seq";
    Statement st(db, (packId.isEmpty() ? all : pack).constData());
    if (!packId.isEmpty())
        st.bind(1, packId);
    StoredVoteView v;
    VoteFacts facts;
    return forEachRow(st, [&](const Statement &row) {
        v.eventId = row.columnView(0);
        v.packId = row.columnView(1);
        v.itemId = row.columnView(2);
        v.comparisonId = row.columnView(3);
        v.annotator = row.columnView(4);
        v.createdUtc = row.columnView(5);
        v.modelA = row.columnView(7);
        v.modelB = row.columnView(9);
        v.facts = nullptr;
        v.unreadable.clear();
        if (!row.columnIsNull(16)) {
            v.unreadable = row.columnText(16);
        } else {
            const VoteFactsColumns c{v.modelA,           v.modelB,           row.columnView(10),  row.columnView(11),
                                     row.columnView(12), row.columnView(13), optionalInt(row, 6), optionalInt(row, 8),
                                     optionalInt(row, 14), optionalInt(row, 15)};
            if (auto read = voteFactsFromColumns(c)) {
                facts = *read;
                v.facts = &facts;
            } else {
                v.unreadable = read.error().message;
            }
        }
        visit(v);
    });
}

Status forEachSupersededId(Database &db, const std::function<void(const QString &)> &visit, const QString &packId)
{
    // From events_superseding (a pack) or events_by_supersedes (all): the index alone.
    Statement st(db, packId.isEmpty() ? "SELECT supersedes FROM events WHERE supersedes IS NOT NULL"
                                      : "SELECT supersedes FROM events WHERE pack_id = ?1 AND supersedes IS NOT NULL");
    if (!packId.isEmpty())
        st.bind(1, packId);
    return forEachRow(st, [&](const Statement &row) { visit(row.columnText(0)); });
}

Status forEachEventOfKind(Database &db, const QString &kind, const std::function<void(const Event &)> &visit,
                          const QString &packId)
{
    // Through events_of_kind: a pack's marks without a look at its million votes.
    static const QByteArray select = QByteArray("SELECT ") + kEventColumns + " FROM events WHERE kind = ?1 ";
    static const QByteArray order = "ORDER BY created_utc, workstation, seq";
    static const QByteArray all = select + order, pack = select + "AND pack_id = ?2 " + order;
    Statement st(db, (packId.isEmpty() ? all : pack).constData());
    st.bind(1, kind);
    if (!packId.isEmpty())
        st.bind(2, packId);
    return visitEventRows(st, [&](const Event &e) {
        visit(e);
        return Status();
    });
}

Status fillVoteFacts(Database &db)
{
    static const QByteArray sql = QByteArray("SELECT ") + kEventColumns + " FROM events WHERE kind = 'vote'";
    Statement votes(db, sql.constData());
    VoteFactsWriter writer(db);
    // A payload that is not JSON at all (a row damaged on disk) is kept as an unreadable vote,
    // counted and named in the analyses' warning; the migration does not stop on it.
    return forEachRow(votes, [&](const Statement &row) -> Status {
        auto e = eventFromRow(row, false);
        if (!e)
            return e.error();
        const QByteArray payload = row.columnBytes(10);
        e->payload = nlohmann::json::parse(payload.cbegin(), payload.cend(), nullptr, false);
        if (e->payload.is_discarded())
            return writer.addUnreadable(*e, QStringLiteral("the stored payload is not JSON"));
        return writer.add(*e);
    });
}

} // namespace majlis::store
