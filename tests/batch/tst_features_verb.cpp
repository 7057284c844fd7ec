// The `features` batch verb end to end: a 16-bit PCM WAV written here is decoded (core/media),
// turned into the model-ready fbank and saved as .npy; the file must equal computeFbank +
// padOrCut + normalizeFbank on the same samples.
#include "core/audio/fbank.h"
#include "core/audio/fbank_normalize.h"
#include "model/io/npy.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdint>

namespace avt::batch {
int runFeatures(const QStringList &args); // batch/verbs/features.cpp
}

using namespace avt::audio;

namespace {

void putLe(QByteArray &b, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        b.append(static_cast<char>((v >> (8 * i)) & 0xff));
}

// Mono 16-bit PCM WAV; returns the samples as the decoder will see them (int16 / 32768).
std::vector<float> writeWav(const QString &path, int rate, int n)
{
    std::vector<int16_t> pcm(n);
    std::vector<float> asFloat(n);
    for (int i = 0; i < n; ++i) {
        const double t = double(i) / rate;
        const double env = 0.5 + 0.5 * std::sin(2 * M_PI * 3.0 * t);
        pcm[i] = static_cast<int16_t>(std::lround(12000.0 * env * std::sin(2 * M_PI * (300.0 + 900.0 * t) * t)));
        asFloat[i] = pcm[i] / 32768.0f;
    }
    QByteArray b("RIFF");
    putLe(b, 36 + 2 * n, 4);
    b.append("WAVEfmt ");
    putLe(b, 16, 4);
    putLe(b, 1, 2); // PCM
    putLe(b, 1, 2); // mono
    putLe(b, rate, 4);
    putLe(b, rate * 2, 4); // bytes per second
    putLe(b, 2, 2);        // block align
    putLe(b, 16, 2);       // bits per sample
    b.append("data");
    putLe(b, 2 * n, 4);
    b.append(reinterpret_cast<const char *>(pcm.data()), 2 * n);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(b) != b.size())
        return {};
    return asFloat;
}

std::vector<float> readNpy(const QString &path, std::vector<int64_t> &shape)
{
    avt::model::NpyArray a;
    if (!avt::model::readNpy(path.toStdString(), a))
        return {};
    shape = a.shape;
    return a.toFloat();
}

} // namespace

class TestFeaturesVerb : public QObject {
    Q_OBJECT

private slots:
    void writesModelReadyAndRawFbank();
    void customStatsAndOwnLength();
    void reportsErrors();
};

void TestFeaturesVerb::writesModelReadyAndRawFbank()
{
    QTemporaryDir dir;
    const QString wav = dir.filePath(QStringLiteral("clip.wav"));
    const std::vector<float> samples = writeWav(wav, 16000, 24000); // 1.5 s
    QVERIFY(!samples.empty());
    const QString out = dir.filePath(QStringLiteral("clip.npy"));
    QCOMPARE(avt::batch::runFeatures({wav, QStringLiteral("--out"), out, QStringLiteral("--raw"),
                                      QStringLiteral("--stats"), QStringLiteral("esc50")}),
             0);

    auto raw = computeFbank(samples);
    QVERIFY(raw.ok());
    QCOMPARE(raw->frames, int64_t(148));
    std::vector<int64_t> shape;
    const std::vector<float> rawFile = readNpy(dir.filePath(QStringLiteral("clip.raw.npy")), shape);
    QCOMPARE(shape, (std::vector<int64_t>{148, 128}));
    double maxRaw = 0.0;
    for (size_t i = 0; i < rawFile.size(); ++i)
        maxRaw = std::max(maxRaw, std::abs(double(rawFile[i]) - raw->values[i]));
    qInfo("decoded WAV vs direct samples: max raw fbank difference %.3g", maxRaw);
    QVERIFY(maxRaw < 1e-4);

    const FbankStats esc = *findFbankStats(QStringLiteral("esc50"));
    FbankMatrix expected = padOrCut(*raw, esc.targetLength);
    normalizeFbank(expected, esc);
    const std::vector<float> ready = readNpy(out, shape);
    QCOMPARE(shape, (std::vector<int64_t>{512, 128}));
    double maxReady = 0.0;
    for (size_t i = 0; i < ready.size(); ++i)
        maxReady = std::max(maxReady, std::abs(double(ready[i]) - expected.values[i]));
    QVERIFY(maxReady < 1e-4);
    // Padding rows hold (0 - mean) / (2 std).
    QCOMPARE(ready[300 * 128 + 5], float((0.0f - float(esc.mean)) / float(esc.std * 2.0)));
}

void TestFeaturesVerb::customStatsAndOwnLength()
{
    QTemporaryDir dir;
    const QString wav = dir.filePath(QStringLiteral("clip.wav"));
    const std::vector<float> samples = writeWav(wav, 16000, 16000);
    const QString out = dir.filePath(QStringLiteral("clip.npy"));
    QCOMPARE(
        avt::batch::runFeatures({wav, QStringLiteral("--out"), out, QStringLiteral("--stats"), QStringLiteral("custom"),
                                 QStringLiteral("--mean"), QStringLiteral("-1"), QStringLiteral("--std"),
                                 QStringLiteral("0.5"), QStringLiteral("--target-length"), QStringLiteral("0")}),
        0);
    std::vector<int64_t> shape;
    const std::vector<float> ready = readNpy(out, shape);
    QCOMPARE(shape, (std::vector<int64_t>{98, 128}));
    auto raw = computeFbank(samples);
    QVERIFY(raw.ok());
    QVERIFY(std::abs(ready[10 * 128 + 40] - (raw->at(10, 40) + 1.0f) / 1.0f) < 1e-4);
}

void TestFeaturesVerb::reportsErrors()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("x.npy"));
    // Missing input file: the job fails (1), no crash, no output.
    QCOMPARE(avt::batch::runFeatures({dir.filePath(QStringLiteral("nope.wav")), QStringLiteral("--out"), out}), 1);
    QVERIFY(!QFile::exists(out));
    // Usage errors (2): no --out, unknown stats, custom without numbers.
    const QString wav = dir.filePath(QStringLiteral("clip.wav"));
    QVERIFY(!writeWav(wav, 16000, 8000).empty());
    QCOMPARE(avt::batch::runFeatures({wav}), 2);
    QCOMPARE(avt::batch::runFeatures(
                 {wav, QStringLiteral("--out"), out, QStringLiteral("--stats"), QStringLiteral("imagenet")}),
             2);
    QCOMPARE(avt::batch::runFeatures(
                 {wav, QStringLiteral("--out"), out, QStringLiteral("--stats"), QStringLiteral("custom")}),
             2);
    // Too short for one 25 ms window: a clear failure.
    const QString tiny = dir.filePath(QStringLiteral("tiny.wav"));
    QVERIFY(!writeWav(tiny, 16000, 200).empty());
    QCOMPARE(avt::batch::runFeatures({tiny, QStringLiteral("--out"), out}), 1);
}

QTEST_GUILESS_MAIN(TestFeaturesVerb)
#include "tst_features_verb.moc"
