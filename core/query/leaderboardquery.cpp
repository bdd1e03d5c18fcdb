#include "query/leaderboardquery.h"

#include <QHash>

#include <cmath>
#include <limits>
#include <optional>

namespace majlis::query {

namespace {

std::optional<qint64> wholeNumber(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < min || n > max)
        return std::nullopt;
    return n;
}

}  // namespace

const QStringList &leaderboardOptionNames()
{
    static const QStringList names = {QStringLiteral("pack"),
                                      QStringLiteral("slice"),
                                      QStringLiteral("slice_min_votes"),
                                      QStringLiteral("bootstrap"),
                                      QStringLiteral("ci"),
                                      QStringLiteral("both_bad"),
                                      QStringLiteral("anchor"),
                                      QStringLiteral("anchor_rating"),
                                      QStringLiteral("min_votes"),
                                      QStringLiteral("include_picked")};
    return names;
}

Result<analysis::AnalysisOptions> parseLeaderboardOptions(const Given &given, const Spelling &spelling,
                                                          analysis::AnalysisOptions o)
{
    QHash<QString, QString> values;
    for (const auto &[name, value] : given) {
        if (!leaderboardOptionNames().contains(name))
            return Error::internal(QStringLiteral("not a leaderboard option: %1").arg(name));
        if (values.contains(name))
            return Error::validation(spelling.subject(name) + QStringLiteral("given twice"));
        values.insert(name, value);
    }
    auto bad = [&](const char *name, const QString &what) {
        return Error::validation(spelling.subject(QLatin1String(name)) + what);
    };
    auto value = [&](const char *name) -> std::optional<QString> {
        const auto it = values.constFind(QLatin1String(name));
        return it == values.cend() ? std::nullopt : std::optional<QString>(*it);
    };
    const QString atLeastZero = QStringLiteral("takes a whole number >= 0");
    rating::LeaderboardOptions &board = o.leaderboard;

    if (auto v = value("pack"))
        o.packId = *v;
    if (auto v = value("slice")) {
        auto by = analysis::sliceFromString(*v);
        if (!by)
            return bad("slice", QStringLiteral("takes none, dialect, region, category or group"));
        o.slice = *by;
    }
    if (auto v = value("slice_min_votes")) {
        auto n = wholeNumber(*v, 0, std::numeric_limits<qint64>::max());
        if (!n)
            return bad("slice_min_votes", atLeastZero);
        o.sliceMinVotes = *n;
    }
    if (auto v = value("bootstrap")) {
        auto n = wholeNumber(*v, 0, MaxBootstrapRounds);
        if (!n)
            return bad("bootstrap", QStringLiteral("takes a whole number from 0 to %1").arg(MaxBootstrapRounds));
        board.bootstrap.rounds = int(*n);
        if (*n == 0)
            board.intervals = rating::IntervalMethod::None;
    }
    if (auto v = value("ci")) {
        if (*v == QLatin1String("bootstrap")) {
            if (board.bootstrap.rounds == 0)
                return bad("ci", QStringLiteral("bootstrap needs %1 with N >= 1")
                                     .arg(spelling.setting(QStringLiteral("bootstrap"), QStringLiteral("N"))));
            board.intervals = rating::IntervalMethod::Bootstrap;
        } else if (*v == QLatin1String("sandwich")) {
            board.intervals = rating::IntervalMethod::Sandwich;
        } else if (*v == QLatin1String("none")) {
            board.intervals = rating::IntervalMethod::None;
        } else {
            return bad("ci", QStringLiteral("takes bootstrap, sandwich or none"));
        }
    }
    if (auto v = value("both_bad")) {
        if (*v == QLatin1String("exclude"))
            board.fit.bothBadAsTie = false;
        else if (*v == QLatin1String("tie"))
            board.fit.bothBadAsTie = true;
        else
            return bad("both_bad", QStringLiteral("takes tie or exclude"));
    }
    if (auto v = value("anchor"))
        board.anchorModel = *v;
    if (auto v = value("anchor_rating")) {
        bool ok = false;
        const double rating = v->toDouble(&ok);
        // QString::toDouble reads "nan" and "inf": a rating every other one is shifted by must be finite.
        if (!ok || !std::isfinite(rating))
            return bad("anchor_rating", QStringLiteral("takes a finite number"));
        board.anchorRating = rating;
    }
    if (auto v = value("min_votes")) {
        auto n = wholeNumber(*v, 0, std::numeric_limits<qint64>::max());
        if (!n)
            return bad("min_votes", atLeastZero);
        board.provisionalBelowVotes = *n;
    }
    if (auto v = value("include_picked")) {
        if (*v == QLatin1String("true") || *v == QLatin1String("1"))
            o.includePicked = true;
        else if (*v == QLatin1String("false") || *v == QLatin1String("0"))
            o.includePicked = false;
        else
            return bad("include_picked", QStringLiteral("takes true or false"));
    }
    return o;
}

}  // namespace majlis::query
