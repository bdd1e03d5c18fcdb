#include "common/uuid.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <array>

namespace majlis {

QString makeUuidV7()
{
    return makeUuidV7(std::uint64_t(QDateTime::currentMSecsSinceEpoch()));
}

QString makeUuidV7(std::uint64_t unixMillis)
{
    std::array<quint8, 16> b{};
    for (int i = 0; i < 6; ++i)
        b[size_t(i)] = quint8(unixMillis >> (8 * (5 - i)));
    std::array<quint32, 3> r{};
    QRandomGenerator::system()->fillRange(r.data(), qsizetype(r.size()));
    for (int i = 6; i < 16; ++i)
        b[size_t(i)] = quint8(r[size_t((i - 6) / 4)] >> (8 * ((i - 6) % 4)));
    b[6] = quint8(0x70 | (b[6] & 0x0f)); // version 7
    b[8] = quint8(0x80 | (b[8] & 0x3f)); // variant 10

    static constexpr char hex[] = "0123456789abcdef";
    QString out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += QLatin1Char('-');
        out += QLatin1Char(hex[b[size_t(i)] >> 4]);
        out += QLatin1Char(hex[b[size_t(i)] & 0x0f]);
    }
    return out;
}

bool isUuid(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return re.match(text).hasMatch();
}

} // namespace majlis
