#include "widgets/shell/main_window.h"

#include "core/importer/importer.h"
#include "core/store/workspace.h"
#include "widgets/browser/dataset_browser.h"
#include "widgets/compare/compare_view.h"
#include "widgets/explain/cam_viewer.h"
#include "widgets/inspector/segment_inspector.h"
#include "widgets/settings/language_settings.h"
#include "widgets/settings/main_window_settings.h"
#include "widgets/shell/about_dialog.h"
#include "widgets/shell/app_icon.h"
#include "widgets/shell/import_dialog.h"
#include "widgets/shell/import_task.h"
#include "widgets/shell/task_status.h"
#include "widgets/shell/translations.h"
#include "widgets/train/launcher_view.h"
#include "widgets/train/run_queue.h"
#include "widgets/train/training_view.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QMimeData>
#include <QScrollArea>
#include <QStatusBar>

namespace avt::widgets {

namespace {

bool isAnnotationFile(const QFileInfo &f)
{
    const QString s = f.suffix().toLower();
    return s == QLatin1String("csv") || s == QLatin1String("tsv") || s == QLatin1String("txt");
}

bool isMediaFile(const QFileInfo &f)
{
    static const QStringList suffixes = {QStringLiteral("mp4"),  QStringLiteral("mkv"), QStringLiteral("webm"),
                                         QStringLiteral("avi"),  QStringLiteral("mov"), QStringLiteral("wav"),
                                         QStringLiteral("flac"), QStringLiteral("mp3"), QStringLiteral("ogg"),
                                         QStringLiteral("m4a")};
    return suffixes.contains(f.suffix().toLower());
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_browser(new DatasetBrowser(this)), m_inspector(new SegmentInspector(this)),
      m_camViewer(new CamViewer(this)), m_compareView(new CompareView(this)), m_launcher(new LauncherView(this)),
      m_training(new TrainingView(this)), m_tasks(new TaskStatus(this)), m_workspaceLabel(new QLabel(this))
{
    setWindowTitle(tr("AVT Workbench"));
    setWindowIcon(applicationIcon());
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createDocks();
    createMenus();
    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_tasks);
    m_workspaceLabel->setText(tr("No workspace open: File > New Workspace or Open Workspace, or drop a folder here."));

    // The browser's background reads show as tasks; its current clip drives the inspector.
    auto browserTask = std::make_shared<int>(0);
    connect(m_browser, &DatasetBrowser::busyChanged, this, [this, browserTask](bool busy, const QString &what) {
        if (*browserTask)
            m_tasks->end(*browserTask);
        *browserTask = busy ? m_tasks->begin(what) : 0;
    });
    connect(m_browser, &DatasetBrowser::currentClipChanged, m_inspector, &SegmentInspector::setClip);
    // The Grad-CAM viewer follows the browser's clip while it is shown; Up / Down in the viewer
    // move through the browser's filtered order.
    connect(m_browser, &DatasetBrowser::currentClipChanged, this, [this](const ClipRef &clip) {
        if (m_camViewer->isVisible())
            m_camViewer->setClip(clip);
    });
    connect(m_camDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (const ClipRef clip = m_browser->currentClip(); visible && clip.isValid())
            m_camViewer->setClip(clip);
    });
    connect(m_browser, &DatasetBrowser::explainRequested, this, [this](const ClipRef &clip) { explainClip(clip); });
    connect(m_camViewer, &CamViewer::clipStepRequested, m_browser, &DatasetBrowser::stepClip);
    auto camTask = std::make_shared<int>(0);
    connect(m_camViewer, &CamViewer::busyChanged, this, [this, camTask](bool busy, const QString &what) {
        if (*camTask)
            m_tasks->end(*camTask);
        *camTask = busy ? m_tasks->begin(what) : 0;
    });
    // The run comparison reads the runs again whenever it is shown (training may have added some).
    connect(m_compareDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            m_compareView->refresh();
    });
    auto compareTask = std::make_shared<int>(0);
    connect(m_compareView, &CompareView::busyChanged, this, [this, compareTask](bool busy, const QString &what) {
        if (*compareTask)
            m_tasks->end(*compareTask);
        *compareTask = busy ? m_tasks->begin(what) : 0;
    });
    // Training: the launcher queues runs; the queue view shows them, with the monitor; "duplicate
    // with changes" opens the launcher on that run's config. The GPUs found go to both.
    connect(m_launcher, &LauncherView::queueRequested, this,
            [this](const QList<launch::LaunchSpec> &specs, int gpuCount) {
                if (!m_training->queue()->enqueue(specs, gpuCount).isEmpty()) {
                    m_trainingDock->show();
                    m_trainingDock->raise();
                }
            });
    connect(m_training, &TrainingView::gpusFound, m_launcher, &LauncherView::setGpus);
    connect(m_training, &TrainingView::duplicateRequested, this, [this](const QString &run) {
        m_launcher->startFromRun(run);
        m_launcherDock->show();
        m_launcherDock->raise();
    });
    connect(m_training->queue(), &RunQueue::ended, this, [this](const QString &, launch::EntryState, const QString &) {
        if (m_compareDock->isVisible())
            m_compareView->refresh();
    });
    connect(m_browser, &DatasetBrowser::datasetLoaded, this, [this](bool ok, const QString &message) {
        if (!ok)
            statusBar()->showMessage(message, 8000);
    });
    connect(m_browser, &DatasetBrowser::prepareFinished, this,
            [this](bool, const QString &message) { statusBar()->showMessage(message, 15000); });
    resize(1400, 900);
    // The browser (table, preview, histogram) gets a little more height than the inspector.
    resizeDocks({m_browserDock, m_inspectorDock}, {500, 380}, Qt::Vertical);
    m_defaultState = saveState();
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    m_browserDock = new QDockWidget(tr("Dataset Browser"), this);
    m_browserDock->setObjectName(QStringLiteral("DatasetBrowserDock"));
    m_browserDock->setWidget(m_browser);
    m_inspectorDock = new QDockWidget(tr("Segment Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("SegmentInspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    m_camDock = new QDockWidget(tr("Grad-CAM Viewer"), this);
    m_camDock->setObjectName(QStringLiteral("GradCamViewerDock"));
    m_camDock->setWidget(m_camViewer);
    // The comparison, the launcher and the training view are large tables, forms and plots: in a
    // scroll area each, so that their minimum sizes never squeeze the docks beside them.
    auto scrolled = [this](QWidget *view) {
        auto *area = new QScrollArea(this);
        area->setWidget(view);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        return area;
    };
    m_compareDock = new QDockWidget(tr("Run Comparison"), this);
    m_compareDock->setObjectName(QStringLiteral("RunComparisonDock"));
    m_compareDock->setWidget(scrolled(m_compareView));
    m_launcherDock = new QDockWidget(tr("Run Launcher"), this);
    m_launcherDock->setObjectName(QStringLiteral("RunLauncherDock"));
    m_launcherDock->setWidget(scrolled(m_launcher));
    m_trainingDock = new QDockWidget(tr("Training Runs"), this);
    m_trainingDock->setObjectName(QStringLiteral("TrainingRunsDock"));
    m_trainingDock->setWidget(scrolled(m_training));
    addDockWidget(Qt::TopDockWidgetArea, m_browserDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    m_browserDock->setWindowIcon(themeIcon("view-dataset-browser"));
    m_inspectorDock->setWindowIcon(themeIcon("view-segment-inspector"));
    m_camDock->setWindowIcon(themeIcon("view-gradcam"));
    m_compareDock->setWindowIcon(themeIcon("view-run-comparison"));
    tabifyDockWidget(m_inspectorDock, m_camDock);
    tabifyDockWidget(m_camDock, m_compareDock);
    tabifyDockWidget(m_compareDock, m_launcherDock);
    tabifyDockWidget(m_launcherDock, m_trainingDock);
    m_launcherDock->setWindowIcon(themeIcon("view-run-launcher"));
    m_trainingDock->setWindowIcon(themeIcon("view-training-runs"));
    m_inspectorDock->raise();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    // Action icons follow the desktop theme where it has them (none otherwise: text only).
    file->addAction(tr("&New Workspace…"), QKeySequence::New, this, &MainWindow::newWorkspace)
        ->setIcon(themeIcon("folder-new"));
    file->addAction(tr("&Open Workspace…"), QKeySequence::Open, this, &MainWindow::openWorkspaceDialog)
        ->setIcon(themeIcon("document-open"));
    m_recentMenu = file->addMenu(themeIcon("document-open-recent"), tr("Open &Recent"));
    file->addSeparator();
    file->addAction(tr("&Import Dataset…"), QKeySequence(Qt::CTRL | Qt::Key_I), this, [this] { importDialog(); })
        ->setIcon(themeIcon("document-import"));
    // The browser's action: the shown dataset's clip cache, built by the `prepare` verb in a child process.
    m_browser->prepareAction()->setIcon(themeIcon("prepare-clip-cache"));
    file->addAction(m_browser->prepareAction());
    file->addAction(tr("&Export Segment View…"), QKeySequence(Qt::CTRL | Qt::Key_E), m_inspector,
                    &SegmentInspector::exportView)
        ->setIcon(themeIcon("document-export"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close)->setIcon(themeIcon("application-exit"));
    rebuildRecentMenu();

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *browser = m_browserDock->toggleViewAction();
    browser->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *inspector = m_inspectorDock->toggleViewAction();
    inspector->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_viewMenu->addAction(browser);
    m_viewMenu->addAction(inspector);
    QAction *cam = m_camDock->toggleViewAction();
    cam->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    m_viewMenu->addAction(cam);
    QAction *compare = m_compareDock->toggleViewAction();
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    m_viewMenu->addAction(compare);
    QAction *launcher = m_launcherDock->toggleViewAction();
    launcher->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    m_viewMenu->addAction(launcher);
    QAction *training = m_trainingDock->toggleViewAction();
    training->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
    m_viewMenu->addAction(training);
    for (QDockWidget *dock : {m_browserDock, m_inspectorDock, m_camDock, m_compareDock, m_launcherDock, m_trainingDock})
        dock->toggleViewAction()->setIcon(dock->windowIcon());
    m_viewMenu->addAction(tr("Reset &Layout"), this, &MainWindow::resetLayout)->setIcon(themeIcon("view-restore"));
    m_viewMenu->addSeparator();
    QMenu *language = m_viewMenu->addMenu(tr("&Language"));
    m_languages = new QActionGroup(this);
    const QString current = LanguageSettings().code();
    for (const LanguageChoice &choice : availableLanguages()) {
        QAction *a = language->addAction(choice.name);
        a->setCheckable(true);
        a->setChecked(choice.code == current);
        a->setData(choice.code);
        m_languages->addAction(a);
    }
    connect(m_languages, &QActionGroup::triggered, this, [this](QAction *a) {
        if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::languageChangeRequested))) {
            emit languageChangeRequested(a->data().toString()); // the Workbench records it and switches now
            return;
        }
        LanguageSettings().setCode(a->data().toString());
        QMessageBox::information(this, tr("Language"), tr("The language changes when the workbench is started again."));
    });

    // Runs: open a run in the Grad-CAM viewer on the browser's current clip.
    m_runsMenu = menuBar()->addMenu(tr("&Runs"));
    connect(m_runsMenu, &QMenu::aboutToShow, this, [this] {
        m_runsMenu->clear();
        QMenu *explain = m_runsMenu->addMenu(tr("Explain with &Grad-CAM"));
        const QStringList runs = m_camViewer->availableRuns();
        if (runs.isEmpty())
            explain->addAction(tr("No runs in this workspace"))->setEnabled(false);
        for (const QString &run : runs)
            explain->addAction(run, this, [this, run] { explainClip(m_browser->currentClip(), {run}); });
    });
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About AVT Workbench"), this, &MainWindow::showAbout)->setIcon(themeIcon("help-about"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = MainWindowSettings().recentWorkspaces();
    for (int i = 0; i < recent.size(); ++i) {
        const QString folder = recent[i];
        QAction *a = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(folder)));
        connect(a, &QAction::triggered, this, [this, folder] { openWorkspaceInteractive(folder); });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear List"), this, [this] {
            MainWindowSettings().clearRecentWorkspaces();
            rebuildRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

Status MainWindow::openWorkspace(const QString &folder)
{
    // Opening checks (and creates or upgrades) the store; the views then read it on workers.
    auto ws = store::Workspace::open(folder);
    if (!ws)
        return ws.error();
    m_workspace = (*ws)->path();
    setWindowTitle(tr("%1 - AVT Workbench").arg(QDir::toNativeSeparators(m_workspace)));
    m_workspaceLabel->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(m_workspace)));
    MainWindowSettings().addRecentWorkspace(m_workspace);
    rebuildRecentMenu();
    m_browser->setWorkspace(m_workspace);
    m_camViewer->setWorkspace(m_workspace);
    m_compareView->setWorkspace(m_workspace);
    m_launcher->setWorkspace(m_workspace);
    m_training->setWorkspace(m_workspace);
    emit workspaceOpened(m_workspace);
    return Ok{};
}

void MainWindow::openWorkspaceInteractive(const QString &folder)
{
    if (auto st = openWorkspace(folder); !st) {
        MainWindowSettings().removeRecentWorkspace(folder);
        rebuildRecentMenu();
        QMessageBox::warning(this, tr("Cannot open workspace"), st.error().message);
    }
}

void MainWindow::newWorkspace()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("New workspace: choose or create an empty folder"));
    if (!folder.isEmpty())
        openWorkspaceInteractive(folder);
}

void MainWindow::openWorkspaceDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open workspace"));
    if (folder.isEmpty())
        return;
    if (!store::Workspace::exists(folder)
        && QMessageBox::question(
               this, tr("Open workspace"),
               tr("%1 holds no workspace yet. Create one there?").arg(QDir::toNativeSeparators(folder)))
               != QMessageBox::Yes)
        return;
    openWorkspaceInteractive(folder);
}

void MainWindow::importDialog(const QString &annotationPath)
{
    if (m_workspace.isEmpty()) {
        QMessageBox::information(this, tr("Import Dataset"), tr("Open or create a workspace first."));
        return;
    }
    ImportDialog dialog(this);
    if (!annotationPath.isEmpty())
        dialog.setAnnotationFile(annotationPath);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (auto st = startImport(dialog.annotationFile(), dialog.options()); !st)
        QMessageBox::warning(this, tr("Import Dataset"), st.error().message);
}

Status MainWindow::startImport(const QString &annotationPath, const data::ImportOptions &options)
{
    if (m_workspace.isEmpty())
        return makeError(QStringLiteral("no-workspace"), tr("No workspace is open."));
    if (m_import)
        return makeError(QStringLiteral("busy"), tr("An import is already running."));
    auto *task = new ImportTask(m_workspace, annotationPath, options, this);
    m_import = task;
    const QString name = options.name.isEmpty() ? QFileInfo(annotationPath).completeBaseName() : options.name;
    const int id = m_tasks->begin(tr("Importing %1").arg(name), [task] { task->cancel(); });
    connect(task, &ImportTask::progress, this,
            [this, id](int done, int total, const QString &file) { m_tasks->setProgress(id, done, total, file); });
    connect(task, &ImportTask::finished, this,
            [this, id, task](bool ok, const data::ImportSummary &summary, const Error &error) {
                m_tasks->end(id);
                task->deleteLater();
                if (!ok) {
                    statusBar()->showMessage(tr("Import failed: %1").arg(error.message), 10000);
                    emit importFinished(false, error.message);
                    return;
                }
                m_browser->reload(summary.dataset);
                const QString text = tr("Imported %1: %2 clips, %3 usable, %4 rows skipped.")
                                         .arg(summary.dataset)
                                         .arg(summary.clips)
                                         .arg(summary.usable)
                                         .arg(summary.badRows.size());
                statusBar()->showMessage(text, 10000);
                emit importFinished(true, text);
                if (isVisible() && (!summary.badRows.isEmpty() || summary.usable < summary.clips)) {
                    auto *box =
                        new QMessageBox(QMessageBox::Information, tr("Import finished"), text, QMessageBox::Ok, this);
                    box->setInformativeText(tr("Some clips or rows have problems; see the details."));
                    box->setDetailedText(ImportTask::problemReport(summary));
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                }
            });
    task->start();
    return Ok{};
}

void MainWindow::inspectFile(const QString &path)
{
    const QFileInfo info(path);
    m_inspector->setClip(ClipRef{0, info.absoluteFilePath(), -1, -1, info.fileName()});
    m_inspectorDock->show();
    m_inspectorDock->raise();
}

void MainWindow::showAbout() { AboutDialog(this).exec(); }

void MainWindow::restoreLayout()
{
    const MainWindowSettings settings;
    if (const QByteArray g = settings.geometry(); !g.isEmpty())
        restoreGeometry(g);
    if (const QByteArray s = settings.dockState(); !s.isEmpty())
        restoreState(s);
}

void MainWindow::explainClip(const ClipRef &clip, const QStringList &runs)
{
    m_camDock->show();
    m_camDock->raise();
    if (!runs.isEmpty())
        m_camViewer->setRuns(runs);
    if (clip.isValid())
        m_camViewer->setClip(clip);
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    m_browserDock->show();
    m_inspectorDock->show();
}

void MainWindow::saveLayout() const
{
    const MainWindowSettings settings;
    settings.setGeometry(saveGeometry());
    settings.setDockState(saveState());
}

bool MainWindow::isImporting() const { return !m_import.isNull(); }

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (m_import)
        m_import->cancel();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        const QFileInfo f(url.toLocalFile());
        if (url.isLocalFile() && (f.isDir() || isAnnotationFile(f) || isMediaFile(f))) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        const QFileInfo f(url.toLocalFile());
        if (f.isDir())
            openWorkspaceInteractive(f.absoluteFilePath());
        else if (isAnnotationFile(f))
            importDialog(f.absoluteFilePath());
        else if (isMediaFile(f))
            inspectFile(f.absoluteFilePath());
        else
            continue;
        event->acceptProposedAction();
        return; // one item per drop
    }
}

} // namespace avt::widgets
