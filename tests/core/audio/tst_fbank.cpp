// Kaldi fbank (core/audio): parity with torchaudio reference tensors, frame counts, mel
// banks, pad/cut/normalise, bad input. Fixtures: tests/fixtures/fbank (made by
// tests/fixtures/gen_fbank_fixtures.py); waveforms are rebuilt from their recipes.
#include "core/audio/fbank.h"
#include "core/audio/fbank_normalize.h"
#include "core/audio/mel_banks.h"
#include "model/io/npy.h"
#include "synthetic_audio.h"

#include <ATen/Parallel.h>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace avt::audio;

namespace {

const QString kFixtures = QStringLiteral(AVT_FIXTURES_DIR "/fbank/");

QJsonArray fixtureList()
{
    QFile f(kFixtures + QStringLiteral("fbank_fixtures.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("fixtures")).toArray();
}

bool loadNpy(const QString &name, avt::model::NpyArray &out)
{
    std::string err;
    const bool ok = avt::model::readNpy((kFixtures + name).toStdString(), out, &err);
    if (!ok)
        qWarning("%s", err.c_str());
    return ok;
}

FbankOptions optionsFor(const QJsonObject &r)
{
    FbankOptions o;
    o.sampleRate = r.value(QStringLiteral("sample_rate")).toDouble();
    return o;
}

} // namespace

class TestFbank : public QObject {
    Q_OBJECT

private slots:
    void frameCounts();
    void melBanksMatchTorchaudio_data();
    void melBanksMatchTorchaudio();
    void parity_data();
    void parity();
    void sameResultOnAnyThreadCount();
    void badInputs();
    void padOrCutAndNormalise();
    void statsPresets();
};

void TestFbank::frameCounts()
{
    const FbankOptions o;
    QCOMPARE(o.windowSize(), 400);
    QCOMPARE(o.windowShift(), 160);
    QCOMPARE(o.fftSize(), 512);
    for (int64_t n : {0, 1, 399, 400, 401, 559, 560, 561, 16000, 16157, 163840}) {
        const int64_t expected = n < 400 ? 0 : 1 + (n - 400) / 160;
        QCOMPARE(fbankFrameCount(n, o), expected);
        if (n >= 400) {
            std::vector<float> x(static_cast<size_t>(n), 0.0f);
            for (int64_t i = 0; i < n; ++i)
                x[i] = static_cast<float>(std::sin(0.05 * i));
            auto fb = computeFbank(x, o);
            QVERIFY2(fb.ok(), fb.ok() ? "" : qPrintable(fb.error().message));
            QCOMPARE(fb->frames, expected);
            QCOMPARE(fb->bins, 128);
            QCOMPARE(static_cast<int64_t>(fb->values.size()), expected * 128);
        }
    }
    // Other rates follow Kaldi's int(rate * ms / 1000) and the next power of two.
    FbankOptions o22;
    o22.sampleRate = 22050;
    QCOMPARE(o22.windowSize(), 551);
    QCOMPARE(o22.windowShift(), 220);
    QCOMPARE(o22.fftSize(), 1024);
    QCOMPARE(fbankFrameCount(11025, o22), int64_t(48));
}

void TestFbank::melBanksMatchTorchaudio_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("fft");
    QTest::newRow("16 kHz") << 16000 << 512;
    QTest::newRow("8 kHz") << 8000 << 256;
}

void TestFbank::melBanksMatchTorchaudio()
{
    QFETCH(int, rate);
    QFETCH(int, fft);
    avt::model::NpyArray ref;
    QVERIFY(loadNpy(QStringLiteral("melbanks_%1.npy").arg(rate), ref));
    QCOMPARE(ref.shape, (std::vector<int64_t>{128, fft / 2}));
    const SparseMelBanks banks = makeMelBanks(128, fft, rate, 20.0, rate / 2.0);
    QCOMPARE(banks.numFftBins, fft / 2);
    const std::vector<float> dense = banks.dense();
    const std::vector<float> expected = ref.toFloat();
    QCOMPARE(dense.size(), expected.size());
    double maxDiff = 0.0;
    int patternMismatch = 0;
    for (size_t i = 0; i < dense.size(); ++i) {
        maxDiff = std::max(maxDiff, std::abs(double(dense[i]) - expected[i]));
        patternMismatch += (dense[i] > 0.0f) != (expected[i] > 0.0f);
    }
    qInfo("mel banks %d Hz: max |ours - torchaudio| = %.3g, %zu non-zero weights of %zu", rate, maxDiff,
          banks.weights.size(), dense.size());
    QCOMPARE(patternMismatch, 0);
    QVERIFY(maxDiff < 1e-4);
    // Sparse: every FFT bin feeds at most two triangles.
    QVERIFY(banks.weights.size() <= static_cast<size_t>(fft));
}

void TestFbank::parity_data()
{
    QTest::addColumn<QJsonObject>("recipe");
    const QJsonArray list = fixtureList();
    QVERIFY2(list.size() >= 15, "fbank_fixtures.json missing or incomplete");
    for (const QJsonValue &v : list)
        QTest::newRow(qPrintable(v.toObject().value(QStringLiteral("name")).toString())) << v.toObject();
}

void TestFbank::parity()
{
    QFETCH(QJsonObject, recipe);
    const QString name = recipe.value(QStringLiteral("name")).toString();
    const std::vector<float> wave = avt::test::makeSignal(recipe);
    double sum = 0.0, sumsq = 0.0;
    for (float v : wave) {
        sum += v;
        sumsq += double(v) * v;
    }
    // Same waveform as the generator's (sum of squares to float64 round-off).
    const double refSumsq = recipe.value(QStringLiteral("wave_sumsq")).toDouble();
    QVERIFY(std::abs(sumsq - refSumsq) <= 1e-9 * std::max(1.0, refSumsq));
    QVERIFY(std::abs(sum - recipe.value(QStringLiteral("wave_sum")).toDouble())
            <= 1e-6 * std::sqrt(std::max(1.0, refSumsq)));

    auto fb = computeFbank(wave, optionsFor(recipe));
    QVERIFY2(fb.ok(), fb.ok() ? "" : qPrintable(fb.error().message));
    QCOMPARE(fb->frames, recipe.value(QStringLiteral("frames")).toInteger());
    QCOMPARE(fb->bins, 128);

    const int stride = recipe.value(QStringLiteral("frame_stride")).toInt(1);
    avt::model::NpyArray ref64;
    QVERIFY(loadNpy(name + QStringLiteral(".npy"), ref64));
    const int64_t kept = (fb->frames + stride - 1) / stride;
    QCOMPARE(ref64.shape, (std::vector<int64_t>{kept, 128}));
    const std::vector<float> r64 = ref64.toFloat();
    double maxDiff = 0.0;
    for (int64_t t = 0; t < kept; ++t)
        for (int b = 0; b < 128; ++b)
            maxDiff = std::max(maxDiff, std::abs(double(fb->at(t * stride, b)) - r64[t * 128 + b]));
    QString line = QStringLiteral("%1: max |ours - torchaudio f64| = %2").arg(name).arg(maxDiff, 0, 'g', 3);
    QVERIFY2(maxDiff <= 1e-3, qPrintable(line));

    // AST's own float32 pipeline: equal within 1e-3 wherever the band is within 18 log
    // units of its frame's loudest one (below that, float32 round-off decides its values).
    if (recipe.value(QStringLiteral("has_f32")).toBool()) {
        avt::model::NpyArray ref32;
        QVERIFY(loadNpy(name + QStringLiteral(".f32.npy"), ref32));
        const std::vector<float> r32 = ref32.toFloat();
        double max32 = 0.0;
        int64_t cells = 0;
        for (int64_t t = 0; t < kept; ++t) {
            const float rowMax = *std::max_element(r64.begin() + t * 128, r64.begin() + (t + 1) * 128);
            for (int b = 0; b < 128; ++b) {
                if (r64[t * 128 + b] < rowMax - 18.0f)
                    continue;
                ++cells;
                max32 = std::max(max32, std::abs(double(fb->at(t * stride, b)) - r32[t * 128 + b]));
            }
        }
        line += QStringLiteral("; vs torchaudio f32 on %1 cells = %2").arg(cells).arg(max32, 0, 'g', 3);
        QVERIFY2(cells > 0 && max32 <= 1e-3, qPrintable(line));
    }
    qInfo("%s", qPrintable(line));
}

void TestFbank::sameResultOnAnyThreadCount()
{
    std::vector<float> x(16000 * 5);
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = static_cast<float>(0.3 * std::sin(0.01 * i + 1e-6 * i * i));
    const int before = at::get_num_threads();
    at::set_num_threads(1);
    auto one = computeFbank(x);
    at::set_num_threads(2);
    auto two = computeFbank(x);
    at::set_num_threads(before);
    QVERIFY(one.ok() && two.ok());
    QVERIFY(one->values == two->values);
}

void TestFbank::badInputs()
{
    auto empty = computeFbank(std::vector<float>{});
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, QStringLiteral("empty"));

    auto shortOne = computeFbank(std::vector<float>(399, 0.1f));
    QVERIFY(!shortOne.ok());
    QCOMPARE(shortOne.error().code, QStringLiteral("too-short"));
    QVERIFY(shortOne.error().message.contains(QStringLiteral("399")));

    std::vector<float> x(1000, 0.0f);
    x[517] = std::numeric_limits<float>::quiet_NaN();
    auto nan = computeFbank(x);
    QVERIFY(!nan.ok());
    QCOMPARE(nan.error().code, QStringLiteral("non-finite"));
    QVERIFY(nan.error().message.contains(QStringLiteral("517")));
    x[517] = std::numeric_limits<float>::infinity();
    QVERIFY(!computeFbank(x).ok());

    x[517] = 0.0f;
    FbankOptions o;
    o.sampleRate = 0.0;
    QCOMPARE(computeFbank(x, o).error().code, QStringLiteral("invalid-options"));
    o = {};
    o.numMelBins = 3;
    QVERIFY(!computeFbank(x, o).ok());
    o = {};
    o.highFreq = 9000.0; // above Nyquist
    QVERIFY(computeFbank(x, o).error().message.contains(QStringLiteral("Nyquist")));
    o = {};
    o.frameShiftMs = 0.0;
    QVERIFY(!computeFbank(x, o).ok());
    o = {};
    o.preemphasis = 1.5;
    QVERIFY(!computeFbank(x, o).ok());

    // Silence is valid: every band sits on the log floor.
    auto silent = computeFbank(std::vector<float>(800, 0.0f));
    QVERIFY(silent.ok());
    for (float v : silent->values)
        QCOMPARE(v, static_cast<float>(std::log(double(std::numeric_limits<float>::epsilon()))));
}

void TestFbank::padOrCutAndNormalise()
{
    FbankMatrix x;
    x.frames = 3;
    x.bins = 2;
    x.values = {1, 2, 3, 4, 5, 6};
    const FbankMatrix padded = padOrCut(x, 5);
    QCOMPARE(padded.frames, int64_t(5));
    QCOMPARE(padded.values, (std::vector<float>{1, 2, 3, 4, 5, 6, 0, 0, 0, 0}));
    const FbankMatrix cut = padOrCut(x, 2);
    QCOMPARE(cut.values, (std::vector<float>{1, 2, 3, 4}));
    QCOMPARE(padOrCut(x, 3).values, x.values);
    QCOMPARE(padOrCut(x, 0).values.size(), size_t(0));

    FbankMatrix n = padded;
    normalizeFbank(n, -4.2677393, 4.5689974);
    const float denom = static_cast<float>(4.5689974 * 2.0);
    QCOMPARE(n.values[0], (1.0f - -4.2677393f) / denom);
    QCOMPARE(n.values[9], (0.0f - -4.2677393f) / denom); // padding normalised like AST
    QVERIFY(std::abs(n.values[9] - 0.46703) < 1e-4);

    // The whole chain on a real clip: 1 s (98 frames) padded to AudioSet's 1024.
    std::vector<float> wave(16000);
    for (size_t i = 0; i < wave.size(); ++i)
        wave[i] = static_cast<float>(0.5 * std::sin(0.2 * i));
    auto raw = computeFbank(wave);
    QVERIFY(raw.ok());
    const FbankStats stats = *findFbankStats(QStringLiteral("audioset"));
    FbankMatrix ready = padOrCut(*raw, stats.targetLength);
    normalizeFbank(ready, stats);
    QCOMPARE(ready.frames, int64_t(1024));
    QCOMPARE(ready.at(50, 7), (raw->at(50, 7) - float(stats.mean)) / float(stats.std * 2.0));
    QCOMPARE(ready.at(1000, 7), (0.0f - float(stats.mean)) / float(stats.std * 2.0));
}

void TestFbank::statsPresets()
{
    QCOMPARE(fbankStatsPresets().size(), size_t(3));
    const auto esc = findFbankStats(QStringLiteral("ESC-50"));
    QVERIFY(esc.has_value());
    QCOMPARE(esc->targetLength, 512);
    QCOMPARE(esc->mean, -6.6268077);
    const auto sc = findFbankStats(QStringLiteral("speech_commands"));
    QVERIFY(sc.has_value());
    QCOMPARE(sc->targetLength, 128);
    QCOMPARE(sc->std, 5.5654526);
    QCOMPARE(findFbankStats(QStringLiteral("audioset"))->targetLength, 1024);
    QVERIFY(!findFbankStats(QStringLiteral("imagenet")).has_value());
}

QTEST_GUILESS_MAIN(TestFbank)
#include "tst_fbank.moc"
