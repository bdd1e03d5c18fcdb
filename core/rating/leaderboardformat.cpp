#include "rating/leaderboardformat.h"

#include "common/csvfield.h"

#include <cmath>

#include "common/json.h"

namespace majlis::rating {
namespace {

double rounded(double x, double unit)
{
    return std::round(x / unit) * unit;
}

nlohmann::json jsonNumber(const std::optional<double> &x)
{
    if (!x)
        return nullptr;
    if (std::isinf(*x))
        return *x > 0 ? "Infinity" : "-Infinity";
    return rounded(*x, 1e-3);
}

QString csvNumber(const std::optional<double> &x)
{
    if (!x)
        return {};
    if (std::isinf(*x))
        return *x > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(*x, 'f', 3);
}

QString textNumber(const std::optional<double> &x)
{
    if (!x)
        return QStringLiteral("-");
    if (std::isinf(*x))
        return *x > 0 ? QStringLiteral("+inf") : QStringLiteral("-inf");
    return QString::number(*x, 'f', 1);
}

QString note(const LeaderboardRow &row)
{
    QStringList notes;
    if (row.status != ModelStatus::Rated)
        notes << toString(row.status).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (row.provisional)
        notes << QStringLiteral("provisional");
    return notes.join(QStringLiteral(", "));
}

} // namespace

nlohmann::json toJson(const Leaderboard &board)
{
    nlohmann::json models = nlohmann::json::array();
    for (const LeaderboardRow &row : board.rows) {
        models.push_back({
            {"rank", row.rank ? nlohmann::json(*row.rank) : nlohmann::json(nullptr)},
            {"model", row.model},
            {"status", toString(row.status)},
            {"rating", jsonNumber(row.rating)},
            {"ciLower", jsonNumber(row.ciLower)},
            {"ciUpper", jsonNumber(row.ciUpper)},
            {"votes", row.votes},
            {"wins", row.wins},
            {"losses", row.losses},
            {"ties", row.ties},
            {"bothBad", row.bothBad},
            {"provisional", row.provisional},
            {"elo", jsonNumber(row.elo)},
        });
    }
    nlohmann::json intervals = {{"method", toString(board.intervalMethod)}, {"level", board.level}};
    if (board.intervalMethod == IntervalMethod::Bootstrap) {
        intervals["rounds"] = board.bootstrapRounds;
        intervals["seed"] = board.seed;
    }
    nlohmann::json components = nlohmann::json::array();
    for (const QStringList &component : board.components)
        components.push_back(component);
    return {
        {"method", "bradley-terry"},
        {"scale", {{"scale", board.scale.scale}, {"base", board.scale.base}, {"initialRating", board.scale.initialRating}}},
        {"anchor",
         board.anchorModel.isEmpty() ? nlohmann::json(nullptr)
                                     : nlohmann::json{{"model", board.anchorModel}, {"rating", board.anchorRating}}},
        {"bothBad", board.bothBadAsTie ? "tie" : "excluded"},
        {"intervals", std::move(intervals)},
        {"battles", board.battles},
        {"fittedVotes", board.fittedVotes},
        {"fit", {{"converged", board.converged}, {"iterations", board.iterations}, {"gradientNorm", board.gradientNorm}}},
        {"disconnected", board.components.size() > 1},
        {"components", std::move(components)},
        {"warnings", board.warnings},
        {"models", std::move(models)},
    };
}

QString toCsv(const Leaderboard &board)
{
    QString out = QStringLiteral("rank,model,rating,ci_lower,ci_upper,votes,wins,losses,ties,both_bad,provisional,status,elo\n");
    for (const LeaderboardRow &row : board.rows) {
        const QStringList fields = {
            row.rank ? QString::number(*row.rank) : QString(),
            csvField(row.model),
            csvNumber(row.rating),
            csvNumber(row.ciLower),
            csvNumber(row.ciUpper),
            QString::number(row.votes),
            QString::number(row.wins),
            QString::number(row.losses),
            QString::number(row.ties),
            QString::number(row.bothBad),
            row.provisional ? QStringLiteral("true") : QStringLiteral("false"),
            toString(row.status),
            csvNumber(row.elo),
        };
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString toTable(const Leaderboard &board)
{
    const QString level = QString::number(board.level * 100, 'g', 3) + QStringLiteral("% CI");
    QList<QStringList> cells = {{QStringLiteral("Rank"), QStringLiteral("Model"), QStringLiteral("Rating"), level,
                                 QStringLiteral("Votes"), QStringLiteral("W"), QStringLiteral("L"), QStringLiteral("T"),
                                 QStringLiteral("BB"), QStringLiteral("Elo"), QStringLiteral("Note")}};
    for (const LeaderboardRow &row : board.rows) {
        cells.push_back({row.rank ? QString::number(*row.rank) : QStringLiteral("-"), row.model, textNumber(row.rating),
                         row.ciLower ? textNumber(row.ciLower) + QStringLiteral(" .. ") + textNumber(row.ciUpper)
                                     : QStringLiteral("-"),
                         QString::number(row.votes), QString::number(row.wins), QString::number(row.losses),
                         QString::number(row.ties), QString::number(row.bothBad), textNumber(row.elo), note(row)});
    }
    const qsizetype columns = cells.front().size();
    QList<qsizetype> width(columns, 0);
    for (const QStringList &line : cells)
        for (qsizetype c = 0; c < columns; ++c)
            width[c] = std::max(width[c], line[c].size());

    QString out;
    for (const QStringList &line : cells) {
        QString text;
        for (qsizetype c = 0; c < columns; ++c) {
            // Names and notes read from the left, numbers line up on the right.
            const bool leftAligned = c == 1 || c == columns - 1;
            if (c > 0)
                text += QStringLiteral("  ");
            text += leftAligned ? line[c].leftJustified(width[c]) : line[c].rightJustified(width[c]);
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        out += text + QLatin1Char('\n');
    }
    out += QStringLiteral("\n%1 battles, %2 in the fit; intervals: %3")
               .arg(board.battles)
               .arg(board.fittedVotes)
               .arg(toString(board.intervalMethod));
    if (board.intervalMethod == IntervalMethod::Bootstrap)
        out += QStringLiteral(" (%1 rounds, seed %2)").arg(board.bootstrapRounds).arg(board.seed);
    out += QLatin1Char('\n');
    for (const QString &warning : board.warnings)
        out += QStringLiteral("warning: ") + warning + QLatin1Char('\n');
    return out;
}

} // namespace majlis::rating
