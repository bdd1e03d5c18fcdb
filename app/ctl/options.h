#pragma once

#include "cli/optionlist.h"

namespace majlis::ctl {

// Every majlisctl command reads its options through the list majlis-server uses too.
using Options = app::OptionList;

}  // namespace majlis::ctl
