// The segment inspector on a demo clip: parameter, seed and probability changes redraw the
// overlay in the background; stale results are dropped; the view exports to PNG and PDF.
#include "../tst_widgets.h"

#include "core/store/dataset_store.h"
#include "core/store/workspace.h"
#include "widgets/inspector/detector_form.h"
#include "widgets/inspector/segment_inspector.h"
#include "widgets/inspector/segment_plot.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace avt;
using namespace avt::widgets;

namespace {

ClipRef demoClip(const testing::DemoWorkspace &demo, int index)
{
    auto ws = store::Workspace::open(demo.workspace);
    auto info = store::findDataset((*ws)->db(), demo.dataset);
    auto clips = store::loadClips((*ws)->db(), info->id);
    const data::Clip &c = clips->at(index);
    return ClipRef{c.id, QDir(info->mediaRoot).absoluteFilePath(c.path), c.startS, c.endS, c.key};
}

// Waits for the next overlay signal and returns its ok flag (false also when the clip's audio
// could not be loaded, or after 20 s).
bool nextOverlay(SegmentInspector &inspector, QSignalSpy &spy)
{
    const int before = spy.count();
    if (!QTest::qWaitFor(
            [&] {
                return (spy.count() > before || inspector.statusText().startsWith(QLatin1String("Cannot")))
                       && !inspector.isBusy();
            },
            20000))
        return false;
    if (spy.count() == before)
        return false;
    return spy.last().at(0).toBool();
}

} // namespace

void TestInspector::reactsToParameters()
{
    SegmentInspector inspector;
    inspector.setModelInputOptions({QStringLiteral("audioset"), 0});
    inspector.resize(1000, 600);
    inspector.show();
    QSignalSpy spy(&inspector, &SegmentInspector::overlayUpdated);
    inspector.setClip(demoClip(*m_demo, 0));
    QVERIFY2(nextOverlay(inspector, spy), qPrintable(inspector.statusText()));
    QVERIFY(inspector.input());
    const auto &in = *inspector.input();
    QCOMPARE(in.input.bins, 128);
    QCOMPARE(in.input.frames, in.contentFrames);   // clip length: no padding
    QVERIFY(std::abs(in.input.frames - 298) <= 2); // 3 s at 10 ms hop, 25 ms window

    // Drum hits at random times: the default detector finds boundaries; the plot draws them.
    const preview::SegmentOverlay first = *inspector.overlay();
    QVERIFY(!first.segmentation.boundaries.empty());
    QCOMPARE(inspector.plot()->boundaryCount(), int(first.segmentation.boundaries.size()));
    const auto segments = std::int64_t(first.spans.size());
    QCOMPARE(std::int64_t(first.maskedSegments.size()), std::int64_t(std::llround(0.04 * segments + 1e-9)));

    // Fewer segments allowed.
    inspector.form()->setParam(QStringLiteral("maxSegments"), 3);
    QVERIFY(nextOverlay(inspector, spy));
    QVERIFY(inspector.overlay()->segmentation.boundaries.size() <= 2);
    QCOMPARE(inspector.plot()->boundaryCount(), int(inspector.overlay()->segmentation.boundaries.size()));

    // Probability 1 masks every segment; 0 none.
    inspector.form()->setProbability(1.0);
    QVERIFY(nextOverlay(inspector, spy));
    QCOMPARE(inspector.overlay()->maskedSegments.size(), inspector.overlay()->spans.size());
    QCOMPARE(inspector.plot()->shadedSegmentCount(), 2 * int(inspector.overlay()->spans.size()));
    inspector.form()->setProbability(0.0);
    QVERIFY(nextOverlay(inspector, spy));
    QVERIFY(inspector.overlay()->maskedSegments.empty());
    QCOMPARE(inspector.overlay()->maskedTokens, 0);

    // The seed picks which segments: the same seed gives the same choice again.
    inspector.form()->resetDefaults();
    QVERIFY(nextOverlay(inspector, spy));
    inspector.form()->setProbability(0.3);
    QVERIFY(nextOverlay(inspector, spy));
    const auto seed0 = inspector.overlay()->maskedSegments;
    bool differs = false;
    for (int seed = 1; seed < 6 && !differs; ++seed) {
        inspector.form()->setSeed(seed);
        QVERIFY(nextOverlay(inspector, spy));
        differs = inspector.overlay()->maskedSegments != seed0;
    }
    QVERIFY(differs);
    inspector.form()->setSeed(0);
    QVERIFY(nextOverlay(inspector, spy));
    QCOMPARE(inspector.overlay()->maskedSegments, seed0);

    // An invalid combination (order >= window) is reported, not drawn.
    inspector.form()->setParam(QStringLiteral("smoothOrder"), 8);
    inspector.form()->setParam(QStringLiteral("smoothWindow"), 5);
    QVERIFY(!nextOverlay(inspector, spy));
    QVERIFY(!inspector.overlay());

    // Padding to the preset length: 1024 frames, the tail is padding.
    inspector.form()->resetDefaults();
    QSignalSpy loaded(&inspector, &SegmentInspector::inputLoaded);
    inspector.setModelInputOptions({QStringLiteral("audioset"), -1});
    QVERIFY(nextOverlay(inspector, spy));
    QCOMPARE(inspector.input()->input.frames, 1024);
    QVERIFY(inspector.input()->contentFrames < 1024);
    // No boundary in the constant padding.
    for (std::int64_t b : inspector.overlay()->segmentation.boundaries)
        QVERIFY(b <= inspector.input()->contentFrames + 8);
}

void TestInspector::dropsStaleResults()
{
    SegmentInspector inspector;
    inspector.setModelInputOptions({QStringLiteral("audioset"), 0});
    QSignalSpy spy(&inspector, &SegmentInspector::overlayUpdated);
    // Two clips in a row: only the second one's input is kept.
    const ClipRef a = demoClip(*m_demo, 1);
    const ClipRef b = demoClip(*m_demo, 2);
    inspector.setClip(a);
    inspector.setClip(b);
    QVERIFY(nextOverlay(inspector, spy));
    QCOMPARE(inspector.clip(), b);
    // A burst of edits: the drawn overlay is that of the last values.
    for (int s = 10; s >= 4; --s)
        inspector.form()->setParam(QStringLiteral("maxSegments"), s);
    QVERIFY(nextOverlay(inspector, spy));
    QTest::qWait(100); // any late result of an older request would arrive now
    QVERIFY(std::int64_t(inspector.overlay()->spans.size()) <= 4);
}

void TestInspector::exportsPngAndPdf()
{
    SegmentInspector inspector;
    inspector.resize(900, 600);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QSignalSpy spy(&inspector, &SegmentInspector::overlayUpdated);
    inspector.setClip(demoClip(*m_demo, 3));
    QVERIFY2(nextOverlay(inspector, spy), qPrintable(inspector.statusText()));
    QTemporaryDir tmp;
    for (const char *name : {"view.png", "view.pdf"}) {
        const QString path = tmp.filePath(QLatin1String(name));
        QString message;
        QVERIFY2(inspector.plot()->exportTo(path, &message), qPrintable(message));
        QVERIFY(QFileInfo(path).size() > 1000);
    }
    QVERIFY(!inspector.plot()->exportTo(tmp.filePath(QStringLiteral("no/such/dir/view.png"))));
}
