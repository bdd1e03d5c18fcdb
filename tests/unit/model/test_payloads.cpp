// The payload contract (model/payloads.h, docs/formats.md "Events"): round trips, the strict
// version-2 reader, the converting version-1 reader, and the page held together with the code.
#include "common/json.h"
#include "formatsdoc.h"
#include "model/payloads.h"

#include <QTest>

using namespace majlis;
using nlohmann::json;

Q_DECLARE_METATYPE(json)

namespace {

const QString kFormats = QStringLiteral(MAJLIS_SOURCE_DIR "/docs/formats.md");

// Every field set, so that the flattened keys are all the keys the writer can produce.
VotePayload fullVote()
{
    VotePayload v;
    v.candidateA = {0, QStringLiteral("jais-30b")};
    v.candidateB = {2, QStringLiteral("falcon-uae")};
    v.shownFirst = Letter::B;
    v.firstSide = Side::Right;
    v.outcome = VoteOutcome::B;
    v.selection = Selection::PickedByHand;
    v.placement = Placement{12, QStringLiteral("5f1c0a9e3b2d4c71")};
    v.maskingA = std::vector<MaskedName>{{17, 4, QStringLiteral("Jais"), QStringLiteral("جيس")}};
    v.maskingB = std::vector<MaskedName>{{0, 6, QStringLiteral("Falcon"), QStringLiteral("falcon")}};
    v.invisibleA = text::InvisibleCounts{1, 2, 3, 4};
    v.invisibleB = text::InvisibleCounts{};
    v.uiLanguage = QStringLiteral("ar");
    return v;
}

// A judgment imported from another evaluation: its source and record, its order, no side.
VotePayload importedVote()
{
    VotePayload v;
    v.candidateA = {0, QStringLiteral("llama-7b")};
    v.candidateB = {1, QStringLiteral("bloom-7b")};
    v.shownFirst = Letter::A;
    v.outcome = VoteOutcome::Tie;
    v.selection = Selection::Imported;
    v.imported = ImportedFrom{QStringLiteral("pandalm"), QStringLiteral("idx 17")};
    return v;
}

FailureMark fullMark()
{
    FailureMark m;
    m.candidate = 1;
    m.model = QStringLiteral("m-two");
    m.category = QStringLiteral("factual_error");
    m.severity = QStringLiteral("major");
    m.weight = 5;
    m.comment = QStringLiteral("دبي ليست العاصمة");
    m.span = text::CodePointSpan{31, 14};
    m.quote = QStringLiteral("دبي هي العاصمة");
    return m;
}

const testing::DocumentedPayload *section(const QList<testing::DocumentedPayload> &doc, const QString &kind, bool removal = false)
{
    for (const auto &d : doc)
        if (d.kind == kind && d.heading.contains(QLatin1String("`removed`")) == removal)
            return &d;
    return nullptr;
}

}  // namespace

class TestPayloads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrips()
    {
        const VotePayload full = fullVote();
        QCOMPARE(*votePayloadFromJson(toJson(full)), full);
        VotePayload bare;  // no placement, masking, invisible counts or language
        bare.candidateA = {0, QStringLiteral("a")};
        bare.candidateB = {1, QStringLiteral("b")};
        bare.shownFirst = Letter::A;
        bare.firstSide = Side::Left;
        QCOMPARE(*votePayloadFromJson(toJson(bare)), bare);
        VotePayload none = full;  // recorded, with no masked names
        none.maskingA = std::vector<MaskedName>{};
        QCOMPARE(*votePayloadFromJson(toJson(none)), none);
        QCOMPARE(*votePayloadFromJson(toJson(importedVote())), importedVote());
        VotePayload unplaced = importedVote();  // a source that records neither order nor side
        unplaced.shownFirst.reset();
        QCOMPARE(*votePayloadFromJson(toJson(unplaced)), unplaced);
        QVERIFY(!unplaced.chosenSide());

        for (const SkipPayload &s : {SkipPayload{Selection::ScheduledRandom, 7}, SkipPayload{Selection::PickedByHand, {}}})
            QCOMPARE(*skipPayloadFromJson(toJson(s)), s);
        QCOMPARE(*undoPayloadFromJson(toJson(UndoPayload{})), UndoPayload{});

        FailureMark flag = fullMark();
        flag.span.reset();
        flag.quote.clear();
        for (const FailureMark &m : {fullMark(), flag}) {
            auto back = annotationPayloadFromJson(toJson(m));
            QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
            QCOMPARE(std::get<FailureMark>(*back), m);
        }
        QVERIFY(flag.isAnswerFlag());
        QCOMPARE(std::get<MarkRemoval>(*annotationPayloadFromJson(toJson(MarkRemoval{3}))), MarkRemoval{3});

        const DialectJudgmentPayload d{2, QStringLiteral("m"), QStringLiteral("emirati"), true};
        QCOMPARE(*dialectJudgmentPayloadFromJson(toJson(d)), d);
        for (const json &j :
             {toJson(full), toJson(SkipPayload{}), toJson(UndoPayload{}), toJson(fullMark()), toJson(MarkRemoval{}), toJson(d)})
            QCOMPARE(j["version"].get<int>(), PayloadVersion);
    }

    void derivedFacts()
    {
        VotePayload v = fullVote();  // b shown first, on the right; b won
        QVERIFY(v.choice() == Choice::First);
        QVERIFY(v.chosenSide() == Side::Right);
        QCOMPARE(v.winner()->model, QStringLiteral("falcon-uae"));
        QVERIFY(*v.swapped());
        v.outcome = VoteOutcome::A;
        QVERIFY(v.choice() == Choice::Second);
        QVERIFY(v.chosenSide() == Side::Left);
        v.outcome = VoteOutcome::Tie;
        QVERIFY(v.choice() == Choice::Tie);
        QVERIFY(!v.chosenSide());
        QVERIFY(!v.winner());
    }

    void version2IsStrict_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<json>("payload");
        QTest::addColumn<QString>("message");
        const json vote = toJson(fullVote());
        auto without = [](json j, const char *key) {
            j.erase(key);
            return j;
        };
        auto with = [](json j, const json::json_pointer &at, json value) {
            j[at] = std::move(value);
            return j;
        };
        QTest::newRow("vote: no outcome") << EventKind::Vote << without(vote, "outcome")
                                          << QStringLiteral("payload field \"outcome\" is missing");
        QTest::newRow("vote: outcome") << EventKind::Vote << with(vote, "/outcome"_json_pointer, "left")
                                       << QStringLiteral("payload field \"outcome\" is \"left\", not one of a, b, tie, both_bad");
        QTest::newRow("vote: model empty") << EventKind::Vote << with(vote, "/candidate_a/model"_json_pointer, "")
                                           << QStringLiteral("payload field \"candidate_a.model\" is empty");
        QTest::newRow("vote: index") << EventKind::Vote << with(vote, "/candidate_b/candidate"_json_pointer, -1)
                                     << QStringLiteral(
                                            "payload field \"candidate_b.candidate\" must be an integer from 0 to 1000");
        QTest::newRow("vote: huge index") << EventKind::Vote << with(vote, "/candidate_b/candidate"_json_pointer, 1e300)
                                          << QStringLiteral("payload field \"candidate_b.candidate\" must be an integer");
        QTest::newRow("vote: same candidate")
            << EventKind::Vote << with(vote, "/candidate_b/candidate"_json_pointer, 0) << QStringLiteral("are both 0");
        QTest::newRow("vote: same model") << EventKind::Vote << with(vote, "/candidate_b/model"_json_pointer, "jais-30b")
                                          << QStringLiteral("are both \"jais-30b\"");
        QTest::newRow("vote: no shown_first")
            << EventKind::Vote << without(vote, "shown_first") << QStringLiteral("payload field \"shown_first\" is missing");
        QTest::newRow("vote: side") << EventKind::Vote << with(vote, "/first_side"_json_pointer, 1)
                                    << QStringLiteral("payload field \"first_side\" must be a string, got number");
        QTest::newRow("vote: seed") << EventKind::Vote << with(vote, "/placement/seed"_json_pointer, "XYZ")
                                    << QStringLiteral(
                                           "payload field \"placement.seed\" must be 1 to 16 lowercase hexadecimal digits");
        QTest::newRow("vote: masked length") << EventKind::Vote << with(vote, "/masking/a/0/length"_json_pointer, 0)
                                             << QStringLiteral("payload field \"masking.a[0].length\" must be an integer from 1");
        QTest::newRow("vote: masking not a list") << EventKind::Vote << with(vote, "/masking/b"_json_pointer, json::object())
                                                  << QStringLiteral("payload field \"masking.b\" must be an array, got object");
        QTest::newRow("vote: invisible") << EventKind::Vote << with(vote, "/invisible_characters/b/zero_width"_json_pointer, "2")
                                         << QStringLiteral(
                                                "payload field \"invisible_characters.b.zero_width\" must be an integer");
        QTest::newRow("vote: version") << EventKind::Vote << with(vote, "/version"_json_pointer, "2")
                                       << QStringLiteral("payload field \"version\" must be an integer");
        const json imported = toJson(importedVote());
        QTest::newRow("imported: no source") << EventKind::Vote << with(imported, "/imported"_json_pointer, json{{"record", "x"}})
                                             << QStringLiteral("payload field \"imported.source\" is missing");
        QTest::newRow("imported: unknown source")
            << EventKind::Vote << with(imported, "/imported/source"_json_pointer, "vendor")
            << QStringLiteral("payload field \"imported.source\" is \"vendor\", not one of arena, pandalm, mt-bench-human, long");
        QTest::newRow("imported: empty record") << EventKind::Vote << with(imported, "/imported/record"_json_pointer, "")
                                                << QStringLiteral("payload field \"imported.record\" is empty");
        QTest::newRow("imported without its source") << EventKind::Vote << without(imported, "imported")
                                                     << QStringLiteral("payload field \"imported\" is missing");
        QTest::newRow("a vote cast here claims a source")
            << EventKind::Vote << with(vote, "/imported"_json_pointer, imported["imported"])
            << QStringLiteral("payload field \"imported\" is only for a vote whose selection is \"imported\"");
        QTest::newRow("a skip is never imported") << EventKind::Skip << json{{"version", 2}, {"selection", "imported"}}
                                                  << QStringLiteral("payload field \"selection\" is \"imported\"");
        const json mark = toJson(fullMark());
        QTest::newRow("mark: weight") << EventKind::Annotation << with(mark, "/weight"_json_pointer, -1)
                                      << QStringLiteral("payload field \"weight\" must be a number from 0");
        QTest::newRow("mark: span") << EventKind::Annotation << with(mark, "/span/length"_json_pointer, 0)
                                    << QStringLiteral("payload field \"span.length\" must be an integer from 1");
        QTest::newRow("mark: quote without span")
            << EventKind::Annotation << with(mark, "/span"_json_pointer, nullptr)
            << QStringLiteral("payload field \"quote\" must be empty when \"span\" is null");
        QTest::newRow("mark: no category") << EventKind::Annotation << without(mark, "category")
                                           << QStringLiteral("payload field \"category\" is missing");
        QTest::newRow("removal: false") << EventKind::Annotation << json{{"version", 2}, {"removed", false}, {"candidate", 1}}
                                        << QStringLiteral("payload field \"removed\" must be true");
        QTest::newRow("dialect: matches")
            << EventKind::DialectJudgment
            << json{{"version", 2}, {"candidate", 1}, {"model", "m"}, {"variety", "msa"}, {"matches_request", "yes"}}
            << QStringLiteral("payload field \"matches_request\" must be true or false");
        QTest::newRow("skip: selection")
            << EventKind::Skip << json{{"version", 2}, {"selection", "random"}}
            << QStringLiteral("payload field \"selection\" is \"random\", not one of scheduled_random, picked_by_hand");
    }

    void version2IsStrict()
    {
        QFETCH(QString, kind);
        QFETCH(json, payload);
        QFETCH(QString, message);
        const QString problem = payloadProblem(kind, payload);
        QVERIFY2(problem.contains(message), qPrintable(problem));
    }

    void otherVersionsPassIngest()
    {
        // Version 1 (older stores and bundles) and newer versions are stored as they come.
        QCOMPARE(payloadProblem(EventKind::Vote, json{{"choice", "first"}}), QString());
        const json newer{{"version", 3}, {"whatever", 1}};
        QCOMPARE(payloadProblem(EventKind::Vote, newer), QString());
        auto read = votePayloadFromJson(newer);
        QVERIFY(!read);
        QVERIFY(read.error().message.contains(QLatin1String("payload version 3 is newer")));
        QCOMPARE(payloadProblem(EventKind::Adjudication, json{{"version", 2}, {"anything", true}}), QString());
    }

    // A vote exactly as the last version-1 writer (commit f245b49) wrote it.
    void readsVersion1()
    {
        const json v1 = json::parse(
            R"({"candidate_a":{"candidate":0,"model":"m-one"},"candidate_b":{"candidate":2,"model":"m-three"},"choice":"first","chosen_side":"right","first":{"candidate":2,"model":"m-three"},"first_side":"right","invisible_characters":{"first":{"bidi_controls":1,"byte_order_marks":0,"candidate":2,"other_format":0,"total":1,"zero_width":0},"second":{"bidi_controls":0,"byte_order_marks":0,"candidate":0,"other_format":0,"total":0,"zero_width":0}},"left":{"candidate":0,"model":"m-one"},"masking":[{"answer":"first","candidate":2,"count":1,"spans":[{"length":5,"start":3,"term":"Three","text":"three"}]},{"answer":"second","candidate":0,"count":0,"spans":[]}],"outcome":"b","placement":{"position":4,"seed":"9a","swapped":true},"right":{"candidate":2,"model":"m-three"},"second":{"candidate":0,"model":"m-one"},"selection":"scheduled_random","ui_language":"ar","winner":{"candidate":2,"model":"m-three"}})");
        auto v = votePayloadFromJson(v1);
        QVERIFY(v);
        QCOMPARE(v->candidateA, (CandidateRef{0, QStringLiteral("m-one")}));
        QVERIFY(v->shownFirst == Letter::B);
        QVERIFY(v->firstSide == Side::Right);
        QVERIFY(v->outcome == VoteOutcome::B);
        QVERIFY(v->chosenSide() == Side::Right);  // as recorded in "chosen_side"
        QVERIFY(v->choice() == Choice::First);    // as recorded in "choice"
        QCOMPARE(v->placement, (std::optional<Placement>(Placement{4, QStringLiteral("9a")})));
        QCOMPARE(v->maskingB->size(), std::size_t(1));
        QCOMPARE(v->maskingB->front().original, QStringLiteral("three"));
        QVERIFY(v->maskingA->empty());
        QCOMPARE(v->invisibleB->bidiControls, 1);
        QCOMPARE(v->uiLanguage, QStringLiteral("ar"));
        // Converted, it is a valid version-2 payload.
        QCOMPARE(payloadProblem(EventKind::Vote, toJson(*v)), QString());

        // Without "first", A is found from the placement, then from where the winner was.
        json noFirst = v1;
        noFirst.erase("first");
        QVERIFY(votePayloadFromJson(noFirst)->shownFirst == Letter::B);
        noFirst["placement"].erase("swapped");
        QVERIFY(votePayloadFromJson(noFirst)->shownFirst == Letter::B);

        auto unreadable = votePayloadFromJson(json{{"outcome", "a"}});
        QVERIFY(!unreadable);
        QCOMPARE(unreadable.error().message, QStringLiteral("no candidate_a/candidate_b with a model"));

        auto mark = annotationPayloadFromJson(json{{"model", "m"}, {"category", "c"}, {"severity", 3}, {"quote", "q"}});
        QVERIFY(mark);
        QCOMPARE(std::get<FailureMark>(*mark).severity, QStringLiteral("3"));
        QCOMPARE(std::get<FailureMark>(*mark).weight, 1.0);
        QVERIFY(std::holds_alternative<MarkRemoval>(*annotationPayloadFromJson(json{{"removed", true}, {"candidate", 0}})));
    }

    // A version-1 payload crafted with a field of the wrong type is refused or read without it;
    // the reader never throws (nlohmann's value() threw type_error on each of these, which the
    // CI fuzz run of fuzz_payload found as a crash).
    void version1WithFieldsOfTheWrongTypeNeverThrows_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("readable");
        const QByteArray vote = R"({"candidate_a":{"candidate":0,"model":"m"},"candidate_b":{"candidate":1,"model":"n"},"outcome":"a",)";
        QTest::newRow("mark removed is a string") << EventKind::Annotation << QByteArray(R"({"removed":"yes","model":"m","category":"c"})") << true;
        QTest::newRow("mark removed is an object") << EventKind::Annotation << QByteArray(R"({"removed":{},"candidate":0})") << false;
        QTest::newRow("mark span start is a string") << EventKind::Annotation << QByteArray(R"({"model":"m","category":"c","span":{"start":"0","length":2}})") << false;
        QTest::newRow("mark span length is negative") << EventKind::Annotation << QByteArray(R"({"model":"m","category":"c","span":{"start":0,"length":-2}})") << false;
        QTest::newRow("mark span start is huge") << EventKind::Annotation << QByteArray(R"({"model":"m","category":"c","span":{"start":18446744073709551615,"length":1}})") << false;
        QTest::newRow("mark span start is a fraction") << EventKind::Annotation << QByteArray(R"({"model":"m","category":"c","span":{"start":1.5,"length":1}})") << false;
        QTest::newRow("masking span start is an array") << EventKind::Vote << QByteArray(vote + R"("masking":[{"candidate":0,"spans":[{"start":[],"length":1}]}]})") << false;
        QTest::newRow("masking span length is null") << EventKind::Vote << QByteArray(vote + R"("masking":[{"candidate":0,"spans":[{"start":0,"length":null}]}]})") << false;
        QTest::newRow("placement swapped is a number") << EventKind::Vote << QByteArray(vote + R"("placement":{"swapped":1}})") << true;
        QTest::newRow("candidate beyond int") << EventKind::Vote << QByteArray(R"({"candidate_a":{"candidate":4294967296,"model":"m"},"candidate_b":{"candidate":1,"model":"n"},"outcome":"a"})") << false;
        QTest::newRow("dialect matches_request is a string") << EventKind::DialectJudgment << QByteArray(R"({"candidate":0,"matches_request":"true"})") << true;
    }

    void version1WithFieldsOfTheWrongTypeNeverThrows()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, payload);
        QFETCH(bool, readable);
        const json p = json::parse(payload.toStdString());
        bool ok = false;
        try {
            if (kind == EventKind::Vote)
                ok = votePayloadFromJson(p).ok();
            else if (kind == EventKind::Annotation)
                ok = annotationPayloadFromJson(p).ok();
            else
                ok = dialectJudgmentPayloadFromJson(p).ok();
        } catch (const std::exception &e) {
            QFAIL(qPrintable(QStringLiteral("the reader threw: %1").arg(QString::fromUtf8(e.what()))));
        }
        QCOMPARE(ok, readable);
    }

    // docs/formats.md lists exactly the fields the code writes, and its examples are valid payloads
    // that read back to themselves.
    void documentMatchesCode_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("removal");
        QTest::addColumn<json>("written");
        // Every field a vote can hold: one cast here and one imported, together.
        json vote = toJson(fullVote());
        vote.update(toJson(importedVote()));
        QTest::newRow("vote") << EventKind::Vote << false << vote;
        QTest::newRow("skip") << EventKind::Skip << false << toJson(SkipPayload{Selection::ScheduledRandom, 3});
        QTest::newRow("undo") << EventKind::Undo << false << toJson(UndoPayload{});
        QTest::newRow("annotation") << EventKind::Annotation << false << toJson(fullMark());
        QTest::newRow("removal") << EventKind::Annotation << true << toJson(MarkRemoval{1});
        QTest::newRow("dialect_judgment") << EventKind::DialectJudgment << false
                                          << toJson(DialectJudgmentPayload{0, QStringLiteral("m"), QStringLiteral("msa"), false});
    }

    void documentMatchesCode()
    {
        QFETCH(QString, kind);
        QFETCH(bool, removal);
        QFETCH(json, written);
        const auto doc = testing::documentedPayloads(kFormats);
        const testing::DocumentedPayload *d = section(doc, kind, removal);
        QVERIFY2(d, qPrintable(QStringLiteral("docs/formats.md has no \"#### Payload of `%1`\" section").arg(kind)));
        const QSet<QString> codeFields = testing::flattenFields(written);
        for (const QString &f : codeFields)
            QVERIFY2(d->fields.contains(f),
                     qPrintable(QStringLiteral("%1: field \"%2\" is written but not documented").arg(kind, f)));
        for (const QString &f : d->fields)
            QVERIFY2(codeFields.contains(f),
                     qPrintable(QStringLiteral("%1: field \"%2\" is documented but never written").arg(kind, f)));
        QCOMPARE(d->examples.size(), 1);
        const json example = json::parse(d->examples.first().toStdString());
        QCOMPARE(payloadProblem(kind, example), QString());
        json back;
        if (kind == EventKind::Vote)
            back = toJson(*votePayloadFromJson(example));
        else if (kind == EventKind::Skip)
            back = toJson(*skipPayloadFromJson(example));
        else if (kind == EventKind::Undo)
            back = toJson(*undoPayloadFromJson(example));
        else if (kind == EventKind::Annotation)
            back = std::visit([](const auto &p) { return toJson(p); }, *annotationPayloadFromJson(example));
        else
            back = toJson(*dialectJudgmentPayloadFromJson(example));
        // Equal as JSON values (a weight of 5 is 5.0 when written back).
        QVERIFY2(back == example, qPrintable(QString::fromStdString(back.dump() + "\n" + example.dump())));
    }
};

QTEST_APPLESS_MAIN(TestPayloads)
#include "test_payloads.moc"
