// Tests of core/segments: Savitzky-Golay and gradient parity with SciPy / NumPy (fixtures from
// tests/fixtures/gen_segment_fixtures.py), the activity curve, parameters, and detection on
// spectrograms with known change points.
// LibTorch before Qt: Qt's `slots` keyword macro breaks ATen headers included after it.
#include <torch/torch.h>

#include "core/segments/activity.h"
#include "core/segments/detector.h"
#include "core/segments/savgol.h"
#include "synthetic_activity.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrent>
#include <QtTest/QtTest>

using namespace avt::segments;
using avt::segments::test::listText;
using avt::segments::test::Spectrogram;
using avt::segments::test::worstError;

namespace {

QJsonObject loadFixture(const QString &name)
{
    QFile f(QStringLiteral(AVT_FIXTURES_DIR "/segments/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<double> doubles(const QJsonValue &v)
{
    std::vector<double> out;
    for (const QJsonValue &x : v.toArray())
        out.push_back(x.toDouble());
    return out;
}

double maxAbsDiff(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return INFINITY;
    double m = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

at::Tensor tensorOf(const Spectrogram &s)
{
    return torch::from_blob(const_cast<float *>(s.values.data()), {s.frames, s.bins}, torch::kFloat).clone();
}

Segmentation detectOk(const Spectrogram &s, const DetectorParams &p)
{
    auto r = detectSegments(tensorOf(s), p);
    if (!r)
        qFatal("detection failed: %s", qPrintable(r.error().message));
    return *r;
}

} // namespace

class TestSegments : public QObject {
    Q_OBJECT
private slots:
    void savgolReferenceValues();
    void savgolMatchesScipy();
    void gradientMatchesNumpy();
    void activityMatchesPython();
    void fusedActivityEqualsTwoPass();
    void paramsValidation();
    void paramsJsonAndText();
    void tonesGiveTheirOnsetsAndOffsets();
    void drumHitsGiveTheirOnsets();
    void silenceGivesNoBoundaries();
    void boundariesRespectTheConstraints();
    void deterministicAcrossThreads();
    void badInputsAreErrors();
    void shortClips();
};

void TestSegments::savgolReferenceValues()
{
    // REFERENCE.md: savgol_coeffs(5, 2) = [-3, 12, 17, 12, -3] / 35.
    SavgolFilter f(5, 2);
    const double expect[] = {-3, 12, 17, 12, -3};
    for (int j = 0; j < 5; ++j)
        QVERIFY(std::abs(f.coefficients()[size_t(j)] - expect[j] / 35.0) < 1e-14);
    const auto y = savgolFilter({2, 2, 5, 2, 1, 0, 1, 4, 9}, 5, 2);
    const std::vector<double> want = {
        1.657142857143, 3.171428571429, 3.542857142857, 2.857142857143, 0.657142857143, 0.171428571429, 1, 4, 9};
    QVERIFY2(maxAbsDiff(y, want) < 1e-11, qPrintable(QString::number(maxAbsDiff(y, want))));
}

void TestSegments::savgolMatchesScipy()
{
    const QJsonObject fx = loadFixture(QStringLiteral("savgol.json"));
    double worst = 0.0;
    int cases = 0;
    for (const QJsonValue &c : fx.value(QStringLiteral("cases")).toArray()) {
        const QJsonObject o = c.toObject();
        const int w = o.value(QStringLiteral("window")).toInt();
        const int p = o.value(QStringLiteral("order")).toInt();
        const auto y = savgolFilter(doubles(o.value(QStringLiteral("x"))), w, p);
        const double err = maxAbsDiff(y, doubles(o.value(QStringLiteral("y"))));
        QVERIFY2(err < 1e-6, qPrintable(QStringLiteral("window %1 order %2: max error %3").arg(w).arg(p).arg(err)));
        worst = std::max(worst, err);
        ++cases;
    }
    QVERIFY(cases >= 10);
    qInfo("savgol vs scipy: %d cases, max abs error %.3g", cases, worst);
}

void TestSegments::gradientMatchesNumpy()
{
    const QJsonObject fx = loadFixture(QStringLiteral("gradient.json"));
    double worst = 0.0;
    for (const QJsonValue &c : fx.value(QStringLiteral("cases")).toArray()) {
        const QJsonObject o = c.toObject();
        const double err =
            maxAbsDiff(gradient(doubles(o.value(QStringLiteral("x")))), doubles(o.value(QStringLiteral("g"))));
        QVERIFY2(err < 1e-12, qPrintable(QString::number(err)));
        worst = std::max(worst, err);
    }
    qInfo("gradient vs numpy: max abs error %.3g", worst);
    QCOMPARE(gradient(std::vector<double>{5.0}), std::vector<double>{0.0});
}

void TestSegments::activityMatchesPython()
{
    const QJsonObject fx = loadFixture(QStringLiteral("activity.json"));
    double worstRaw = 0.0, worstSmooth = 0.0;
    for (const QJsonValue &c : fx.value(QStringLiteral("cases")).toArray()) {
        const QJsonObject o = c.toObject();
        const auto frames = o.value(QStringLiteral("frames")).toInteger();
        const auto bins = o.value(QStringLiteral("bins")).toInteger();
        const auto values = doubles(o.value(QStringLiteral("fbank")));
        std::vector<float> x(values.begin(), values.end()); // exact: written from float32
        DetectorParams p;
        p.smoothWindow = o.value(QStringLiteral("smoothWindow")).toInt();
        p.smoothOrder = o.value(QStringLiteral("smoothOrder")).toInt();
        p.activityWindow = o.value(QStringLiteral("activityWindow")).toInt();
        p.activityOrder = o.value(QStringLiteral("activityOrder")).toInt();
        QVERIFY(p.validate().ok());

        ActivityKernel kernel(p.smoothWindow, p.smoothOrder);
        std::vector<double> raw(static_cast<size_t>(frames)), work(static_cast<size_t>(bins));
        kernel.compute(x.data(), frames, bins, raw.data(), work.data());
        const double errRaw = maxAbsDiff(raw, doubles(o.value(QStringLiteral("raw"))));
        QVERIFY2(errRaw < 1e-6, qPrintable(QString::number(errRaw)));

        auto det = SegmentDetector::create(p);
        QVERIFY(det.ok());
        auto seg = det->detect(x.data(), frames, bins);
        QVERIFY(seg.ok());
        const double errSmooth = maxAbsDiff(seg->activity, doubles(o.value(QStringLiteral("activity"))));
        QVERIFY2(errSmooth < 1e-6, qPrintable(QString::number(errSmooth)));
        worstRaw = std::max(worstRaw, errRaw);
        worstSmooth = std::max(worstSmooth, errSmooth);
    }
    qInfo("activity vs python: raw max abs error %.3g, smoothed %.3g", worstRaw, worstSmooth);
}

void TestSegments::fusedActivityEqualsTwoPass()
{
    Spectrogram s(1024, 128, -10.0f, 1.0f, 11);
    s.tone(100, 300, 10, 40, 5.0f);
    for (auto [w, p] : {std::pair{9, 2}, std::pair{1, 0}, std::pair{3, 1}, std::pair{21, 4}, std::pair{101, 2}}) {
        ActivityKernel kernel(w, p);
        std::vector<double> fused(1024), ref(1024), work(128);
        kernel.compute(s.values.data(), 1024, 128, fused.data(), work.data());
        activityReference(s.values.data(), 1024, 128, kernel.smoothing(), ref.data());
        const double err = maxAbsDiff(fused, ref);
        QVERIFY2(err < 1e-9, qPrintable(QStringLiteral("window %1: %2").arg(w).arg(err)));
    }
    // Exactly window + 1 frames: the smallest signal the fused rows handle.
    ActivityKernel kernel(9, 2);
    std::vector<double> fused(10), ref(10), work(128);
    kernel.compute(s.values.data(), 10, 128, fused.data(), work.data());
    activityReference(s.values.data(), 10, 128, kernel.smoothing(), ref.data());
    QVERIFY(maxAbsDiff(fused, ref) < 1e-9);
}

void TestSegments::paramsValidation()
{
    QVERIFY(DetectorParams().validate().ok());
    struct Bad {
        std::function<void(DetectorParams &)> change;
        QString field;
    };
    const std::vector<Bad> bad = {
        {[](DetectorParams &p) { p.maxSegments = 0; }, QStringLiteral("maxSegments")},
        {[](DetectorParams &p) { p.smoothWindow = 10; }, QStringLiteral("smoothWindow")},
        {[](DetectorParams &p) { p.smoothWindow = 103; }, QStringLiteral("smoothWindow")},
        {[](DetectorParams &p) { p.smoothOrder = 9; }, QStringLiteral("smoothOrder")},
        {[](DetectorParams &p) {
             p.smoothWindow = 3;
             p.smoothOrder = 3;
         },
         QStringLiteral("smoothOrder")},
        {[](DetectorParams &p) { p.activityWindow = -1; }, QStringLiteral("activityWindow")},
        {[](DetectorParams &p) { p.activityWindow = 1; }, QStringLiteral("activityOrder")},
        {[](DetectorParams &p) { p.peakRadius = -2; }, QStringLiteral("peakRadius")},
        {[](DetectorParams &p) { p.minSegmentFrames = 0; }, QStringLiteral("minSegmentFrames")},
        {[](DetectorParams &p) { p.minActivity = -1.0; }, QStringLiteral("minActivity")},
        {[](DetectorParams &p) { p.relativeThreshold = NAN; }, QStringLiteral("relativeThreshold")},
        {[](DetectorParams &p) { p.relativeThreshold = 1.5; }, QStringLiteral("relativeThreshold")},
    };
    for (const Bad &b : bad) {
        DetectorParams p;
        b.change(p);
        const avt::Status s = p.validate();
        QVERIFY2(!s.ok(), qPrintable(b.field));
        QVERIFY2(s.error().message.contains(QStringLiteral("segments.") + b.field), qPrintable(s.error().message));
        QCOMPARE(s.error().code, QStringLiteral("invalid"));
        // The detector refuses them too, with the same message.
        auto r = detectSegments(torch::zeros({100, 8}), p);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, s.error().message);
    }
    DetectorParams p;
    p.smoothWindow = 10;
    QCOMPARE(p.validate().error().message,
             QStringLiteral("segments.smoothWindow must be an odd integer in [1, 101], got 10"));
}

void TestSegments::paramsJsonAndText()
{
    DetectorParams p;
    p.maxSegments = 12;
    p.relativeThreshold = 0.25;
    auto back = DetectorParams::fromJson(p.toJson());
    QVERIFY(back.ok());
    QVERIFY(*back == p);
    QCOMPARE(p.toJson().size(), qsizetype(detectorParamFields().size()));

    QVERIFY(!DetectorParams::fromJson(QJsonObject{{QStringLiteral("smoothWindw"), 9}}).ok());
    QVERIFY(!DetectorParams::fromJson(QJsonObject{{QStringLiteral("smoothWindow"), 9.5}}).ok());
    QVERIFY(!DetectorParams::fromJson(QJsonObject{{QStringLiteral("smoothWindow"), QStringLiteral("9")}}).ok());
    QVERIFY(
        !DetectorParams::fromJson(QJsonObject{{QStringLiteral("smoothWindow"), 3}, {QStringLiteral("smoothOrder"), 4}})
             .ok());

    DetectorParams q;
    QVERIFY(q.set(QStringLiteral("peakRadius"), QStringLiteral("5")).ok());
    QCOMPARE(q.peakRadius, 5);
    QVERIFY(!q.set(QStringLiteral("peakRadius"), QStringLiteral("five")).ok());
    QVERIFY(!q.set(QStringLiteral("peakRadius"), QStringLiteral("2.5")).ok());
    QVERIFY(!q.set(QStringLiteral("nope"), QStringLiteral("1")).ok());
    QVERIFY(q.cacheKey() != DetectorParams().cacheKey());
    QCOMPARE(DetectorParams().cacheKey(), DetectorParams().cacheKey());
}

void TestSegments::tonesGiveTheirOnsetsAndOffsets()
{
    // Two tones over a faint noise floor: on at 200, off at 450; on at 600, off at 800.
    Spectrogram s(1024, 128, -10.0f, 0.3f, 1);
    s.tone(200, 450, 20, 40, 1.0f);
    s.tone(600, 800, 70, 90, 0.5f);
    DetectorParams p;
    p.maxSegments = 5; // four change points expected
    const Segmentation seg = detectOk(s, p);
    const std::vector<std::int64_t> truth = {200, 450, 600, 800};
    const auto err = worstError(seg.boundaries, truth);
    qInfo("tones: boundaries %s, worst error %lld frames", qPrintable(listText(seg.boundaries)), (long long)err);
    QVERIFY2(err <= 2, qPrintable(listText(seg.boundaries)));

    // With the default 50 segments the four true changes are still the strongest ones.
    const Segmentation all = detectOk(s, DetectorParams());
    QVERIFY(all.boundaries.size() <= 49);
    std::vector<std::int64_t> top(all.boundaries);
    std::sort(top.begin(), top.end(),
              [&](auto a, auto b) { return all.activity[size_t(a)] > all.activity[size_t(b)]; });
    top.resize(std::min<size_t>(4, top.size()));
    std::sort(top.begin(), top.end());
    QVERIFY2(worstError(top, truth) <= 2, qPrintable(listText(top)));
}

void TestSegments::drumHitsGiveTheirOnsets()
{
    Spectrogram s(1024, 128, -10.0f, 0.3f, 2);
    const std::vector<std::int64_t> onsets = {50, 180, 330, 500, 640, 790, 930};
    for (auto o : onsets)
        s.hit(o, 2.0f, 6.0f);
    DetectorParams p;
    p.maxSegments = int(onsets.size()) + 1;
    const Segmentation seg = detectOk(s, p);
    const auto err = worstError(seg.boundaries, onsets);
    qInfo("drum hits: boundaries %s, worst error %lld frames", qPrintable(listText(seg.boundaries)), (long long)err);
    QVERIFY2(err <= 2, qPrintable(listText(seg.boundaries)));
}

void TestSegments::silenceGivesNoBoundaries()
{
    // Digital silence (the log floor everywhere), zero padding, and a clip that is silent
    // except for one tone: only that tone's two changes.
    for (float level : {-15.942385f, 0.0f}) {
        Spectrogram s(1024, 128, level, 0.0f, 0);
        const Segmentation seg = detectOk(s, DetectorParams());
        QVERIFY(seg.boundaries.empty());
        QCOMPARE(seg.segmentCount(), std::int64_t(1));
        QCOMPARE(seg.spans().size(), size_t(1));
        QCOMPARE(seg.spans()[0].end, std::int64_t(1024));
    }
    Spectrogram s(1024, 128, -15.942385f, 0.0f, 0);
    s.tone(300, 500, 0, 128, 1.0f);
    const Segmentation seg = detectOk(s, DetectorParams());
    QVERIFY2(worstError(seg.boundaries, {300, 500}) <= 2, qPrintable(listText(seg.boundaries)));

    // A relative threshold removes the weak peaks of a noise floor.
    Spectrogram noisy(1024, 128, -10.0f, 0.3f, 3);
    noisy.tone(400, 700, 0, 128, 1.0f);
    DetectorParams p;
    p.relativeThreshold = 0.5;
    QVERIFY2(worstError(detectOk(noisy, p).boundaries, {400, 700}) <= 2,
             qPrintable(listText(detectOk(noisy, p).boundaries)));
}

void TestSegments::boundariesRespectTheConstraints()
{
    Spectrogram s(1024, 128, -10.0f, 1.0f, 4);
    for (DetectorParams p : {DetectorParams(),
                             [] {
                                 DetectorParams q;
                                 q.minSegmentFrames = 30;
                                 q.maxSegments = 200;
                                 return q;
                             }(),
                             [] {
                                 DetectorParams q;
                                 q.maxSegments = 7;
                                 q.peakRadius = 0;
                                 return q;
                             }()}) {
        const Segmentation seg = detectOk(s, p);
        QVERIFY(!seg.boundaries.empty());
        QVERIFY(std::int64_t(seg.boundaries.size()) <= p.maxSegments - 1);
        QVERIFY(seg.boundaries.front() >= p.minSegmentFrames);
        QVERIFY(seg.boundaries.back() <= 1024 - p.minSegmentFrames);
        for (size_t i = 1; i < seg.boundaries.size(); ++i)
            QVERIFY(seg.boundaries[i] - seg.boundaries[i - 1] >= p.minSegmentFrames);
        QCOMPARE(seg.boundaryActivity.size(), seg.boundaries.size());
        std::int64_t covered = 0;
        for (const auto &span : seg.spans())
            covered += span.length();
        QCOMPARE(covered, std::int64_t(1024));
    }
    // Noise with 50 segments asked for and 8-frame minimum: the parameters force 49 boundaries.
    QCOMPARE(detectOk(s, DetectorParams()).boundaries.size(), size_t(49));
}

void TestSegments::deterministicAcrossThreads()
{
    Spectrogram s(1024, 128, -10.0f, 1.0f, 5);
    s.tone(100, 600, 5, 60, 2.0f);
    const at::Tensor x = tensorOf(s);
    auto det = SegmentDetector::create(DetectorParams());
    QVERIFY(det.ok());
    const Segmentation first = *det->detect(x);
    QList<int> runs(16);
    std::iota(runs.begin(), runs.end(), 0);
    const SegmentDetector &d = *det;
    const QList<bool> same = QtConcurrent::blockingMapped(runs, [&](int) {
        const auto r = d.detect(x);
        return r.ok() && r->boundaries == first.boundaries && r->activity == first.activity;
    });
    for (bool b : same)
        QVERIFY(b);
    // float64 input gives the same result as float32 holding the same values.
    QCOMPARE(detectOk(s, DetectorParams()).boundaries, (*det->detect(x.to(torch::kDouble))).boundaries);
}

void TestSegments::badInputsAreErrors()
{
    const DetectorParams p;
    QVERIFY(!detectSegments(torch::zeros({2, 100, 8}), p).ok());
    QVERIFY(!detectSegments(torch::zeros({100}), p).ok());
    QVERIFY(!detectSegments(at::Tensor(), p).ok());
    QVERIFY(!detectSegments(torch::zeros({100, 8}, torch::kInt), p).ok());
    QVERIFY(!detectSegments(torch::zeros({100, 0}), p).ok());
    at::Tensor x = torch::zeros({100, 8});
    x[40][3] = NAN;
    auto r = detectSegments(x, p);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QStringLiteral("non-finite")), qPrintable(r.error().message));
    // Transposed (non-contiguous) input is read correctly.
    Spectrogram s(300, 16, -10.0f, 0.0f, 0);
    s.tone(150, 300, 0, 16, 1.0f);
    at::Tensor t = tensorOf(s).t().contiguous().t(); // same values, column-major strides
    QCOMPARE((*detectSegments(t, p)).boundaries, detectOk(s, p).boundaries);
}

void TestSegments::shortClips()
{
    // Shorter than two minimum segments: one segment, no error.
    Spectrogram s(15, 16, -10.0f, 0.5f, 6);
    auto r = detectSegments(tensorOf(s), DetectorParams());
    QVERIFY(r.ok());
    QVERIFY(r->boundaries.empty());
    QCOMPARE(r->activity.size(), size_t(15));
    // Shorter than the smoothing windows: they shrink to the clip (the largest odd window that
    // fits), so a 21-frame window on 7 frames acts as a 7-frame one.
    Spectrogram t(7, 16, -10.0f, 0.2f, 7);
    t.tone(3, 7, 0, 16, 1.0f);
    DetectorParams wide, fit;
    wide.smoothWindow = wide.activityWindow = 21;
    fit.smoothWindow = fit.activityWindow = 7;
    wide.minSegmentFrames = fit.minSegmentFrames = 2;
    auto q = detectSegments(tensorOf(t), wide);
    auto f = detectSegments(tensorOf(t), fit);
    QVERIFY(q.ok() && f.ok());
    QCOMPARE(q->activity.size(), size_t(7));
    QCOMPARE(q->activity, f->activity);
    QCOMPARE(q->boundaries, f->boundaries);
    // Empty fbank: no frames, no boundaries.
    auto e = detectSegments(torch::zeros({0, 128}), DetectorParams());
    QVERIFY(e.ok());
    QCOMPARE(e->segmentCount(), std::int64_t(1));
}

QTEST_GUILESS_MAIN(TestSegments)
#include "tst_segments.moc"
