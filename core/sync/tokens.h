#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace majlis::sync {

enum class Role { Annotator, Reviewer, Coordinator };
QString toString(Role role);
std::optional<Role> roleFromString(const QString &text);

// A new bearer token: "mjt_" and 43 base64url characters (32 random bytes). Shown once.
QByteArray makeToken();
// What the server stores and looks a token up by: hex BLAKE2b-256 of the token. A token is 256
// random bits, so a fast hash is enough; a slow password hash would only slow every request.
QString tokenHash(const QByteArray &token);

} // namespace majlis::sync
