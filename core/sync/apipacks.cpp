#include "sync/apihandler.h"

#include "common/logging.h"
#include "pack/packreader.h"
#include "store/eventstore.h"
#include "sync/apianswers.h"
#include "sync/protocol.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QSet>

// GET and POST /api/v1/packs, GET /api/v1/packs/<id>: published task packs.
namespace majlis::sync {

using api::json;
using api::problem;
using api::storageFailure;
using api::tooLarge;
using api::withArticle;

ApiResponse ApiHandler::listPacks()
{
    auto packs = m_storage.packs();
    if (!packs)
        return storageFailure(packs.error());
    nlohmann::json list = nlohmann::json::array();
    for (const PublishedPack &p : *packs)
        list.push_back({{"id", toStd(p.id)},
                        {"title", toStd(p.title)},
                        {"items", p.itemCount},
                        {"sha256", toStd(p.sha256)},
                        {"published", toStd(p.publishedUtc)}});
    return json(200, {{"packs", std::move(list)}});
}

ApiResponse ApiHandler::getPack(const QString &id)
{
    auto file = m_storage.packFile(id);
    if (!file)
        return storageFailure(file.error());
    if (!*file)
        return problem(404, "not_found", QStringLiteral("no pack \"%1\"").arg(id));
    return {200, "application/x-ndjson", **file};
}

ApiResponse ApiHandler::postPack(const Caller &caller, const ApiRequest &request)
{
    if (caller.role != Role::Coordinator)
        return problem(
            403, "forbidden",
            QStringLiteral("publishing a pack needs the coordinator role; %1 is %2").arg(caller.name, withArticle(caller.role)));
    if (request.body.size() > MaxBundleBytes)
        return tooLarge(request.body.size(), MaxBundleBytes);
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(request.body);
    buffer->open(QIODevice::ReadOnly);
    auto reader = pack::PackReader::open(std::move(buffer), QStringLiteral("pack"));
    if (!reader)
        return problem(400, "bad_pack", reader.error().message);
    QSet<QString> ids;
    for (;;) {
        auto next = (*reader)->next();
        if (!next)
            return problem(400, "bad_pack", next.error().message);
        if (!next->has_value())
            break;
        const pack::ItemRecord &record = **next;
        if (ids.contains(record.item.id))
            return problem(
                400, "bad_pack",
                QStringLiteral("pack:%1: field \"id\": duplicate item id \"%2\"").arg(record.lineNumber).arg(record.item.id));
        ids.insert(record.item.id);
    }
    if (ids.isEmpty())
        return problem(400, "bad_pack", QStringLiteral("the pack has a header and no items"));
    PublishedPack p;
    p.id = (*reader)->header().id;
    p.title = (*reader)->header().title;
    p.itemCount = ids.size();
    p.sha256 = QString::fromLatin1(QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex());
    p.publishedBy = caller.name;
    p.publishedUtc = store::utcNow();
    auto published = m_storage.publishPack(p, request.body);
    if (!published) {
        if (published.error().code == Error::Code::Conflict)
            return problem(409, "conflict", published.error().message);
        return storageFailure(published.error());
    }
    if (*published)
        if (Status s = m_leaderboard.preload(); !s)
            qCWarning(lcSync).noquote() << "leaderboard: cannot read the published packs:" << s.error().message;
    return json(*published ? 201 : 200,
                {{"id", toStd(p.id)}, {"items", p.itemCount}, {"sha256", toStd(p.sha256)}, {"already_published", !*published}});
}

}  // namespace majlis::sync
