#include "bundle/bundleverifier.h"

#include "common/logging.h"
#include "common/jsonparse.h"

#include <cstring>

namespace majlis::bundle {

VerifiedBundle::VerifiedBundle(std::unique_ptr<QIODevice> device, BundleSummary summary, qint64 bodySize,
                               std::vector<HashChain::ChainingValue> checkpoints)
    : m_device(std::move(device)), m_summary(std::move(summary)), m_bodySize(bodySize),
      m_checkpoints(std::move(checkpoints))
{
}

VerifiedBundle::VerifiedBundle(VerifiedBundle &&) noexcept = default;
VerifiedBundle &VerifiedBundle::operator=(VerifiedBundle &&) noexcept = default;
VerifiedBundle::~VerifiedBundle() = default;

Status VerifiedBundle::forEachEvent(const EventVisitor &visit)
{
    const QString &name = m_summary.source;
    auto changed = [&](const QString &how) {
        return Error::crypto(QStringLiteral("%1: the bundle changed after it was verified (%2); verify it again")
                                 .arg(name, how));
    };
    if (!m_device->seek(0))
        return Error::io(QStringLiteral("%1: cannot read from the start: %2").arg(name, m_device->errorString()));

    HashChain chain;
    std::vector<char> block(size_t(std::min<qint64>(m_bodySize, HashChain::CheckpointInterval)));
    std::string carry;  // a line that began in an earlier block
    qint64 lineNumber = 0;
    qint64 delivered = 0;
    qint64 remaining = m_bodySize;
    while (remaining > 0) {
        const qint64 want = std::min<qint64>(remaining, HashChain::CheckpointInterval);
        qint64 got = 0;
        while (got < want) {
            const qint64 n = m_device->read(block.data() + got, want - got);
            if (n < 0)
                return Error::io(QStringLiteral("%1: reading failed: %2").arg(name, m_device->errorString()));
            if (n == 0)
                return changed(QStringLiteral("it is shorter now"));
            got += n;
        }
        chain.update(block.data(), want);
        remaining -= want;
        // Proven identical to the verified bytes before anything in this block is parsed.
        if (remaining > 0) {
            const size_t index = chain.checkpoints().size() - 1;
            if (index >= m_checkpoints.size() || chain.checkpoints()[index] != m_checkpoints[index])
                return changed(QStringLiteral("bytes %1–%2 differ").arg(qint64(index) * HashChain::CheckpointInterval).arg(chain.size() - 1));
        } else if (chain.finish() != m_summary.sha256) {
            return changed(QStringLiteral("its last bytes before the trailer differ"));
        }

        const char *p = block.data();
        const char *const end = p + want;
        while (p < end) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            if (!nl) {
                carry.append(p, size_t(end - p));
                break;
            }
            ++lineNumber;
            Status s;
            if (carry.empty()) {
                s = deliverLine(std::string_view(p, size_t(nl - p)), lineNumber, visit);
            } else {
                carry.append(p, size_t(nl - p));
                s = deliverLine(carry, lineNumber, visit);
                carry.clear();
            }
            if (!s)
                return s;
            delivered += lineNumber > 1 ? 1 : 0;
            p = nl + 1;
        }
    }
    qCDebug(lcBundle).noquote() << "delivered" << delivered << "events from" << name;
    return {};
}

Status VerifiedBundle::deliverLine(std::string_view line, qint64 lineNumber, const EventVisitor &visit)
{
    if (lineNumber == 1)
        return {};  // the header
    const QString where = QStringLiteral("%1:%2: event %3").arg(m_summary.source).arg(lineNumber).arg(lineNumber - 1);
    auto j = parseJson(line, JsonSource{where, 0});
    if (!j)
        return Error::validation(j.error().message);
    Result<Event> event = eventFromJson(*j, where);
    if (!event)
        return event.error();
    return visit(*event);
}

} // namespace majlis::bundle
