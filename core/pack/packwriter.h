#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "model/pack.h"

namespace majlis::pack {

// The canonical bytes of one line: compact JSON, keys sorted, UTF-8 unescaped, no line end.
QByteArray canonicalLine(const nlohmann::json &value);

// Writes a pack in canonical form (header, then one item per line, each ending in "\n"),
// atomically: the target appears complete or not at all. Writes what it is given; run
// validateFile on the result to check the pack's rules.
Status writePack(const QString &path, const PackHeader &header, const QList<Item> &items);

} // namespace majlis::pack
