#include "pack/builder.h"

#include "common/json.h"
#include "common/jsonparse.h"
#include "model/dialects.h"
#include "pack/buildinputs.h"
#include "pack/packparse.h"
#include "pack/packwriter.h"

#include <QFile>
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
    const DialectRegistry &registry = defaultDialects();
    QMap<QString, QString> mapped;   // code as written -> registry id
    QHash<QString, QString> asWritten;  // item id -> its dialect as the data wrote it
    QMap<QString, qint64> unknown;   // code the registry does not know -> items
    const auto canonical = [&](const QString &code, bool count) {
        if (code.isEmpty())
            return code;
        const QString id = registry.canonical(code);
        if (const DialectVariety *v = registry.resolve(code); v && code != v->id)
            mapped.insert(code, v->id);
        else if (!v && count)
            ++unknown[code];
        return id;
    };
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
        const QString written = first.dialect.isEmpty() ? options.defaultDialect : first.dialect;
        item.dialect = canonical(written, true);
        if (written != item.dialect)
            asWritten.insert(item.id, written);
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
    if (options.dialects.isEmpty()) {
        header.dialects = dialectsSeen;
    } else {
        for (const QString &d : options.dialects)
            if (const QString id = canonical(d, false); !header.dialects.contains(id))
                header.dialects << id;
    }
    if (header.dialects.isEmpty())
        header.dialects << QStringLiteral("unspecified");
    if (!mapped.isEmpty()) {
        QStringList pairs;
        for (auto it = mapped.cbegin(); it != mapped.cend(); ++it)
            pairs << QStringLiteral("%1 → %2").arg(it.key(), it.value());
        report.notes << QStringLiteral("dialect codes written as the registry's varieties: %1").arg(pairs.join(QStringLiteral(", ")));
    }
    if (!unknown.isEmpty()) {
        QStringList codes;
        for (auto it = unknown.cbegin(); it != unknown.cend(); ++it)
            codes << QStringLiteral("%1 (%2 %3)").arg(it.key()).arg(it.value()).arg(QLatin1String(it.value() == 1 ? "item" : "items"));
        report.notes << QStringLiteral("dialect codes the registry does not know, kept as written (shown raw, sliced "
                                       "apart; a pack can name them in \"dialect_registry\"): %1")
                            .arg(codes.join(QStringLiteral(", ")));
    }
    for (const Item &item : std::as_const(items))
        if (!item.dialect.isEmpty() && !header.dialects.contains(item.dialect))
            return Error::validation(
                QStringLiteral("prompt \"%1\" asks for dialect \"%2\"%3, which is not among the pack's dialects (%4)")
                    .arg(item.id, asWritten.value(item.id, item.dialect),
                         asWritten.contains(item.id) ? QStringLiteral(" (%1 in the registry)").arg(item.dialect) : QString(),
                         header.dialects.join(QStringLiteral(", "))));
    if (items.isEmpty())
        return Error::validation(QStringLiteral("no prompt has answers from two models or more: nothing to compare"));
    return items;
}

// The default guidelines, in both interface languages, so a pack built from a CSV does not show
// English text in the Arabic interface.
LocalizedText defaultGuidelines()
{
    return {
        {QStringLiteral("en"),
         QStringLiteral("Read both answers in full, then vote for the better one. Judge what each answer says and "
                        "whether it is written in the variety the prompt asks for; mark the words that fail.")},
        {QStringLiteral("ar"),
         QStringLiteral("اقرأ الإجابتين كاملتين، ثم صوّت للأفضل منهما. احكم على ما تقوله كل إجابة، وعلى كتابتها "
                        "باللهجة التي يطلبها السؤال؛ وحدّد الكلمات التي أخطأت فيها.")},
    };
}

Result<QString> readTextFile(const QString &path, const QString &what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("%1: cannot read the %2: %3").arg(path, what, f.errorString()));
    constexpr qint64 limit = 1 << 20;
    if (f.size() > limit)
        return Error::validation(QStringLiteral("%1: the %2 is over 1 MiB").arg(path, what));
    const QByteArray bytes = f.readAll();
    QString text = utf8Text(bytes.constData(), bytes.size());
    if (text.toUtf8() != bytes)
        return Error::validation(QStringLiteral("%1: the %2 is not UTF-8 text; save it as UTF-8").arg(path, what));
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    if (text.trimmed().isEmpty())
        return Error::validation(QStringLiteral("%1: the %2 is empty").arg(path, what));
    return text;
}

// --labels: category labels in more languages.
Status applyLabels(const QString &path, PackHeader &header, BuildReport &report)
{
    auto text = readTextFile(path, QStringLiteral("labels file"));
    if (!text)
        return text.error();
    const std::string bytes = text->toStdString();
    auto doc = parseJson(bytes, JsonSource{path, 0});
    if (!doc)
        return doc.error();
    const auto fail = [&](const QString &field, const QString &what) {
        return Error::validation(QStringLiteral("%1: field \"%2\": %3").arg(path, field, what));
    };
    if (!doc->is_object())
        return fail(QString(), QStringLiteral("must be an object {\"categories\": {id: {language: label}}}"));
    for (auto it = doc->begin(); it != doc->end(); ++it)
        if (it.key() != "categories")
            return fail(toQString(it.key()), QStringLiteral("unknown field (the labels file holds \"categories\")"));
    const auto cats = doc->find("categories");
    if (cats == doc->end() || !cats->is_object())
        return fail(QStringLiteral("categories"), QStringLiteral("must be an object of category id → {language: label}"));
    QStringList unused;
    for (auto it = cats->begin(); it != cats->end(); ++it) {
        const QString id = toQString(it.key());
        if (!it->is_object() || it->empty())
            return fail(QStringLiteral("categories.") + id, QStringLiteral("must be an object of language → label"));
        LocalizedText labels;
        for (auto l = it->begin(); l != it->end(); ++l) {
            if (!l->is_string() || l->get<std::string>().empty())
                return fail(QStringLiteral("categories.%1.%2").arg(id, toQString(l.key())),
                            QStringLiteral("must be a non-empty string"));
            labels.insert(toQString(l.key()), toQString(l->get<std::string>()));
        }
        auto c = std::find_if(header.categories.begin(), header.categories.end(),
                              [&](const CategoryInfo &info) { return info.id == id; });
        if (c == header.categories.end())
            unused << id;
        else
            c->label.insert(labels);
    }
    if (!unused.isEmpty())
        report.notes << QStringLiteral("%1: labels for categories no prompt uses, left out: %2")
                            .arg(path, unused.join(QStringLiteral(", ")));
    return {};
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
    header.guidelines = defaultGuidelines();
    for (auto it = options.guidelineFiles.cbegin(); it != options.guidelineFiles.cend(); ++it) {
        auto text = readTextFile(it.value(), QStringLiteral("guidelines file"));
        if (!text)
            return text.error();
        header.guidelines.insert(it.key(), *text);
    }
    header.reveal = options.reveal;
    auto items = makeItems(answers, options, header, report);
    if (!items)
        return items.error();
    if (header.models.size() < 2)
        return Error::validation(QStringLiteral("the inputs hold answers of one model only; a pack compares two or more"));
    if (!options.labelsFile.isEmpty())
        if (Status s = applyLabels(options.labelsFile, header, report); !s)
            return s.error();
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
