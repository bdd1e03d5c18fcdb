#include "rating/agreement.h"

#include <QHash>

#include <algorithm>

#include "common/json.h"

namespace majlis::rating {
namespace {

// Per unit: how many labels of each category, for units with at least two labels.
std::vector<std::vector<int>> categoryCounts(const LabelTable &table)
{
    const auto categories = std::size_t(table.categories.size());
    std::vector<std::vector<int>> counts;
    for (int u = 0; u < table.units.size(); ++u) {
        std::vector<int> row(categories, 0);
        int labels = 0;
        for (int a = 0; a < table.annotators.size(); ++a) {
            const int c = table.at(u, a);
            if (c != LabelTable::kMissing) {
                ++row[std::size_t(c)];
                ++labels;
            }
        }
        if (labels >= 2)
            counts.push_back(std::move(row));
    }
    return counts;
}

int sum(const std::vector<int> &v)
{
    int s = 0;
    for (int x : v)
        s += x;
    return s;
}

// Share of agreeing pairs among one unit's labels.
double unitAgreement(const std::vector<int> &row)
{
    const double n = sum(row);
    double agreeing = 0;
    for (int c : row)
        agreeing += double(c) * (c - 1);
    return agreeing / (n * (n - 1));
}

nlohmann::json optionalNumber(const std::optional<double> &x)
{
    return x ? nlohmann::json(*x) : nlohmann::json(nullptr);
}

} // namespace

Result<LabelTable> makeLabelTable(const std::vector<Judgement> &judgements)
{
    LabelTable table;
    for (const Judgement &j : judgements) {
        if (j.unit.isEmpty() || j.annotator.isEmpty() || j.label.isEmpty())
            return Error::validation(QStringLiteral("judgement with an empty unit, annotator or label"));
        table.units << j.unit;
        table.annotators << j.annotator;
        table.categories << j.label;
    }
    for (QStringList *names : {&table.units, &table.annotators, &table.categories}) {
        names->sort();
        names->removeDuplicates();
    }
    QHash<QString, int> unitIndex, annotatorIndex, categoryIndex;
    for (int i = 0; i < table.units.size(); ++i)
        unitIndex.insert(table.units[i], i);
    for (int i = 0; i < table.annotators.size(); ++i)
        annotatorIndex.insert(table.annotators[i], i);
    for (int i = 0; i < table.categories.size(); ++i)
        categoryIndex.insert(table.categories[i], i);

    const auto width = std::size_t(table.annotators.size());
    table.cells.assign(std::size_t(table.units.size()) * width, LabelTable::kMissing);
    for (const Judgement &j : judgements) {
        int &cell = table.cells[std::size_t(unitIndex.value(j.unit)) * width + std::size_t(annotatorIndex.value(j.annotator))];
        const int category = categoryIndex.value(j.label);
        if (cell != LabelTable::kMissing && cell != category)
            return Error::validation(QStringLiteral("annotator \"%1\" gave unit \"%2\" two labels: \"%3\" and \"%4\"")
                                         .arg(j.annotator, j.unit, table.categories[cell], j.label));
        cell = category;
    }
    return table;
}

std::optional<double> observedAgreement(const LabelTable &table)
{
    const auto counts = categoryCounts(table);
    if (counts.empty())
        return std::nullopt;
    double total = 0;
    for (const auto &row : counts)
        total += unitAgreement(row);
    return total / double(counts.size());
}

std::optional<double> fleissKappa(const LabelTable &table)
{
    const auto counts = categoryCounts(table);
    if (counts.empty())
        return std::nullopt;
    std::vector<double> share(std::size_t(table.categories.size()), 0.0);
    double labels = 0, observed = 0;
    for (const auto &row : counts) {
        observed += unitAgreement(row);
        for (std::size_t c = 0; c < row.size(); ++c)
            share[c] += row[c];
        labels += sum(row);
    }
    observed /= double(counts.size());
    double chance = 0;
    for (double s : share)
        chance += (s / labels) * (s / labels);
    if (chance >= 1)
        return std::nullopt;
    return (observed - chance) / (1 - chance);
}

std::optional<double> krippendorffAlphaNominal(const LabelTable &table)
{
    const auto counts = categoryCounts(table);
    // Coincidences: each unit with m labels adds its ordered label pairs with weight 1/(m-1).
    double disagreeing = 0, total = 0;
    std::vector<double> marginal(std::size_t(table.categories.size()), 0.0);
    for (const auto &row : counts) {
        const double m = sum(row);
        for (std::size_t c = 0; c < row.size(); ++c) {
            marginal[c] += row[c];
            disagreeing += double(row[c]) * (m - row[c]) / (m - 1);
        }
        total += m;
    }
    double expected = total * total;
    for (double n : marginal)
        expected -= n * n;
    if (total < 2 || expected <= 0)
        return std::nullopt;
    return 1 - (total - 1) * disagreeing / expected;
}

std::vector<PairAgreement> cohensKappa(const LabelTable &table)
{
    std::vector<PairAgreement> result;
    const auto categories = std::size_t(table.categories.size());
    for (int a = 0; a < table.annotators.size(); ++a) {
        for (int b = a + 1; b < table.annotators.size(); ++b) {
            std::vector<double> marginalA(categories, 0.0), marginalB(categories, 0.0);
            int shared = 0, agreeing = 0;
            for (int u = 0; u < table.units.size(); ++u) {
                const int x = table.at(u, a), y = table.at(u, b);
                if (x == LabelTable::kMissing || y == LabelTable::kMissing)
                    continue;
                ++shared;
                agreeing += x == y;
                ++marginalA[std::size_t(x)];
                ++marginalB[std::size_t(y)];
            }
            if (shared == 0)
                continue;
            PairAgreement pair{table.annotators[a], table.annotators[b], shared, double(agreeing) / shared, std::nullopt};
            double chance = 0;
            for (std::size_t c = 0; c < categories; ++c)
                chance += marginalA[c] / shared * (marginalB[c] / shared);
            if (chance < 1)
                pair.kappa = (pair.observed - chance) / (1 - chance);
            result.push_back(pair);
        }
    }
    return result;
}

std::vector<MajorityAgreement> agreementWithMajority(const LabelTable &table)
{
    std::vector<MajorityAgreement> result;
    std::vector<int> others(std::size_t(table.categories.size()));
    for (int a = 0; a < table.annotators.size(); ++a) {
        int units = 0, agreeing = 0;
        for (int u = 0; u < table.units.size(); ++u) {
            const int own = table.at(u, a);
            if (own == LabelTable::kMissing)
                continue;
            std::fill(others.begin(), others.end(), 0);
            for (int b = 0; b < table.annotators.size(); ++b)
                if (b != a && table.at(u, b) != LabelTable::kMissing)
                    ++others[std::size_t(table.at(u, b))];
            const auto top = std::max_element(others.begin(), others.end());
            if (*top == 0 || std::count(others.begin(), others.end(), *top) > 1)
                continue; // nobody else, or no single most frequent label
            ++units;
            agreeing += own == int(top - others.begin());
        }
        MajorityAgreement entry{table.annotators[a], units, std::nullopt};
        if (units > 0)
            entry.agreement = double(agreeing) / units;
        result.push_back(entry);
    }
    return result;
}

AgreementReport measureAgreement(const LabelTable &table)
{
    AgreementReport report;
    for (const auto &row : categoryCounts(table)) {
        ++report.units;
        report.labels += sum(row);
    }
    report.observed = observedAgreement(table);
    report.fleissKappa = fleissKappa(table);
    report.krippendorffAlpha = krippendorffAlphaNominal(table);
    report.pairs = cohensKappa(table);
    report.withMajority = agreementWithMajority(table);
    return report;
}

nlohmann::json toJson(const AgreementReport &report)
{
    nlohmann::json pairs = nlohmann::json::array();
    for (const PairAgreement &p : report.pairs)
        pairs.push_back({{"first", p.first}, {"second", p.second}, {"units", p.units}, {"observed", p.observed},
                         {"cohensKappa", optionalNumber(p.kappa)}});
    nlohmann::json majority = nlohmann::json::array();
    for (const MajorityAgreement &m : report.withMajority)
        majority.push_back({{"annotator", m.annotator}, {"units", m.units}, {"agreement", optionalNumber(m.agreement)}});
    return {{"units", report.units},
            {"labels", report.labels},
            {"observedAgreement", optionalNumber(report.observed)},
            {"fleissKappa", optionalNumber(report.fleissKappa)},
            {"krippendorffAlpha", optionalNumber(report.krippendorffAlpha)},
            {"pairs", std::move(pairs)},
            {"withMajority", std::move(majority)}};
}

} // namespace majlis::rating
