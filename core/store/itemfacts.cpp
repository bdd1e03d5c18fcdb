// EventStore's reads of the items' dialect and category (store/eventstore.h), for the fold.
#include "store/eventstore.h"

#include "common/logging.h"
#include "store/bodycodec.h"
#include "store/sqlite.h"

namespace majlis::store {

Result<QHash<QString, ItemFacts>> EventStore::itemFacts(const QString &packId)
{
    QHash<QString, ItemFacts> out;
    const auto text = [](std::string_view utf8) { return QString::fromUtf8(utf8.data(), qsizetype(utf8.size())); };
    if (Status s = forEachItemFacts(packId, [&](std::string_view id, std::string_view dialect, std::string_view category) {
            out.insert(text(id), {text(dialect), text(category)});
        });
        !s)
        return s.error();
    return out;
}

Status EventStore::forEachItemFacts(const QString &packId, const ItemFactsVisit &visit)
{
    // A store opened read-only is not migrated: before schema 6 every item's facts are in its body.
    auto version = m_db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    // From schema 8 the items whose facts are columns are listed from items_facts alone, then
    // those imported before schema 6 whose facts are still in their bodies, if any.
    if (*version >= 8) {
        Statement listed(m_db, "SELECT id, dialect, category FROM items "
                               "WHERE pack_id = ?1 AND dialect IS NOT NULL AND category IS NOT NULL");
        if (!listed.valid())
            return listed.prepareError();
        listed.bind(1, packId);
        if (Status s = forEachRow(listed, [&](const Statement &row) {
                visit(row.columnView(0), row.columnView(1), row.columnView(2));
            });
            !s)
            return s;
    }
    Statement st(m_db, *version >= 8   ? "SELECT id, NULL, NULL, line, body FROM items "
                                         "WHERE pack_id = ?1 AND (dialect IS NULL OR category IS NULL)"
                       : *version >= 6 ? "SELECT id, dialect, category, line, CASE WHEN dialect IS NULL OR category "
                                         "IS NULL THEN body END FROM items WHERE pack_id = ?1"
                                       : "SELECT id, NULL, NULL, line, body FROM items WHERE pack_id = ?1");
    if (!st.valid())
        return st.prepareError();
    st.bind(1, packId);
    std::optional<PackHeader> header;
    return forEachRow(st, [&](const Statement &row) -> Status {
        if (!row.columnIsNull(1) && !row.columnIsNull(2)) {
            visit(row.columnView(0), row.columnView(1), row.columnView(2));
            return Status();
        }
        if (!header) {
            auto h = packHeader(packId);
            if (!h)
                return h.error();
            header = std::move(*h);
        }
        // A damaged body costs only its own item's facts (its votes fall in the empty slice), as
        // when each item was read on its own; the store says which.
        const QString itemId = row.columnText(0);
        auto item = decodeStoredItem(row.columnBlob(4), *header, itemId, row.columnInt(3));
        if (!item) {
            qCWarning(lcStore).noquote() << "stored item" << itemId << "of pack" << packId
                                         << "is damaged; its dialect and category are unknown:" << item.error().message;
            return Status();
        }
        const QByteArray dialect = item->dialect.toUtf8(), category = item->category.toUtf8();
        visit(row.columnView(0), std::string_view(dialect.constData(), std::size_t(dialect.size())),
              std::string_view(category.constData(), std::size_t(category.size())));
        return Status();
    });
}

} // namespace majlis::store
