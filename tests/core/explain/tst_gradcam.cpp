// Grad-CAM end to end through the avt-workbench binary on a tiny DrumArt-10 with briefly trained
// runs: the export files (overlays, strip, MP4, spectrogram, maps, JSON) and their contents,
// several runs side by side, class / layer / head options and their errors, the layer listing,
// and gradcam-check, whose pointing figures are recomputed here from the exported map and the
// generator's boxes. Also the video writer and the rank correlation on known answers.
#include "app_fixture.h"
#include "core/explain/gradcam_checks.h"
#include "core/media/probe.h"
#include "core/media/video_writer.h"
#include "model/io/npy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace avt;

class TestGradcam : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void spearmanKnownAnswers();
    void videoWriterWritesFrames();
    void exportFilesAndReport();
    void optionsAndErrors();
    void checkFiguresMatchOwnRecomputation();
    void failedWritesExitOne();

private:
    using Run = avt::test::AppRun;
    static Run run(const QStringList &args) { return avt::test::runApp(args); }
    Run train(const QString &name, const QString &mode)
    {
        return run(avt::test::tinyRunArgs(m_ws, QStringLiteral("demo"), name, mode));
    }
    static QJsonObject readJson(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }
    // Width and height from a PNG's IHDR chunk (0 x 0 when it is not a PNG).
    static QSize pngSize(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QByteArray h = f.read(24);
        if (h.size() < 24 || !h.startsWith("\x89PNG\r\n\x1a\n") || h.mid(12, 4) != "IHDR")
            return {};
        auto be = [&](int o) {
            return int((uchar(h[o]) << 24) | (uchar(h[o + 1]) << 16) | (uchar(h[o + 2]) << 8) | uchar(h[o + 3]));
        };
        return {be(16), be(20)};
    }
    static model::NpyArray readNpy(const QString &path)
    {
        model::NpyArray a;
        std::string err;
        if (!model::readNpy(path.toStdString(), a, &err))
            qWarning("%s", err.c_str());
        return a;
    }

    QTemporaryDir m_tmp;
    QString m_ws, m_demo;
    QStringList m_testClips;
};

void TestGradcam::initTestCase()
{
    m_demo = m_tmp.filePath(QStringLiteral("demo"));
    m_ws = m_tmp.filePath(QStringLiteral("ws"));
    const QString made = avt::test::makeDemoWorkspace(m_demo, m_ws, 2, 5);
    QVERIFY2(made.isEmpty(), qPrintable(made));
    for (const QString &f :
         QDir(m_demo + QStringLiteral("/clips")).entryList({QStringLiteral("*_test_*.mp4")}, QDir::Files, QDir::Name))
        m_testClips << m_demo + QStringLiteral("/clips/") + f;
    QVERIFY(m_testClips.size() >= 2);
    const Run a = train(QStringLiteral("avt"), QStringLiteral("avt"));
    QVERIFY2(a.code == 0, a.err.constData());
    const Run b = train(QStringLiteral("late"), QStringLiteral("late"));
    QVERIFY2(b.code == 0, b.err.constData());
}

void TestGradcam::spearmanKnownAnswers()
{
    QCOMPARE(gradcam::spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
    QCOMPARE(gradcam::spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
    // Ties take average ranks: a = (1.5, 1.5, 3, 4), b = (1.5, 1.5, 4, 3): 3.5 / 4.5.
    QVERIFY(std::abs(gradcam::spearman({0, 0, 1, 2}, {0, 0, 2, 1}) - 3.5 / 4.5) < 1e-12);
    QCOMPARE(gradcam::spearman({1, 1, 1}, {1, 2, 3}), 0.0); // constant map: 0
}

void TestGradcam::videoWriterWritesFrames()
{
    const int w = 33, h = 21; // odd: padded to 34 x 22
    std::vector<std::vector<std::uint8_t>> frames(6, std::vector<std::uint8_t>(size_t(w * h * 3)));
    std::vector<const std::uint8_t *> ptrs;
    for (size_t k = 0; k < frames.size(); ++k) {
        for (size_t i = 0; i < frames[k].size(); ++i)
            frames[k][i] = std::uint8_t((i * 7 + k * 40) % 256);
        ptrs.push_back(frames[k].data());
    }
    const QString path = m_tmp.filePath(QStringLiteral("w.mp4"));
    QVERIFY(media::writeVideo(path, ptrs, w, h, 4.0).ok());
    auto info = media::probeMedia(path);
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().message));
    QCOMPARE(info->width, 34);
    QCOMPARE(info->frameCount, qint64(6));
    QVERIFY(std::abs(info->duration - 1.5) < 0.3);
    // Nothing to write: an error naming the file, no file left behind.
    const QString bad = m_tmp.filePath(QStringLiteral("none.mp4"));
    auto st = media::writeVideo(bad, {}, w, h, 4.0);
    QVERIFY(!st.ok() && st.error().message.contains(bad));
    QVERIFY(!QFile::exists(bad));
}

void TestGradcam::exportFilesAndReport()
{
    const QString out = m_tmp.filePath(QStringLiteral("export"));
    const Run r = run({QStringLiteral("--batch"), QStringLiteral("gradcam"), QStringLiteral("--workspace"), m_ws,
                       QStringLiteral("--run"), QStringLiteral("avt"), QStringLiteral("--run"), QStringLiteral("late"),
                       m_testClips[0], QStringLiteral("--out"), out});
    QVERIFY2(r.code == 0, r.err.constData());
    // Writing the MP4s prints none of libx264's option errors or encoder statistics.
    QVERIFY2(!r.err.contains("x264") && !r.err.contains("Error parsing option"), r.err.constData());
    const QJsonObject rep = readJson(out + QStringLiteral("/gradcam.json"));
    const QJsonArray runs = rep.value(QStringLiteral("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(rep.value(QStringLiteral("frame_times_s")).toArray().size(), 8);
    const QSize strip = pngSize(out + QStringLiteral("/strip.png"));
    QVERIFY2(strip.width() >= 8 * 160 && strip.height() > 3 * 160,
             qPrintable(QStringLiteral("%1x%2").arg(strip.width()).arg(strip.height())));
    for (const QJsonValue &entry : runs) {
        const QJsonObject o = entry.toObject();
        const QString folder = out + QLatin1Char('/') + o.value(QStringLiteral("folder")).toString();
        const QJsonArray top5 = o.value(QStringLiteral("top5")).toArray();
        QCOMPARE(top5.size(), 5);
        double previous = 1.0, sum = 0;
        for (const QJsonValue &t : top5) {
            const double p = t.toObject().value(QStringLiteral("probability")).toDouble();
            QVERIFY(p <= previous + 1e-12);
            previous = p;
            sum += p;
        }
        QVERIFY(sum <= 1.0 + 1e-9);
        // No --class: the target is the predicted class (top-1), named from the dataset.
        const QJsonObject target = o.value(QStringLiteral("target")).toObject();
        QCOMPARE(target.value(QStringLiteral("class")).toInt(),
                 top5[0].toObject().value(QStringLiteral("class")).toInt());
        QVERIFY(target.value(QStringLiteral("name")).toString().startsWith(QLatin1Char('c')));
        QCOMPARE(o.value(QStringLiteral("maps"))
                     .toObject()
                     .value(QStringLiteral("video"))
                     .toObject()
                     .value(QStringLiteral("layer"))
                     .toString(),
                 QStringLiteral("video.blocks3.0")); // avt-tiny: 112 pixels, so stage 3 (7 x 7)
        QCOMPARE(o.value(QStringLiteral("maps"))
                     .toObject()
                     .value(QStringLiteral("video"))
                     .toObject()
                     .value(QStringLiteral("grid"))
                     .toArray()
                     .at(1)
                     .toInt(),
                 7);
        const QJsonObject audioMap =
            o.value(QStringLiteral("maps")).toObject().value(QStringLiteral("audio")).toObject();
        // avt fuses tokens after the AST (its last block counts); late fusion reads only CLS.
        QCOMPARE(audioMap.value(QStringLiteral("layer")).toString(),
                 o.value(QStringLiteral("run")).toString() == QLatin1String("avt") ? QStringLiteral("audio.blocks.1")
                                                                                   : QStringLiteral("audio.blocks.0"));
        for (int t = 0; t < 8; ++t) {
            const QSize s = pngSize(folder + QStringLiteral("/frame_%1.png").arg(t, 2, 10, QLatin1Char('0')));
            QCOMPARE(s, QSize(224, 224));
        }
        QVERIFY(pngSize(folder + QStringLiteral("/spectrogram.png")).width() >= 480);
        auto mp4 = media::probeMedia(folder + QStringLiteral("/overlay.mp4"));
        QVERIFY(mp4.ok());
        QCOMPARE(mp4->frameCount, qint64(8));
        QCOMPARE(mp4->width, 224);
        const model::NpyArray cv = readNpy(folder + QStringLiteral("/cam_video.npy"));
        QCOMPARE(cv.shape, (std::vector<int64_t>{8, 112, 112}));
        const auto v = cv.toFloat();
        QVERIFY(!v.empty() && *std::min_element(v.begin(), v.end()) >= 0.0f
                && *std::max_element(v.begin(), v.end()) <= 1.0f + 1e-6f);
        const model::NpyArray ca = readNpy(folder + QStringLiteral("/cam_audio.npy"));
        QCOMPARE(ca.shape, (std::vector<int64_t>{300, 64}));
        // The report's peak of frame 0 is the exported map's argmax.
        const QJsonArray peak = o.value(QStringLiteral("maps"))
                                    .toObject()
                                    .value(QStringLiteral("video"))
                                    .toObject()
                                    .value(QStringLiteral("where"))
                                    .toArray()[0]
                                    .toObject()
                                    .value(QStringLiteral("peak_xy"))
                                    .toArray();
        const auto arg = std::max_element(v.begin(), v.begin() + 112 * 112) - v.begin();
        QCOMPARE(peak[0].toInt(), int(arg % 112));
        QCOMPARE(peak[1].toInt(), int(arg / 112));
    }
}

void TestGradcam::optionsAndErrors()
{
    const QStringList base{QStringLiteral("--batch"), QStringLiteral("gradcam"), QStringLiteral("--workspace"), m_ws,
                           QStringLiteral("--run"),   QStringLiteral("avt")};
    const QString out = m_tmp.filePath(QStringLiteral("opts"));
    // A class by name, Grad-CAM++ with clip weights, an earlier layer of each modality.
    Run r = run(base
                + QStringList{m_testClips[1], QStringLiteral("--class"), QStringLiteral("c3-tom-bugs"),
                              QStringLiteral("--method"), QStringLiteral("gradcam++"), QStringLiteral("--weighting"),
                              QStringLiteral("clip"), QStringLiteral("--layer"), QStringLiteral("video.blocks3.0"),
                              QStringLiteral("--layer"), QStringLiteral("audio.blocks.0"), QStringLiteral("--colormap"),
                              QStringLiteral("inferno"), QStringLiteral("--out"), out});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject o =
        readJson(out + QStringLiteral("/gradcam.json")).value(QStringLiteral("runs")).toArray()[0].toObject();
    QCOMPARE(o.value(QStringLiteral("target")).toObject().value(QStringLiteral("class")).toInt(), 3);
    QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("gradcam++"));
    QCOMPARE(o.value(QStringLiteral("weighting")).toString(), QStringLiteral("clip"));
    QCOMPARE(o.value(QStringLiteral("maps"))
                 .toObject()
                 .value(QStringLiteral("video"))
                 .toObject()
                 .value(QStringLiteral("grid"))
                 .toArray()
                 .at(1)
                 .toInt(),
             7);
    // Layer listing names every layer with its shape and marks the defaults.
    r = run(base + QStringList{QStringLiteral("--list-layers")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("video.blocks4.0") && r.out.contains("fusion.video_blocks.1")
            && r.out.contains("[1, 64, 4, 3, 3]"));
    QVERIFY(QRegularExpression(QStringLiteral("video\\.blocks3\\.0 [^\n]*default"))
                .match(QString::fromUtf8(r.out))
                .hasMatch());
    // Bad inputs: one line naming the problem, exit 2 (usage) or 1 (failure); nothing crashes.
    r = run(
        base
        + QStringList{m_testClips[0], QStringLiteral("--class"), QStringLiteral("99"), QStringLiteral("--out"), out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--class: '99'"), r.err.constData());
    r = run(base
            + QStringList{m_testClips[0], QStringLiteral("--layer"), QStringLiteral("video.nope"),
                          QStringLiteral("--out"), out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("no layer 'video.nope'") && r.err.contains("video.blocks4.0"), r.err.constData());
    r = run(
        base
        + QStringList{m_testClips[0], QStringLiteral("--head"), QStringLiteral("noun"), QStringLiteral("--out"), out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("no noun head"), r.err.constData());
    r = run(base + QStringList{m_tmp.filePath(QStringLiteral("missing.mp4")), QStringLiteral("--out"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("missing.mp4"), r.err.constData());
    r = run({QStringLiteral("--batch"), QStringLiteral("gradcam"), QStringLiteral("--workspace"), m_ws,
             QStringLiteral("--run"), QStringLiteral("nosuchrun"), m_testClips[0], QStringLiteral("--out"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("nosuchrun"), r.err.constData());
    // The audio head of a late-fusion model is a valid target; of a fused model it is not.
    r = run({QStringLiteral("--batch"), QStringLiteral("gradcam"), QStringLiteral("--workspace"), m_ws,
             QStringLiteral("--run"), QStringLiteral("late"), m_testClips[0], QStringLiteral("--head"),
             QStringLiteral("audio"), QStringLiteral("--out"), m_tmp.filePath(QStringLiteral("late-audio"))});
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(
        base
        + QStringList{m_testClips[0], QStringLiteral("--head"), QStringLiteral("audio"), QStringLiteral("--out"), out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("no audio-only head"), r.err.constData());
}

void TestGradcam::checkFiguresMatchOwnRecomputation()
{
    const QString json = m_tmp.filePath(QStringLiteral("check.json"));
    const Run r = run({QStringLiteral("--batch"), QStringLiteral("gradcam-check"), QStringLiteral("--workspace"), m_ws,
                       QStringLiteral("--run"), QStringLiteral("avt"), QStringLiteral("--limit"), QStringLiteral("3"),
                       QStringLiteral("--json"), json, QStringLiteral("--progress"), QStringLiteral("none")});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(r.out.contains("pointing:") && r.out.contains("randomisation:") && r.out.contains("s per clip"));
    const QJsonObject rep = readJson(json);
    QCOMPARE(rep.value(QStringLiteral("clips")).toInt(), 3);
    const double rho = rep.value(QStringLiteral("spearman_video")).toDouble();
    QVERIFY(rho >= -1.0 && rho <= 1.0);
    QVERIFY(rep.value(QStringLiteral("seconds_mean")).toDouble() > 0);
    // The per-clip summary: median of the three clips' ratios, share of them below 1.
    std::vector<double> ratios;
    for (const QJsonValue &c : rep.value(QStringLiteral("per_clip")).toArray())
        ratios.push_back(c.toObject().value(QStringLiteral("mass_in_box")).toDouble()
                         / c.toObject().value(QStringLiteral("box_share")).toDouble());
    QCOMPARE(int(ratios.size()), 3);
    std::sort(ratios.begin(), ratios.end());
    QVERIFY(std::abs(rep.value(QStringLiteral("median_clip_ratio")).toDouble() - ratios[1]) < 1e-9);
    QCOMPARE(rep.value(QStringLiteral("clips_below_one")).toDouble(),
             double(std::count_if(ratios.begin(), ratios.end(), [](double x) { return x < 1.0; })) / 3.0);
    QVERIFY(r.out.contains("pointing per clip: median ratio "));
    // Recompute the first clip's mass-in-box share from the exported map and the manifest.
    const QJsonObject first = rep.value(QStringLiteral("per_clip")).toArray()[0].toObject();
    const QString media = first.value(QStringLiteral("media")).toString();
    const QString out = m_tmp.filePath(QStringLiteral("recompute"));
    const Run g = run({QStringLiteral("--batch"), QStringLiteral("gradcam"), QStringLiteral("--workspace"), m_ws,
                       QStringLiteral("--run"), QStringLiteral("avt"), media, QStringLiteral("--out"), out});
    QVERIFY2(g.code == 0, g.err.constData());
    const QJsonObject exported = readJson(out + QStringLiteral("/gradcam.json"));
    const QJsonArray times = exported.value(QStringLiteral("frame_times_s")).toArray();
    const auto cam =
        readNpy(
            out + QLatin1Char('/')
            + exported.value(QStringLiteral("runs")).toArray()[0].toObject().value(QStringLiteral("folder")).toString()
            + QStringLiteral("/cam_video.npy"))
            .toFloat();
    QCOMPARE(int(cam.size()), 8 * 112 * 112);
    const QJsonObject manifest = readJson(m_demo + QStringLiteral("/manifest.json"));
    QJsonArray boxes;
    for (const QJsonValue &c : manifest.value(QStringLiteral("clips")).toArray())
        if (QDir::cleanPath(m_demo + QLatin1Char('/') + c.toObject().value(QStringLiteral("file")).toString())
            == QDir::cleanPath(media))
            boxes = c.toObject().value(QStringLiteral("boxes")).toArray();
    QVERIFY(!boxes.isEmpty());
    double massSum = 0, boxSum = 0;
    for (int t = 0; t < 8; ++t) {
        // 224 x 224 source, 15 fps; the model sees it at 112 x 112 (scale 0.5, no crop).
        const int idx = int(std::lround(times[t].toDouble() * 15.0));
        const QJsonArray b = boxes[std::min(idx, int(boxes.size()) - 1)].toArray();
        const int x0 = int(std::floor(b[0].toDouble() * 0.5)), y0 = int(std::floor(b[1].toDouble() * 0.5));
        const int x1 = std::min(112, int(std::ceil((b[0].toDouble() + b[2].toDouble()) * 0.5)));
        const int y1 = std::min(112, int(std::ceil((b[1].toDouble() + b[3].toDouble()) * 0.5)));
        double inside = 0, total = 0;
        for (int y = 0; y < 112; ++y)
            for (int x = 0; x < 112; ++x) {
                const double v = cam[size_t(t * 112 * 112 + y * 112 + x)];
                total += v;
                if (x >= x0 && x < x1 && y >= y0 && y < y1)
                    inside += v;
            }
        massSum += total > 0 ? inside / total : 0.0;
        boxSum += double((x1 - x0) * (y1 - y0)) / (112.0 * 112.0);
    }
    QVERIFY2(
        std::abs(massSum / 8 - first.value(QStringLiteral("mass_in_box")).toDouble()) < 1e-4,
        qPrintable(
            QStringLiteral("%1 vs %2").arg(massSum / 8).arg(first.value(QStringLiteral("mass_in_box")).toDouble())));
    QVERIFY(std::abs(boxSum / 8 - first.value(QStringLiteral("box_share")).toDouble()) < 1e-6);
}

// Every verb that writes JSON or .npy files stops with exit status 1 and a message naming the
// file when it cannot write one (before, `embed` ignored a failed index.json and a run's
// config.json was skipped without a word). A path that is a folder, or below a regular file,
// cannot be written even by root.
void TestGradcam::failedWritesExitOne()
{
    QFile blocker(m_tmp.filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly) && blocker.write("x") == 1);
    blocker.close();
    // gradcam-check --json FILE
    const QString json = m_tmp.filePath(QStringLiteral("blocker/check.json"));
    Run r = run({QStringLiteral("--batch"), QStringLiteral("gradcam-check"), QStringLiteral("--workspace"), m_ws,
                 QStringLiteral("--run"), QStringLiteral("avt"), QStringLiteral("--limit"), QStringLiteral("1"),
                 QStringLiteral("--json"), json, QStringLiteral("--progress"), QStringLiteral("none")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(json.toUtf8()), r.err.constData());
    // gradcam: its gradcam.json is a folder.
    const QString out = m_tmp.filePath(QStringLiteral("gradcam-blocked"));
    QVERIFY(QDir().mkpath(out + QStringLiteral("/gradcam.json")));
    r = run({QStringLiteral("--batch"), QStringLiteral("gradcam"), QStringLiteral("--workspace"), m_ws,
             QStringLiteral("--run"), QStringLiteral("avt"), m_testClips[0], QStringLiteral("--out"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("gradcam.json"), r.err.constData());
    // embed: the .npy files are written, index.json (a folder here) is not.
    const QString emb = m_tmp.filePath(QStringLiteral("embed-blocked"));
    QVERIFY(QDir().mkpath(emb + QStringLiteral("/index.json")));
    r = run({QStringLiteral("--batch"), QStringLiteral("embed"), QStringLiteral("--workspace"), m_ws,
             QStringLiteral("--run"), QStringLiteral("avt"), m_testClips[0], QStringLiteral("--out"), emb});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains((emb + QStringLiteral("/index.json")).toUtf8()), r.err.constData());
    // embed: an .npy file that cannot be written.
    const QString stem = QFileInfo(m_testClips[0]).completeBaseName();
    const QString emb2 = m_tmp.filePath(QStringLiteral("embed-blocked-npy"));
    QVERIFY(QDir().mkpath(emb2 + QLatin1Char('/') + stem + QStringLiteral("/logits.npy")));
    r = run({QStringLiteral("--batch"), QStringLiteral("embed"), QStringLiteral("--workspace"), m_ws,
             QStringLiteral("--run"), QStringLiteral("avt"), m_testClips[0], QStringLiteral("--out"), emb2});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("logits.npy"), r.err.constData());
    // train: the run's config.json is a folder; the run stops before anything is stored.
    QVERIFY(QDir().mkpath(m_ws + QStringLiteral("/runs/cfg-blocked/config.json")));
    r = train(QStringLiteral("cfg-blocked"), QStringLiteral("avt"));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("runs/cfg-blocked/config.json"), r.err.constData());
    r = run({QStringLiteral("--batch"), QStringLiteral("runs"), QStringLiteral("--workspace"), m_ws,
             QStringLiteral("list")});
    QCOMPARE(r.code, 0);
    QVERIFY2(!r.out.contains("cfg-blocked"), r.out.constData());
}

QTEST_GUILESS_MAIN(TestGradcam)
#include "tst_gradcam.moc"
