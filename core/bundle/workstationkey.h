#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

#include "common/result.h"

namespace majlis::bundle {

// The Ed25519 key pair that signs this workstation's vote bundles. Made on first use and kept
// in a data folder: `workstation_ed25519.key` (the 64-byte libsodium secret key, mode 0600,
// owned by the current user) and `workstation_ed25519.pub` (the public key, base64, one line).
//
// The secret never leaves this object: it lives in sodium_malloc'd memory (guard pages, not
// swapped) and is wiped when the object dies. Move-only, so there is exactly one copy.
class WorkstationKey
{
public:
    static inline const QString SecretKeyFileName = QStringLiteral("workstation_ed25519.key");
    static inline const QString PublicKeyFileName = QStringLiteral("workstation_ed25519.pub");
    static constexpr qsizetype PublicKeyBytes = 32;
    static constexpr qsizetype SignatureBytes = 64;

    // Loads the key pair from `folder`, or makes one (and the folder) when there is none.
    // Refuses a secret key that other users can read, or that belongs to another user, with a
    // message that says how to recover; never loosens or repairs permissions silently.
    static Result<WorkstationKey> loadOrCreate(const QString &folder);

    WorkstationKey(WorkstationKey &&) noexcept;
    WorkstationKey &operator=(WorkstationKey &&) noexcept;
    WorkstationKey(const WorkstationKey &) = delete;
    WorkstationKey &operator=(const WorkstationKey &) = delete;
    ~WorkstationKey();

    QByteArray publicKey() const { return m_publicKey; }
    QString publicKeyBase64() const;
    // What two people compare to know they hold the same key: the first 128 bits of the raw
    // key's SHA-256, hex in groups of four ("3f2a 9c01 …"), short enough to read over the phone.
    static QString fingerprint(QByteArrayView publicKey);
    QString secretKeyPath() const { return m_secretKeyPath; }

    // A detached Ed25519 signature (64 bytes).
    QByteArray sign(QByteArrayView message) const;
    static bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);

private:
    struct SecretDeleter
    {
        void operator()(unsigned char *secret) const;
    };
    using Secret = std::unique_ptr<unsigned char, SecretDeleter>;

    WorkstationKey(Secret secret, QByteArray publicKey, QString secretKeyPath);
    static Result<WorkstationKey> load(const QString &folder);
    static Result<WorkstationKey> create(const QString &folder);
    static Result<Secret> allocateSecret();

    Secret m_secret;
    QByteArray m_publicKey;
    QString m_secretKeyPath;
};

} // namespace majlis::bundle
