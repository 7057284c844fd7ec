#include "widgets/shell/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace avt::widgets {

QList<LanguageChoice> availableLanguages()
{
    return {
        {QString(), QCoreApplication::translate("avt::widgets::Translations", "System language")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
}

namespace {
// The translators installed by the last call: a new language replaces them.
QList<QPointer<QTranslator>> g_installed;
} // namespace

QString installTranslations(QCoreApplication &app, const QString &code)
{
    for (const QPointer<QTranslator> &t : std::as_const(g_installed))
        if (t) {
            app.removeTranslator(t);
            delete t;
        }
    g_installed.clear();
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    auto *own = new QTranslator(&app);
    // Looks for :/i18n/avt_de.qm, avt_zh_CN.qm, ... matching the locale's UI languages in turn.
    if (!own->load(locale, QStringLiteral("avt"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete own;
        return QStringLiteral("en");
    }
    app.installTranslator(own);
    g_installed << own;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        app.installTranslator(qt);
        g_installed << qt;
    } else {
        delete qt;
    }
    return own->language();
}

} // namespace avt::widgets
