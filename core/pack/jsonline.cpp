#include "pack/jsonline.h"

#include "common/jsonparse.h"
#include "pack/fastjson.h"

namespace majlis::pack {

Result<nlohmann::json> parseJsonLine(const QByteArray &line, const LineRef &where)
{
    if (auto fast = parseJsonFast(line.constData(), line.constData() + line.size()))
        return std::move(*fast);
    return parseJson(std::string_view(line.constData(), size_t(line.size())), JsonSource{where.file, where.line});
}

} // namespace majlis::pack
