#pragma once

#include "common/result.h"

namespace majlis::bundle {

// Initialises libsodium once per process; safe to call from any thread, any number of times.
Status ensureSodium();

} // namespace majlis::bundle
