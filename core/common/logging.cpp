#include "common/logging.h"

Q_LOGGING_CATEGORY(lcStore, "majlis.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPack, "majlis.pack", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "majlis.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBundle, "majlis.bundle", QtInfoMsg)
