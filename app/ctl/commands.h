#pragma once

#include <QStringList>
#include <QTextStream>

namespace majlis::ctl {

// What every command gets: its arguments (after the command words), the store path, and the
// two output streams. A command returns the process exit code.
struct Context
{
    QStringList args;
    QString storePath;
    QTextStream &out;
    QTextStream &err;
    bool quiet = false; // --quiet: nothing on err but errors (notes and progress are left out)
};

// Exit codes: 0 success, 1 the command failed (one line on stderr says why), 2 usage error.
enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

// The one line on stderr a failed command prints (a multi-line message is folded into it).
inline int fail(Context &ctx, const QString &message)
{
    ctx.err << "majlisctl: error: " << QString(message).replace(QLatin1Char('\n'), QLatin1String("; ")) << '\n';
    return Failed;
}

inline int usageError(Context &ctx, const QString &message)
{
    ctx.err << "majlisctl: error: " << message << '\n';
    return Usage;
}

int packImport(Context &ctx);
int packValidate(Context &ctx);
int packBuild(Context &ctx);
int packList(Context &ctx);
int eventsExport(Context &ctx);
int stats(Context &ctx);

// bundlecommands.cpp
int bundleExport(Context &ctx);
int bundleVerify(Context &ctx);
int bundleImport(Context &ctx);
int workstationShow(Context &ctx);
int workstationTrust(Context &ctx);
int workstationEnroll(Context &ctx);

// synccommands.cpp
int sync(Context &ctx);

// ratingcommands.cpp
int ratings(Context &ctx);
int exportVotes(Context &ctx);
int agreement(Context &ctx);
int bias(Context &ctx);

// votecommands.cpp
int votesImport(Context &ctx);

} // namespace majlis::ctl
