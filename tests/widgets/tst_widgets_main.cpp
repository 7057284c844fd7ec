// The GUI tests (run offscreen): one executable for the widgets area that builds the demo
// workspace once and runs the test classes on it in turn.
#include "demo_workspace.h"
#include "tst_widgets.h"

#include "core/media/probe.h"

#include <QApplication>
#include <QEvent>
#include <QMetaEnum>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <ctime>

namespace {

avt::testing::LongestDispatch g_longest;

// Times each outermost event dispatch of the GUI thread (avt::testing::longestDispatch).
class TimingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const QEvent::Type type = event->type(); // the event may be gone after delivery
        // Read before delivery (the receiver may be deleted by it); formatted only for a new maximum.
        const char *receiverClass = receiver ? receiver->metaObject()->className() : "nothing";
        const QString receiverName = receiver ? receiver->objectName() : QString();
        const double t0 = avt::testing::threadCpuMs();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = avt::testing::threadCpuMs() - t0;
        if (ms > g_longest.cpuMs) {
            const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            g_longest = {ms, QStringLiteral("%1 to %2 '%3'")
                                 .arg(typeName ? QLatin1String(typeName) : QString::number(int(type)),
                                      QLatin1String(receiverClass), receiverName)};
        }
        return result;
    }

private:
    int m_depth = 0;
};

} // namespace

double avt::testing::threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void avt::testing::resetLongestDispatch() { g_longest = {}; }
avt::testing::LongestDispatch avt::testing::longestDispatch() { return g_longest; }

int main(int argc, char **argv)
{
    TimingApplication app(argc, argv);
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
    return status;
}
