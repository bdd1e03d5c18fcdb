#include "bundle/format.h"

#include "bundle/workstationkey.h"
#include "common/json.h"
#include "common/uuid.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace majlis::bundle {

namespace {

// Reads fields one by one and keeps the first problem, so callers write straight-line code.
class FieldReader
{
public:
    FieldReader(const nlohmann::json &j, QString where) : m_json(j), m_where(std::move(where)) {}

    const nlohmann::json *find(const char *key)
    {
        if (m_error)
            return nullptr;
        auto it = m_json.find(key);
        if (it == m_json.end()) {
            fail(key, QStringLiteral("is missing"));
            return nullptr;
        }
        return &*it;
    }

    QString string(const char *key)
    {
        const nlohmann::json *v = find(key);
        if (!v)
            return {};
        if (!v->is_string()) {
            fail(key, QStringLiteral("must be a string, got %1").arg(QLatin1String(v->type_name())));
            return {};
        }
        return toQString(v->get_ref<const std::string &>());
    }

    qint64 integer(const char *key, qint64 minimum)
    {
        const nlohmann::json *v = find(key);
        if (!v)
            return 0;
        if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<std::uint64_t>() > std::uint64_t(INT64_MAX))
            || v->get<qint64>() < minimum) {
            fail(key, QStringLiteral("must be an integer >= %1").arg(minimum));
            return 0;
        }
        return v->get<qint64>();
    }

    QByteArray base64(const char *key, qsizetype size)
    {
        const QString text = string(key);
        if (m_error)
            return {};
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != size || decoded.decoded.toBase64() != text.toLatin1()) {
            fail(key, QStringLiteral("must be %1 bytes in base64").arg(size));
            return {};
        }
        return decoded.decoded;
    }

    void fail(const char *key, const QString &problem)
    {
        if (!m_error)
            m_error = Error::validation(
                QStringLiteral("%1: field \"%2\" %3").arg(m_where, QLatin1String(key), problem));
    }
    void failObject(const QString &problem)
    {
        if (!m_error)
            m_error = Error::validation(QStringLiteral("%1: %2").arg(m_where, problem));
    }

    void rejectUnknownFields(std::initializer_list<const char *> known)
    {
        for (auto it = m_json.begin(); it != m_json.end() && !m_error; ++it) {
            if (std::none_of(known.begin(), known.end(), [&](const char *k) { return it.key() == k; }))
                failObject(QStringLiteral("unknown field \"%1\"").arg(toQString(it.key())));
        }
    }

    const std::optional<Error> &error() const { return m_error; }

private:
    const nlohmann::json &m_json;
    QString m_where;
    std::optional<Error> m_error;
};

} // namespace

nlohmann::json toJson(const BundleHeader &h)
{
    nlohmann::json annotators = nlohmann::json::array();
    for (const QString &a : h.annotators)
        annotators.push_back(toStd(a));
    return nlohmann::json{
        {"majlis_bundle", FormatVersion},
        {"bundle_id", toStd(h.bundleId)},
        {"workstation", toStd(h.workstation)},
        {"public_key", h.publicKey.toBase64().toStdString()},
        {"annotators", std::move(annotators)},
        {"seq_first", h.seqFirst},
        {"seq_last", h.seqLast},
        {"event_count", h.eventCount},
        {"created", toStd(h.createdUtc)},
    };
}

Result<BundleHeader> headerFromJson(const nlohmann::json &j, const QString &where)
{
    if (!j.is_object())
        return Error::validation(QStringLiteral("%1: the header must be a JSON object").arg(where));
    FieldReader r(j, where);
    BundleHeader h;
    r.rejectUnknownFields({"majlis_bundle", "bundle_id", "workstation", "public_key", "annotators", "seq_first",
                           "seq_last", "event_count", "created"});
    if (const qint64 version = r.integer("majlis_bundle", 0); !r.error() && version != FormatVersion)
        r.fail("majlis_bundle", QStringLiteral("is %1; this Majlis reads version %2").arg(version).arg(FormatVersion));
    h.bundleId = r.string("bundle_id");
    if (!r.error() && !isUuid(h.bundleId))
        r.fail("bundle_id", QStringLiteral("must be a lowercase UUID"));
    h.workstation = r.string("workstation");
    if (!r.error() && h.workstation.isEmpty())
        r.fail("workstation", QStringLiteral("is empty"));
    h.publicKey = r.base64("public_key", 32);
    if (const nlohmann::json *a = r.find("annotators")) {
        if (!a->is_array())
            r.fail("annotators", QStringLiteral("must be an array of strings"));
        for (const auto &name : r.error() ? nlohmann::json::array() : *a) {
            if (!name.is_string()) {
                r.fail("annotators", QStringLiteral("must be an array of strings"));
                break;
            }
            const QString text = toQString(name.get_ref<const std::string &>());
            if (!h.annotators.isEmpty() && !(h.annotators.constLast().toStdString() < name.get_ref<const std::string &>())) {
                r.fail("annotators", QStringLiteral("must be sorted and without duplicates"));
                break;
            }
            h.annotators.append(text);
        }
        if (!r.error() && h.annotators.isEmpty())
            r.fail("annotators", QStringLiteral("is empty"));
    }
    h.seqFirst = r.integer("seq_first", 1);
    h.seqLast = r.integer("seq_last", 1);
    if (!r.error() && h.seqLast < h.seqFirst)
        r.fail("seq_last", QStringLiteral("is %1, before seq_first %2").arg(h.seqLast).arg(h.seqFirst));
    h.eventCount = r.integer("event_count", 1);
    if (!r.error() && h.eventCount > h.seqLast - h.seqFirst + 1)
        r.fail("event_count", QStringLiteral("is %1, more than the seq range %2–%3 holds")
                                  .arg(h.eventCount)
                                  .arg(h.seqFirst)
                                  .arg(h.seqLast));
    h.createdUtc = r.string("created");
    if (!r.error() && !QDateTime::fromString(h.createdUtc, Qt::ISODateWithMs).isValid())
        r.fail("created", QStringLiteral("must be an ISO 8601 time"));
    if (r.error())
        return *r.error();
    return h;
}

nlohmann::json toJson(const BundleTrailer &t)
{
    return nlohmann::json{
        {"majlis_bundle_trailer", FormatVersion},
        {"sha256", t.sha256.toHex().toStdString()},
        {"signature", t.signature.toBase64().toStdString()},
    };
}

Result<BundleTrailer> trailerFromJson(const nlohmann::json &j, const QString &where)
{
    if (!j.is_object())
        return Error::validation(QStringLiteral("%1: the trailer must be a JSON object").arg(where));
    FieldReader r(j, where);
    r.rejectUnknownFields({"majlis_bundle_trailer", "sha256", "signature"});
    if (const qint64 version = r.integer("majlis_bundle_trailer", 0); !r.error() && version != FormatVersion)
        r.fail("majlis_bundle_trailer",
               QStringLiteral("is %1; this Majlis reads version %2").arg(version).arg(FormatVersion));
    BundleTrailer t;
    const QString hex = r.string("sha256");
    static const QRegularExpression lowerHex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!r.error() && !lowerHex.match(hex).hasMatch())
        r.fail("sha256", QStringLiteral("must be 64 lowercase hex digits"));
    t.sha256 = QByteArray::fromHex(hex.toLatin1());
    t.signature = r.base64("signature", 64);
    if (r.error())
        return *r.error();
    return t;
}

QByteArray signedMessage(QByteArrayView sha256)
{
    return QByteArrayLiteral("majlis_bundle 1 sha256:") + sha256.toByteArray();
}

QByteArray trailerLine(const QByteArray &sha256, const WorkstationKey &key)
{
    return jsonLine(toJson(BundleTrailer{sha256, key.sign(signedMessage(sha256))}));
}

QByteArray jsonLine(const nlohmann::json &j)
{
    std::string text = j.dump();
    text.push_back('\n');
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace majlis::bundle
