#include "ui/leaderboardmodel.h"

#include <QLocale>

#include <cmath>

namespace majlis::ui {

namespace {

QString ratingText(const std::optional<double> &x)
{
    if (!x)
        return QStringLiteral("–");
    if (std::isinf(*x))
        return *x > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞");
    // Ratings read as four-digit scores, not amounts: no group separator.
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    return locale.toString(*x, 'f', 0);
}

} // namespace

LeaderboardModel::LeaderboardModel(QObject *parent) : QAbstractTableModel(parent) {}

void LeaderboardModel::setBoard(const rating::Leaderboard &board, const QHash<QString, QString> &names,
                                const std::vector<analysis::LeakShare> &leaks)
{
    beginResetModel();
    m_rows = board.rows;
    m_names = names;
    m_level = board.level;
    m_leaks.clear();
    for (const analysis::LeakShare &l : leaks)
        m_leaks.insert(l.model, l);
    endResetModel();
}

int LeaderboardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LeaderboardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeaderboardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const rating::LeaderboardRow &r = m_rows[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Model || index.column() == Note ? QVariant(Qt::AlignLeading | Qt::AlignVCenter)
                                                                 : QVariant(Qt::AlignTrailing | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Model)
        return r.model;
    if (role == Qt::UserRole)
        return r.model;
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (Column(index.column())) {
    case Rank: return r.rank ? locale.toString(*r.rank) : QStringLiteral("–");
    case Model: return m_names.value(r.model, r.model);
    case Rating: return ratingText(r.rating);
    case Interval:
        // Lower bound first in both directions: the bidi algorithm keeps the numbers in order.
        return r.ciLower && r.ciUpper ? ratingText(r.ciLower) + QStringLiteral(" – ") + ratingText(r.ciUpper)
                                      : QStringLiteral("–");
    case Votes: return locale.toString(r.votes);
    case Wins: return locale.toString(r.wins);
    case Losses: return locale.toString(r.losses);
    case Ties: return locale.toString(r.ties);
    case BothBad: return locale.toString(r.bothBad);
    case Elo: return ratingText(r.elo);
    case Leak: {
        const auto it = m_leaks.constFind(r.model);
        if (it == m_leaks.cend() || !it->share)
            return QStringLiteral("–");
        return QString(locale.toString(*it->share * 100, 'f', 1) + locale.percent());
    }
    case Note: {
        QStringList notes;
        switch (r.status) {
        case rating::ModelStatus::Rated: break;
        case rating::ModelStatus::UnboundedAbove: notes << tr("never lost: rating unbounded above"); break;
        case rating::ModelStatus::UnboundedBelow: notes << tr("never won: rating unbounded below"); break;
        case rating::ModelStatus::Unidentified: notes << tr("not determined by the votes"); break;
        case rating::ModelStatus::Disconnected: notes << tr("not linked to the other models"); break;
        case rating::ModelStatus::NoVotes: notes << tr("no votes"); break;
        }
        if (r.provisional && r.status != rating::ModelStatus::NoVotes)
            notes << tr("provisional");
        return notes.join(tr(", ", "between two notes"));
    }
    case ColumnCount: break;
    }
    return {};
}

QVariant LeaderboardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Rank: return tr("Rank");
    case Model: return tr("Model");
    case Rating: return tr("Rating");
    case Interval: return tr("%1% interval").arg(QLocale().toString(m_level * 100, 'g', 3));
    case Votes: return tr("Votes");
    case Wins: return tr("Wins");
    case Losses: return tr("Losses");
    case Ties: return tr("Ties");
    case BothBad: return tr("Both bad");
    case Elo: return tr("Elo");
    case Leak: return tr("Names masked");
    case Note: return tr("Note");
    case ColumnCount: break;
    }
    return {};
}

} // namespace majlis::ui
