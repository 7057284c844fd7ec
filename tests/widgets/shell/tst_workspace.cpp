// Workspace handling of the main window: create, reopen, recent list, layout round trip,
// About box, a background import.
#include "../tst_widgets.h"

#include "core/store/workspace.h"
#include "widgets/browser/dataset_browser.h"
#include "widgets/settings/language_settings.h"
#include "widgets/settings/main_window_settings.h"
#include "widgets/shell/about_dialog.h"
#include "widgets/shell/app_icon.h"
#include "widgets/shell/main_window.h"
#include "widgets/shell/task_status.h"
#include "widgets/shell/translations.h"
#include "widgets/shell/workbench.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace avt;
using namespace avt::widgets;

void TestWorkspaceWindow::recentListIsCappedAndOrdered()
{
    const MainWindowSettings s;
    s.clearRecentWorkspaces();
    for (int i = 0; i < 10; ++i)
        s.addRecentWorkspace(QStringLiteral("/tmp/ws%1").arg(i));
    s.addRecentWorkspace(QStringLiteral("/tmp/ws5/")); // same folder, other spelling
    const QStringList recent = s.recentWorkspaces();
    QCOMPARE(recent.size(), MainWindowSettings::kMaxRecent);
    QCOMPARE(recent.front(), QStringLiteral("/tmp/ws5"));
    QCOMPARE(recent.at(1), QStringLiteral("/tmp/ws9"));
    QCOMPARE(recent.count(QStringLiteral("/tmp/ws5")), 1);
    s.removeRecentWorkspace(QStringLiteral("/tmp/ws5"));
    QVERIFY(!s.recentWorkspaces().contains(QStringLiteral("/tmp/ws5")));
    s.clearRecentWorkspaces();
}

void TestWorkspaceWindow::createsAndReopensWorkspace()
{
    QTemporaryDir tmp;
    const QString folder = tmp.filePath(QStringLiteral("fresh"));
    {
        MainWindow w;
        QSignalSpy opened(&w, &MainWindow::workspaceOpened);
        auto st = w.openWorkspace(folder);
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
        QCOMPARE(opened.count(), 1);
        QVERIFY(store::Workspace::exists(folder));
        QVERIFY(w.windowTitle().contains(QStringLiteral("fresh")));
        QCOMPARE(MainWindowSettings().recentWorkspaces().front(), QDir(folder).absolutePath());
        QTRY_VERIFY(!w.browser()->isLoading());
        QVERIFY(w.browser()->datasets().isEmpty());
    }
    // Reopening the demo workspace shows its dataset and clips; the recent list has both.
    MainWindow w;
    QSignalSpy loaded(w.browser(), &DatasetBrowser::datasetLoaded);
    QVERIFY(w.openWorkspace(m_demo->workspace).ok());
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && !w.browser()->isLoading(), 10000);
    QCOMPARE(w.browser()->datasets(), QStringList{m_demo->dataset});
    QCOMPARE(w.browser()->filterModel()->rowCount(), m_demo->summary.clips);
    const QStringList recent = MainWindowSettings().recentWorkspaces();
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent.front(), QDir(m_demo->workspace).absolutePath());
}

void TestWorkspaceWindow::rejectsFileAsWorkspace()
{
    QTemporaryDir tmp;
    const QString file = tmp.filePath(QStringLiteral("plain.txt"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a folder");
    f.close();
    MainWindow w;
    auto st = w.openWorkspace(file);
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(QStringLiteral("plain.txt")), qPrintable(st.error().message));
    QVERIFY(w.workspace().isEmpty());
}

void TestWorkspaceWindow::layoutRoundTrip()
{
    QSize saved;
    {
        MainWindow w;
        w.resize(1100, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *inspector = w.findChild<QDockWidget *>(QStringLiteral("SegmentInspectorDock"));
        QVERIFY(inspector);
        inspector->hide();
        saved = w.size();
        w.close(); // saves geometry and dock state
    }
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    auto *inspector = again.findChild<QDockWidget *>(QStringLiteral("SegmentInspectorDock"));
    auto *browser = again.findChild<QDockWidget *>(QStringLiteral("DatasetBrowserDock"));
    QVERIFY(inspector && browser);
    QVERIFY(inspector->isHidden());
    QVERIFY(!browser->isHidden());
    QCOMPARE(again.size(), saved);
    inspector->show();
    again.close();
}

void TestWorkspaceWindow::aboutListsVersions()
{
    const QString text = AboutDialog::versionText();
    for (const char *name : {"Qt", "LibTorch", "CUDA", "FFmpeg", "OpenCV", "SQLite"})
        QVERIFY2(text.contains(QLatin1String(name)), name);
    QVERIFY(text.contains(QString::fromLatin1(qVersion())));
    // The icon (from the resources where the theme has none) on the window and the About box,
    // and the licence's full text.
    const QIcon icon = applicationIcon();
    QVERIFY(!icon.isNull());
    QCOMPARE(icon.pixmap(64, 64).size(), QSize(64, 64));
    MainWindow w;
    QVERIFY(!w.windowIcon().isNull());
    // Every action of the menus has an icon (the theme's or ours), but the recent workspaces.
    for (QAction *menu : w.menuBar()->actions())
        for (QAction *a : menu->menu()->actions())
            if (!a->isSeparator() && !a->menu() && a->actionGroup() == nullptr
                && !a->text().contains(QStringLiteral("Qt")))
                QVERIFY2(!a->icon().isNull(), qPrintable(a->text()));
    AboutDialog about(&w);
    const auto *label = about.findChild<QLabel *>(QStringLiteral("aboutIcon"));
    QVERIFY(label && !label->pixmap().isNull());
    QVERIFY(AboutDialog::fullLicence().startsWith(QStringLiteral("                    GNU GENERAL PUBLIC LICENSE")));
    QVERIFY(AboutDialog::fullLicence().contains(QStringLiteral("Version 3, 29 June 2007")));
}

void TestWorkspaceWindow::importsInBackground()
{
    // Import the demo's annotation file again under another name into a fresh workspace.
    QTemporaryDir tmp;
    MainWindow w;
    QVERIFY(w.openWorkspace(tmp.filePath(QStringLiteral("ws"))).ok());
    QSignalSpy finished(&w, &MainWindow::importFinished);
    data::ImportOptions o;
    o.name = QStringLiteral("again");
    const QString csv = m_demo->csvPath;
    QVERIFY(QFile::exists(csv));
    QVERIFY(w.startImport(csv, o).ok());
    QCOMPARE(w.tasks()->runningTasks() >= 1, true);
    QVERIFY(!w.startImport(csv, o).ok()); // one import at a time
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(w.browser()->datasets(), QStringList{QStringLiteral("again")}, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(w.browser()->filterModel()->rowCount(), m_demo->summary.clips, 10000);
}

void TestWorkspaceWindow::translationsAreEmbedded()
{
    // The .qm files compiled from translations/*.ts are in the resources, under :/i18n/.
    const struct {
        const char *file;
        const char *context;
        const char *source;
        const char *expected;
    } cases[] = {
        {":/i18n/avt_de.qm", "avt::widgets::MainWindow", "&File", "&Datei"},
        {":/i18n/avt_de.qm", "avt::widgets::DatasetBrowser", "&Dataset:", "&Datensatz:"},
        {":/i18n/avt_zh_CN.qm", "avt::widgets::MainWindow", "Segment Inspector", "片段检查器"},
        {":/i18n/avt_zh_CN.qm", "avt::widgets::ColourMaps", "Grayscale", "灰度"},
    };
    for (const auto &c : cases) {
        QTranslator t;
        QVERIFY2(t.load(QString::fromLatin1(c.file)), c.file);
        QCOMPARE(t.translate(c.context, c.source), QString::fromUtf8(c.expected));
    }
}

void TestWorkspaceWindow::languageChangesAtOnce()
{
    auto &app = static_cast<QApplication &>(*QCoreApplication::instance());
    Workbench wb(app);
    wb.window()->resize(1200, 800);
    wb.window()->show();
    QVERIFY(wb.open(m_demo->workspace).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!wb.window()->browser()->isLoading() && wb.window()->browser()->currentClip().isValid(),
                             20000);
    wb.window()->browser()->selectRow(3);
    const ClipRef clip = wb.window()->browser()->currentClip();
    QVERIFY(clip.isValid());
    QPointer<MainWindow> old = wb.window();
    QSignalSpy replaced(&wb, &Workbench::windowReplaced);

    QVERIFY(wb.setLanguage(QStringLiteral("de")));
    QCOMPARE(replaced.size(), 1);
    QVERIFY2(wb.language().startsWith(QLatin1String("de")), qPrintable(wb.language()));
    MainWindow *w = wb.window();
    QVERIFY(w != old.data() && w->isVisible());
    QTRY_VERIFY(old.isNull()); // the old window is gone
    QCOMPARE(w->menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
    QCOMPARE(w->findChild<QDockWidget *>(QStringLiteral("DatasetBrowserDock"))->windowTitle(),
             QStringLiteral("Datensatz-Browser"));
    // Same workspace, dataset and clip.
    QCOMPARE(w->workspace(), QDir(m_demo->workspace).absolutePath());
    QTRY_VERIFY_WITH_TIMEOUT(!w->browser()->isLoading() && w->browser()->currentClip().isValid(), 20000);
    QCOMPARE(w->browser()->currentClip(), clip);
    QCOMPARE(LanguageSettings().code(), QStringLiteral("de"));

    // Back to English through the menu, as a user does it.
    QAction *english = nullptr;
    for (QAction *a : w->findChildren<QAction *>())
        if (a->data().toString() == QLatin1String("en") && a->isCheckable())
            english = a;
    QVERIFY(english);
    english->trigger();
    QCOMPARE(replaced.size(), 2);
    QCOMPARE(wb.window()->menuBar()->actions().first()->text(), QStringLiteral("&File"));
    LanguageSettings().setCode(QString());
    installTranslations(app, QStringLiteral("en"));
}
