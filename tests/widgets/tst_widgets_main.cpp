// The GUI tests (run offscreen): one executable for the widgets area that builds the demo
// workspace once and runs the test classes on it in turn.
#include "demo_workspace.h"
#include "tst_widgets.h"

#include "core/media/probe.h"

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

void avt::testing::resetLongestDispatch()
{
    if (auto *app = avt::testing::TimingApplication::instance())
        app->resetLongest();
}

avt::testing::LongestDispatch avt::testing::longestDispatch()
{
    auto *app = avt::testing::TimingApplication::instance();
    return app ? app->longest() : avt::testing::LongestDispatch{};
}

int main(int argc, char **argv)
{
    avt::testing::TimingApplication app(argc, argv);
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
        TestBackground t;
        run(t);
    }
    {
        TestWorkspaceWindow t(&demo);
        run(t);
    }
    {
        TestBrowser t(&demo);
        run(t);
    }
    {
        TestPrepareJob t(&demo);
        run(t);
    }
    {
        TestInspector t(&demo);
        run(t);
    }
    {
        TestCamViewer t(&demo);
        run(t);
    }
    {
        TestStall t(&demo);
        run(t);
    }
    {
        TestCurvePlot t;
        run(t);
    }
    {
        TestCompareView t;
        run(t);
    }
    {
        TestConfigForm t;
        run(t);
    }
    {
        TestRunMonitor t;
        run(t);
    }
    {
        TestLauncherView t;
        run(t);
    }
    {
        TestRunQueue t(&demo);
        run(t);
    }
    return status;
}
