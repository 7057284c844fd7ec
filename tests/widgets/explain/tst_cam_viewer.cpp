// The Grad-CAM viewer on the demo workspace with three briefly trained avt-tiny runs (fused,
// video only, late fusion): its maps equal the `gradcam` verb's .npy files for the same run,
// clip, layer, method and class; each control changes the maps; stale results are dropped and
// Cancel stops a computation; reopening reads the cache (recorded in the store's artifacts);
// every error case is a message in the row; keyboard, settings, exports; the browser and the
// viewer work together in the main window; and the GUI thread never stalls while maps compute.
#include "../tst_widgets.h"

#include "app_fixture.h"
#include "core/explain/cam_view.h"
#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "model/io/npy.h"
#include "widgets/browser/dataset_browser.h"
#include "widgets/common/frame_view.h"
#include "widgets/explain/cam_row.h"
#include "widgets/explain/cam_viewer.h"
#include "widgets/shell/main_window.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cmath>

using namespace avt;
using namespace avt::widgets;

namespace {

model::NpyArray readNpy(const QString &path)
{
    model::NpyArray a;
    std::string err;
    if (!model::readNpy(QFile::encodeName(path).toStdString(), a, &err))
        qWarning("%s", err.c_str());
    return a;
}

// Largest |a - b| of two equally shaped arrays (infinity when the shapes differ).
double maxDiff(const std::vector<int64_t> &shapeA, const std::vector<float> &a, const model::NpyArray &b)
{
    const std::vector<float> bv = b.toFloat();
    if (shapeA != b.shape || a.size() != bv.size() || a.empty())
        return INFINITY;
    double d = 0;
    for (size_t i = 0; i < a.size(); ++i)
        d = std::max(d, double(std::abs(a[i] - bv[i])));
    return d;
}

bool waitDone(CamViewer &v, int ms = 120000)
{
    return QTest::qWaitFor(
        [&] {
            if (v.isBusy() || v.rows().isEmpty())
                return false;
            for (const CamRow *r : v.rows())
                if (!r->result() && !r->isError())
                    return false;
            return true;
        },
        ms);
}

// Shows v on the workspace with the default controls: default layers, Grad-CAM, weights per time
// slice, the main head, the predicted class.
bool openViewer(CamViewer &v, const QString &workspace)
{
    v.resize(1400, 900);
    v.show();
    QSignalSpy listed(&v, &CamViewer::runsListed);
    v.setWorkspace(workspace);
    if (!listed.wait(10000))
        return false;
    v.setLayers({}, {});
    v.setMethod(QStringLiteral("gradcam"));
    v.setWeighting(QStringLiteral("slice"));
    v.setHead(QStringLiteral("main"));
    v.setTarget(gradcam::TargetKind::Predicted);
    return true;
}

QString rowMessages(const CamViewer &v)
{
    QStringList m;
    for (const CamRow *r : v.rows())
        m << r->message();
    return m.join(QStringLiteral(" | "));
}

} // namespace

void TestCamViewer::initTestCase()
{
    for (const auto &[name, mode] : {std::pair{QStringLiteral("cam-avt"), QStringLiteral("avt")},
                                     std::pair{QStringLiteral("cam-video"), QStringLiteral("video")},
                                     std::pair{QStringLiteral("cam-late"), QStringLiteral("late")}}) {
        const test::AppRun r = test::runApp(test::tinyRunArgs(m_demo->workspace, m_demo->dataset, name, mode));
        QVERIFY2(r.code == 0, r.err.constData());
    }
    auto ws = store::Workspace::open(m_demo->workspace);
    QVERIFY(ws.ok());
    auto ds = store::findDataset((*ws)->db(), m_demo->dataset);
    QVERIFY(ds.ok());
    auto clips = store::loadClips((*ws)->db(), ds->id);
    QVERIFY(clips.ok());
    for (const data::Clip &c : *clips) {
        if (c.split != QLatin1String("test"))
            continue;
        const ClipRef ref{c.id, QDir(ds->mediaRoot).absoluteFilePath(c.path), c.startS, c.endS, c.key};
        (m_clip.isValid() ? m_otherClip : m_clip) = ref;
        if (m_otherClip.isValid())
            break;
    }
    QVERIFY(m_clip.isValid() && m_otherClip.isValid());
    QVERIFY(QFileInfo::exists(m_clip.path));
}

void TestCamViewer::mapsEqualTheBatchExport()
{
    CamViewer v;
    QVERIFY(openViewer(v, m_demo->workspace));
    QCOMPARE(v.availableRuns(),
             (QStringList{QStringLiteral("cam-avt"), QStringLiteral("cam-video"), QStringLiteral("cam-late")}));
    v.setRuns({QStringLiteral("cam-avt")});
    v.setClip(m_clip);
    QVERIFY(waitDone(v));
    auto r = v.results().at(0);
    QVERIFY2(r, qPrintable(rowMessages(v)));
    QVERIFY(!r->videoMap.empty() && !r->audioMap.empty());

    // The verb on the same media file, run and defaults.
    QTemporaryDir out;
    const auto verb = [&](const QStringList &extra, const QString &dir) {
        return test::runApp(QStringList{QStringLiteral("--batch"), QStringLiteral("gradcam"), m_clip.path,
                                        QStringLiteral("--workspace"), m_demo->workspace, QStringLiteral("--run"),
                                        QStringLiteral("cam-avt"), QStringLiteral("--out"), dir}
                            + extra);
    };
    const QString d1 = out.filePath(QStringLiteral("default"));
    test::AppRun run = verb({}, d1);
    QVERIFY2(run.code == 0, run.err.constData());
    const QString rowDir = d1 + QStringLiteral("/0-cam-avt/");
    const double dv = maxDiff(r->videoMap.shape, r->videoMap.values, readNpy(rowDir + QStringLiteral("cam_video.npy")));
    const double da = maxDiff(r->audioMap.shape, r->audioMap.values, readNpy(rowDir + QStringLiteral("cam_audio.npy")));
    qInfo("viewer vs gradcam verb (Grad-CAM, default layers %s / %s, predicted class %lld): largest difference "
          "video %.3g, audio %.3g",
          qPrintable(r->videoLayer), qPrintable(r->audioLayer), (long long)r->targetClass, dv, da);
    QVERIFY(dv <= 1e-6 && da <= 1e-6);

    // Another layer, Grad-CAM++, one weight per clip and a chosen class.
    QString stage2;
    for (const auto &l : r->layers)
        if (l.video && l.name.startsWith(QLatin1String("video.blocks2.")))
            stage2 = l.name;
    QVERIFY(!stage2.isEmpty());
    const int cls = int((r->targetClass + 3) % int64_t(r->mainLogits.size()));
    v.setLayers(stage2, {});
    v.setMethod(QStringLiteral("gradcam++"));
    v.setWeighting(QStringLiteral("clip"));
    v.setTarget(gradcam::TargetKind::Class, 1, cls);
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    QVERIFY(waitDone(v));
    r = v.results().at(0);
    QVERIFY2(r, qPrintable(rowMessages(v)));
    QCOMPARE(r->videoLayer, stage2);
    QCOMPARE(r->targetClass, int64_t(cls));
    QCOMPARE(r->method, QStringLiteral("gradcam++"));
    const QString d2 = out.filePath(QStringLiteral("pp"));
    run = verb({QStringLiteral("--layer"), stage2, QStringLiteral("--method"), QStringLiteral("gradcam++"),
                QStringLiteral("--weighting"), QStringLiteral("clip"), QStringLiteral("--class"), QString::number(cls)},
               d2);
    QVERIFY2(run.code == 0, run.err.constData());
    const double dv2 =
        maxDiff(r->videoMap.shape, r->videoMap.values, readNpy(d2 + QStringLiteral("/0-cam-avt/cam_video.npy")));
    const double da2 =
        maxDiff(r->audioMap.shape, r->audioMap.values, readNpy(d2 + QStringLiteral("/0-cam-avt/cam_audio.npy")));
    qInfo(
        "viewer vs gradcam verb (Grad-CAM++, clip weighting, %s, class %d): largest difference video %.3g, audio %.3g",
        qPrintable(stage2), cls, dv2, da2);
    QVERIFY(dv2 <= 1e-6 && da2 <= 1e-6);

    // The viewer's export writes the verb's files with the same maps.
    const QString d3 = out.filePath(QStringLiteral("viewer-export"));
    QSignalSpy exported(&v, &CamViewer::exportFinished);
    v.exportAll(d3);
    QVERIFY(exported.wait(60000));
    QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(exported.at(0).at(1).toString()));
    for (const QString &f :
         {QStringLiteral("0-cam-avt/frame_00.png"), QStringLiteral("0-cam-avt/overlay.mp4"),
          QStringLiteral("0-cam-avt/spectrogram.png"), QStringLiteral("strip.png"), QStringLiteral("gradcam.json")})
        QVERIFY2(QFileInfo::exists(d3 + QLatin1Char('/') + f), qPrintable(f));
    // Exactly the maps on screen (the values above: within 1e-6 of the verb's, which computes in
    // another process with its own thread count, so the last bits may differ).
    const model::NpyArray ev = readNpy(d3 + QStringLiteral("/0-cam-avt/cam_video.npy"));
    const model::NpyArray ea = readNpy(d3 + QStringLiteral("/0-cam-avt/cam_audio.npy"));
    QCOMPARE(maxDiff(r->videoMap.shape, r->videoMap.values, ev), 0.0);
    QCOMPARE(maxDiff(r->audioMap.shape, r->audioMap.values, ea), 0.0);
    QVERIFY(maxDiff(r->videoMap.shape, r->videoMap.values, readNpy(d2 + QStringLiteral("/0-cam-avt/cam_video.npy")))
            <= 1e-6);
}

void TestCamViewer::controlsChangeTheMaps()
{
    CamViewer v;
    QVERIFY(openViewer(v, m_demo->workspace));
    v.setRuns({QStringLiteral("cam-avt")});
    v.setClip(m_clip);
    QVERIFY(waitDone(v));
    auto base = v.results().at(0);
    QVERIFY(base);
    const auto changedBy = [&](const std::function<void()> &change) {
        change();
        if (!QTest::qWaitFor([&] { return v.isBusy(); }, 2000))
            return std::shared_ptr<const gradcam::ViewResult>();
        if (!waitDone(v))
            return std::shared_ptr<const gradcam::ViewResult>();
        return v.results().at(0);
    };
    // Layer.
    QString stage1;
    for (const auto &l : base->layers)
        if (l.video && l.name.startsWith(QLatin1String("video.blocks1.")))
            stage1 = l.name;
    auto r = changedBy([&] { v.setLayers(stage1, {}); });
    QVERIFY(r && r->videoLayer == stage1 && r->videoMap.values != base->videoMap.values);
    // The layer tree lists every layer and marks the default.
    int leaves = 0;
    bool defaultMarked = false;
    for (QTreeWidgetItemIterator it(v.layerTree()); *it; ++it)
        if (!(*it)->data(0, Qt::UserRole).toString().isEmpty()) {
            ++leaves;
            defaultMarked = defaultMarked
                            || ((*it)->data(0, Qt::UserRole).toString() == r->defaultVideoLayer
                                && (*it)->text(0).contains(QStringLiteral("default")));
        }
    QCOMPARE(leaves, int(r->layers.size()));
    QVERIFY(defaultMarked);
    QVERIFY(!r->defaultVideoReason.isEmpty() && !r->defaultAudioReason.isEmpty());
    v.setLayers({}, {});
    QVERIFY(waitDone(v));
    // Class: the third best.
    r = changedBy([&] { v.setTarget(gradcam::TargetKind::TopK, 3); });
    QVERIFY(r);
    QCOMPARE(r->targetClass, base->topK(3).at(2).first);
    QVERIFY(r->videoMap.values != base->videoMap.values);
    // A class picked in the class list.
    const int pick = int(base->topK(5).at(4).first);
    int row = -1;
    for (int i = 0; i < v.classTable()->rowCount(); ++i)
        if (v.classTable()->item(i, 0)->data(Qt::UserRole).toInt() == pick)
            row = i;
    QVERIFY(row >= 0);
    r = changedBy([&] { emit v.classTable()->cellClicked(row, 0); });
    QVERIFY(r && r->targetClass == pick);
    // Ground truth.
    r = changedBy([&] { v.setTarget(gradcam::TargetKind::GroundTruth); });
    QVERIFY(r && r->label >= 0 && r->targetClass == r->label);
    v.setTarget(gradcam::TargetKind::Predicted);
    QVERIFY(waitDone(v));
    // Weighting.
    r = changedBy([&] { v.setWeighting(QStringLiteral("clip")); });
    QVERIFY(r && r->weighting == QStringLiteral("clip") && r->videoMap.values != base->videoMap.values);
    v.setWeighting(QStringLiteral("slice"));
    QVERIFY(waitDone(v));
    // Runs: two side by side, then the other one alone.
    r = changedBy([&] { v.setRuns({QStringLiteral("cam-avt"), QStringLiteral("cam-video")}); });
    QCOMPARE(v.rows().size(), 2);
    QVERIFY(v.results().at(0) && v.results().at(1));
    QCOMPARE(v.results().at(1)->run, QStringLiteral("cam-video"));
    QVERIFY(v.results().at(1)->audioMap.empty()); // video only
    QVERIFY(v.results().at(1)->videoMap.values != base->videoMap.values);
    // Shared scale and the difference row only redraw.
    v.setSharedScale(true);
    v.setShowDifference(true);
    QVERIFY(!v.isBusy());
    QVERIFY(v.differenceRow()->isVisible());
    QVERIFY(!v.differenceRow()->frameView()->image().isNull());
    v.setShowDifference(false);
    v.setSharedScale(false);
    // Frames move together: frame, filmstrip and the spectrogram playhead.
    v.setFrame(3);
    QCOMPARE(v.rows().at(0)->frame(), 3);
    QCOMPARE(v.rows().at(1)->frame(), 3);
    const double ph = v.rows().at(0)->spectrogram()->playhead();
    const auto &res = *v.results().at(0);
    QVERIFY(std::abs(ph - (res.frameTimes[3] - res.windowStart) / res.windowSeconds) < 1e-9);
    v.setFrame(5);
    QVERIFY(v.rows().at(0)->spectrogram()->playhead() > ph);
    // The picture's box and the clip's pointing figure (DrumArt-10 has a manifest).
    QCOMPARE(int(res.boxes.size()), res.frameCount);
    QVERIFY(res.pointing > 0);
    QVERIFY(v.rows().at(0)->titleText().contains(QStringLiteral("pointing")));
    // Top-5 with the ground truth marked when it is among them.
    QVERIFY(v.rows().at(0)->topText().contains(QStringLiteral("Top 5")));
}

void TestCamViewer::staleResultsAndCancel()
{
    CamViewer v;
    QVERIFY(openViewer(v, m_demo->workspace));
    v.setMethod(QStringLiteral("gradcam++"));
    v.setRuns({QStringLiteral("cam-video")});
    v.setClip(m_otherClip);
    v.setTarget(gradcam::TargetKind::Class, 1, 1);
    // Change the class while class 1 computes: the class 1 result must never show.
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    int shownOne = 0;
    connect(&v, &CamViewer::resultsUpdated, &v, [&] {
        if (v.results().at(0) && v.results().at(0)->targetClass == 1)
            ++shownOne;
    });
    v.setTarget(gradcam::TargetKind::Class, 1, 2);
    QVERIFY(waitDone(v));
    QVERIFY(v.results().at(0));
    QCOMPARE(v.results().at(0)->targetClass, int64_t(2));
    QCOMPARE(shownOne, 0);

    // Cancel as soon as a new computation starts.
    auto conn = connect(&v, &CamViewer::busyChanged, &v, [&](bool busy) {
        if (busy)
            v.cancel();
    });
    v.setTarget(gradcam::TargetKind::Class, 1, 3);
    QVERIFY(waitDone(v));
    disconnect(conn);
    QVERIFY(!v.results().at(0));
    QCOMPARE(v.rows().at(0)->message(), QStringLiteral("Cancelled"));
    // The engine itself: a set flag stops it before any work.
    std::atomic<bool> stop{true};
    auto req = v.requestFor(QStringLiteral("cam-video"));
    req.classIndex = 4;
    auto r = v.engine()->compute(req, &stop);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("cancelled"));
}

void TestCamViewer::reopenedClipComesFromTheCache()
{
    CamViewer v;
    QVERIFY(openViewer(v, m_demo->workspace));
    v.setRuns({QStringLiteral("cam-avt"), QStringLiteral("cam-late")});
    v.setClip(m_otherClip);
    QVERIFY(waitDone(v));
    v.setClip(m_clip);
    QVERIFY(waitDone(v));
    QVERIFY(v.results().at(0) && v.results().at(1));
    // Back to the first clip: both rows from the cache.
    QElapsedTimer t;
    t.start();
    v.setClip(m_otherClip);
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    QVERIFY(waitDone(v));
    const double ms = t.nsecsElapsed() / 1e6;
    QVERIFY(v.results().at(0)->fromCache && v.results().at(1)->fromCache);
    QVERIFY(v.statusText().contains(QStringLiteral("2 from the cache")));
    qInfo("cached clip with two runs shown %.0f ms after setClip (includes the 30 ms debounce)", ms);
    // Recorded in the store's artifacts, and the cache entry holds the maps.
    auto ws = store::Workspace::open(m_demo->workspace);
    QVERIFY(ws.ok());
    const QString rel = QDir((*ws)->path()).relativeFilePath(v.results().at(0)->cacheDir);
    auto art = store::findArtifact((*ws)->db(), QStringLiteral("gradcam-view"), rel);
    QVERIFY(art.ok() && art->id > 0);
    QCOMPARE(art->clipId, m_otherClip.id);
    QCOMPARE(art->meta.value(QStringLiteral("run")).toString(), QStringLiteral("cam-avt"));
    QVERIFY(QFileInfo::exists(v.results().at(0)->cacheDir + QStringLiteral("/cam_video.npy")));
    // A damaged entry is computed again, not shown.
    QFile::remove(v.results().at(0)->cacheDir + QStringLiteral("/view.json"));
    v.setClip(m_clip);
    QVERIFY(waitDone(v));
    v.setClip(m_otherClip);
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    QVERIFY(waitDone(v));
    QVERIFY(v.results().at(0) && !v.results().at(0)->fromCache);
    QVERIFY(v.results().at(1)->fromCache);
}

void TestCamViewer::errorsAreMessages()
{
    // A run without checkpoints and a run whose checkpoint is another model's.
    {
        auto ws = store::Workspace::open(m_demo->workspace);
        QVERIFY(ws.ok());
        auto video = store::findRun((*ws)->db(), QStringLiteral("cam-video"));
        auto fused = store::findRun((*ws)->db(), QStringLiteral("cam-avt"));
        QVERIFY(video.ok() && fused.ok());
        store::RunInfo empty = *video;
        empty.name = QStringLiteral("cam-empty");
        empty.status = QStringLiteral("created");
        empty.lastCheckpoint.clear();
        empty.bestCheckpoint.clear();
        QVERIFY(store::createRun((*ws)->db(), empty).ok());
        store::RunInfo wrong = *video;
        wrong.name = QStringLiteral("cam-wrong");
        wrong.status = QStringLiteral("finished");
        auto id = store::createRun((*ws)->db(), wrong);
        QVERIFY(id.ok());
        QVERIFY(store::updateRunCheckpoints((*ws)->db(), *id, fused->lastCheckpoint, QString()).ok());
    }
    CamViewer v;
    QVERIFY(openViewer(v, m_demo->workspace));
    v.setClip(m_clip);
    // Ticking a run without checkpoints is refused with a reason.
    for (int i = 0; i < v.runList()->topLevelItemCount(); ++i)
        if (v.runList()->topLevelItem(i)->text(0) == QLatin1String("cam-empty"))
            v.runList()->topLevelItem(i)->setCheckState(0, Qt::Checked);
    QVERIFY(!v.selectedRuns().contains(QStringLiteral("cam-empty")));
    QVERIFY2(v.statusText().contains(QStringLiteral("no checkpoint")), qPrintable(v.statusText()));
    // Asked for anyway (settings of an older session): the row says why.
    v.setRuns({QStringLiteral("cam-empty"), QStringLiteral("cam-wrong")});
    QVERIFY(waitDone(v));
    QVERIFY2(v.rows().at(0)->isError() && v.rows().at(0)->message().contains(QStringLiteral("no checkpoint")),
             qPrintable(rowMessages(v)));
    QVERIFY2(v.rows().at(1)->isError() && v.rows().at(1)->message().contains(QStringLiteral("does not fit")),
             qPrintable(rowMessages(v)));
    // A layer that gets no gradient: the late-fusion model's last audio block (its score reads
    // only that block's class tokens).
    v.setRuns({QStringLiteral("cam-late")});
    QVERIFY(waitDone(v));
    QVERIFY(v.results().at(0));
    QString lastAudio;
    for (const auto &l : v.results().at(0)->layers)
        if (!l.video && l.name.startsWith(QLatin1String("audio.blocks.")))
            lastAudio = l.name;
    v.setLayers({}, lastAudio);
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    QVERIFY(waitDone(v));
    QVERIFY(v.results().at(0) && !v.results().at(0)->audioReached);
    QVERIFY2(v.rows().at(0)->message().contains(QStringLiteral("gets no gradient")), qPrintable(rowMessages(v)));
    v.setLayers({}, {});
    // An unknown layer (a layer of another model): the engine's message lists the layers.
    v.setLayers(QStringLiteral("video.blocks9.0"), {});
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    QVERIFY(waitDone(v));
    QVERIFY2(v.rows().at(0)->message().contains(QStringLiteral("no layer 'video.blocks9.0'")),
             qPrintable(rowMessages(v)));
    v.setLayers({}, {});
    // A clip that does not decode.
    QTemporaryDir tmp;
    const QString broken = tmp.filePath(QStringLiteral("broken.mp4"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    v.setClip(ClipRef{0, broken, -1, -1, QStringLiteral("broken.mp4")});
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    QVERIFY(waitDone(v));
    QVERIFY2(v.rows().at(0)->isError() && v.rows().at(0)->message().contains(QStringLiteral("broken.mp4")),
             qPrintable(rowMessages(v)));
    // Nothing picked: words, not an empty picture.
    v.setRuns({});
    QTest::qWait(100);
    QVERIFY(v.statusText().contains(QStringLiteral("Tick one to four runs")));
}

void TestCamViewer::keyboardSettingsAndExport()
{
    QTemporaryDir tmp;
    {
        CamViewer v;
        QVERIFY(openViewer(v, m_demo->workspace));
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setRuns({QStringLiteral("cam-avt")});
        v.setClip(m_clip);
        QVERIFY(waitDone(v));
        v.setFrame(0);
        v.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&v));
        v.rows().at(0)->setFocus();
        QTest::keyClick(v.rows().at(0), Qt::Key_Right);
        QCOMPARE(v.frame(), 1);
        QTest::keyClick(v.rows().at(0), Qt::Key_Right);
        QTest::keyClick(v.rows().at(0), Qt::Key_Left);
        QCOMPARE(v.frame(), 1);
        QSignalSpy step(&v, &CamViewer::clipStepRequested);
        QTest::keyClick(v.rows().at(0), Qt::Key_Down);
        QTest::keyClick(v.rows().at(0), Qt::Key_Up);
        QCOMPARE(step.size(), 2);
        QCOMPARE(step.at(0).at(0).toInt(), 1);
        QCOMPARE(step.at(1).at(0).toInt(), -1);
        QTest::keyClick(v.rows().at(0), Qt::Key_Space);
        QVERIFY(v.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(v.frame() != 1, 2000); // it plays
        QTest::keyClick(v.rows().at(0), Qt::Key_Space);
        QVERIFY(!v.isPlaying());
        // Exports of what is on screen.
        const QString png = tmp.filePath(QStringLiteral("view.png")), pdf = tmp.filePath(QStringLiteral("view.pdf"));
        QVERIFY(v.exportView(png).ok());
        QVERIFY(v.exportView(pdf).ok());
        QVERIFY(QImageReader(png).size().width() > 200);
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly) && p.read(5) == "%PDF-");
        // State for the next session.
        v.setMethod(QStringLiteral("gradcam++"));
        v.setColourMap(QStringLiteral("viridis"));
        v.setOpacity(0.3);
        v.setLayers({}, {});
        QVERIFY(waitDone(v));
    }
    CamViewer again;
    QSignalSpy listed(&again, &CamViewer::runsListed);
    again.setWorkspace(m_demo->workspace);
    QVERIFY(listed.wait(10000));
    QCOMPARE(again.selectedRuns(), QStringList{QStringLiteral("cam-avt")});
    QCOMPARE(again.requestFor(QStringLiteral("cam-avt")).method, QStringLiteral("gradcam++"));
    const auto boxes = again.findChildren<QComboBox *>();
    bool viridis = false;
    for (const QComboBox *b : boxes)
        viridis = viridis || b->currentText() == QLatin1String("viridis");
    QVERIFY(viridis);
    again.setMethod(QStringLiteral("gradcam"));
}

void TestCamViewer::worksWithTheBrowser()
{
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openWorkspace(m_demo->workspace).ok());
    DatasetBrowser *b = w.browser();
    QTRY_VERIFY_WITH_TIMEOUT(!b->isLoading() && b->filterModel()->rowCount() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!w.camViewer()->availableRuns().isEmpty(), 10000);
    b->selectRow(2);
    const ClipRef clip = b->currentClip();
    QVERIFY(clip.isValid());
    emit b->explainRequested(clip); // the context menu's and the tool button's signal
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("GradCamViewerDock"));
    QVERIFY(dock && dock->isVisible());
    QCOMPARE(w.camViewer()->clip(), clip);
    // Down in the viewer moves the browser, and the viewer follows.
    emit w.camViewer()->clipStepRequested(1);
    QCOMPARE(b->table()->currentIndex().row(), 3);
    QCOMPARE(w.camViewer()->clip(), b->currentClip());
    w.camViewer()->setRuns({});
}

void TestCamViewer::noStallWhileMapsCompute()
{
    CamViewer v;
    QVERIFY(openViewer(v, m_demo->workspace));
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    v.setWeighting(QStringLiteral("clip"));
    v.setTarget(gradcam::TargetKind::TopK, 2);
    v.engine()->clearModels();
    // Three runs on clips not computed with these settings: models load, clips decode, maps compute.
    testing::resetLongestDispatch();
    QElapsedTimer t;
    t.start();
    v.setRuns({QStringLiteral("cam-avt"), QStringLiteral("cam-video"), QStringLiteral("cam-late")});
    v.setClip(m_clip);
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    QVERIFY(waitDone(v));
    v.setClip(m_otherClip);
    QVERIFY(QTest::qWaitFor([&] { return v.isBusy(); }, 2000));
    QVERIFY(waitDone(v));
    v.setShowDifference(true);
    for (int f = 0; f < v.frameCount(); ++f) {
        v.setFrame(f);
        QTest::qWait(10);
    }
    const testing::LongestDispatch longest = testing::longestDispatch();
    qInfo("stall: two clips x three runs computed in %.0f ms; longest GUI-thread event %.1f ms CPU (%s)",
          t.nsecsElapsed() / 1e6, longest.cpuMs, qPrintable(longest.what));
    for (const auto &r : v.results())
        QVERIFY(r && !r->fromCache);
    QVERIFY2(longest.cpuMs < 50.0, qPrintable(longest.what));
}

void TestCamViewer::unlabelledClipIsExplained()
{
    // A dataset whose clip has no class (imported without labels): explained for the prediction;
    // the ground truth is refused in words.
    ClipRef bare;
    {
        auto ws = store::Workspace::open(m_demo->workspace);
        QVERIFY(ws.ok());
        auto source = store::findDataset((*ws)->db(), m_demo->dataset);
        QVERIFY(source.ok());
        auto clip = store::loadClip((*ws)->db(), m_clip.id);
        QVERIFY(clip.ok());
        store::DatasetInfo info = *source;
        info.id = 0;
        info.name = QStringLiteral("unlabelled");
        auto id = store::upsertDataset((*ws)->db(), info);
        QVERIFY(id.ok());
        QList<data::Clip> clips{*clip};
        clips[0].id = 0;
        clips[0].labels.clear();
        QVERIFY(store::upsertClips((*ws)->db(), *id, clips).ok());
        bare = ClipRef{clips[0].id, m_clip.path, m_clip.startS, m_clip.endS, clips[0].key};
    }
    CamViewer v;
    QVERIFY(openViewer(v, m_demo->workspace));
    v.setRuns({QStringLiteral("cam-avt")});
    v.setClip(bare);
    QVERIFY(waitDone(v));
    QVERIFY2(v.results().at(0), qPrintable(rowMessages(v)));
    QCOMPARE(v.results().at(0)->label, -1);
    QCOMPARE(v.results().at(0)->targetClass, v.results().at(0)->topK(1).at(0).first);
    v.setTarget(gradcam::TargetKind::GroundTruth);
    QVERIFY(waitDone(v));
    QVERIFY2(v.rows().at(0)->message().contains(QStringLiteral("no ground-truth class")), qPrintable(rowMessages(v)));
}
