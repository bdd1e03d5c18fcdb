#pragma once

#include <QByteArray>

#include "analysis/livevotes.h"

namespace majlis::analysis {

// One RFC 4180 row per live vote: ids, annotator, item, dialect, category, models, outcome,
// sides, selection and time. The header row names the columns.
QByteArray votesToCsv(const LiveVoteList &votes);

} // namespace majlis::analysis
