// Other evaluations' judgment files (pack/judgments.h) in every format: PandaLM, MT-Bench human
// judgments, Arena battles and the long format. Whatever is read is consistent: every judgment
// names a pair that exists and a judge, every pair has its record key and both answers (by model
// or text); a NaN outside strings is read as null, inside one it is kept.
#include "fuzzsupport.h"
#include "pack/judgments.h"

using namespace majlis;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    for (pack::JudgmentFormat format : {pack::JudgmentFormat::PandaLm, pack::JudgmentFormat::MtBenchHuman,
                                        pack::JudgmentFormat::Arena, pack::JudgmentFormat::Long}) {
        for (const QString &name : {QStringLiteral("fuzz.json"), QStringLiteral("fuzz.csv")}) {
            const Result<pack::JudgmentFile> read = pack::parseJudgments(format, input, name);
            if (!read.ok()) {
                FUZZ_CHECK(!read.error().message.isEmpty());
                continue;
            }
            FUZZ_CHECK(!read->pairs.empty());
            for (const pack::JudgedPair &p : read->pairs) {
                FUZZ_CHECK(!p.record.isEmpty());
                FUZZ_CHECK(!p.where.isEmpty());
                FUZZ_CHECK(!p.itemId.isEmpty() || !p.conversation.isEmpty());
                FUZZ_CHECK(!p.modelA.isEmpty() || !p.outputA.trimmed().isEmpty());
                FUZZ_CHECK(!p.modelB.isEmpty() || !p.outputB.trimmed().isEmpty());
            }
            for (const pack::ExternalJudgment &j : read->judgments) {
                FUZZ_CHECK(j.pair < read->pairs.size());
                FUZZ_CHECK(!j.judge.trimmed().isEmpty());
            }
        }
    }
    return 0;
}
