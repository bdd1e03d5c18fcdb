#include "pack/builder.h"

#include "pack/buildinputs.h"
#include "pack/packparse.h"
#include "pack/packwriter.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <functional>

namespace majlis::pack {

namespace {

using build::Answer;
using build::AnswerSet;

QString packIdFrom(const QString &output)
{
    QString base = QFileInfo(output).completeBaseName();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    base = base.left(128);
    return base.isEmpty() ? QStringLiteral("pack") : base;
}

Status readInputs(InputFormat format, const QStringList &inputs, const BuildOptions &options, AnswerSet &answers,
                  BuildReport &report)
{
    if (inputs.isEmpty())
        return Error::validation(QStringLiteral("no input files"));
    // Progress by whole files: the readers parse a file at once.
    Progress *progress = options.progress;
    if (progress) {
        qint64 total = 0;
        for (const QString &in : inputs)
            total += QFileInfo(in).size();
        progress->setPhase("reading", Progress::Unit::Bytes, total);
    }
    auto oneFileRead = [&](const QString &in) -> Status {
        if (!progress)
            return {};
        if (progress->cancelled())
            return Error::cancelled(Progress::cancelledMessage());
        progress->advance(QFileInfo(in).size());
        return {};
    };
    // The readers of one file at a time.
    auto eachFile = [&](const std::function<Status(const QString &)> &read) -> Status {
        for (const QString &in : inputs) {
            if (Status s = read(in); !s)
                return s;
            if (Status s = oneFileRead(in); !s)
                return s;
        }
        return {};
    };
    switch (format) {
    case InputFormat::Long:
        return eachFile([&](const QString &in) { return build::readLong(in, options.mapping, answers, report); });
    case InputFormat::AlpacaEval: {
        QHash<QString, QString> promptIds;
        return eachFile([&](const QString &in) { return build::readAlpacaEval(in, promptIds, answers, report); });
    }
    case InputFormat::MtBench: {
        Status s = build::readMtBench(inputs, options, answers, report);
        if (s && progress)
            progress->setDone(progress->total());
        return s;
    }
    case InputFormat::PandaLm:
    case InputFormat::MtBenchHuman:
    case InputFormat::Arena:
        answers.allowRepeatedAnswers();
        return eachFile([&](const QString &in) { return build::readJudgedAnswers(format, in, answers, report); });
    }
    return {};
}

// Items from groups with two answers or more; the header's models, categories and dialects
// from what the items use, in order of first appearance.
Result<QList<Item>> makeItems(const AnswerSet &answers, const BuildOptions &options, PackHeader &header, BuildReport &report)
{
    QList<Item> items;
    QStringList dialectsSeen;
    for (const AnswerSet::Group &g : answers.groups()) {
        const Answer &first = g.answers.first();
        if (g.answers.size() < 2) {
            ++report.droppedItems;
            report.droppedIds << first.promptId;
            continue;
        }
        Item item;
        item.id = first.promptId;
        item.conversation = first.conversation;
        item.category = first.category;
        item.dialect = first.dialect.isEmpty() ? options.defaultDialect : first.dialect;
        if (!item.dialect.isEmpty() && !dialectsSeen.contains(item.dialect))
            dialectsSeen << item.dialect;
        if (!item.category.isEmpty()
            && std::none_of(header.categories.cbegin(), header.categories.cend(),
                            [&](const CategoryInfo &c) { return c.id == item.category; }))
            header.categories << CategoryInfo{item.category, {{QStringLiteral("en"), item.category}}};
        for (const Answer &a : g.answers) {
            item.candidates << Candidate{a.model, a.output};
            if (!header.model(a.model))
                header.models << ModelInfo{a.model, a.model, {}};
        }
        items << std::move(item);
    }
    header.dialects = options.dialects.isEmpty() ? dialectsSeen : options.dialects;
    if (header.dialects.isEmpty())
        header.dialects << QStringLiteral("unspecified");
    for (const Item &item : std::as_const(items))
        if (!item.dialect.isEmpty() && !header.dialects.contains(item.dialect))
            return Error::validation(QStringLiteral("prompt \"%1\" asks for dialect \"%2\", which is not among the pack's "
                                                    "dialects (%3)")
                                         .arg(item.id, item.dialect, header.dialects.join(QStringLiteral(", "))));
    if (items.isEmpty())
        return Error::validation(QStringLiteral("no prompt has answers from two models or more: nothing to compare"));
    return items;
}

} // namespace

std::optional<InputFormat> inputFormatFromString(const QString &name)
{
    if (name == QLatin1String("long"))
        return InputFormat::Long;
    if (name == QLatin1String("alpaca_eval"))
        return InputFormat::AlpacaEval;
    if (name == QLatin1String("mt_bench"))
        return InputFormat::MtBench;
    if (name == QLatin1String("pandalm"))
        return InputFormat::PandaLm;
    if (name == QLatin1String("mt-bench-human"))
        return InputFormat::MtBenchHuman;
    if (name == QLatin1String("arena"))
        return InputFormat::Arena;
    return std::nullopt;
}

Result<BuildReport> buildPack(InputFormat format, const QStringList &inputs, const QString &output,
                              const BuildOptions &options)
{
    // Asked before the inputs are read (a large export takes seconds), and again by nobody: the
    // pack is written through a temporary file renamed over the output.
    if (!options.replaceExisting && QFileInfo::exists(output))
        return Error::conflict(
            QStringLiteral("%1 already exists; pack build does not replace a file unless told to (--force)").arg(output));
    BuildReport report;
    AnswerSet answers;
    if (Status s = readInputs(format, inputs, options, answers, report); !s)
        return s.error();

    PackHeader header;
    header.id = options.packId.isEmpty() ? packIdFrom(output) : options.packId;
    header.title = options.title.isEmpty() ? header.id : options.title;
    header.guidelines.insert(QStringLiteral("en"), QStringLiteral("Read both answers in full, then vote for the better one."));
    header.reveal = options.reveal;
    auto items = makeItems(answers, options, header, report);
    if (!items)
        return items.error();
    if (header.models.size() < 2)
        return Error::validation(QStringLiteral("the inputs hold answers of one model only; a pack compares two or more"));
    report.items = items->size();
    report.models = header.models.size();
    if (report.emptyAnswers > 0)
        report.notes << QStringLiteral("%1 empty answer(s) left out").arg(report.emptyAnswers);

    // The reader's rules apply to what we would write (an id with a space, a category, …): check
    // the canonical lines before writing, so a pack that would not import is never written.
    if (auto h = parseHeader(canonicalLine(toJson(header)), output, 1); !h)
        return Error::validation(QStringLiteral("the built pack would not be valid, nothing written: %1").arg(h.error().message));
    if (options.progress)
        options.progress->setPhase("checking", Progress::Unit::Items, items->size());
    for (qsizetype i = 0; i < items->size(); ++i) {
        if (auto item = parseItem(canonicalLine(toJson(items->at(i))), header, output, i + 2); !item)
            return Error::validation(
                QStringLiteral("the built pack would not be valid, nothing written: %1").arg(item.error().message));
        if (options.progress) {
            if (options.progress->cancelled())
                return Error::cancelled(Progress::cancelledMessage());
            options.progress->advance();
        }
    }
    if (Status s = writePack(output, header, *items); !s)
        return s.error();
    return report;
}

} // namespace majlis::pack
