#pragma once
// User-interface languages: the workbench's own translations (compiled from translations/*.ts
// into the resources under :/i18n/) and Qt's, for the language chosen in View > Language or,
// when none is chosen, the system's.
#include <QList>
#include <QString>

class QCoreApplication;

namespace avt::widgets {

struct LanguageChoice {
    QString code; // "" = follow the system, else "en", "de", "zh_CN"
    QString name; // in that language ("Deutsch", "简体中文")
};

// The languages offered in View > Language, the system entry first.
QList<LanguageChoice> availableLanguages();

// Installs translators for `code` ("" = QLocale::system()) on the application, replacing those
// of an earlier call. Returns the language actually loaded ("en" when none matched: the source
// strings are English).
QString installTranslations(QCoreApplication &app, const QString &code);

} // namespace avt::widgets
