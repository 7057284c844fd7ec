#pragma once
// The user interface language (key "Language/code"): "" follows the system, else a locale name
// such as "de" or "zh_CN". Read once at start-up; a change takes effect on the next start.
#include "widgets/settings/settings_group.h"

namespace avt::widgets {

class LanguageSettings : public SettingsGroup {
public:
    LanguageSettings() : SettingsGroup(QStringLiteral("Language/")) {}

    QString code() const { return read(QStringLiteral("code")).toString(); }
    void setCode(const QString &code) const { write(QStringLiteral("code"), code); }
};

} // namespace avt::widgets
