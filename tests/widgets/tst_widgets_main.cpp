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
    // AVT_TEST_CLASSES=TestInspector,TestStall runs only those classes.
    const QStringList only = qEnvironmentVariable("AVT_TEST_CLASSES").split(QLatin1Char(','), Qt::SkipEmptyParts);
    int status = 0;
    const auto run = [&](QObject &t) {
        if (only.isEmpty() || only.contains(QLatin1String(t.metaObject()->className())))
            status |= QTest::qExec(&t, argc, argv);
    };
    {
        TestWorkspaceWindow t(&demo);
        run(t);
    }
    {
        TestBrowser t(&demo);
        run(t);
    }
    {
        TestInspector t(&demo);
        run(t);
    }
    {
        TestStall t(&demo);
        run(t);
    }
    return status;
}
