#pragma once

#include <QList>
#include <QString>

namespace majlis::ctl {

// One option of a command as its help lists it: "--pack ID" and what it does.
struct OptionHelp
{
    const char *spelling;    // "--pack ID", "-o FILE, --output FILE", "--force"
    const char *description; // one or two sentences; defaults stated
};

// What `majlisctl help COMMAND`, `COMMAND --help` and `-h` print, below the synopsis of the
// command table (main.cpp). Every command of the table has one (test_ctl_help walks the table).
struct CommandHelp
{
    const char *words;       // the command words, "pack build"
    const char *summary;     // one sentence: what the command does
    const char *details;     // a paragraph or two: what it reads and writes, what it refuses; may be empty
    QList<OptionHelp> options;
    const char *example;     // one or more command lines, newline-separated, each starting "majlisctl "
    const char *exitCodes;   // besides "0 success, 1 failed, 2 usage error", e.g. what 1 means here; may be empty
};

// The help of every command, in the order of the command table; nullptr for words it does not know.
const QList<CommandHelp> &commandHelp();
const CommandHelp *helpFor(const QString &words);

} // namespace majlis::ctl
