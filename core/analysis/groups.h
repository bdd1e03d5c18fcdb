#pragma once

#include <QHash>
#include <QString>

#include "common/result.h"

namespace majlis::analysis {

// Annotator -> group, for the "group" slice, from a file: a JSON object {"annotator": "group"}
// or lines "annotator<TAB or comma>group" ('#' starts a comment line). Read by majlisctl
// ratings --groups and majlis-server --groups.
Result<QHash<QString, QString>> readAnnotatorGroups(const QString &path);

} // namespace majlis::analysis
