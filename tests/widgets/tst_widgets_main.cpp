// The GUI tests (run offscreen): one executable for the widgets area that builds the demo
// workspace once and runs the test classes on it in turn.
#include "demo_workspace.h"
#include "tst_widgets.h"

#include "core/media/probe.h"

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AVT Workbench Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_widgets"));
    // Settings go to a fresh folder: the tests never read or write the user's.
    QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    avt::media::setFfmpegLogQuiet(true);

    avt::testing::DemoWorkspace demo = avt::testing::makeDemoWorkspace();
    if (!demo.error.isEmpty()) {
        qCritical("cannot build the demo workspace: %s", qPrintable(demo.error));
        return 1;
    }
    int status = 0;
    {
        TestWorkspaceWindow t(&demo);
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestBrowser t(&demo);
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestInspector t(&demo);
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestStall t(&demo);
        status |= QTest::qExec(&t, argc, argv);
    }
    return status;
}
