#pragma once

#include <QByteArray>
#include <QString>

#include "common/result.h"

#include <utility>

// Thin POSIX helpers for the few places where Qt hides what durability needs: O_EXCL creation
// with an exact mode, fsync of a file and of its folder, and a rename that never replaces.
namespace majlis::bundle::posix {

// Owns one file descriptor; closes it in the destructor.
class FileDescriptor
{
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor();
    FileDescriptor(FileDescriptor &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    FileDescriptor &operator=(FileDescriptor &&other) noexcept;
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    int get() const { return m_fd; }
    bool isOpen() const { return m_fd >= 0; }
    Status close(const QString &path);

private:
    int m_fd = -1;
};

// Removes a temporary file when the scope is left, unless released.
class UnlinkGuard
{
public:
    explicit UnlinkGuard(QString path) : m_path(std::move(path)) {}
    ~UnlinkGuard();
    UnlinkGuard(const UnlinkGuard &) = delete;
    UnlinkGuard &operator=(const UnlinkGuard &) = delete;
    void release() { m_path.clear(); }

private:
    QString m_path;
};

// A name for a temporary file beside `target`: hidden, unique, recognisably ours.
QString temporarySibling(const QString &target);

QString errnoText(int error);
QByteArray nativePath(const QString &path);

Status writeAll(int fd, const char *data, qsizetype size, const QString &path);
Status syncFile(int fd, const QString &path);
// Makes a rename or creation inside `folder` durable.
Status syncFolder(const QString &folder);
// Atomic where the file system supports RENAME_NOREPLACE; elsewhere (some FUSE mounts) a
// check-then-rename whose race only matters when two writers pick the same name at once.
Status renameNoReplace(const QString &from, const QString &to);

} // namespace majlis::bundle::posix
