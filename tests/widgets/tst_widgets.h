#pragma once
// The GUI test classes; each gets the shared demo workspace.
#include "demo_workspace.h"
#include "widgets/common/clip_ref.h"

#include <QObject>
#include <QString>

namespace avt::testing {

// The longest single event dispatch on the GUI thread, in thread CPU time, since the last
// reset (tst_widgets_main's application measures every top-level QApplication::notify). This
// is what a user feels as a freeze: input waits for the one handler that is running. (A
// heartbeat timer instead adds up every short handler run between two of its ticks, which
// grows with machine load as ticks are delayed.)
struct LongestDispatch {
    double cpuMs = 0;
    QString what; // event type and receiver, e.g. "UpdateRequest to QWidget 'qt_scrollarea_viewport'"
};
void resetLongestDispatch();
// CPU time of the calling thread, in milliseconds.
double threadCpuMs();
LongestDispatch longestDispatch();

} // namespace avt::testing

class TestWorkspaceWindow : public QObject {
    Q_OBJECT
public:
    explicit TestWorkspaceWindow(const avt::testing::DemoWorkspace *demo) : m_demo(demo) {}
private slots:
    void recentListIsCappedAndOrdered();
    void createsAndReopensWorkspace();
    void rejectsFileAsWorkspace();
    void layoutRoundTrip();
    void aboutListsVersions();
    void importsInBackground();
    void translationsAreEmbedded();
    void languageChangesAtOnce();

private:
    const avt::testing::DemoWorkspace *m_demo;
};

class TestBrowser : public QObject {
    Q_OBJECT
public:
    explicit TestBrowser(const avt::testing::DemoWorkspace *demo) : m_demo(demo) {}
private slots:
    void modelUnderTester();
    void filtersAndCounts();
    void browserHistogramFollowsFilters();
    void thumbnailsAndPreview();

private:
    const avt::testing::DemoWorkspace *m_demo;
};

class TestInspector : public QObject {
    Q_OBJECT
public:
    explicit TestInspector(const avt::testing::DemoWorkspace *demo) : m_demo(demo) {}
private slots:
    void reactsToParameters();
    void dropsStaleResults();
    void exportsPngAndPdf();

private:
    const avt::testing::DemoWorkspace *m_demo;
};

class TestStall : public QObject {
    Q_OBJECT
public:
    explicit TestStall(const avt::testing::DemoWorkspace *demo) : m_demo(demo) {}
private slots:
    void noStallWhileLoading10kClips();

private:
    const avt::testing::DemoWorkspace *m_demo;
};

// The Grad-CAM viewer (widgets/explain) on the demo workspace with three trained avt-tiny runs.
class TestCamViewer : public QObject {
    Q_OBJECT
public:
    explicit TestCamViewer(const avt::testing::DemoWorkspace *demo) : m_demo(demo) {}
private slots:
    void initTestCase();
    void mapsEqualTheBatchExport();
    void controlsChangeTheMaps();
    void staleResultsAndCancel();
    void reopenedClipComesFromTheCache();
    void errorsAreMessages();
    void keyboardSettingsAndExport();
    void worksWithTheBrowser();
    void noStallWhileMapsCompute();
    void unlabelledClipIsExplained();

private:
    const avt::testing::DemoWorkspace *m_demo;
    avt::widgets::ClipRef m_clip, m_otherClip; // two test clips of the demo dataset
};

// "Prepare clip cache…": BatchJob against fake programs, and the dataset browser running the
// `prepare` verb in a child process (browser/tst_prepare_job.cpp).
class TestPrepareJob : public QObject {
    Q_OBJECT
public:
    explicit TestPrepareJob(const avt::testing::DemoWorkspace *demo) : m_demo(demo) {}
private slots:
    void reportsProgressEventsAndSummary();
    void failuresCarryTheMessage();
    void cancelStopsTheChild();
    void browserRunsThePrepareVerb();
    void browserPreparesWithTheRealVerb();

private:
    const avt::testing::DemoWorkspace *m_demo;
};

// The views' background work (widgets/common/background.h).
class TestBackground : public QObject {
    Q_OBJECT
private slots:
    void throwingTaskShowsAMessage();
};
