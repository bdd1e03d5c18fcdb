#include "bundle/posixfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <array>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace majlis::bundle::posix {

FileDescriptor::~FileDescriptor()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

FileDescriptor &FileDescriptor::operator=(FileDescriptor &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

Status FileDescriptor::close(const QString &path)
{
    const int fd = std::exchange(m_fd, -1);
    if (fd >= 0 && ::close(fd) != 0)
        return Error::io(QStringLiteral("%1: closing failed: %2").arg(path, errnoText(errno)));
    return {};
}

UnlinkGuard::~UnlinkGuard()
{
    if (!m_path.isEmpty())
        ::unlink(nativePath(m_path).constData());
}

QString temporarySibling(const QString &target)
{
    const QFileInfo info(target);
    std::array<unsigned char, 8> random{};
    randombytes_buf(random.data(), random.size());
    const QByteArray suffix = QByteArray(reinterpret_cast<const char *>(random.data()), qsizetype(random.size())).toHex();
    return info.dir().filePath(QStringLiteral(".%1.%2.part").arg(info.fileName(), QString::fromLatin1(suffix)));
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QByteArray nativePath(const QString &path)
{
    return QFile::encodeName(path);
}

Status writeAll(int fd, const char *data, qsizetype size, const QString &path)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::io(QStringLiteral("%1: writing failed: %2").arg(path, errnoText(errno)));
        }
        data += n;
        size -= n;
    }
    return {};
}

Status syncFile(int fd, const QString &path)
{
    if (::fsync(fd) != 0)
        return Error::io(QStringLiteral("%1: flushing to the device failed: %2").arg(path, errnoText(errno)));
    return {};
}

Status syncFolder(const QString &folder)
{
    FileDescriptor dir(::open(nativePath(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.isOpen())
        return Error::io(QStringLiteral("%1: cannot open the folder: %2").arg(folder, errnoText(errno)));
    // Some file systems cannot sync a directory and say so with EINVAL; their renames are
    // as durable as they get.
    if (::fsync(dir.get()) != 0 && errno != EINVAL)
        return Error::io(QStringLiteral("%1: flushing the folder failed: %2").arg(folder, errnoText(errno)));
    return dir.close(folder);
}

Status renameNoReplace(const QString &from, const QString &to)
{
    const QByteArray src = nativePath(from);
    const QByteArray dst = nativePath(to);
    if (::renameat2(AT_FDCWD, src.constData(), AT_FDCWD, dst.constData(), RENAME_NOREPLACE) == 0)
        return {};
    if (errno == EEXIST)
        return Error::conflict(QStringLiteral("%1 already exists").arg(to));
    if (errno != EINVAL && errno != ENOSYS)
        return Error::io(QStringLiteral("renaming %1 to %2 failed: %3").arg(from, to, errnoText(errno)));
    struct stat st {};
    if (::lstat(dst.constData(), &st) == 0)
        return Error::conflict(QStringLiteral("%1 already exists").arg(to));
    if (::rename(src.constData(), dst.constData()) != 0)
        return Error::io(QStringLiteral("renaming %1 to %2 failed: %3").arg(from, to, errnoText(errno)));
    return {};
}

} // namespace majlis::bundle::posix
