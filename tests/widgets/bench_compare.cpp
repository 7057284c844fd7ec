// avt-bench-compare WORKSPACE [--runs N] [--steps N] [--plot N]: the comparison view at scale.
// When WORKSPACE holds no workspace yet, it is first filled with a synthetic sweep: N runs
// (default 1,000: optim.lr x losses.avc x seeds) with three metrics (train/loss, train/lr,
// test/top1) of N steps each (default 10,000), written through the run store as training
// writes them (curves packed as `train` packs them when a run ends); the time and the file size
// are printed. Then, on the GUI thread of this process
// (offscreen or under Xvfb), it measures: opening the comparison view (setWorkspace until the
// runs table is painted), plotting the first --plot runs (default 50: ticks until the curves
// are drawn), toggling smoothing on and off, grouping all runs by a config key and back,
// collapsing seeds, and panning the plot (20 drags of a tenth of the range). Each line gives
// wall milliseconds, and the longest single GUI-thread event dispatch (thread CPU time) is
// reported per step and overall, with the process's resident memory. Not a test: it prints
// figures.
#include "core/compare/run_records.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/run_config.h"
#include "timing_application.h"
#include "widgets/compare/compare_view.h"
#include "widgets/compare/curve_plot.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <cmath>
#include <cstdio>
#include <random>

using namespace avt;
using namespace avt::widgets;

namespace {

QString memory()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    QString rss, hwm;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            rss = QString::fromLatin1(line.mid(6)).simplified();
        if (line.startsWith("VmHWM:"))
            hwm = QString::fromLatin1(line.mid(6)).simplified();
    }
    return QStringLiteral("resident %1 (peak %2)").arg(rss, hwm);
}

int makeWorkspace(const QString &folder, int runs, int steps)
{
    auto ws = store::Workspace::open(folder);
    if (!ws) {
        std::fprintf(stderr, "%s\n", qPrintable(ws.error().message));
        return 1;
    }
    const QStringList lrs{QStringLiteral("0.0001"), QStringLiteral("0.0003"), QStringLiteral("0.001"),
                          QStringLiteral("0.003"), QStringLiteral("0.01")};
    const QStringList avcs{QStringLiteral("0"), QStringLiteral("0.1"), QStringLiteral("0.5"), QStringLiteral("1")};
    const int configs = int(lrs.size() * avcs.size());
    QElapsedTimer t;
    t.start();
    std::mt19937 rng(1);
    std::normal_distribution<double> noise(0, 1);
    for (int r = 0; r < runs; ++r) {
        const int c = r % configs, seed = r / configs + 1;
        const QString lr = lrs[c % lrs.size()], avc = avcs[c / lrs.size()];
        train::RunConfig cfg;
        (void)cfg.set(QStringLiteral("model.preset"), QStringLiteral("avt-tiny"));
        (void)cfg.set(QStringLiteral("optim.lr"), lr);
        (void)cfg.set(QStringLiteral("losses.avc"), avc);
        (void)cfg.set(QStringLiteral("run.seed"), QString::number(seed));
        const QString name = QStringLiteral("sweep-lr%1-avc%2-seed%3").arg(lr, avc).arg(seed);
        (void)cfg.set(QStringLiteral("run.name"), name);
        store::RunInfo info;
        info.name = name;
        info.config = cfg.toJson();
        info.status = QStringLiteral("finished");
        auto id = store::createRun((*ws)->db(), info);
        if (!id) {
            std::fprintf(stderr, "%s\n", qPrintable(id.error().message));
            return 1;
        }
        const double speed = 1000 + 400 * (c % 5), level = 40 + 5 * (c / 5);
        QList<store::MetricRow> rows;
        rows.reserve(steps * 3);
        for (int s = 1; s <= steps; ++s) {
            const double wall = s * 0.25;
            const int epoch = s * 50 / steps;
            rows.append({s, epoch, QStringLiteral("train"), QStringLiteral("loss"),
                         2.5 * std::exp(-s / speed) + 0.4 + 0.05 * noise(rng), wall});
            rows.append({s, epoch, QStringLiteral("train"), QStringLiteral("lr"),
                         lr.toDouble() * 0.5 * (1 + std::cos(M_PI * s / steps)), wall});
            rows.append({s, epoch, QStringLiteral("test"), QStringLiteral("top1"),
                         level * (1 - std::exp(-s / speed)) + 0.8 * noise(rng), wall});
        }
        if (auto st = store::insertMetrics((*ws)->db(), *id, rows); !st) {
            std::fprintf(stderr, "%s\n", qPrintable(st.error().message));
            return 1;
        }
        // What `train` and `ablate` do when a run ends.
        if (auto packed = compare::packCurves((*ws)->db(), *id); !packed) {
            std::fprintf(stderr, "%s\n", qPrintable(packed.error().message));
            return 1;
        }
        if ((r + 1) % 100 == 0)
            std::printf("  %d runs written (%.0f s)\n", r + 1, t.elapsed() / 1000.0), std::fflush(stdout);
    }
    const qint64 bytes = QFileInfo(folder + QStringLiteral("/workspace.sqlite")).size();
    std::printf("synthetic workspace: %d runs x 3 metrics x %d steps = %lld metric rows, %.1f MiB, written in %.0f s\n",
                runs, steps, qint64(runs) * 3 * steps, bytes / 1048576.0, t.elapsed() / 1000.0);
    return 0;
}

// Waits (processing events) until done() or the timeout; wall milliseconds or -1.
template <class F> double until(QElapsedTimer &t, F &&done, int timeoutMs = 120000)
{
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (t.elapsed() > timeoutMs)
            return -1;
    }
    return t.nsecsElapsed() / 1e6;
}

void report(const char *what, double ms, double goalMs, int graphs)
{
    std::printf("%-44s %9.1f ms  (goal < %.0f ms)  longest GUI event %.1f ms CPU (%s); %d graphs\n", what, ms, goalMs,
                testing::TimingApplication::instance()->longest().cpuMs,
                qPrintable(testing::TimingApplication::instance()->longest().what), graphs);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    testing::TimingApplication app(argc, argv);
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("workspace folder (made when missing)"));
    p.addOption({QStringLiteral("runs"), QStringLiteral("runs of a new synthetic workspace"), QStringLiteral("N"),
                 QStringLiteral("1000")});
    p.addOption(
        {QStringLiteral("steps"), QStringLiteral("steps per metric"), QStringLiteral("N"), QStringLiteral("10000")});
    p.addOption({QStringLiteral("plot"), QStringLiteral("runs to plot"), QStringLiteral("N"), QStringLiteral("50")});
    p.addHelpOption();
    p.process(app);
    if (p.positionalArguments().size() != 1)
        p.showHelp(2);
    const QString folder = p.positionalArguments().front();
    if (!store::Workspace::exists(folder))
        if (int rc = makeWorkspace(folder, p.value(QStringLiteral("runs")).toInt(),
                                   p.value(QStringLiteral("steps")).toInt()))
            return rc;
    std::printf("before the view: %s\n", qPrintable(memory()));

    CompareView view;
    view.resize(1600, 1000);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        std::fprintf(stderr, "the window was not exposed\n");
    QCoreApplication::processEvents();
    double overall = 0;
    QString overallWhat;
    auto step = [&](const char *what, double goal, auto &&action, auto &&done) {
        testing::TimingApplication::instance()->resetLongest();
        QElapsedTimer t;
        t.start();
        action();
        const double ms = until(t, done);
        view.repaint();
        report(what, ms < 0 ? -1 : t.nsecsElapsed() / 1e6, goal, view.curvePlot()->plot()->graphCount());
        if (testing::TimingApplication::instance()->longest().cpuMs > overall)
            overall = testing::TimingApplication::instance()->longest().cpuMs, overallWhat = QString::fromLatin1(what);
    };

    bool loaded = false;
    QObject::connect(&view, &CompareView::loaded, [&](bool ok, const QString &message) {
        loaded = true;
        if (!ok)
            std::fprintf(stderr, "loading failed: %s\n", qPrintable(message));
    });
    step(
        "open: setWorkspace to painted runs table", 1000, [&] { view.setWorkspace(folder); }, [&] { return loaded; });
    const RunRecords records = view.records();
    if (!records || records->isEmpty())
        return 1;
    std::printf("%lld runs in the table; %s\n", qint64(records->size()), qPrintable(memory()));

    // Plot the first N runs.
    const int curvesTab = int(view.tabs()->indexOf(view.curvePlot()));
    view.tabs()->setCurrentIndex(std::max(0, curvesTab));
    view.curvePlot()->setMetric(QStringLiteral("train/loss"));
    QStringList names;
    for (int i = 0; i < std::min<int>(p.value(QStringLiteral("plot")).toInt(), int(records->size())); ++i)
        names.append(records->at(i).info.name);
    bool drawn = false;
    QObject::connect(view.curvePlot(), &CurvePlot::drawn, [&] { drawn = true; });
    step(
        qPrintable(
            QStringLiteral("plot %1 runs (load %2 points, draw)")
                .arg(names.size())
                .arg(qint64(names.size()) * records->front().metrics.value(QStringLiteral("train/loss")).points)),
        100,
        [&] {
            drawn = false;
            view.setCheckedRuns(names);
        },
        [&] { return drawn && !view.curvePlot()->isLoading(); });
    std::printf("  %s\n", qPrintable(memory()));
    step(
        "smoothing on (0.6)", 100,
        [&] {
            drawn = false;
            view.curvePlot()->setSmoothing(0.6);
        },
        [&] { return drawn && !view.curvePlot()->isLoading(); });
    step(
        "smoothing off", 100,
        [&] {
            drawn = false;
            view.curvePlot()->setSmoothing(0);
        },
        [&] { return drawn && !view.curvePlot()->isLoading(); });
    step(
        "switch metric to test/top1 (load, draw)", 100,
        [&] {
            drawn = false;
            view.curvePlot()->setMetric(QStringLiteral("test/top1"));
        },
        [&] { return drawn && !view.curvePlot()->isLoading(); });
    // Grouping regroups the runs table and redraws the ticked runs as group means with bands.
    const auto regroup = [&](const char *what, CompareView::Grouping grouping, const QString &key) {
        step(
            what, 100,
            [&] {
                drawn = false;
                view.setGrouping(grouping, key);
            },
            [&] { return drawn && !view.curvePlot()->isLoading(); });
    };
    regroup(qPrintable(QStringLiteral("group %1 runs by optim.lr").arg(records->size())), CompareView::Grouping::Key,
            QStringLiteral("optim.lr"));
    regroup(qPrintable(QStringLiteral("collapse seeds of %1 runs").arg(records->size())), CompareView::Grouping::Seeds,
            QString());
    regroup("ungroup", CompareView::Grouping::None, QString());
    // Panning: drags of a tenth of the x range, each replotted (what a mouse drag does).
    QCustomPlot *plot = view.curvePlot()->plot();
    std::vector<double> pans;
    testing::TimingApplication::instance()->resetLongest();
    plot->xAxis->setRange(plot->xAxis->range().lower, plot->xAxis->range().center());
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        const double d = plot->xAxis->range().size() / 10 * (i < 10 ? 1 : -1);
        plot->xAxis->moveRange(d);
        plot->replot(QCustomPlot::rpImmediateRefresh);
        QCoreApplication::processEvents();
        pans.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(pans.begin(), pans.end());
    std::printf("%-44s %9.1f ms median, %.1f ms max  (goal < 100 ms)  longest GUI event %.1f ms CPU (%s)\n",
                "pan (20 drags, replot each)", pans[pans.size() / 2], pans.back(),
                testing::TimingApplication::instance()->longest().cpuMs,
                qPrintable(testing::TimingApplication::instance()->longest().what));
    if (testing::TimingApplication::instance()->longest().cpuMs > overall)
        overall = testing::TimingApplication::instance()->longest().cpuMs, overallWhat = QStringLiteral("pan");
    std::printf("longest GUI-thread event over all steps: %.1f ms CPU (in '%s'; goal < 50 ms)\n", overall,
                qPrintable(overallWhat));
    std::printf("memory at the end: %s\n", qPrintable(memory()));
    return 0;
}
