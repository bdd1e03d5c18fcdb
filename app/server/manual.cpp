// What majlis-server says of itself: its --help and its man page, from these texts alone.
#include "manual.h"

namespace majlis::server {

namespace {

const QList<app::ManOption> &workstationCommands()
{
    static const QList<app::ManOption> list{
        {QStringLiteral("workstation enroll --db SPEC --workstation ID --key KEY|FILE.pub --owner NAME [--replace]"),
         QStringLiteral("binds a workstation's signing key to the person who uses it: its events are then taken only when "
                        "signed by that key and sent by that person's token (or relayed in a bundle by a coordinator). "
                        "ID and KEY are what `majlisctl workstation show` prints on the workstation. --replace puts a "
                        "new key in place of an enrolled one; it is recorded in the audit log")},
        {QStringLiteral("workstation invite --db SPEC --owner NAME [--hours N]"),
         QStringLiteral("prints a one-time enrollment code for NAME, valid N hours (1 to 2160, default 72), which the "
                        "annotator gives to `majlisctl workstation enroll --code CODE` or pastes into the desktop app's Settings")},
        {QStringLiteral("workstation list --db SPEC"), QStringLiteral("the enrolled workstations, a line each, tab-separated: id, owner, key (base64), who "
                                                                       "enrolled it, when")},
        {QStringLiteral("workstation revoke --db SPEC --workstation ID"),
         QStringLiteral("takes a workstation's binding back: its events stay, new ones are refused until it is "
                        "enrolled again")},
        {QStringLiteral("workstation audit --db SPEC"),
         QStringLiteral("the audit log: every enrollment, key replacement and revocation, who did it and when")},
    };
    return list;
}

} // namespace

app::ManPage manual()
{
    app::ManPage p;
    p.name = QStringLiteral("majlis-server");
    p.oneLine = QStringLiteral("the sync server of Majlis: votes in from workstations and bundles, the leaderboard out");
    p.synopsis = {QStringLiteral("[--config FILE] [--listen HOST:PORT] [--db sqlite:PATH | --db postgresql://USER@HOST:PORT/DB] [--cert FILE.pem "
                                 "--key FILE.pem] [--groups FILE] [--enrollment code|first-use] [--max-connections N] "
                                 "[--max-per-client N] [--timeout SECONDS] [--max-header-bytes N]"),
                  QStringLiteral("token create --db SPEC|--config FILE --name NAME --role annotator|reviewer|coordinator"),
                  QStringLiteral("workstation enroll|invite|list|revoke|audit --db SPEC|--config FILE ...")};
    p.description = QStringLiteral(
        "majlis-server takes the votes of annotators' workstations, sent over HTTP by `majlisctl sync` and the desktop "
        "app, or carried as signed bundle files (POST /api/v1/bundles), into one store, SQLite or PostgreSQL; publishes "
        "task packs; and answers the leaderboard (GET /api/v1/leaderboard) that `majlisctl ratings` computes locally. "
        "Every request but /api/v1/health needs a bearer token (token create). docs/api.md is the API; "
        "docs/security.md the threat model, enrollment and limits.\n\n"
        "It prints one line on stdout when it listens, \"majlis-server VERSION (BACKEND) listening on URL\"; "
        "--listen HOST:0 picks a free port, which that line names.");
    p.lists = {
        {QStringLiteral("Options"),
         {
             {QStringLiteral("--config FILE"),
              QStringLiteral("read settings from FILE (see Files); an option on the command line wins over the file's line. "
                             "The commands below take only db from it")},
             {QStringLiteral("--listen HOST:PORT"),
              QStringLiteral("the numeric address to listen on, IPv4 or IPv6; default 127.0.0.1:8787")},
             {QStringLiteral("--db sqlite:PATH | postgresql://USER@HOST:PORT/DB"),
              QStringLiteral("the store; default sqlite:majlis-server.sqlite. It is created, or migrated to this version's schema")},
             {QStringLiteral("--cert FILE.pem --key FILE.pem"),
              QStringLiteral("serve HTTPS with this PEM certificate and private key (both or neither)")},
             {QStringLiteral("--groups FILE"),
              QStringLiteral("annotator -> group, for the leaderboard's group slice: a JSON object {\"amina\": \"dubai\"} or "
                             "lines annotator,group")},
             {QStringLiteral("--enrollment code|first-use"),
              QStringLiteral("code (default): a workstation's events are taken only once a coordinator enrolled it or it used a "
                             "one-time code; first-use: the first token that sends a workstation's signed events owns it "
                             "(a coordinator sees and can revoke it)")},
             {QStringLiteral("--max-connections N"), QStringLiteral("connections open at once, in all; default 1000")},
             {QStringLiteral("--max-per-client N"), QStringLiteral("connections open at once from one IP address; default 64")},
             {QStringLiteral("--timeout SECONDS"),
              QStringLiteral("idle time allowed while headers or a body come in, or between requests; default 30")},
             {QStringLiteral("--max-header-bytes N"),
              QStringLiteral("the request line and headers together; default 32768")},
             {QStringLiteral("--help"), QStringLiteral("print this and exit")},
             {QStringLiteral("--man-page FILE"), QStringLiteral("write this manual as a man page to FILE and exit")},
         }},
        {QStringLiteral("Commands"),
         QList<app::ManOption>{{QStringLiteral("token create --db SPEC --name NAME --role annotator|reviewer|coordinator"),
                                QStringLiteral("makes a bearer token for NAME with that role and prints it once on stdout; "
                                               "the store keeps only its hash")}}
             + workstationCommands()},
    };
    p.texts = {
        {QStringLiteral("Signals"), QStringLiteral("SIGTERM or SIGINT: stop accepting, finish the requests begun, exit 0.")},
        {QStringLiteral("Files"),
         QStringLiteral("/etc/majlis/server.conf: the configuration the packaged service reads (--config). One \"name = value\" "
                        "a line, '#' starts a comment line; the names are the options above without their dashes: listen, db, "
                        "cert, key, groups, enrollment, max-connections, max-per-client, timeout, max-header-bytes. An unknown "
                        "name, a line without '=', an empty value or a name set twice is refused with the file and line.\n\n"
                        "/var/lib/majlis-server: the service's state directory, with its SQLite store, owned by the majlis "
                        "user. Run the commands as that user (runuser -u majlis -- majlis-server token create --config "
                        "/etc/majlis/server.conf ...): run as root against a store another user owns, they refuse, since the "
                        "files SQLite adds beside it would then be root's.")},
        {QStringLiteral("Exit status"),
         QStringLiteral("0 stopped by a signal after finishing its requests, or a command succeeded; 1 the store, a file or "
                        "the address could not be used (one line on stderr says why); 2 usage error.")},
    };
    p.seeAlso = {QStringLiteral("majlisctl(1)"), QStringLiteral("majlis(1)")};
    return p;
}

QString workstationUsage()
{
    QString s;
    const QList<app::ManOption> &list = workstationCommands();
    for (qsizetype i = 0; i < list.size(); ++i)
        s += (i == 0 ? QStringLiteral("usage: ") : QStringLiteral("       ")) + QStringLiteral("majlis-server ") + list[i].spelling
             + u'\n';
    return s + QStringLiteral("The workstation ID and KEY are what `majlisctl workstation show` prints on the workstation.\n");
}

} // namespace majlis::server
