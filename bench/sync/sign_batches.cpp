// majlis-bench-sign KEYS FILE... : signs each batch file as its workstation would, for the server
// ingest benchmark (scripts/bench-sync.sh). For FILE it writes FILE.headers, the three signature
// headers in curl's `-H @FILE` form; each workstation (named by the batch's first event) gets one
// key in KEYS/<workstation>, made on first use.
#include "bundle/workstationkey.h"
#include "sync/protocol.h"

#include <QCoreApplication>
#include <QFile>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <memory>

using namespace majlis;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: majlis-bench-sign KEYS FILE...\n");
        return 2;
    }
    std::map<std::string, std::unique_ptr<bundle::WorkstationKey>> keys;
    for (qsizetype i = 1; i < args.size(); ++i) {
        QFile in(args[i]);
        if (!in.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(args[i]));
            return 1;
        }
        const QByteArray body = in.readAll();
        const auto j = nlohmann::json::parse(body.cbegin(), body.cend(), nullptr, false);
        if (!j.is_object() || !j.contains("events") || j["events"].empty()) {
            std::fprintf(stderr, "%s: not a batch\n", qPrintable(args[i]));
            return 1;
        }
        const std::string ws = j["events"][0].value("workstation", std::string());
        auto &key = keys[ws];
        if (!key) {
            auto made = bundle::WorkstationKey::loadOrCreate(args[0] + QLatin1Char('/') + QString::fromStdString(ws));
            if (!made) {
                std::fprintf(stderr, "%s\n", qPrintable(made.error().message));
                return 1;
            }
            key = std::make_unique<bundle::WorkstationKey>(std::move(made.value()));
        }
        QFile out(args[i] + QStringLiteral(".headers"));
        if (!out.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "cannot write %s.headers\n", qPrintable(args[i]));
            return 1;
        }
        out.write(QByteArray(sync::WorkstationHeader) + ": " + QByteArray::fromStdString(ws) + '\n');
        out.write(QByteArray(sync::PublicKeyHeader) + ": " + key->publicKey().toBase64() + '\n');
        out.write(QByteArray(sync::SignatureHeader) + ": " + key->sign(sync::batchSigningMessage(body)).toBase64()
                  + '\n');
    }
    return 0;
}
