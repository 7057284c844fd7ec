// `segments MEDIA --run RUN` end to end through the avt-workbench binary: a tiny run trained
// here with segment masking and masked reconstruction, then the export of a demo clip with a
// segment mask and a random mask. Checks the files, the JSON, the masked-input / MSE figures
// against a recomputation from the .npy files and the JSON's masked patches, the detection
// against the detector run on the exported input, the PNG size; and the refusals (run without
// decoder, run whose decoder was never trained, unknown run, usage).
#include "app_fixture.h"
#include "core/segments/detector.h"
#include "model/io/npy.h"

#include <torch/torch.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <set>

using namespace avt;

namespace {

using Run = avt::test::AppRun;
using avt::test::runApp;

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

// A [T, F] matrix from a .npy file as floats (empty on failure).
std::vector<float> readMatrix(const QString &path, std::vector<int64_t> *shape)
{
    model::NpyArray a;
    std::string err;
    if (!model::readNpy(path.toStdString(), a, &err)) {
        qWarning("%s", err.c_str());
        return {};
    }
    *shape = a.shape;
    return a.toFloat();
}

// The avt-tiny audio geometry: 300 frames x 64 bins, 16 x 16 patches with stride 16.
constexpr int kFrames = 300, kBins = 64, kPatch = 16, kStride = 16, kTimePatches = 18, kFreqPatches = 4;

} // namespace

class TestSegmentsRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void segmentMaskReconstruction();
    void randomMaskReconstruction();
    void refusals();

private:
    QStringList trainArgs(const QString &name) const
    {
        return {QStringLiteral("--batch"),     QStringLiteral("train"),
                QStringLiteral("--workspace"), m_ws,
                QStringLiteral("--dataset"),   QStringLiteral("demo"),
                QStringLiteral("--name"),      name,
                QStringLiteral("--set"),       QStringLiteral("model.preset=avt-tiny"),
                QStringLiteral("--set"),       QStringLiteral("data.clip_seconds=3"),
                QStringLiteral("--set"),       QStringLiteral("data.workers=1"),
                QStringLiteral("--set"),       QStringLiteral("optim.batch=4"),
                QStringLiteral("--set"),       QStringLiteral("optim.epochs=1"),
                QStringLiteral("--set"),       QStringLiteral("run.eval_each_epoch=false"),
                QStringLiteral("--set"),       QStringLiteral("run.threads=1"),
                QStringLiteral("--progress"),  QStringLiteral("none")};
    }
    // Runs the export and checks what every kind of mask shares: files, JSON basics, the
    // masked input and both MSE figures against `masked` (the expected element mask).
    QJsonObject exportAndCheck(const QStringList &extra, const QString &dir);
    void checkAgainstMask(const QString &dir, const QJsonObject &report, const std::vector<bool> &masked);

    QTemporaryDir m_tmp;
    QString m_ws, m_clip;
};

void TestSegmentsRun::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    if (qEnvironmentVariableIsSet("AVT_KEEP_TEST_OUTPUT")) {
        m_tmp.setAutoRemove(false);
        qInfo("output kept in %s", qPrintable(m_tmp.path()));
    }
    const QString demoDir = m_tmp.filePath(QStringLiteral("demo"));
    m_ws = m_tmp.filePath(QStringLiteral("ws"));
    const QString made = avt::test::makeDemoWorkspace(demoDir, m_ws, 2, 3);
    QVERIFY2(made.isEmpty(), qPrintable(made));
    QDirIterator it(demoDir, {QStringLiteral("*.mp4")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList clips;
    while (it.hasNext())
        clips << it.next();
    clips.sort();
    QVERIFY(!clips.isEmpty());
    m_clip = clips.front();

    QElapsedTimer t;
    t.start();
    const QList<std::pair<QString, QStringList>> runs{
        {QStringLiteral("recon"),
         {QStringLiteral("--set"), QStringLiteral("masking.audio=segment"), QStringLiteral("--set"),
          QStringLiteral("losses.masked=1"), QStringLiteral("--max-steps"), QStringLiteral("3")}},
        {QStringLiteral("plain"), {QStringLiteral("--max-steps"), QStringLiteral("1")}},
        {QStringLiteral("nodecoder"),
         {QStringLiteral("--set"), QStringLiteral("model.head.decoders=false"), QStringLiteral("--max-steps"),
          QStringLiteral("1")}}};
    for (const auto &[name, extra] : runs) {
        const Run r = runApp(trainArgs(name) + extra);
        QVERIFY2(r.code == 0, r.err.constData());
    }
    qInfo("3 tiny runs trained in %.1f s", t.elapsed() / 1000.0);
}

QJsonObject TestSegmentsRun::exportAndCheck(const QStringList &extra, const QString &dir)
{
    const Run r =
        runApp(QStringList{QStringLiteral("--batch"), QStringLiteral("segments"), m_clip, QStringLiteral("--run"),
                           QStringLiteral("recon"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--out"), dir}
               + extra);
    if (r.code != 0) {
        qWarning("segments --run failed (%d): %s", r.code, r.err.constData());
        return {};
    }
    const QString stem = QFileInfo(m_clip).completeBaseName();
    for (const char *suffix : {".segments.json", ".reconstruction.png", ".input.npy", ".masked_input.npy",
                               ".reconstruction.npy", ".mask.npy"})
        if (!QFile::exists(QDir(dir).filePath(stem + QLatin1String(suffix)))) {
            qWarning("missing %s", suffix);
            return {};
        }
    return readJson(QDir(dir).filePath(stem + QStringLiteral(".segments.json")));
}

void TestSegmentsRun::checkAgainstMask(const QString &dir, const QJsonObject &report, const std::vector<bool> &masked)
{
    const QString stem = QDir(dir).filePath(QFileInfo(m_clip).completeBaseName());
    std::vector<int64_t> s1, s2, s3, s4;
    const auto input = readMatrix(stem + QStringLiteral(".input.npy"), &s1);
    const auto maskedInput = readMatrix(stem + QStringLiteral(".masked_input.npy"), &s2);
    const auto recon = readMatrix(stem + QStringLiteral(".reconstruction.npy"), &s3);
    const auto maskNpy = readMatrix(stem + QStringLiteral(".mask.npy"), &s4);
    const std::vector<int64_t> shape{kFrames, kBins};
    QCOMPARE(s1, shape);
    QCOMPARE(s2, shape);
    QCOMPARE(s3, shape);
    QCOMPARE(s4, shape);
    QCOMPARE(masked.size(), input.size());

    double se[2] = {0, 0};
    qint64 n[2] = {0, 0};
    for (size_t i = 0; i < input.size(); ++i) {
        const int m = masked[i] ? 1 : 0;
        QCOMPARE(maskNpy[i], float(m));
        QCOMPARE(maskedInput[i], m ? 0.0f : input[i]);
        QVERIFY(std::isfinite(recon[i]));
        const double d = double(recon[i]) - double(input[i]);
        se[m] += d * d;
        ++n[m];
    }
    const QJsonObject rec = report.value(QStringLiteral("reconstruction")).toObject();
    QVERIFY(n[1] > 0 && n[0] > 0);
    QCOMPARE(rec.value(QStringLiteral("maskedElements")).toInteger(), n[1]);
    QCOMPARE(rec.value(QStringLiteral("visibleElements")).toInteger(), n[0]);
    const double maskedMse = rec.value(QStringLiteral("maskedMse")).toDouble(-1);
    const double visibleMse = rec.value(QStringLiteral("visibleMse")).toDouble(-1);
    QVERIFY2(std::abs(maskedMse - se[1] / double(n[1])) <= 1e-9 * std::max(1.0, maskedMse),
             qPrintable(QString::number(maskedMse)));
    QVERIFY2(std::abs(visibleMse - se[0] / double(n[0])) <= 1e-9 * std::max(1.0, visibleMse),
             qPrintable(QString::number(visibleMse)));
    QVERIFY(maskedMse > 0.0 && visibleMse > 0.0);

    // The input is the loader's normalised fbank: frames past the audio are the zero padding,
    // (0 - mean) / (2 std) after normalisation.
    const QJsonObject mi = report.value(QStringLiteral("modelInput")).toObject();
    const double pad = (0.0 - mi.value(QStringLiteral("audioMean")).toDouble())
                       / (2.0 * mi.value(QStringLiteral("audioStd")).toDouble());
    const qint64 clipFrames =
        report.value(QStringLiteral("source")).toObject().value(QStringLiteral("clipFrames")).toInteger();
    QVERIFY2(clipFrames > 250 && clipFrames < kFrames, qPrintable(QString::number(clipFrames)));
    for (qint64 t = clipFrames; t < kFrames; ++t)
        QVERIFY(std::abs(input[size_t(t * kBins)] - pad) < 1e-5);

    // Detection ran on exactly this input with the reported parameters.
    segments::DetectorParams params;
    const QJsonObject pj = report.value(QStringLiteral("params")).toObject();
    for (auto it = pj.begin(); it != pj.end(); ++it)
        QVERIFY(params.set(it.key(), it.value().toVariant().toString()).ok());
    auto seg = segments::detectSegments(
        torch::from_blob(const_cast<float *>(input.data()), {kFrames, kBins}, torch::kFloat), params);
    QVERIFY(seg.ok());
    const QJsonArray b = report.value(QStringLiteral("boundaries")).toArray();
    QCOMPARE(qsizetype(seg->boundaries.size()), b.size());
    for (qsizetype i = 0; i < b.size(); ++i)
        QCOMPARE(b[i].toObject().value(QStringLiteral("frame")).toInteger(), qint64(seg->boundaries[size_t(i)]));

    // PNG: width 140 + clamp(3 * 300, 600, 2048), height 132 + 3 * clamp(3 * 64, 128, 256).
    QFile png(stem + QStringLiteral(".reconstruction.png"));
    QVERIFY(png.open(QIODevice::ReadOnly));
    const QByteArray head = png.read(24);
    QVERIFY(head.startsWith("\x89PNG\r\n\x1a\n"));
    QCOMPARE(qFromBigEndian<quint32>(head.constData() + 16), quint32(140 + 900));
    QCOMPARE(qFromBigEndian<quint32>(head.constData() + 20), quint32(132 + 3 * 192));
}

void TestSegmentsRun::segmentMaskReconstruction()
{
    const QString dir = m_tmp.filePath(QStringLiteral("segment"));
    const QJsonObject r = exportAndCheck(
        {QStringLiteral("--seed"), QStringLiteral("4"), QStringLiteral("--probability"), QStringLiteral("0.34")}, dir);
    QVERIFY(!r.isEmpty());
    QCOMPARE(r.value(QStringLiteral("run")).toString(), QStringLiteral("recon"));
    QCOMPARE(r.value(QStringLiteral("maskKind")).toString(), QStringLiteral("segment"));
    const QString checkpoint = r.value(QStringLiteral("checkpoint")).toString();
    QVERIFY2(QFileInfo(checkpoint).isFile() && checkpoint.startsWith(QFileInfo(m_ws).absoluteFilePath()),
             qPrintable(checkpoint));
    const QJsonObject src = r.value(QStringLiteral("source")).toObject();
    QCOMPARE(src.value(QStringLiteral("frames")).toInt(), kFrames);
    QCOMPARE(src.value(QStringLiteral("bins")).toInt(), kBins);

    const QJsonObject mask = r.value(QStringLiteral("mask")).toObject();
    QCOMPARE(mask.value(QStringLiteral("probability")).toDouble(), 0.34);
    QCOMPARE(mask.value(QStringLiteral("timePatches")).toInt(), kTimePatches);
    QCOMPARE(mask.value(QStringLiteral("freqPatches")).toInt(), kFreqPatches);
    const qsizetype segmentsCount = r.value(QStringLiteral("segments")).toArray().size();
    const QJsonArray chosen = mask.value(QStringLiteral("maskedSegments")).toArray();
    QCOMPARE(chosen.size(), qsizetype(std::floor(0.34 * double(segmentsCount) + 0.5)));
    const QJsonArray patches = mask.value(QStringLiteral("maskedTimePatches")).toArray();
    QVERIFY2(!patches.isEmpty() && patches.size() < kTimePatches, qPrintable(QString::number(patches.size())));
    QCOMPARE(mask.value(QStringLiteral("maskedTokens")).toInt(), kFreqPatches * int(patches.size()));

    // Masked positions: the frames of the masked time patches, across every bin (4 patches of
    // 16 with stride 16 cover all 64), nothing else; frames 288..299 belong to no patch.
    std::vector<bool> masked(size_t(kFrames * kBins), false);
    for (const QJsonValue &v : patches) {
        const int t = v.toInt();
        for (int f = t * kStride; f < t * kStride + kPatch; ++f)
            for (int m = 0; m < kBins; ++m)
                masked[size_t(f * kBins + m)] = true;
    }
    checkAgainstMask(dir, r, masked);
}

void TestSegmentsRun::randomMaskReconstruction()
{
    const QString dir = m_tmp.filePath(QStringLiteral("random"));
    const QJsonObject r = exportAndCheck({QStringLiteral("--mask"), QStringLiteral("random"), QStringLiteral("--seed"),
                                          QStringLiteral("2"), QStringLiteral("--probability"), QStringLiteral("0.25")},
                                         dir);
    QVERIFY(!r.isEmpty());
    QCOMPARE(r.value(QStringLiteral("maskKind")).toString(), QStringLiteral("random"));
    const QJsonObject mask = r.value(QStringLiteral("mask")).toObject();
    const QJsonArray tokens = mask.value(QStringLiteral("maskedTokenIndices")).toArray();
    QCOMPARE(tokens.size(), 18); // round(0.25 * 72)
    std::set<int> distinct;
    std::vector<bool> masked(size_t(kFrames * kBins), false);
    for (const QJsonValue &v : tokens) {
        const int i = v.toInt(), f = i / kTimePatches, t = i % kTimePatches;
        QVERIFY(i >= 0 && i < kFreqPatches * kTimePatches);
        distinct.insert(i);
        for (int fr = t * kStride; fr < t * kStride + kPatch; ++fr)
            for (int m = f * kStride; m < f * kStride + kPatch; ++m)
                masked[size_t(fr * kBins + m)] = true;
    }
    QCOMPARE(distinct.size(), size_t(18));
    checkAgainstMask(dir, r, masked);
}

void TestSegmentsRun::refusals()
{
    const QString dir = m_tmp.filePath(QStringLiteral("refused"));
    const auto segmentsOf = [&](const QString &run) {
        return runApp({QStringLiteral("--batch"), QStringLiteral("segments"), m_clip, QStringLiteral("--run"), run,
                       QStringLiteral("--workspace"), m_ws, QStringLiteral("--out"), dir});
    };
    Run r = segmentsOf(QStringLiteral("nodecoder"));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("run nodecoder") && r.err.contains("model.head.decoders"), r.err.constData());
    r = segmentsOf(QStringLiteral("plain"));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("run plain") && r.err.contains("losses.masked"), r.err.constData());
    r = segmentsOf(QStringLiteral("no-such-run"));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("no-such-run"), r.err.constData());
    QVERIFY(!QFileInfo::exists(dir));
    r = runApp({QStringLiteral("--batch"), QStringLiteral("segments"), m_clip, QStringLiteral("--run"),
                QStringLiteral("recon"), QStringLiteral("--out"), dir});
    QCOMPARE(r.code, 2); // --run needs --workspace
    r = runApp({QStringLiteral("--batch"), QStringLiteral("segments"), m_clip, QStringLiteral("--run"),
                QStringLiteral("recon"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--out"), dir,
                QStringLiteral("--mask"), QStringLiteral("tube")});
    QCOMPARE(r.code, 2);
}

QTEST_GUILESS_MAIN(TestSegmentsRun)
#include "tst_masked_reconstruction.moc"
