#include "common/csvfield.h"

namespace majlis {

namespace {

bool isNumber(const QString &text)
{
    if (text == QLatin1String("+inf") || text == QLatin1String("-inf"))
        return true;
    bool ok = false;
    (void)text.toDouble(&ok);
    return ok && !text.contains(QLatin1Char('e')) && !text.contains(QLatin1Char('E')) && !text.isEmpty()
           && !text.front().isSpace() && !text.back().isSpace();
}

} // namespace

QString csvField(const QString &text)
{
    QString field = text;
    if (!field.isEmpty() && QStringView(u"=+-@\t\r").contains(field.front()) && !isNumber(field))
        field.prepend(QLatin1Char('\''));
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    field.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + field + QLatin1Char('"');
}

} // namespace majlis
