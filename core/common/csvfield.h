#pragma once

#include <QString>

namespace majlis {

// One field of a CSV file Majlis writes (RFC 4180): quoted when it holds a comma, a quote or a
// line break. A field that a spreadsheet would run as a formula — text starting with = + - @ or
// a tab or carriage return, as a pack id, an annotator name or a model id from a hostile pack
// could — gets a leading apostrophe, so the cell shows the text instead of computing it. Numbers
// ("-12.5", "+inf", "-inf") are left as they are.
QString csvField(const QString &text);

} // namespace majlis
