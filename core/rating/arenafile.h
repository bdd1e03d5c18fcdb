#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "common/result.h"
#include "rating/battle.h"

namespace majlis::rating {

// Chatbot Arena battle files: records with string fields `model_a`, `model_b` and `winner`
// (model_a | model_b | tie | "tie (bothbad)" | both_bad); other fields are ignored. Either a
// JSON array of records or JSON Lines, told apart by the first character. Models are numbered
// in order of first appearance, battles keep the file's order.
enum class ArenaLayout { JsonLines, JsonArray };

// Fails on the first bad record with "<source>:<line>: field "<name>": <what is wrong>"; the
// line is where the record starts (or where a JSON syntax error is).
Result<BattleSet> parseArenaBattles(QByteArrayView data, const QString &source = QStringLiteral("<input>"));
Result<BattleSet> readArenaBattles(const QString &path);

// "both bad" is written as Arena spells it, "tie (bothbad)".
QByteArray writeArenaBattles(const BattleSet &set, ArenaLayout layout = ArenaLayout::JsonLines);
Status writeArenaBattlesFile(const QString &path, const BattleSet &set, ArenaLayout layout = ArenaLayout::JsonLines);

} // namespace majlis::rating
