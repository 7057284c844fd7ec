// Media decoding against files made at test time with ffmpeg's lavfi sources: probe facts,
// frame counts and shapes, frame-accurate sampling (index-coded frames), audio length and
// pitch after resampling, seeking inside a 5-minute file, and typed errors for bad files.
// ATen before Qt: QtCore defines `slots` as a macro, a name ATen uses.
#include <ATen/ATen.h>

#include "core/media/decode.h"
#include "core/media/media_error.h"
#include "core/media/probe.h"
#include "media_fixtures.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrent>
#include <QtTest/QtTest>

#include <cmath>
#include <cstring>
#include <sys/stat.h>

using namespace avt::media;
using namespace avt::media::test;

namespace {

QString kindOf(const avt::Error &e)
{
    auto k = mediaErrorKind(e);
    return k ? mediaErrorCode(*k) : QStringLiteral("(foreign code %1)").arg(e.code);
}

ClipRequest nativeFrames(double start, double length, int frames)
{
    ClipRequest r;
    r.start = start;
    r.length = length;
    r.numFrames = frames;
    r.shortSide = 0;
    r.cropSize = 0;
    return r;
}

} // namespace

class TestMedia : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void probeFacts_data();
    void probeFacts();
    void framesShapeAndCrop();
    void uniformSamplingTimes_data();
    void uniformSamplingTimes();
    void strideSampling();
    void skippingFramesKeepsTheFrames();
    void variableFrameRate();
    void audioPitchAndLength_data();
    void audioPitchAndLength();
    void noAudioStreamIsSilentNotError();
    void audioOnlyFile();
    void seekInsideLongFile();
    void randomCropIsSeeded();
    void concurrentCallsAgree();
    void badFiles_data();
    void badFiles();
    void truncatedWindowPastData();
    void timeout();
    void headerDurationDoesNotSizeBuffers();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestMedia::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
        QFAIL("the ffmpeg command-line tool (Debian package ffmpeg) is needed to make the test media; "
              "scripts/setup.sh installs it");
    QVERIFY(m_dir.isValid());
    setFfmpegLogQuiet(true);
    const auto L = [](const char *s) { return QString::fromLatin1(s); };
    const auto lavfi = L("lavfi");
    // MP4 / H.264 + AAC, 320x240 at 25 fps, 440 Hz stereo at 44.1 kHz, 4 s.
    QVERIFY(runFfmpeg({L("-f"),
                       lavfi,
                       L("-i"),
                       L("testsrc2=s=320x240:r=25:d=4"),
                       L("-f"),
                       lavfi,
                       L("-i"),
                       L("sine=f=440:r=44100:d=4"),
                       L("-ac"),
                       L("2"),
                       L("-c:v"),
                       L("libx264"),
                       L("-preset"),
                       L("ultrafast"),
                       L("-pix_fmt"),
                       L("yuv420p"),
                       L("-c:a"),
                       L("aac"),
                       L("-b:a"),
                       L("128k"),
                       L("-movflags"),
                       L("+faststart"),
                       file(L("h264_aac.mp4"))}));
    // WebM / VP9 + Opus, 160x120 at 30 fps, 880 Hz at 48 kHz, 2 s.
    QVERIFY(runFfmpeg({L("-f"), lavfi, L("-i"), L("testsrc2=s=160x120:r=30:d=2"), L("-f"), lavfi, L("-i"),
                       L("sine=f=880:r=48000:d=2"), L("-c:v"), L("libvpx-vp9"), L("-deadline"), L("realtime"),
                       L("-cpu-used"), L("8"), L("-c:a"), L("libopus"), file(L("vp9_opus.webm"))}));
    // MKV / H.264 index-coded at 25 fps + FLAC 300 Hz at 22.05 kHz, 4 s.
    QVERIFY(runFfmpeg({L("-f"), lavfi, L("-i"), indexSource(25), L("-f"), lavfi, L("-i"), L("sine=f=300:r=22050"),
                       L("-t"), L("4"), L("-c:v"), L("libx264"), L("-preset"), L("ultrafast"), L("-crf"), L("4"),
                       L("-c:a"), L("flac"), file(L("index.mkv"))}));
    // MP4 / H.264 index-coded at 25 fps with B frames (x264's default preset: 3 B frames, B
    // pyramid), 8 s: the frames the decoder may skip (skipUnwantedFrames) exist here.
    QVERIFY(runFfmpeg({L("-f"), lavfi, L("-i"), indexSource(25), L("-t"), L("8"), L("-c:v"), L("libx264"), L("-preset"),
                       L("medium"), L("-crf"), L("4"), L("-pix_fmt"), L("yuv420p"), file(L("index_b.mp4"))}));
    // AVI / MJPEG index-coded at 10 fps + PCM 1000 Hz at 8 kHz stereo, 3 s.
    QVERIFY(runFfmpeg({L("-f"), lavfi, L("-i"), indexSource(10), L("-f"), lavfi, L("-i"), L("sine=f=1000:r=8000"),
                       L("-t"), L("3"), L("-ac"), L("2"), L("-c:v"), L("mjpeg"), L("-q:v"), L("2"), L("-c:a"),
                       L("pcm_s16le"), file(L("mjpeg_pcm.avi"))}));
    // MP3 audio only, 440 Hz at 22.05 kHz, 3 s.
    QVERIFY(runFfmpeg(
        {L("-f"), lavfi, L("-i"), L("sine=f=440:r=22050:d=3"), L("-c:a"), L("libmp3lame"), file(L("audio.mp3"))}));
    // Variable frame rate: frames 0..29 at 30 fps, then frames 30..49 at 10 fps (3 s).
    QVERIFY(runFfmpeg({L("-f"), lavfi, L("-i"), indexSource(30), L("-frames:v"), L("50"), L("-vf"),
                       L("setpts='if(lt(N,30),N/30,1+(N-30)/10)/TB'"), L("-fps_mode"), L("vfr"), L("-c:v"),
                       L("libx264"), L("-preset"), L("ultrafast"), L("-crf"), L("4"), file(L("vfr.mkv"))}));
    // No audio stream.
    QVERIFY(runFfmpeg({L("-f"), lavfi, L("-i"), L("testsrc2=s=128x96:r=15:d=2"), L("-c:v"), L("libx264"), L("-preset"),
                       L("ultrafast"), file(L("silent.mp4"))}));
    // Zero-length file, garbage bytes, and a truncated and a damaged copy of index.mkv.
    {
        QFile f(file(L("empty.mp4")));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    {
        QFile f(file(L("garbage.mp4")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray junk(50000, '\0');
        for (int i = 0; i < junk.size(); ++i)
            junk[i] = char((i * 7919 + 13) % 251);
        f.write(junk);
    }
    QFile source(file(L("index.mkv")));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray whole = source.readAll();
    {
        QFile f(file(L("truncated.mkv")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(whole.left(whole.size() * 4 / 10));
    }
    {
        QByteArray damaged = whole;
        for (qsizetype i = damaged.size() / 3; i < damaged.size() * 2 / 3; i += 97)
            damaged[i] = char(damaged[i] ^ 0x5a);
        QFile f(file(L("damaged.mkv")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(damaged);
    }
    QVERIFY(::mkfifo(QFile::encodeName(file(L("fifo.mp4"))).constData(), 0600) == 0);
}

void TestMedia::probeFacts_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("duration");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<double>("fps");
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("channels");
    QTest::newRow("mp4 h264+aac") << QStringLiteral("h264_aac.mp4") << 4.0 << 320 << 240 << 25.0 << 44100 << 2;
    QTest::newRow("webm vp9+opus") << QStringLiteral("vp9_opus.webm") << 2.0 << 160 << 120 << 30.0 << 48000 << 1;
    QTest::newRow("mkv h264+flac") << QStringLiteral("index.mkv") << 4.0 << 64 << 64 << 25.0 << 22050 << 1;
    QTest::newRow("avi mjpeg+pcm") << QStringLiteral("mjpeg_pcm.avi") << 3.0 << 64 << 64 << 10.0 << 8000 << 2;
    QTest::newRow("mp3") << QStringLiteral("audio.mp3") << 3.0 << 0 << 0 << 0.0 << 22050 << 1;
    QTest::newRow("no audio") << QStringLiteral("silent.mp4") << 2.0 << 128 << 96 << 15.0 << 0 << 0;
}

void TestMedia::probeFacts()
{
    QFETCH(QString, name);
    QFETCH(double, duration);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(double, fps);
    QFETCH(int, rate);
    QFETCH(int, channels);
    auto info = probeMedia(file(name));
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().message));
    QVERIFY2(std::abs(info->duration - duration) < 0.1, qPrintable(QString::number(info->duration)));
    QCOMPARE(info->hasVideo, width > 0);
    QCOMPARE(info->width, width);
    QCOMPARE(info->height, height);
    QVERIFY2(std::abs(info->frameRate - fps) < 0.01, qPrintable(QString::number(info->frameRate)));
    QVERIFY(!info->variableFrameRate);
    if (width > 0)
        QVERIFY(std::abs(double(info->frameCount) - duration * fps) <= 2.0);
    QCOMPARE(info->hasAudio, rate > 0);
    QCOMPARE(info->audioRate, rate);
    QCOMPARE(info->audioChannels, channels);
}

void TestMedia::framesShapeAndCrop()
{
    ClipRequest r; // defaults: 16 frames, short side 224, centre crop 224
    auto clip = decodeClip(file(QStringLiteral("h264_aac.mp4")), r);
    QVERIFY2(clip.ok(), clip.ok() ? "" : qPrintable(clip.error().message));
    QCOMPARE(clip->frames.sizes().vec(), (std::vector<int64_t>{16, 224, 224, 3}));
    QCOMPARE(clip->frames.scalar_type(), at::kByte);
    QVERIFY(clip->frames.is_contiguous());
    QCOMPARE(clip->frameTimes.size(), size_t(16));
    QCOMPARE(clip->audio.size(), size_t(4 * 16000));
    QVERIFY(clip->hasAudio);

    // No crop: the short side becomes 112 and the aspect (4:3) is kept.
    r.shortSide = 112;
    r.cropSize = 0;
    r.numFrames = 3;
    auto resized = decodeClip(file(QStringLiteral("h264_aac.mp4")), r);
    QVERIFY(resized.ok());
    QCOMPARE(resized->frames.sizes().vec(), (std::vector<int64_t>{3, 112, 149, 3}));
    // A crop larger than the resized frame is a request error.
    r.cropSize = 200;
    auto tooBig = decodeClip(file(QStringLiteral("h264_aac.mp4")), r);
    QVERIFY(!tooBig.ok());
    QCOMPARE(kindOf(tooBig.error()), QStringLiteral("invalid-request"));
}

void TestMedia::uniformSamplingTimes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("fps");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("length");
    QTest::addColumn<int>("frames");
    QTest::newRow("mkv from 0") << QStringLiteral("index.mkv") << 25.0 << 0.0 << 4.0 << 16;
    QTest::newRow("mkv window") << QStringLiteral("index.mkv") << 25.0 << 1.0 << 2.0 << 8;
    QTest::newRow("avi window") << QStringLiteral("mjpeg_pcm.avi") << 10.0 << 1.3 << 1.6 << 5;
    QTest::newRow("B frames from 0") << QStringLiteral("index_b.mp4") << 25.0 << 0.0 << 8.0 << 16;
    QTest::newRow("B frames window") << QStringLiteral("index_b.mp4") << 25.0 << 2.37 << 3.0 << 8;
    QTest::newRow("B frames, every frame") << QStringLiteral("index_b.mp4") << 25.0 << 1.01 << 1.0 << 25;
    QTest::newRow("more frames than exist") << QStringLiteral("mjpeg_pcm.avi") << 10.0 << 0.0 << 0.5 << 12;
}

void TestMedia::uniformSamplingTimes()
{
    QFETCH(QString, name);
    QFETCH(double, fps);
    QFETCH(double, start);
    QFETCH(double, length);
    QFETCH(int, frames);
    auto clip = decodeClip(file(name), nativeFrames(start, length, frames));
    QVERIFY2(clip.ok(), clip.ok() ? "" : qPrintable(clip.error().message));
    QCOMPARE(clip->frames.size(0), int64_t(frames));
    for (int i = 0; i < frames; ++i) {
        const double t = start + (i + 0.5) * length / frames;
        QCOMPARE(clip->wantedTimes[size_t(i)], t);
        // Nearest frame; ties go to the earlier one.
        const int expected = int(std::ceil(t * fps - 0.5));
        QCOMPARE(decodeIndex(clip->frames[i]), expected);
        QVERIFY(std::abs(clip->frameTimes[size_t(i)] - expected / fps) < 1e-3);
    }
}

void TestMedia::strideSampling()
{
    ClipRequest r = nativeFrames(0.52, 1.0, 0);
    r.stride = 0.2;
    auto clip = decodeClip(file(QStringLiteral("index.mkv")), r);
    QVERIFY2(clip.ok(), clip.ok() ? "" : qPrintable(clip.error().message));
    QCOMPARE(clip->frames.size(0), int64_t(5));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(decodeIndex(clip->frames[i]), 13 + 5 * i);
    r.numFrames = 3; // caps the count
    auto capped = decodeClip(file(QStringLiteral("index.mkv")), r);
    QVERIFY(capped.ok());
    QCOMPARE(capped->frames.size(0), int64_t(3));
}

void TestMedia::skippingFramesKeepsTheFrames()
{
    // The file really has B frames (else nothing would be skipped and this would test nothing).
    QProcess probe;
    probe.start(QStringLiteral("ffprobe"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
                 QStringLiteral("v:0"), QStringLiteral("-show_entries"), QStringLiteral("stream=has_b_frames"),
                 QStringLiteral("-of"), QStringLiteral("csv=p=0"), file(QStringLiteral("index_b.mp4"))});
    QVERIFY(probe.waitForFinished(30000));
    QVERIFY2(probe.readAllStandardOutput().trimmed().toInt() > 0, "index_b.mp4 has no B frames");
    // Uniform and stride requests, from the start and inside the file: the same frames with and
    // without skipping.
    struct Case {
        double start, length, stride;
        int frames;
    } cases[] = {{0.0, 8.0, 0.0, 16}, {0.0, 8.0, 0.0, 8}, {2.37, 3.0, 0.0, 8}, {1.0, 1.0, 0.0, 25},
                 {0.52, 4.0, 0.2, 0}, {3.1, 4.5, 0.0, 3}, {0.0, 3.0, 0.0, 8}};
    for (const Case &c : cases) {
        ClipRequest r = nativeFrames(c.start, c.length, c.frames);
        r.stride = c.stride;
        r.skipUnwantedFrames = true;
        auto skipped = decodeClip(file(QStringLiteral("index_b.mp4")), r);
        r.skipUnwantedFrames = false;
        auto all = decodeClip(file(QStringLiteral("index_b.mp4")), r);
        QVERIFY(skipped.ok() && all.ok());
        QVERIFY2(skipped->frames.equal(all->frames),
                 qPrintable(QStringLiteral("window %1 + %2 s").arg(c.start).arg(c.length)));
        QCOMPARE(skipped->frameTimes, all->frameTimes);
        QCOMPARE(skipped->audio, all->audio);
        // And less was decoded: the skipped B frames, and the frames after the last wanted one
        // that only decided which frame is nearest (the early drain).
        QVERIFY2(skipped->decodedFrames < all->decodedFrames,
                 qPrintable(QStringLiteral("window %1 + %2 s: %3 frames decoded with skipping, %4 without")
                                .arg(c.start)
                                .arg(c.length)
                                .arg(skipped->decodedFrames)
                                .arg(all->decodedFrames)));
        // The decoder's own threads (frame threads for H.264) give the same frames too.
        r.skipUnwantedFrames = true;
        r.threads = 3;
        auto threaded = decodeClip(file(QStringLiteral("index_b.mp4")), r);
        QVERIFY(threaded.ok());
        QVERIFY(threaded->frames.equal(all->frames));
        QCOMPARE(threaded->frameTimes, all->frameTimes);
        QCOMPARE(threaded->audio, all->audio);
    }
}

void TestMedia::variableFrameRate()
{
    auto info = probeMedia(file(QStringLiteral("vfr.mkv")));
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().message));
    QVERIFY(info->variableFrameRate);
    ClipRequest r = nativeFrames(0.0, 3.0, 0);
    r.stride = 0.5;
    r.audio = false;
    auto clip = decodeClip(file(QStringLiteral("vfr.mkv")), r);
    QVERIFY2(clip.ok(), clip.ok() ? "" : qPrintable(clip.error().message));
    const int expected[] = {0, 15, 30, 35, 40, 45};
    QCOMPARE(clip->frames.size(0), int64_t(6));
    for (int i = 0; i < 6; ++i)
        QCOMPARE(decodeIndex(clip->frames[i]), expected[i]);
}

void TestMedia::audioPitchAndLength_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("frequency");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("length");
    QTest::newRow("aac 44.1k stereo") << QStringLiteral("h264_aac.mp4") << 440.0 << 0.5 << 3.0;
    QTest::newRow("opus 48k") << QStringLiteral("vp9_opus.webm") << 880.0 << 0.0 << 2.0;
    QTest::newRow("flac 22.05k") << QStringLiteral("index.mkv") << 300.0 << 1.0 << 2.0;
    QTest::newRow("pcm 8k stereo") << QStringLiteral("mjpeg_pcm.avi") << 1000.0 << 0.7 << 2.0;
    QTest::newRow("mp3 22.05k") << QStringLiteral("audio.mp3") << 440.0 << 1.0 << 1.5;
}

void TestMedia::audioPitchAndLength()
{
    QFETCH(QString, name);
    QFETCH(double, frequency);
    QFETCH(double, start);
    QFETCH(double, length);
    ClipRequest r;
    r.video = false;
    r.start = start;
    r.length = length;
    auto clip = decodeClip(file(name), r);
    QVERIFY2(clip.ok(), clip.ok() ? "" : qPrintable(clip.error().message));
    QCOMPARE(clip->audioRate, 16000);
    QCOMPARE(clip->audio.size(), size_t(std::llround(length * 16000)));
    QVERIFY(clip->hasAudio);
    QVERIFY2(clip->audioPadded < 400, qPrintable(QString::number(clip->audioPadded)));
    // Skip the edges (codec ramps), measure the pitch on the middle.
    const size_t skip = 1600;
    const double f = zeroCrossingFrequency(clip->audio.data() + skip, clip->audio.size() - 2 * skip, 16000.0);
    QVERIFY2(std::abs(f - frequency) < 0.5, qPrintable(QString::number(f)));
    double peak = 0.0;
    for (float v : clip->audio)
        peak = std::max(peak, double(std::abs(v)));
    QVERIFY2(peak > 0.05 && peak <= 1.0, qPrintable(QString::number(peak)));
}

void TestMedia::noAudioStreamIsSilentNotError()
{
    ClipRequest r;
    r.numFrames = 4;
    r.shortSide = 96;
    r.cropSize = 96;
    auto clip = decodeClip(file(QStringLiteral("silent.mp4")), r);
    QVERIFY2(clip.ok(), clip.ok() ? "" : qPrintable(clip.error().message));
    QVERIFY(!clip->hasAudio);
    QCOMPARE(clip->audio.size(), size_t(2 * 16000));
    QCOMPARE(clip->audioPadded, qint64(2 * 16000));
    for (float v : clip->audio)
        QCOMPARE(v, 0.0f);
    QCOMPARE(clip->frames.sizes().vec(), (std::vector<int64_t>{4, 96, 96, 3}));
}

void TestMedia::audioOnlyFile()
{
    ClipRequest r; // frames requested from an MP3: NoVideo
    auto clip = decodeClip(file(QStringLiteral("audio.mp3")), r);
    QVERIFY(!clip.ok());
    QCOMPARE(kindOf(clip.error()), QStringLiteral("no-video"));
    QVERIFY(clip.error().message.contains(QStringLiteral("audio.mp3")));
}

void TestMedia::seekInsideLongFile()
{
    // A 5-minute file: index-coded 64x64 video at 15 fps (keyframe every 10 s) and ALAC audio at
    // 44.1 kHz whose amplitude grows with time: a(t) = 0.1 + 0.8 t / 300, times sin(2 pi 440 t).
    // MOV keeps audio timestamps in samples; Matroska's millisecond timestamps would blur the
    // start of the window by up to 0.5 ms, too much for a sample-by-sample comparison at 440 Hz.
    const QString path = file(QStringLiteral("long.mov"));
    const auto L = [](const char *s) { return QString::fromLatin1(s); };
    QVERIFY(runFfmpeg({L("-f"),      L("lavfi"),     L("-i"),   indexSource(15),
                       L("-f"),      L("lavfi"),     L("-i"),   L("aevalsrc='(0.1+0.8*t/300)*sin(2*PI*440*t)':s=44100"),
                       L("-t"),      L("300"),       L("-c:v"), L("libx264"),
                       L("-preset"), L("ultrafast"), L("-crf"), L("4"),
                       L("-g"),      L("150"),       L("-c:a"), L("alac"),
                       path}));
    QElapsedTimer timer;
    timer.start();
    ClipRequest r = nativeFrames(120.0, 3.0, 16);
    auto clip = decodeClip(path, r);
    const qint64 ms = timer.elapsed();
    QVERIFY2(clip.ok(), clip.ok() ? "" : qPrintable(clip.error().message));
    qInfo("3 s window at 120 s of a 300 s file decoded in %lld ms", ms);
    QVERIFY2(ms < 3000, "seeking should not decode the first two minutes");
    for (int i = 0; i < 16; ++i) {
        const double t = 120.0 + (i + 0.5) * 3.0 / 16;
        QCOMPARE(decodeIndex(clip->frames[i]), int(std::lround(t * 15)));
    }
    // Sample-accurate audio: every sample matches the generator within codec/resampler error.
    QCOMPARE(clip->audio.size(), size_t(48000));
    // Samples are placed on the 16 kHz grid to the nearest sample, so the decoded wave may sit up
    // to half a sample (31 us) off: find the sub-sample lag that fits best and bound both.
    auto worstError = [&](double lag) { // lag: samples the decoded audio is late by
        double worst = 0.0;
        for (size_t k = 400; k + 400 < clip->audio.size(); ++k) {
            const double t = 120.0 + (double(k) - lag) / 16000.0;
            const double expected = (0.1 + 0.8 * t / 300.0) * std::sin(2.0 * M_PI * 440.0 * t);
            worst = std::max(worst, std::abs(clip->audio[k] - expected));
        }
        return worst;
    };
    double best = 0.0;
    for (double lag = -2.0; lag <= 2.0; lag += 0.05)
        if (worstError(lag) < worstError(best))
            best = lag;
    QVERIFY2(std::abs(best) <= 0.55 && worstError(best) < 0.005,
             qPrintable(QStringLiteral("best lag %1 samples, worst sample error there %2 (at lag 0: %3)")
                            .arg(best)
                            .arg(worstError(best))
                            .arg(worstError(0.0))));
}

void TestMedia::randomCropIsSeeded()
{
    ClipRequest r;
    r.numFrames = 2;
    r.shortSide = 240;
    r.cropSize = 128;
    r.cropMode = CropMode::Random;
    r.audio = false;
    r.seed = 7;
    const QString path = file(QStringLiteral("h264_aac.mp4"));
    auto a = decodeClip(path, r), b = decodeClip(path, r);
    r.seed = 8;
    auto c = decodeClip(path, r);
    QVERIFY(a.ok() && b.ok() && c.ok());
    QVERIFY(at::equal(a->frames, b->frames));
    QVERIFY(!at::equal(a->frames, c->frames));
    std::mt19937 rng(7);
    r.rng = &rng;
    auto d = decodeClip(path, r);
    QVERIFY(d.ok());
    QVERIFY(at::equal(a->frames, d->frames)); // same draws from a generator seeded alike
}

void TestMedia::concurrentCallsAgree()
{
    QList<QString> names;
    for (int i = 0; i < 3; ++i)
        names << QStringLiteral("h264_aac.mp4") << QStringLiteral("vp9_opus.webm") << QStringLiteral("index.mkv");
    auto decode = [this](const QString &name) {
        ClipRequest r;
        r.numFrames = 8;
        r.shortSide = 112;
        r.cropSize = 112;
        r.length = 2.0;
        return decodeClip(file(name), r);
    };
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    const QList<avt::Result<DecodedClip>> parallel = QtConcurrent::blockingMapped(&pool, names, decode);
    for (qsizetype i = 0; i < names.size(); ++i) {
        auto serial = decode(names[i]);
        QVERIFY(serial.ok() && parallel[i].ok());
        QVERIFY(at::equal(serial->frames, parallel[i]->frames));
        QVERIFY(serial->audio == parallel[i]->audio);
    }
}

void TestMedia::badFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("kind");
    QTest::newRow("missing") << QStringLiteral("nope.mp4") << QStringLiteral("missing");
    QTest::newRow("folder") << QStringLiteral(".") << QStringLiteral("missing");
    QTest::newRow("zero length") << QStringLiteral("empty.mp4") << QStringLiteral("empty");
    QTest::newRow("garbage") << QStringLiteral("garbage.mp4") << QStringLiteral("corrupt");
    QTest::newRow("fifo") << QStringLiteral("fifo.mp4") << QStringLiteral("unsupported");
}

void TestMedia::badFiles()
{
    QFETCH(QString, name);
    QFETCH(QString, kind);
    auto info = probeMedia(file(name));
    QVERIFY(!info.ok());
    QCOMPARE(kindOf(info.error()), kind);
    QVERIFY2(info.error().message.contains(file(name)), qPrintable(info.error().message));
    auto clip = decodeClip(file(name), ClipRequest{});
    QVERIFY(!clip.ok());
    QCOMPARE(kindOf(clip.error()), kind);
}

void TestMedia::truncatedWindowPastData()
{
    // The header promises 4 s; the data stop at about 40% of the bytes.
    const QString path = file(QStringLiteral("truncated.mkv"));
    auto info = probeMedia(path);
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().message));
    auto late = decodeClip(path, nativeFrames(3.0, 1.0, 4));
    QVERIFY(!late.ok());
    QCOMPARE(kindOf(late.error()), QStringLiteral("truncated"));
    // The intact beginning still decodes.
    auto early = decodeClip(path, nativeFrames(0.0, 0.5, 4));
    QVERIFY2(early.ok(), early.ok() ? "" : qPrintable(early.error().message));
    // Damaged bytes in the middle: either an error of a media kind or concealed frames, never a crash.
    auto damaged = decodeClip(file(QStringLiteral("damaged.mkv")), nativeFrames(0.0, 0.0, 16));
    if (!damaged.ok())
        QVERIFY(mediaErrorKind(damaged.error()).has_value());
    else
        QCOMPARE(damaged->frames.size(0), int64_t(16));
}

void TestMedia::timeout()
{
    ClipRequest r;
    r.timeoutSeconds = 1e-9;
    auto clip = decodeClip(file(QStringLiteral("h264_aac.mp4")), r);
    QVERIFY(!clip.ok());
    QCOMPARE(kindOf(clip.error()), QStringLiteral("timeout"));
    auto info = probeMedia(file(QStringLiteral("h264_aac.mp4")), 1e-9);
    QVERIFY(!info.ok());
    QCOMPARE(kindOf(info.error()), QStringLiteral("timeout"));
}

// A Matroska file whose header claims a duration of 10^9 s but holds one second of audio: a
// whole-file window is refused with a message, never allocated from the header's claim (that
// would be 64 TB of float samples); an explicit window still decodes. (A WAV cannot lie this
// way: FFmpeg cuts its data size to the file.)
void TestMedia::headerDurationDoesNotSizeBuffers()
{
    const QString honest = file(QStringLiteral("honest.mka")), liar = file(QStringLiteral("liar.mka"));
    QProcess ff;
    ff.start(QStringLiteral("ffmpeg"),
             {QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
              QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
              QStringLiteral("sine=frequency=440:duration=1:sample_rate=16000"), QStringLiteral("-c:a"),
              QStringLiteral("pcm_s16le"), honest});
    QVERIFY(ff.waitForFinished(60000) && ff.exitCode() == 0);
    QFile in(honest);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray b = in.readAll();
    // Segment Info / Duration: element id 0x4489, size 8, a big-endian double in milliseconds.
    const qsizetype at = b.indexOf(QByteArray::fromHex("448988"));
    QVERIFY(at > 0);
    const double claim = 1e12; // ms
    quint64 bits = 0;
    std::memcpy(&bits, &claim, 8);
    for (int k = 0; k < 8; ++k)
        b[at + 3 + k] = char((bits >> (8 * (7 - k))) & 0xff);
    QFile out(liar);
    QVERIFY(out.open(QIODevice::WriteOnly) && out.write(b) == b.size());
    out.close();
    auto info = probeMedia(liar);
    QVERIFY2(info.ok() && info->duration > 1e8, info.ok() ? "the claim did not reach the header" : "");
    ClipRequest whole;
    whole.video = false;
    auto refused = decodeClip(liar, whole);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("is longer than")), qPrintable(refused.error().message));
    ClipRequest second = whole;
    second.length = 1.0;
    auto ok = decodeClip(liar, second);
    QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
    QCOMPARE(int(ok->audio.size()), 16000);
}

QTEST_GUILESS_MAIN(TestMedia)
#include "tst_media.moc"
