#pragma once
// The GUI test classes; each gets the shared demo workspace.
#include "demo_workspace.h"

#include <QObject>

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
