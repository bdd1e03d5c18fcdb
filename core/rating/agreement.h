#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

#include "common/result.h"

namespace majlis::rating {

// One annotator's nominal label for one unit (a comparison id, say). Labels are compared as
// given: the caller normalises them first ("first"/"second" in terms of candidates, not sides).
struct Judgement
{
    QString unit;
    QString annotator;
    QString label;

    friend bool operator==(const Judgement &, const Judgement &) = default;
};

// Units x annotators, each cell a category index or kMissing. Names are sorted, so the table
// does not depend on the order of the judgements.
struct LabelTable
{
    static constexpr int kMissing = -1;

    QStringList units;
    QStringList annotators;
    QStringList categories;
    std::vector<int> cells; // row-major, units x annotators

    int at(int unit, int annotator) const
    {
        return cells[std::size_t(unit) * std::size_t(annotators.size()) + std::size_t(annotator)];
    }

    friend bool operator==(const LabelTable &, const LabelTable &) = default;
};

// The same annotator giving the same unit two different labels is an error (the caller folds
// edits and undos first); the same label twice counts once.
Result<LabelTable> makeLabelTable(const std::vector<Judgement> &judgements);

// Every figure uses only units with at least two labels; nullopt where a figure is undefined
// (no such units, or only one category in play so chance agreement is already perfect).

// Mean over units of the share of agreeing pairs among the unit's labels.
std::optional<double> observedAgreement(const LabelTable &table);

// Fleiss' kappa. With unequal numbers of labels per unit, each unit's agreement is its own
// share of agreeing pairs (the usual generalisation); equal numbers give the textbook figure.
std::optional<double> fleissKappa(const LabelTable &table);

// Krippendorff's alpha for nominal data; missing cells allowed.
std::optional<double> krippendorffAlphaNominal(const LabelTable &table);

struct PairAgreement
{
    QString first;
    QString second;
    int units = 0; // labelled by both
    double observed = 0;
    std::optional<double> kappa; // Cohen's

    friend bool operator==(const PairAgreement &, const PairAgreement &) = default;
};
// Each pair of annotators who share at least one unit.
std::vector<PairAgreement> cohensKappa(const LabelTable &table);

struct MajorityAgreement
{
    QString annotator;
    int units = 0; // units where the others' labels have a single most frequent one
    std::optional<double> agreement;

    friend bool operator==(const MajorityAgreement &, const MajorityAgreement &) = default;
};
// How often each annotator gives the label most of the other annotators of a unit gave.
std::vector<MajorityAgreement> agreementWithMajority(const LabelTable &table);

struct AgreementReport
{
    int units = 0;  // with at least two labels
    int labels = 0; // on those units
    std::optional<double> observed;
    std::optional<double> fleissKappa;
    std::optional<double> krippendorffAlpha;
    std::vector<PairAgreement> pairs;
    std::vector<MajorityAgreement> withMajority;

    friend bool operator==(const AgreementReport &, const AgreementReport &) = default;
};

AgreementReport measureAgreement(const LabelTable &table);
nlohmann::json toJson(const AgreementReport &report);

} // namespace majlis::rating
