#pragma once

#include "cli/manpage.h"

namespace majlis::server {

// majlis-server(1) and `majlis-server --help`, one text (app/cli/manpage.h).
app::ManPage manual();
// The workstation commands' lines, for `majlis-server workstation` without a verb.
QString workstationUsage();

} // namespace majlis::server
