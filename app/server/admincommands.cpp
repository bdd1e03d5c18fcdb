#include "admincommands.h"
#include "cli/optionlist.h"
#include "manual.h"
#include "serverconfig.h"

#include "bundle/workstationkey.h"
#include "common/json.h"
#include "store/eventstore.h"
#include "sync/serverstorage.h"
#include "sync/tokens.h"

#include <QDateTime>
#include <QFile>

#include <optional>

using namespace majlis;

namespace {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

void usage(QTextStream &s)
{
    s << server::workstationUsage();
}

QString actor()
{
    const QString user = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    return QStringLiteral("coordinator:%1 (server command line)").arg(user);
}

QByteArray readKey(const QString &text)
{
    QByteArray bytes = text.toLatin1();
    if (QFile file(text); file.exists() && file.open(QIODevice::ReadOnly))
        bytes = file.readAll();
    return QByteArray::fromBase64(bytes.trimmed());
}

} // namespace

int workstationCommand(QStringList args, QTextStream &out, QTextStream &err)
{
    if (args.isEmpty()) {
        usage(err);
        return kUsage;
    }
    const QString verb = args.takeFirst();
    const auto db = app::take(args, QStringLiteral("--db"));
    const auto workstation = app::take(args, QStringLiteral("--workstation"));
    const auto keyText = app::take(args, QStringLiteral("--key"));
    const auto owner = app::take(args, QStringLiteral("--owner"));
    const auto hours = app::take(args, QStringLiteral("--hours"));
    const bool replace = args.removeAll(QStringLiteral("--replace")) > 0;
    if (!db || !args.isEmpty()) {
        err << "majlis-server: error: " << (db ? QStringLiteral("unknown argument %1").arg(args.first()) : QStringLiteral("--db is needed"))
            << '\n';
        usage(err);
        return kUsage;
    }
    auto storage = server::openStore(*db, QStringLiteral("workstation %1 --db %2 ...").arg(verb, *db));
    if (!storage) {
        err << "majlis-server: error: " << storage.error().message << '\n';
        return kFailed;
    }
    sync::ServerStorage &s = **storage;
    auto failed = [&](const Error &e) {
        err << "majlis-server: error: " << e.message << '\n';
        return kFailed;
    };

    if (verb == QLatin1String("enroll")) {
        const QByteArray key = keyText ? readKey(*keyText) : QByteArray();
        if (!workstation || !owner || owner->trimmed().isEmpty() || key.size() != bundle::WorkstationKey::PublicKeyBytes) {
            err << "majlis-server: error: workstation enroll needs --workstation, --owner and --key (base64 of a 32-byte "
                   "Ed25519 public key, or its .pub file)\n";
            return kUsage;
        }
        const store::WorkstationBinding wanted{*workstation, key, owner->trimmed(), actor(), {}};
        auto existing = s.findWorkstation(*workstation);
        if (!existing)
            return failed(existing.error());
        if (*existing && ((*existing)->publicKey != key || (*existing)->owner != wanted.owner)) {
            if (!replace) {
                err << "majlis-server: error: workstation " << *workstation << " is bound to " << (*existing)->owner
                    << " with key " << (*existing)->publicKey.toBase64()
                    << "; add --replace to replace the binding (recorded in the audit)\n";
                return kFailed;
            }
            if (Status st = s.replaceWorkstation(wanted, actor()); !st)
                return failed(st.error());
            out << "workstation " << *workstation << ": binding replaced (owner " << wanted.owner << ", key "
                << key.toBase64() << ")\n";
            return kOk;
        }
        auto bound = s.bindWorkstation(wanted, actor());
        if (!bound)
            return failed(bound.error());
        out << "workstation " << *workstation << " enrolled for " << wanted.owner << " with key " << key.toBase64() << '\n';
        return kOk;
    }
    if (verb == QLatin1String("invite")) {
        bool ok = true;
        const int h = hours ? hours->toInt(&ok) : 72;
        if (!owner || owner->trimmed().isEmpty() || !ok || h < 1 || h > 24 * 90) {
            err << "majlis-server: error: workstation invite needs --owner NAME [--hours 1..2160]\n";
            return kUsage;
        }
        const QByteArray code = sync::makeToken();
        const QString expires = QDateTime::currentDateTimeUtc().addSecs(qint64(h) * 3600).toString(Qt::ISODateWithMs);
        if (Status st = s.addEnrollmentCode(sync::tokenHash(code), owner->trimmed(), actor(), expires); !st)
            return failed(st.error());
        err << "one-time enrollment code for " << owner->trimmed() << ", valid until " << expires
            << "; it is shown only this once:\n";
        out << code << '\n';
        return kOk;
    }
    if (verb == QLatin1String("list")) {
        auto list = s.workstations();
        if (!list)
            return failed(list.error());
        for (const store::WorkstationBinding &b : *list)
            out << b.workstation << '\t' << (b.owner.isEmpty() ? QStringLiteral("-") : b.owner) << '\t'
                << b.publicKey.toBase64() << '\t' << b.registeredBy << '\t' << b.registeredUtc << '\n';
        return kOk;
    }
    if (verb == QLatin1String("revoke")) {
        if (!workstation) {
            err << "majlis-server: error: workstation revoke needs --workstation ID\n";
            return kUsage;
        }
        if (Status st = s.revokeWorkstation(*workstation, actor()); !st)
            return failed(st.error());
        out << "workstation " << *workstation << ": binding revoked; its events stay, new ones are refused until it is "
               "enrolled again\n";
        return kOk;
    }
    if (verb == QLatin1String("audit")) {
        auto entries = s.workstationAudit();
        if (!entries)
            return failed(entries.error());
        for (const store::WorkstationAuditEntry &e : *entries)
            out << e.atUtc << '\t' << e.action << '\t' << e.workstation << '\t' << e.actor << '\t'
                << (e.owner.isEmpty() ? QStringLiteral("-") : e.owner) << '\t'
                << (e.publicKeyBase64.isEmpty() ? QStringLiteral("-") : e.publicKeyBase64) << '\t'
                << (e.previousKeyBase64.isEmpty() ? QStringLiteral("-") : e.previousKeyBase64) << '\n';
        return kOk;
    }
    usage(err);
    return kUsage;
}
