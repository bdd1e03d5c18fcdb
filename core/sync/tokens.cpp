#include "sync/tokens.h"

#include <sodium.h>

namespace majlis::sync {

QString toString(Role role)
{
    switch (role) {
    case Role::Annotator: return QStringLiteral("annotator");
    case Role::Reviewer: return QStringLiteral("reviewer");
    case Role::Coordinator: return QStringLiteral("coordinator");
    }
    return {};
}

std::optional<Role> roleFromString(const QString &text)
{
    for (Role r : {Role::Annotator, Role::Reviewer, Role::Coordinator})
        if (toString(r) == text)
            return r;
    return std::nullopt;
}

QByteArray makeToken()
{
    if (sodium_init() < 0)
        qFatal("libsodium failed to initialise");
    QByteArray secret(32, Qt::Uninitialized);
    randombytes_buf(secret.data(), size_t(secret.size()));
    return "mjt_" + secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString tokenHash(const QByteArray &token)
{
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char *>(token.constData()),
                       size_t(token.size()), nullptr, 0);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

} // namespace majlis::sync
