#pragma once
// The workbench's main window: opens / creates a workspace (folder + SQLite store), remembers
// recent workspaces and the window layout (MainWindowSettings), hosts the views as dock widgets
// (dataset browser, segment inspector, Grad-CAM viewer, run comparison), shows background tasks in the status bar,
// imports datasets in the background and accepts dropped workspaces, annotation files and media files. GUI thread only.
#include "core/util/result.h"
#include "widgets/common/clip_ref.h"

#include <QMainWindow>
#include <QPointer>

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;

namespace avt::data {
struct ImportOptions;
}

namespace avt::widgets {

class CamViewer;
class CompareView;
class DatasetBrowser;
class ImportTask;
class LauncherView;
class TrainingView;
class SegmentInspector;
class TaskStatus;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the workspace in folder (created when absent), adds it to the recent list and shows
    // its datasets. The error names the folder and the cause.
    Status openWorkspace(const QString &folder);
    QString workspace() const { return m_workspace; }

    // Starts importing annotationPath into the open workspace in the background.
    Status startImport(const QString &annotationPath, const avt::data::ImportOptions &options);
    // Opens a media file (not from a dataset) in the segment inspector.
    void inspectFile(const QString &path);

    DatasetBrowser *browser() const { return m_browser; }
    SegmentInspector *inspector() const { return m_inspector; }
    CamViewer *camViewer() const { return m_camViewer; }
    CompareView *compareView() const { return m_compareView; }
    LauncherView *launcher() const { return m_launcher; }
    TrainingView *training() const { return m_training; }
    // Shows the Grad-CAM viewer on clip (runs: tick these; empty keeps the viewer's choice).
    void explainClip(const ClipRef &clip, const QStringList &runs = {});
    TaskStatus *tasks() const { return m_tasks; }

    // Writes the window layout to the settings (as closing the window does).
    void saveLayout() const;
    // True while a background import runs.
    bool isImporting() const;

signals:
    void workspaceOpened(const QString &folder);
    // View > Language picked code ("" = the system's); the Workbench rebuilds the window in it.
    void languageChangeRequested(const QString &code);
    void importFinished(bool ok, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void createDocks();
    void rebuildRecentMenu();
    void newWorkspace();
    void openWorkspaceDialog();
    void openWorkspaceInteractive(const QString &folder);
    void importDialog(const QString &annotationPath = QString());
    void showAbout();
    void restoreLayout();
    void resetLayout();

    QString m_workspace;
    DatasetBrowser *m_browser;
    SegmentInspector *m_inspector;
    CamViewer *m_camViewer;
    CompareView *m_compareView;
    QDockWidget *m_browserDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_camDock = nullptr;
    QDockWidget *m_compareDock = nullptr;
    LauncherView *m_launcher;
    TrainingView *m_training;
    QDockWidget *m_launcherDock = nullptr;
    QDockWidget *m_trainingDock = nullptr;
    QMenu *m_runsMenu = nullptr;
    TaskStatus *m_tasks;
    QLabel *m_workspaceLabel;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QActionGroup *m_languages = nullptr;
    QPointer<ImportTask> m_import;
    QByteArray m_defaultState;
};

} // namespace avt::widgets
