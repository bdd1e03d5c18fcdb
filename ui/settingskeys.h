#pragma once

#include <QLatin1String>

// The desktop's QSettings keys, named once: app/desktop/main.cpp reads what ui/mainwindow.cpp
// writes, and a key spelled twice drifts silently (a misspelt key reads back its default). The
// sync server and token are not here: they live with the workstation key (sync/syncsettings.h).
namespace majlis::ui::settingskeys {

inline constexpr QLatin1String kLanguage("ui/language");         // interface language: "en", "ar"
inline constexpr QLatin1String kAnnotator("session/annotator");  // the last annotator who voted
inline constexpr QLatin1String kArabicFamily("fonts/arabicFamily");
inline constexpr QLatin1String kLatinFamily("fonts/latinFamily");
inline constexpr QLatin1String kFontSize("fonts/size");          // the Latin point size
inline constexpr QLatin1String kArabicStep("fonts/arabicStep");  // points added for Arabic text
inline constexpr QLatin1String kKeepLineBreaks("text/keepLineBreaks");  // a single newline shows as one

}  // namespace majlis::ui::settingskeys
