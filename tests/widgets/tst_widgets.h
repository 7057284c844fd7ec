#pragma once
// The GUI test classes; each gets the shared demo workspace.
#include "demo_workspace.h"
#include "timing_application.h"
#include "widgets/common/clip_ref.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTemporaryDir>

namespace avt::testing {

// The longest single event dispatch on the GUI thread, in thread CPU time, since the last
// reset (tst_widgets_main's TimingApplication measures every top-level QApplication::notify). This
// is what a user feels as a freeze: input waits for the one handler that is running. (A
// heartbeat timer instead adds up every short handler run between two of its ticks, which
// grows with machine load as ticks are delayed.)
void resetLongestDispatch();
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
    void launcherPreparesTheFirstRunsCache();

private:
    const avt::testing::DemoWorkspace *m_demo;
};

// The views' background work (widgets/common/background.h).
class TestBackground : public QObject {
    Q_OBJECT
private slots:
    void throwingTaskShowsAMessage();
};

// The curves plot of the run comparison (widgets/compare/curve_plot) on a synthetic workspace of
// its own (compare/tst_curve_plot.cpp).
class TestCurvePlot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void drawsRunsAndGroups();
    void smoothingEqualsEma();
    void logAxesSkipNonPositive();
    void downsamplingKeepsExtremes();
    void readoutAndCsv();
    void exportsImages();
    void staleRequestsAreDropped();
    void manyRunsStayInteractive();

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QList<qint64> m_small; // runs a, b, c: 1000 steps of train/loss, 100 of train/lr
    qint64 m_big = 0;      // 10,000 steps of train/loss
};

// The run comparison view (widgets/compare/compare_view) on a synthetic workspace of its own with
// known numbers: a Table 4 ladder with two seeds, sweep runs, a dataset and stored predictions
// (compare/tst_compare_view.cpp).
class TestCompareView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void loadsInTheBackground();
    void filtersLeaveTheRightRows();
    void seedGroupsShowMeanAndStd();
    void configDiffShowsTheDifferingKeys();
    void summaryAtAStep();
    void table4RowsAndValues();
    void confusionMatrixEqualsPredictions();
    void epicRunsShowVerbNounAndAction();
    void runsTableCsvRoundTrip();
    void curvesGetTheTickedRuns();
    void mainWindowHasTheDock();
    void thousandRunsStayFast();

private:
    QTemporaryDir m_dir;
    QString m_workspace;
};

// The run launcher's form (widgets/train/config_form), built from the engine's key tables; needs
// no workspace (train/tst_config_form.cpp).
class TestConfigForm : public QObject {
    Q_OBJECT
private slots:
    void everyKeyHasAField();
    void valuesFromTheBase();
    void invalidValuesShowTheEngineMessage();
    void overridesReproduceTheConfig();
    void presetChangeRefillsModelFields();
};

// The live view of a training run (widgets/train/run_monitor) on a workspace of its own with runs,
// metric rows, progress events and logs written by the test (train/tst_run_monitor.cpp).
class TestRunMonitor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void showsCurvesAndGrows();
    void evalPointsByEpoch();
    void failedRunShowsWhy();
    void deadProcessShowsInterrupted();
    void logTailsPerRank();
    void switchingRunsDropsOldResults();
    void noStallWhilePolling();

private:
    QTemporaryDir m_dir;
    QString m_workspace;
};

// The run queue with the real train verb (train/tst_run_queue.cpp).
class TestRunQueue : public QObject {
    Q_OBJECT
public:
    explicit TestRunQueue(const avt::testing::DemoWorkspace *demo) : m_demo(demo) {}
private slots:
    void initTestCase();
    void threeRunsThroughTwoSlots();
    void stopAndResumeFromTheView();
    void reopenAttachesAndKilledShowsInterrupted();
    void twoGlooRanksFromTheQueue();
    void launcherQueuesTheLadderWithSeeds();

private:
    const avt::testing::DemoWorkspace *m_demo;
};

// The run launcher (train/tst_launcher_view.cpp): its own small workspace, no training.
class TestLauncherView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void diffAndCommandFollowTheForm();
    void table4LadderAndSweepWithSeeds();
    void startFromRunUsesItsConfig();
    void queueEmitsSpecs();
    void slurmScriptsWritten();

private:
    QTemporaryDir m_dir;
    QString m_workspace;
};
