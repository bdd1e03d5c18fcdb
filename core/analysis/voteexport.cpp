#include "analysis/voteexport.h"

#include "common/csvfield.h"

namespace majlis::analysis {

namespace {

QString sideText(const std::optional<Side> &side)
{
    return side ? toString(*side) : QString();
}

} // namespace

QByteArray votesToCsv(const LiveVoteList &votes)
{
    QString out = QStringLiteral("event_id,pack_id,item_id,comparison_id,annotator,dialect,category,model_a,model_b,"
                                 "outcome,winner_model,first_side,chosen_side,selection,created_utc\r\n");
    for (const LiveVote &v : votes) {
        const QString winner = v.outcome == rating::Outcome::WinA   ? v.modelA
                               : v.outcome == rating::Outcome::WinB ? v.modelB
                                                                    : QString();
        const QStringList row{v.eventId,    v.packId,     v.itemId,
                              v.comparisonId, v.annotator, v.dialect,
                              v.category,   v.modelA,     v.modelB,
                              outcomeLabel(v.outcome), winner, sideText(v.firstSide),
                              sideText(v.chosenSide), toString(v.selection), v.createdUtc};
        QStringList fields;
        fields.reserve(row.size());
        for (const QString &f : row)
            fields << csvField(f);
        out += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

} // namespace majlis::analysis
