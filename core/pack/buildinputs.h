#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include "pack/builder.h"

// The readers behind buildPack, one per input format. Internal to majlis_pack.
namespace majlis::pack::build {

// One model's answer to one prompt, as read from any input format.
struct Answer
{
    QString promptId;
    QList<Turn> conversation;  // what the model answered; usually one user turn
    QString model, output, category, dialect;
    QString where;  // FILE:LINE or FILE: record N, for messages
};

// Answers grouped by prompt id, in the order prompts and models first appear.
class AnswerSet
{
public:
    struct Group
    {
        QList<Answer> answers;  // never empty; the first one's prompt, category and dialect count
    };

    // Refuses a prompt id whose prompt differs from an earlier answer's, and a model answering a
    // prompt twice. An empty output is counted and left out.
    Status add(Answer answer, BuildReport &report);
    const QList<Group> &groups() const { return m_groups; }

private:
    QList<Group> m_groups;
    QHash<QString, qsizetype> m_index;
};

Status readLong(const QString &path, const ColumnMapping &mapping, AnswerSet &answers, BuildReport &report);
// `promptIds` numbers instructions across all files of one build.
Status readAlpacaEval(const QString &path, QHash<QString, QString> &promptIds, AnswerSet &answers, BuildReport &report);
Status readMtBench(const QStringList &inputs, const BuildOptions &options, AnswerSet &answers, BuildReport &report);

} // namespace majlis::pack::build
