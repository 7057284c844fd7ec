// avt-screenshots WORKSPACE OUTDIR [LANGUAGE]: opens the workbench on WORKSPACE, waits until the
// dataset browser, its thumbnails, the preview and the segment inspector have loaded, and saves
// the main window and each view with QWidget::grab() as PNG files into OUTDIR (for
// packaging/screenshots/). Where the workspace has trained runs, also the Grad-CAM viewer with
// the batch demo's video-only, AVBottleneck and full-model runs (else the first three runs) on
// a test clip (gradcam-viewer.png), and the run comparison: the runs table with seeds grouped
// (run-comparison-runs.png), the curves of a ladder's runs with their seed bands
// (run-comparison-curves.png) and a run's confusion matrix (run-comparison-confusion.png), the
// whole view as run-comparison.png. Run it under Xvfb or with QT_QPA_PLATFORM=offscreen.
#include "core/compare/tables.h"
#include "core/media/probe.h"
#include "widgets/browser/clip_preview.h"
#include "widgets/browser/dataset_browser.h"
#include "widgets/browser/thumbnail_cache.h"
#include "widgets/compare/compare_view.h"
#include "widgets/compare/curve_plot.h"
#include "widgets/compare/evaluation_tab.h"
#include "widgets/explain/cam_row.h"
#include "widgets/explain/cam_viewer.h"
#include "widgets/inspector/segment_inspector.h"
#include "widgets/shell/about_dialog.h"
#include "widgets/shell/main_window.h"
#include "widgets/shell/translations.h"
#include "widgets/train/cache_panel.h"
#include "widgets/train/config_form.h"
#include "widgets/train/launcher_view.h"
#include "widgets/train/run_monitor.h"
#include "widgets/train/run_queue.h"
#include "widgets/train/training_view.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

#include <cstdio>

using namespace avt::widgets;

namespace {

bool save(QWidget *w, const QString &path)
{
    const QPixmap p = w->grab();
    const bool ok = !p.isNull() && p.save(path);
    std::printf("%s %s (%dx%d)\n", ok ? "wrote" : "FAILED", qPrintable(path), p.width(), p.height());
    return ok;
}

// The run comparison, floated and large: a ladder's runs (else the first six) ticked with seeds
// grouped and their evaluation top-1 curves; then three rungs' smoothed training loss with seed
// bands, and the confusion matrix of the best-known run.
bool saveRunComparison(MainWindow &w, const QDir &out)
{
    CompareView *view = w.compareView();
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("RunComparisonDock"));
    dock->setFloating(true);
    dock->resize(1600, 1000);
    dock->show();
    dock->raise();
    (void)QTest::qWaitFor([&] { return !view->isLoading() && view->records(); }, 30000);
    if (!view->records() || view->records()->isEmpty()) {
        std::printf("no runs: no run comparison screenshots\n");
        dock->setFloating(false);
        return true;
    }
    const QList<avt::compare::RunRecord> &runs = *view->records();
    const QStringList prefixes = avt::compare::ladderPrefixes(runs);
    QStringList ticked;
    for (const avt::compare::RunRecord &r : runs)
        if (prefixes.isEmpty() ? ticked.size() < 6 : r.info.name.startsWith(prefixes.first() + QLatin1Char('-')))
            ticked << r.info.name;
    view->setGrouping(CompareView::Grouping::Seeds);
    view->setCheckedRuns(ticked);
    const QStringList ids = avt::compare::metricIds(runs);
    const QString metric =
        ids.contains(QStringLiteral("test/top1")) ? QStringLiteral("test/top1") : QStringLiteral("train/loss");
    view->tabs()->setCurrentWidget(view->curvePlot());
    view->curvePlot()->setMetric(metric);
    QTest::qWait(300);
    (void)QTest::qWaitFor([&] { return !view->curvePlot()->isLoading(); }, 60000);
    view->runsTree()->expandAll();
    QTest::qWait(300);
    bool ok = save(dock, out.filePath(QStringLiteral("run-comparison.png")));
    ok &= save(view->runsTree(), out.filePath(QStringLiteral("run-comparison-runs.png")));
    // The curves on their own: three rungs' training loss, smoothed, each a seed band.
    QStringList three;
    for (const QString &name : ticked)
        for (const char *rung : {"-video", "-avbottleneck", "-avc-avm-masegmv"})
            if (name.endsWith(QLatin1String(rung)) || name.contains(QLatin1String(rung) + QStringLiteral("-seed")))
                three << name;
    if (three.size() >= 3 && ids.contains(QStringLiteral("train/loss"))) {
        view->setCheckedRuns(three);
        view->curvePlot()->setMetric(QStringLiteral("train/loss"));
        view->curvePlot()->setSmoothing(0.6);
        QTest::qWait(300);
        (void)QTest::qWaitFor([&] { return !view->curvePlot()->isLoading(); }, 60000);
        QTest::qWait(300);
    }
    ok &= save(view->curvePlot(), out.filePath(QStringLiteral("run-comparison-curves.png")));
    // The confusion matrix of the full model of the batch demo's ladder, else of the first run ticked.
    EvaluationTab *eval = view->evaluation();
    view->tabs()->setCurrentWidget(eval);
    int run = -1;
    for (int i = 0; i < int(runs.size()); ++i)
        if (runs[i].info.name.endsWith(QLatin1String("-avc-avm-masegmv"))
            || (run < 0 && ticked.contains(runs[i].info.name)))
            run = i;
    eval->setRuns(run);
    QTest::qWait(100);
    (void)QTest::qWaitFor([&] { return !eval->isLoading(); }, 60000);
    QTest::qWait(300);
    ok &= save(eval, out.filePath(QStringLiteral("run-comparison-confusion.png")));
    dock->setFloating(false);
    return ok;
}

// The Run Launcher with the Table 4 ladder x 2 seeds planned, then the Training Runs view while
// two of those runs train (avt-tiny, 3 s clips), with the monitor on the first. The queue is
// paused and its runs stopped afterwards (they are detached: they would go on after this exits).
bool saveTraining(MainWindow &w, const QDir &out)
{
    LauncherView *l = w.launcher();
    auto *launcherDock = w.findChild<QDockWidget *>(QStringLiteral("RunLauncherDock"));
    auto *trainingDock = w.findChild<QDockWidget *>(QStringLiteral("TrainingRunsDock"));
    if (!launcherDock || !trainingDock)
        return false;
    (void)QTest::qWaitFor([&] { return !l->form()->value(QStringLiteral("run.dataset")).isEmpty(); }, 10000);
    launcherDock->setFloating(true);
    launcherDock->resize(1500, 1000);
    launcherDock->show();
    launcherDock->raise();
    for (const char *kv : {"data.clip_seconds=3", "data.workers=1", "optim.batch=4", "optim.epochs=4", "run.threads=1",
                           "optim.lr=5e-4", "optim.warmup_steps=20"}) {
        const QString a = QString::fromLatin1(kv);
        l->form()->setValue(a.section(QLatin1Char('='), 0, 0), a.section(QLatin1Char('='), 1));
    }
    l->setProgram(QStringLiteral("avt-workbench"));
    l->setPrefix(QStringLiteral("gui-table4"));
    l->setLadder(true);
    l->setSeeds(2);
    QTest::qWait(500);
    bool ok = save(launcherDock, out.filePath(QStringLiteral("run-launcher.png")));
    // The clip cache box, scrolled into view, after Prepare has run the real verb for this config.
    ClipCachePanel *cache = l->clipCache();
    if (auto *scroll = l->findChild<QScrollArea *>())
        scroll->ensureWidgetVisible(cache);
    cache->setProgram(QStringLiteral(AVT_APP_BINARY));
    QSignalSpy prepared(cache, &ClipCachePanel::prepareFinished);
    ok = (QTest::qWaitFor([&] { return cache->prepare(); }, 10000)) && ok;
    ok = QTest::qWaitFor([&] { return prepared.count() == 1; }, 300000) && ok;
    ok = QTest::qWaitFor([&] { return cache->isReady(); }, 10000) && ok;
    QTest::qWait(300);
    if (auto *scroll = l->findChild<QScrollArea *>())
        scroll->ensureWidgetVisible(cache);
    QTest::qWait(200);
    ok = save(launcherDock, out.filePath(QStringLiteral("run-launcher-cache.png"))) && ok;
    launcherDock->setFloating(false);

    RunQueue *q = w.training()->queue();
    q->setProgram(QStringLiteral(AVT_APP_BINARY));
    q->setSlotCount(2);
    l->queue();
    trainingDock->setFloating(true);
    trainingDock->resize(1500, 1000);
    trainingDock->show();
    trainingDock->raise();
    RunMonitor *m = w.training()->monitor();
    // The first run of the queue to pass its first evaluation while still running, shown in the
    // monitor with its curves.
    auto hasPoints = [](QCustomPlot *p) { return p->graphCount() > 0 && p->graph(0)->dataCount() > 0; };
    QString shown;
    (void)QTest::qWaitFor(
        [&] {
            for (const avt::launch::QueueEntry &e : q->entries())
                if (e.state == avt::launch::EntryState::Running) {
                    if (e.spec.name != shown) {
                        shown = e.spec.name;
                        w.training()->selectRun(shown);
                    }
                    return m->statusText() == QLatin1String("running") && hasPoints(m->evalPlot())
                           && hasPoints(m->lossPlot()) && m->etaSeconds() > 0;
                }
            return false;
        },
        240000);
    QTest::qWait(1500);
    ok &= save(trainingDock, out.filePath(QStringLiteral("training-runs.png")));
    ok &= save(m, out.filePath(QStringLiteral("run-monitor.png")));
    q->setPaused(true);
    for (const avt::launch::QueueEntry &e : q->entries())
        if (e.state == avt::launch::EntryState::Running)
            q->stop(e.id);
    (void)QTest::qWaitFor(
        [&] { return q->entries().isEmpty() || q->entries().first().state != avt::launch::EntryState::Running; },
        30000);
    trainingDock->setFloating(false);
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AVT Workbench Screenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("avt-screenshots"));
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: avt-screenshots WORKSPACE OUTDIR [LANGUAGE]\n");
        return 2;
    }
    avt::media::setFfmpegLogQuiet(true);
    if (args.size() > 3)
        installTranslations(app, args.at(3));
    const QDir out(args.at(2));
    QDir().mkpath(out.path());

    MainWindow w;
    w.resize(1600, 1000);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return 1;
    if (auto st = w.openWorkspace(args.at(1)); !st) {
        std::fprintf(stderr, "%s\n", qPrintable(st.error().message));
        return 1;
    }
    DatasetBrowser *b = w.browser();
    (void)QTest::qWaitFor([&] { return !b->isLoading() && b->table()->model()->rowCount() > 0; }, 30000);
    b->selectRow(std::min(4, b->table()->model()->rowCount() - 1));
    QTest::qWait(300);
    (void)QTest::qWaitFor(
        [&] {
            return b->thumbnails()->pending() == 0 && !b->preview()->isLoading() && !w.inspector()->isBusy()
                   && w.inspector()->overlay().has_value();
        },
        60000);
    QTest::qWait(500); // queued replots
    bool ok = save(&w, out.filePath(QStringLiteral("workbench.png")));
    ok &= save(w.findChild<QDockWidget *>(QStringLiteral("DatasetBrowserDock")),
               out.filePath(QStringLiteral("dataset-browser.png")));
    ok &= save(w.findChild<QDockWidget *>(QStringLiteral("SegmentInspectorDock")),
               out.filePath(QStringLiteral("segment-inspector.png")));
    // The Grad-CAM viewer, floated and large, when there are runs to show.
    CamViewer *cam = w.camViewer();
    (void)QTest::qWaitFor([&] { return !cam->availableRuns().isEmpty(); }, 5000);
    QStringList runs;
    for (const QString &r : {QStringLiteral("demo-table4-video"), QStringLiteral("demo-table4-avbottleneck"),
                             QStringLiteral("demo-table4-avc-avm-masegmv")})
        if (cam->availableRuns().contains(r))
            runs << r;
    if (runs.isEmpty())
        runs = cam->availableRuns().mid(0, 3);
    if (!runs.isEmpty()) {
        auto *dock = w.findChild<QDockWidget *>(QStringLiteral("GradCamViewerDock"));
        dock->setFloating(true);
        dock->resize(1500, 1050);
        // A test clip, as the batch demo's Grad-CAM strip uses.
        auto *model = b->table()->model();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 1).data().toString().contains(QStringLiteral("_test_"))) {
                b->selectRow(r);
                break;
            }
        QTest::qWait(200);
        w.explainClip(b->currentClip(), runs);
        (void)QTest::qWaitFor([&] { return !cam->isBusy() && !cam->rows().isEmpty() && cam->rows().first()->result(); },
                              300000);
        QTest::qWait(300);
        cam->setFrame(cam->frameCount() / 2);
        QTest::qWait(300);
        ok &= save(dock, out.filePath(QStringLiteral("gradcam-viewer.png")));
        dock->setFloating(false);
    }

    ok &= saveRunComparison(w, out);
    ok &= saveTraining(w, out);

    AboutDialog about(&w);
    about.show();
    (void)QTest::qWaitForWindowExposed(&about);
    ok &= save(&about, out.filePath(QStringLiteral("about.png")));
    return ok ? 0 : 1;
}
