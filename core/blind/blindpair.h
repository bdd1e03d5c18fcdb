#pragma once

#include <QList>
#include <QString>

#include "model/event.h"
#include "model/pack.h"

namespace majlis {

// One answer as the voting screen sees it: a label and a text whose model names are masked.
struct BlindAnswer
{
    QString label;      // "A" or "B"
    QString text;       // Markdown, identities masked
    int maskedCount = 0;
};

// Everything the voting screen needs, and nothing that names a model: there is no field for
// one, so the screen cannot leak what it was never given. tests/unit/blind checks this at
// compile time.
struct BlindPair
{
    QString comparisonId;          // opaque to the screen; it hands it back with the vote
    QList<Turn> conversation;      // the prompt, or the turns before the answers
    QString dialect;               // requested variety
    QString category;
    BlindAnswer first;             // "A": first in reading order
    BlindAnswer second;            // "B"
    qint64 position = 0;           // in the annotator's schedule
    Selection selection = Selection::ScheduledRandom;
};

} // namespace majlis
