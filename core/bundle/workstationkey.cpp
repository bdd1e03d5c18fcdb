#include "bundle/workstationkey.h"

#include <QCryptographicHash>
#include <QStringList>

#include "bundle/posixfile.h"
#include "bundle/sodium.h"
#include "common/logging.h"

#include <QDir>
#include <QFile>

#include <sodium.h>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace majlis::bundle {

static_assert(crypto_sign_PUBLICKEYBYTES == WorkstationKey::PublicKeyBytes);
static_assert(crypto_sign_BYTES == WorkstationKey::SignatureBytes);

namespace {

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

QString octalMode(mode_t mode)
{
    return QStringLiteral("%1").arg(uint(mode & 07777), 4, 8, QLatin1Char('0'));
}

Result<QByteArray> readPublicKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::notFound(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const QByteArray text = file.read(256).trimmed();
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != WorkstationKey::PublicKeyBytes)
        return Error::validation(QStringLiteral("%1: not a base64 Ed25519 public key").arg(path));
    return decoded.decoded;
}

Status writePublicKeyFile(const QString &path, const QByteArray &publicKey)
{
    const QString temporary = posix::temporarySibling(path);
    posix::UnlinkGuard guard(temporary);
    posix::FileDescriptor fd(::open(posix::nativePath(temporary).constData(),
                                    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd.isOpen())
        return Error::io(QStringLiteral("%1: cannot create: %2").arg(temporary, posix::errnoText(errno)));
    const QByteArray line = publicKey.toBase64() + '\n';
    if (Status s = posix::writeAll(fd.get(), line.constData(), line.size(), temporary); !s)
        return s;
    if (Status s = posix::syncFile(fd.get(), temporary); !s)
        return s;
    if (Status s = fd.close(temporary); !s)
        return s;
    if (::rename(posix::nativePath(temporary).constData(), posix::nativePath(path).constData()) != 0)
        return Error::io(QStringLiteral("%1: cannot write: %2").arg(path, posix::errnoText(errno)));
    guard.release();
    return {};
}

} // namespace

void WorkstationKey::SecretDeleter::operator()(unsigned char *secret) const
{
    sodium_memzero(secret, crypto_sign_SECRETKEYBYTES);
    sodium_free(secret);
}

WorkstationKey::WorkstationKey(Secret secret, QByteArray publicKey, QString secretKeyPath)
    : m_secret(std::move(secret)), m_publicKey(std::move(publicKey)), m_secretKeyPath(std::move(secretKeyPath))
{
}

WorkstationKey::WorkstationKey(WorkstationKey &&) noexcept = default;
WorkstationKey &WorkstationKey::operator=(WorkstationKey &&) noexcept = default;
WorkstationKey::~WorkstationKey() = default;

QString WorkstationKey::publicKeyBase64() const
{
    return QString::fromLatin1(m_publicKey.toBase64());
}

QString WorkstationKey::fingerprint(QByteArrayView publicKey)
{
    const QByteArray hex = QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(16).toHex();
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << QString::fromLatin1(hex.mid(i, 4));
    return groups.join(u' ');
}

QByteArray WorkstationKey::sign(QByteArrayView message) const
{
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr, bytes(message),
                         static_cast<unsigned long long>(message.size()), m_secret.get());
    return signature;
}

bool WorkstationKey::verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature)
{
    if (!ensureSodium() || publicKey.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(bytes(signature), bytes(message),
                                       static_cast<unsigned long long>(message.size()), bytes(publicKey))
           == 0;
}

Result<WorkstationKey::Secret> WorkstationKey::allocateSecret()
{
    Secret secret(static_cast<unsigned char *>(sodium_malloc(crypto_sign_SECRETKEYBYTES)));
    if (!secret)
        return Error::internal(QStringLiteral("cannot allocate protected memory for the workstation key"));
    return secret;
}

Result<WorkstationKey> WorkstationKey::loadOrCreate(const QString &folder)
{
    if (Status s = ensureSodium(); !s)
        return s.error();
    Result<WorkstationKey> loaded = load(folder);
    if (loaded || loaded.error().code != Error::Code::NotFound)
        return loaded;
    return create(folder);
}

Result<WorkstationKey> WorkstationKey::load(const QString &folder)
{
    const QString path = QDir(folder).filePath(SecretKeyFileName);
    posix::FileDescriptor fd(::open(posix::nativePath(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd.isOpen()) {
        if (errno == ENOENT)
            return Error::notFound(QStringLiteral("%1 does not exist").arg(path));
        return Error::io(QStringLiteral("%1: cannot open the workstation key: %2").arg(path, posix::errnoText(errno)));
    }
    // Checked on the open descriptor, so the file judged is the file read.
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        return Error::io(QStringLiteral("%1: %2").arg(path, posix::errnoText(errno)));
    if (!S_ISREG(st.st_mode))
        return Error::validation(QStringLiteral("%1 is not a regular file").arg(path));
    if (st.st_uid != ::geteuid())
        return Error{Error::Code::Auth,
                     QStringLiteral("%1 belongs to another user (uid %2); the workstation key must belong to the "
                                    "user running Majlis")
                         .arg(path)
                         .arg(st.st_uid)};
    if ((st.st_mode & 077) != 0)
        return Error{Error::Code::Auth,
                     QStringLiteral("%1 can be read by other users (mode %2, expected 0600). Anyone who copied it "
                                    "can sign bundles as this workstation. If you are sure nobody did, run "
                                    "`chmod 600 %1`; otherwise delete it and register the new key that Majlis "
                                    "makes on the server")
                         .arg(path, octalMode(st.st_mode))};
    if (st.st_size != crypto_sign_SECRETKEYBYTES)
        return Error::validation(QStringLiteral("%1 is damaged: %2 bytes, expected %3")
                                     .arg(path)
                                     .arg(qint64(st.st_size))
                                     .arg(crypto_sign_SECRETKEYBYTES));

    Result<Secret> secret = allocateSecret();
    if (!secret)
        return secret.error();
    size_t done = 0;
    while (done < crypto_sign_SECRETKEYBYTES) {
        const ssize_t n = ::read(fd.get(), secret->get() + done, crypto_sign_SECRETKEYBYTES - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return Error::io(QStringLiteral("%1: reading failed: %2").arg(path, posix::errnoText(n < 0 ? errno : EIO)));
        done += size_t(n);
    }
    if (Status s = fd.close(path); !s)
        return s.error();

    // The secret key is seed || public key; re-deriving catches a damaged file before it
    // signs a bundle nobody can verify.
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char *>(publicKey.data()), secret->get());
    {
        unsigned char derivedPk[crypto_sign_PUBLICKEYBYTES];
        Result<Secret> scratch = allocateSecret();
        if (!scratch)
            return scratch.error();
        crypto_sign_seed_keypair(derivedPk, scratch->get(), secret->get());
        if (sodium_memcmp(derivedPk, publicKey.constData(), crypto_sign_PUBLICKEYBYTES) != 0)
            return Error::validation(QStringLiteral("%1 is damaged: its public half does not match its seed").arg(path));
    }

    const QString publicPath = QDir(folder).filePath(PublicKeyFileName);
    Result<QByteArray> stored = readPublicKeyFile(publicPath);
    if (!stored && stored.error().code == Error::Code::NotFound) {
        if (Status s = writePublicKeyFile(publicPath, publicKey); !s)
            return s.error();
    } else if (!stored) {
        return stored.error();
    } else if (*stored != publicKey) {
        return Error::validation(QStringLiteral("%1 does not match the secret key in %2; delete %1 and Majlis "
                                                "writes it again from the secret key")
                                     .arg(publicPath, path));
    }
    return WorkstationKey(std::move(*secret), publicKey, path);
}

Result<WorkstationKey> WorkstationKey::create(const QString &folder)
{
    if (!QDir().mkpath(folder))
        return Error::io(QStringLiteral("%1: cannot create the folder").arg(folder));
    const QString path = QDir(folder).filePath(SecretKeyFileName);
    Result<Secret> secret = allocateSecret();
    if (!secret)
        return secret.error();
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(publicKey.data()), secret->get());

    const QString temporary = posix::temporarySibling(path);
    posix::UnlinkGuard guard(temporary);
    // O_EXCL with 0600 from the start: the secret is never readable by others, whatever the umask.
    posix::FileDescriptor fd(::open(posix::nativePath(temporary).constData(),
                                    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR));
    if (!fd.isOpen())
        return Error::io(QStringLiteral("%1: cannot create: %2").arg(temporary, posix::errnoText(errno)));
    if (::fchmod(fd.get(), S_IRUSR | S_IWUSR) != 0)
        return Error::io(QStringLiteral("%1: cannot set mode 0600: %2").arg(temporary, posix::errnoText(errno)));
    if (Status s = posix::writeAll(fd.get(), reinterpret_cast<const char *>(secret->get()),
                                   crypto_sign_SECRETKEYBYTES, temporary);
        !s)
        return s.error();
    if (Status s = posix::syncFile(fd.get(), temporary); !s)
        return s.error();
    if (Status s = fd.close(temporary); !s)
        return s.error();
    if (Status s = posix::renameNoReplace(temporary, path); !s) {
        // Another process made the key first: theirs is the workstation's key.
        if (s.error().code == Error::Code::Conflict)
            return load(folder);
        return s.error();
    }
    guard.release();
    if (Status s = writePublicKeyFile(QDir(folder).filePath(PublicKeyFileName), publicKey); !s)
        return s.error();
    if (Status s = posix::syncFolder(folder); !s)
        return s.error();
    qCInfo(lcBundle).noquote() << "made a new workstation key in" << folder << "public key"
                               << QString::fromLatin1(publicKey.toBase64());
    return WorkstationKey(std::move(*secret), publicKey, path);
}

} // namespace majlis::bundle
