// avt-bench-cam-viewer WORKSPACE [--runs A,B,C] [--clips N]: how long the Grad-CAM viewer takes
// from opening a clip to painted maps, computed and from the cache. Runs: the batch demo's
// video-only, AVBottleneck and full-model runs when the workspace has them, else its first three.
// Clips: the first N (default 5) test clips of the runs' dataset. For each clip, the viewer's own
// cache entries for these requests are removed first, then the clip is opened (computed), another
// clip is opened, and the first is opened again (cached). Times run from setClip() to the moment
// every row holds its result and the viewer has been painted (repaint(), synchronous); they
// include the 30 ms debounce of control changes. Prints one line per clip and the medians.
// Run it offscreen (QT_QPA_PLATFORM=offscreen) or under Xvfb. Not a test: it prints figures.
#include "core/explain/cam_view.h"
#include "core/media/probe.h"
#include "core/store/dataset_store.h"
#include "core/store/workspace.h"
#include "widgets/explain/cam_row.h"
#include "widgets/explain/cam_viewer.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace avt;
using namespace avt::widgets;

namespace {

bool rowsDone(const CamViewer &v)
{
    if (v.isBusy() || v.rows().isEmpty())
        return false;
    for (const CamRow *r : v.rows())
        if (!r->result() && !r->isError())
            return false;
    return true;
}

// setClip -> every row done -> painted; milliseconds, or -1 on a timeout.
double open(CamViewer &v, const ClipRef &clip)
{
    QElapsedTimer t;
    t.start();
    v.setClip(clip);
    if (!QTest::qWaitFor([&] { return v.isBusy(); }, 2000))
        return -1;
    while (!rowsDone(v)) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        if (t.elapsed() > 300000)
            return -1;
    }
    v.repaint();
    return t.nsecsElapsed() / 1e6;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir settings; // the user's viewer settings stay untouched
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    QCoreApplication::setOrganizationName(QStringLiteral("AVT Workbench Bench"));
    media::setFfmpegLogQuiet(true);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: avt-bench-cam-viewer WORKSPACE [--runs A,B,C] [--clips N]\n");
        return 2;
    }
    const QString wsDir = args.at(1);
    QStringList runs;
    int clips = 5;
    for (int i = 2; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--runs"))
            runs = args[i + 1].split(QLatin1Char(','), Qt::SkipEmptyParts);
        else if (args[i] == QLatin1String("--clips"))
            clips = std::max(2, args[i + 1].toInt());
    }
    CamViewer v;
    v.resize(1500, 1000);
    v.show();
    (void)QTest::qWaitForWindowExposed(&v);
    v.setWorkspace(wsDir);
    if (!QTest::qWaitFor([&] { return !v.availableRuns().isEmpty(); }, 10000)) {
        std::fprintf(stderr, "%s: no runs\n", qPrintable(wsDir));
        return 1;
    }
    if (runs.isEmpty()) {
        for (const QString &r : {QStringLiteral("demo-table4-video"), QStringLiteral("demo-table4-avbottleneck"),
                                 QStringLiteral("demo-table4-avc-avm-masegmv")})
            if (v.availableRuns().contains(r))
                runs << r;
        if (runs.isEmpty())
            runs = v.availableRuns().mid(0, 3);
    }
    // The test clips of the first run's dataset.
    auto ws = store::Workspace::open(wsDir);
    if (!ws) {
        std::fprintf(stderr, "%s\n", qPrintable(ws.error().message));
        return 1;
    }
    QList<ClipRef> refs;
    auto datasets = store::listDatasets((*ws)->db());
    for (const auto &d : datasets ? *datasets : QList<store::DatasetInfo>{}) {
        auto all = store::loadClips((*ws)->db(), d.id);
        for (const data::Clip &c : all ? *all : QList<data::Clip>{})
            if (c.split == QLatin1String("test") && refs.size() < clips + 1)
                refs << ClipRef{c.id, QDir(d.mediaRoot).absoluteFilePath(c.path), c.startS, c.endS, c.key};
        if (!refs.isEmpty())
            break;
    }
    if (refs.size() < 2) {
        std::fprintf(stderr, "%s: fewer than two test clips\n", qPrintable(wsDir));
        return 1;
    }
    v.setRuns(runs);
    std::printf("Grad-CAM viewer, %lld runs (%s), default layers, Grad-CAM, predicted class; ms from setClip to "
                "painted rows\n",
                (long long)runs.size(), qPrintable(runs.join(QStringLiteral(", "))));
    std::vector<double> computed, cached, reads;
    for (int i = 0; i + 1 < refs.size(); ++i) {
        for (const QString &r : runs) {
            gradcam::ViewRequest req = v.requestFor(r);
            req.clipId = refs[i].id;
            req.media = refs[i].path;
            if (auto dir = v.engine()->cacheDirFor(req))
                QDir(*dir).removeRecursively();
        }
        const double first = open(v, refs[i]);
        bool allComputed = true;
        for (const auto &r : v.results())
            allComputed = allComputed && r && !r->fromCache;
        (void)open(v, refs[i + 1]);
        const double again = open(v, refs[i]);
        bool allCached = true;
        for (const auto &r : v.results())
            allCached = allCached && r && r->fromCache;
        // The cache read alone (on this thread, one run after the other): what the rows wait for.
        QElapsedTimer read;
        read.start();
        for (const QString &r : runs) {
            gradcam::ViewRequest req = v.requestFor(r);
            (void)v.engine()->cached(req);
        }
        const double readMs = read.nsecsElapsed() / 1e6;
        std::printf("%-36s computed %8.1f ms%s   cached %6.1f ms%s   (cache reads %5.1f ms)\n",
                    qPrintable(refs[i].title), first, allComputed ? "" : " (not all computed)", again,
                    allCached ? "" : " (not all cached)", readMs);
        reads.push_back(readMs);
        computed.push_back(first);
        cached.push_back(again);
    }
    std::printf("median: computed %.1f ms, cached %.1f ms (%.1fx faster; the cache reads of all runs %.1f ms) over %zu "
                "clips\n",
                median(computed), median(cached), median(cached) > 0 ? median(computed) / median(cached) : 0.0,
                median(reads), computed.size());
    return 0;
}
