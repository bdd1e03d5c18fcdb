#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>

#include "common/result.h"
#include "pack/judgments.h"

// What the judgment readers (judgments.cpp, judgmentlong.cpp) share. Internal to majlis_pack.
namespace majlis::pack::judgments {

// Python's json module writes a missing value as a bare NaN (PandaLM's testset has them); JSON has
// none. Every NaN outside a string becomes null, so the file reads and the field counts as absent.
QByteArray nanAsNull(const QByteArray &bytes);

// The records of a JSON array (where: "FILE: record N") or of JSON Lines ("FILE:LINE"), each an object.
using RecordVisitor = std::function<Status(const nlohmann::json &record, const QString &where)>;
Status forEachRecord(const QByteArray &bytes, const QString &path, const RecordVisitor &visit);

// obj[key] as non-empty text, or an error naming the field, with `why` it is needed.
Result<QString> requiredText(const nlohmann::json &r, const char *key, const QString &where, const QString &why);

// "not a FORMAT record: NEEDS", with a hint when the record has the shape of another format.
Error wrongShape(const QString &where, const QString &expected, const nlohmann::json &r, const QString &needs);

Status readLongJudgments(const QByteArray &bytes, const QString &path, const JudgmentColumns &columns, JudgmentFile &out);

} // namespace majlis::pack::judgments
