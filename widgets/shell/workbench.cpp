#include "widgets/shell/workbench.h"

#include "widgets/browser/dataset_browser.h"
#include "widgets/settings/language_settings.h"
#include "widgets/shell/main_window.h"
#include "widgets/shell/translations.h"

#include <QApplication>
#include <QMessageBox>

namespace avt::widgets {

Workbench::Workbench(QApplication &app) : m_app(app)
{
    m_language = installTranslations(app, LanguageSettings().code());
    adopt(new MainWindow);
}

Workbench::~Workbench() { delete m_window; }

void Workbench::adopt(MainWindow *window)
{
    m_window = window;
    connect(window, &MainWindow::languageChangeRequested, this, [this](const QString &code) { setLanguage(code); });
}

Status Workbench::open(const QString &folder) { return m_window->openWorkspace(folder); }

bool Workbench::setLanguage(const QString &code)
{
    MainWindow *old = m_window;
    if (old->isImporting()) {
        QMessageBox::information(old, MainWindow::tr("Language"),
                                 MainWindow::tr("The language changes when the running import has finished: "
                                                "pick it again then."));
        return false;
    }
    // What the new window shows again: the layout (through the settings), the workspace, the
    // dataset and the clip.
    old->saveLayout();
    const QString workspace = old->workspace();
    const QString dataset = old->browser()->currentDataset();
    const qint64 clip = old->browser()->currentClip().id;
    const bool visible = old->isVisible();
    LanguageSettings().setCode(code);
    m_language = installTranslations(m_app, code);
    auto *window = new MainWindow;
    adopt(window);
    if (visible)
        window->show();
    if (!workspace.isEmpty() && window->openWorkspace(workspace).ok())
        window->browser()->showClip(dataset, clip);
    old->hide();
    old->deleteLater();
    emit windowReplaced(window);
    return true;
}

} // namespace avt::widgets
