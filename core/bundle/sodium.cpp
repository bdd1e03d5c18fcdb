#include "bundle/sodium.h"

#include <sodium.h>

namespace majlis::bundle {

Status ensureSodium()
{
    // A function-local static is initialised exactly once even when threads race here.
    static const int rc = sodium_init();
    if (rc < 0)
        return Error::internal(QStringLiteral("libsodium could not be initialised"));
    return {};
}

} // namespace majlis::bundle
