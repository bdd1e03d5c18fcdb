#pragma once

#include <QString>
#include <QStringView>

namespace majlis::text {

enum class Direction { LeftToRight, RightToLeft, Neutral };

// The direction a paragraph should be laid out in, decided by its dominant script: strong
// right-to-left letters against strong left-to-right letters, skipping `inline code` spans.
// Qt's automatic direction takes the first strong character, so «"GPT-4" قال …» would come out
// left-to-right; by count it is Arabic. A tie falls back to the first strong character.
Direction dominantDirection(QStringView text);

struct ScriptCounts
{
    int rightToLeft = 0;
    int leftToRight = 0;
};
ScriptCounts countStrongLetters(QStringView text, bool skipInlineCode = true);

} // namespace majlis::text
