#pragma once

#include <QLoggingCategory>

// Logging categories of the core. `majlis.store` logs every committed event id at info level:
// an outside tool can trace exactly what was acknowledged to the annotator.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcPack)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcBundle)
