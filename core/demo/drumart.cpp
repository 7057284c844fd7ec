#include "core/demo/drumart.h"

#include "core/media/decode.h"
#include "core/media/probe.h"
#include "core/util/json_file.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace avt::demo {

namespace {

constexpr int kAudioOf[10] = {Kick, Snare, HiHat, Tom, Cymbal, Cymbal, HandPercussion, HandPercussion, Kick, HiHat};
constexpr int kPictureOf[10] = {Birds, Birds, Bugs, Bugs, Fruit, Mammals, Music, Plants, Music, Fruit};
constexpr double kMaxHitSeconds = 1.0; // one-shots are cut (with a fade) to this length

struct Picture {
    cv::Mat rgba; // tight around the visible pixels, CV_8UC4 in RGBA order
};

// Everything random about one clip, drawn in order from the master generator, so that the
// rendering (in parallel) is a pure function of the spec.
struct ClipSpec {
    int cls = 0;
    QString split;
    QString file;        // relative to the output folder
    QString audioSource; // absolute
    QString pictureSource;
    std::vector<double> hitTimes;
    std::vector<double> gains;
    cv::Vec3b background;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0; // picture centre path (start, end), pixels
    double wobble = 0, wobblePhase = 0;    // sideways sine on the path, pixels and radians
    double size = 100;                     // long side of the picture, pixels
    double pulse = 0;                      // relative size change over the clip (sine amplitude)
    quint64 noiseSeed = 0;
    QJsonArray boxes; // filled by render(): [x, y, w, h] per frame
};

// Decoded sources, each loaded once; failures remembered.
class SourceCache {
public:
    const std::vector<float> *audio(const QString &path, int rate, QString *why)
    {
        auto it = m_audio.find(path);
        if (it == m_audio.end()) {
            media::ClipRequest req;
            req.video = false;
            req.audioRate = rate;
            req.length = 0;
            auto clip = media::decodeClip(path, req);
            std::vector<float> samples;
            if (!clip)
                m_failed.insert(path, clip.error().message);
            else if (!clip->hasAudio || clip->audio.size() < size_t(rate / 50))
                m_failed.insert(path, QStringLiteral("%1: no usable audio").arg(path));
            else
                samples = prepareHit(clip->audio, rate);
            it = m_audio.insert(path, std::move(samples));
        }
        if (it->empty()) {
            *why = m_failed.value(path);
            return nullptr;
        }
        return &*it;
    }

    const Picture *picture(const QString &path, QString *why)
    {
        auto it = m_pictures.find(path);
        if (it == m_pictures.end()) {
            Picture pic;
            cv::Mat img = cv::imread(path.toStdString(), cv::IMREAD_UNCHANGED);
            if (img.empty() || img.depth() != CV_8U) {
                m_failed.insert(path, QStringLiteral("%1: not a readable 8-bit PNG").arg(path));
            } else {
                cv::Mat rgba;
                if (img.channels() == 4)
                    cv::cvtColor(img, rgba, cv::COLOR_BGRA2RGBA);
                else if (img.channels() == 3)
                    cv::cvtColor(img, rgba, cv::COLOR_BGR2RGBA);
                else
                    cv::cvtColor(img, rgba, cv::COLOR_GRAY2RGBA);
                std::vector<cv::Mat> ch;
                cv::split(rgba, ch);
                const cv::Rect box = cv::boundingRect(ch[3] > 16);
                if (box.width < 8 || box.height < 8)
                    m_failed.insert(path, QStringLiteral("%1: picture is empty").arg(path));
                else
                    pic.rgba = rgba(box).clone();
            }
            it = m_pictures.insert(path, pic);
        }
        if (it->rgba.empty()) {
            *why = m_failed.value(path);
            return nullptr;
        }
        return &*it;
    }

private:
    // Peak-normalised, cut to kMaxHitSeconds with a short fade-out.
    static std::vector<float> prepareHit(const std::vector<float> &in, int rate)
    {
        std::vector<float> out(in.begin(), in.begin() + std::min(in.size(), size_t(kMaxHitSeconds * rate)));
        float peak = 0;
        for (float v : out)
            peak = std::max(peak, std::abs(v));
        if (peak < 1e-4f)
            return {};
        const size_t fade = std::min(out.size(), size_t(rate / 50));
        for (size_t i = 0; i < out.size(); ++i) {
            float g = 1.0f / peak;
            if (i + fade >= out.size())
                g *= float(out.size() - i) / float(fade);
            out[i] *= g;
        }
        return out;
    }

    QHash<QString, std::vector<float>> m_audio;
    QHash<QString, Picture> m_pictures;

public:
    QHash<QString, QString> m_failed;
};

// Splits each pool by file into train / test with the seed.
struct SplitPools {
    std::array<QStringList, AudioTypeCount> audio[2]; // [0] train, [1] test
    std::array<QStringList, PictureTypeCount> pictures[2];
};

void splitPool(const QStringList &pool, double testFraction, std::mt19937_64 &rng, QStringList *train,
               QStringList *test)
{
    QStringList shuffled = pool;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const int nTest = std::clamp(int(std::lround(testFraction * double(shuffled.size()))), 1, int(shuffled.size()) - 1);
    *test = shuffled.mid(0, nTest);
    *train = shuffled.mid(nTest);
}

double uniform(std::mt19937_64 &rng, double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }

// Picks a source from pool (removing those that fail to load); nullptr when none is left.
template <class Loader> QString pickSource(QStringList &pool, std::mt19937_64 &rng, Loader &&load, QStringList *skipped)
{
    while (!pool.isEmpty()) {
        const int i = int(std::uniform_int_distribution<int>(0, int(pool.size()) - 1)(rng));
        QString why;
        if (load(pool[i], &why))
            return pool[i];
        skipped->append(why);
        pool.removeAt(i);
    }
    return QString();
}

void writeWav(const QString &path, const std::vector<float> &samples, int rate)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    auto u32 = [&](quint32 v) { f.write(reinterpret_cast<const char *>(&v), 4); };
    auto u16 = [&](quint16 v) { f.write(reinterpret_cast<const char *>(&v), 2); };
    const quint32 bytes = quint32(samples.size() * 2);
    f.write("RIFF", 4);
    u32(36 + bytes);
    f.write("WAVEfmt ", 8);
    u32(16);
    u16(1);
    u16(1);
    u32(quint32(rate));
    u32(quint32(rate * 2));
    u16(2);
    u16(16);
    f.write("data", 4);
    u32(bytes);
    std::vector<qint16> pcm(samples.size());
    for (size_t i = 0; i < samples.size(); ++i)
        pcm[i] = qint16(std::lround(std::clamp(samples[i], -1.0f, 1.0f) * 32767.0f));
    f.write(reinterpret_cast<const char *>(pcm.data()), qint64(bytes));
}

std::vector<float> mixAudio(const ClipSpec &spec, const std::vector<float> &hit, const DemoOptions &opt)
{
    std::vector<float> out(size_t(std::lround(opt.seconds * opt.audioRate)), 0.0f);
    std::mt19937_64 rng(spec.noiseSeed);
    std::normal_distribution<float> noise(0.0f, 0.003f);
    for (float &v : out)
        v = noise(rng);
    for (size_t h = 0; h < spec.hitTimes.size(); ++h) {
        const size_t at = size_t(spec.hitTimes[h] * opt.audioRate);
        for (size_t i = 0; i < hit.size() && at + i < out.size(); ++i)
            out[at + i] += float(spec.gains[h]) * hit[i];
    }
    float peak = 0;
    for (float v : out)
        peak = std::max(peak, std::abs(v));
    if (peak > 0.95f)
        for (float &v : out)
            v *= 0.95f / peak;
    return out;
}

// Draws one frame: the picture, scaled and placed for time t, alpha-blended on the background.
// Returns the picture's box [x, y, w, h] clipped to the frame.
cv::Rect drawFrame(cv::Mat &frame, const ClipSpec &spec, const Picture &pic, double t, const DemoOptions &opt)
{
    frame.setTo(cv::Scalar(spec.background[0], spec.background[1], spec.background[2]));
    const double u = t / opt.seconds;
    const double scale =
        spec.size * (1.0 + spec.pulse * std::sin(2 * M_PI * u)) / double(std::max(pic.rgba.cols, pic.rgba.rows));
    const int w = std::max(4, int(std::lround(pic.rgba.cols * scale)));
    const int h = std::max(4, int(std::lround(pic.rgba.rows * scale)));
    const double dx = spec.x1 - spec.x0, dy = spec.y1 - spec.y0;
    const double len = std::max(1.0, std::hypot(dx, dy));
    const double side = spec.wobble * std::sin(2 * M_PI * u + spec.wobblePhase);
    const double cx = spec.x0 + u * dx - side * dy / len;
    const double cy = spec.y0 + u * dy + side * dx / len;
    const int x = std::clamp(int(std::lround(cx - w / 2.0)), 0, std::max(0, opt.width - w));
    const int y = std::clamp(int(std::lround(cy - h / 2.0)), 0, std::max(0, opt.height - h));
    cv::Mat scaled;
    cv::resize(pic.rgba, scaled, cv::Size(w, h), 0, 0, cv::INTER_AREA);
    const cv::Rect box = cv::Rect(x, y, w, h) & cv::Rect(0, 0, opt.width, opt.height);
    for (int r = 0; r < box.height; ++r) {
        const cv::Vec4b *src = scaled.ptr<cv::Vec4b>(r);
        cv::Vec3b *dst = frame.ptr<cv::Vec3b>(box.y + r) + box.x;
        for (int c = 0; c < box.width; ++c) {
            const int a = src[c][3];
            for (int k = 0; k < 3; ++k)
                dst[c][k] = uchar((src[c][k] * a + dst[c][k] * (255 - a) + 127) / 255);
        }
    }
    return box;
}

// Renders and encodes one clip with ffmpeg (frames on stdin, audio from a WAV file).
Status renderClip(ClipSpec &spec, const std::vector<float> &hit, const Picture &pic, const DemoOptions &opt)
{
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return makeError(QStringLiteral("io"), QStringLiteral("cannot create a temporary folder"));
    const QString wav = tmp.filePath(QStringLiteral("audio.wav"));
    writeWav(wav, mixAudio(spec, hit, opt), opt.audioRate);

    const QString out = QDir(opt.outDir).filePath(spec.file);
    QProcess ff;
    ff.setProcessChannelMode(QProcess::SeparateChannels);
    const QString size = QStringLiteral("%1x%2").arg(opt.width).arg(opt.height);
    ff.start(QStringLiteral("ffmpeg"), {QStringLiteral("-hide_banner"),
                                        QStringLiteral("-loglevel"),
                                        QStringLiteral("error"),
                                        QStringLiteral("-y"),
                                        QStringLiteral("-f"),
                                        QStringLiteral("rawvideo"),
                                        QStringLiteral("-pix_fmt"),
                                        QStringLiteral("rgb24"),
                                        QStringLiteral("-video_size"),
                                        size,
                                        QStringLiteral("-framerate"),
                                        QString::number(opt.fps),
                                        QStringLiteral("-i"),
                                        QStringLiteral("pipe:0"),
                                        QStringLiteral("-i"),
                                        wav,
                                        QStringLiteral("-map"),
                                        QStringLiteral("0:v"),
                                        QStringLiteral("-map"),
                                        QStringLiteral("1:a"),
                                        QStringLiteral("-c:v"),
                                        QStringLiteral("libx264"),
                                        QStringLiteral("-preset"),
                                        QStringLiteral("veryfast"),
                                        QStringLiteral("-crf"),
                                        QStringLiteral("20"),
                                        QStringLiteral("-pix_fmt"),
                                        QStringLiteral("yuv420p"),
                                        QStringLiteral("-threads"),
                                        QStringLiteral("1"),
                                        QStringLiteral("-c:a"),
                                        QStringLiteral("aac"),
                                        QStringLiteral("-b:a"),
                                        QStringLiteral("64k"),
                                        QStringLiteral("-ar"),
                                        QString::number(opt.audioRate),
                                        QStringLiteral("-ac"),
                                        QStringLiteral("1"),
                                        QStringLiteral("-map_metadata"),
                                        QStringLiteral("-1"),
                                        QStringLiteral("-fflags"),
                                        QStringLiteral("+bitexact"),
                                        QStringLiteral("-flags:v"),
                                        QStringLiteral("+bitexact"),
                                        QStringLiteral("-flags:a"),
                                        QStringLiteral("+bitexact"),
                                        out});
    if (!ff.waitForStarted(10000))
        return makeError(QStringLiteral("missing"),
                         QStringLiteral("cannot run ffmpeg (install the Debian package ffmpeg)"));
    const int frames = int(std::lround(opt.seconds * opt.fps));
    cv::Mat frame(opt.height, opt.width, CV_8UC3);
    spec.boxes = QJsonArray();
    for (int i = 0; i < frames; ++i) {
        const cv::Rect box = drawFrame(frame, spec, pic, i / opt.fps, opt);
        spec.boxes.append(QJsonArray{box.x, box.y, box.width, box.height});
        ff.write(reinterpret_cast<const char *>(frame.data), qint64(frame.total() * frame.elemSize()));
        if (!ff.waitForBytesWritten(30000))
            break;
    }
    ff.closeWriteChannel();
    if (!ff.waitForFinished(120000) || ff.exitCode() != 0)
        return makeError(QStringLiteral("io"),
                         QStringLiteral("ffmpeg failed on %1: %2")
                             .arg(out, QString::fromLocal8Bit(ff.readAllStandardError()).trimmed()));
    return Ok{};
}

Status validate(const DemoOptions &o)
{
    if (o.outDir.isEmpty())
        return makeError(QStringLiteral("usage"), QStringLiteral("no output folder given"));
    if (o.clipsPerClass < 2 || o.clipsPerClass > 100000)
        return makeError(QStringLiteral("usage"),
                         QStringLiteral("clips per class must be in [2, 100000], got %1").arg(o.clipsPerClass));
    if (o.testFraction <= 0 || o.testFraction >= 1)
        return makeError(QStringLiteral("usage"), QStringLiteral("test fraction must be in (0, 1)"));
    return Ok{};
}

} // namespace

QStringList drumArtClassNames()
{
    QStringList names;
    for (int c = 0; c < 10; ++c)
        names.append(
            QStringLiteral("c%1-%2-%3").arg(c).arg(audioTypeName(kAudioOf[c]), pictureTypeName(kPictureOf[c])));
    return names;
}

int drumArtAudioType(int cls) { return kAudioOf[cls]; }
int drumArtPictureType(int cls) { return kPictureOf[cls]; }

Result<DemoSummary> makeDrumArt(const DemoOptions &opt, const std::function<void(int, int)> &progress,
                                const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    if (auto st = validate(opt); !st)
        return st.error();
    // Undecodable sources are expected (Ogg inside WAV in lmms-common) and reported in the
    // summary; FFmpeg's own log lines about them would only be noise.
    media::setFfmpegLogQuiet(true);
    auto pools =
        findSources(opt.sourcesDir, opt.cacheDir.isEmpty() ? defaultCacheDir() : opt.cacheDir, opt.allowDownload);
    if (!pools)
        return pools.error();
    if (!QDir().mkpath(QDir(opt.outDir).filePath(QStringLiteral("clips"))))
        return makeError(QStringLiteral("io"), QStringLiteral("cannot create %1").arg(opt.outDir));

    std::mt19937_64 rng(opt.seed);
    SplitPools split;
    for (int a = 0; a < AudioTypeCount; ++a)
        splitPool(pools->audio[size_t(a)], opt.testFraction, rng, &split.audio[0][size_t(a)],
                  &split.audio[1][size_t(a)]);
    for (int v = 0; v < PictureTypeCount; ++v)
        splitPool(pools->pictures[size_t(v)], opt.testFraction, rng, &split.pictures[0][size_t(v)],
                  &split.pictures[1][size_t(v)]);

    // Draw every clip's spec in a fixed order (deterministic), loading sources as chosen.
    SourceCache cache;
    DemoSummary summary;
    std::vector<ClipSpec> specs;
    const QStringList names = drumArtClassNames();
    const int nTest = std::max(1, int(std::lround(opt.clipsPerClass * opt.testFraction)));
    for (int c = 0; c < 10; ++c) {
        for (int i = 0; i < opt.clipsPerClass; ++i) {
            const int s = i < opt.clipsPerClass - nTest ? 0 : 1;
            ClipSpec spec;
            spec.cls = c;
            spec.split = s == 0 ? QStringLiteral("train") : QStringLiteral("test");
            spec.file = QStringLiteral("clips/%1_%2_%3.mp4").arg(names[c], spec.split).arg(i, 4, 10, QLatin1Char('0'));
            spec.audioSource = pickSource(
                split.audio[s][size_t(kAudioOf[c])], rng,
                [&](const QString &p, QString *why) { return cache.audio(p, opt.audioRate, why) != nullptr; },
                &summary.skippedSources);
            spec.pictureSource = pickSource(
                split.pictures[s][size_t(kPictureOf[c])], rng,
                [&](const QString &p, QString *why) { return cache.picture(p, why) != nullptr; },
                &summary.skippedSources);
            if (spec.audioSource.isEmpty() || spec.pictureSource.isEmpty())
                return makeError(
                    QStringLiteral("missing"),
                    QStringLiteral("no decodable %1 source left for class %2 (%3)")
                        .arg(spec.audioSource.isEmpty() ? QStringLiteral("audio") : QStringLiteral("picture"), names[c],
                             spec.split));
            for (double t = uniform(rng, 0.0, 0.3); t < opt.seconds - 0.1; t += uniform(rng, 0.25, 0.75)) {
                spec.hitTimes.push_back(t);
                spec.gains.push_back(uniform(rng, 0.35, 1.0));
            }
            // A plain background drawn from a small palette shared by every class: with a colour
            // of its own per clip, a model can learn the training clips by their background
            // (Grad-CAM showed the fused models looking at it, not at the picture).
            static const cv::Vec3b kPalette[] = {{128, 128, 128}, {200, 200, 200}, {230, 216, 173}, {170, 220, 170},
                                                 {150, 230, 240}, {203, 192, 255}, {196, 228, 255}, {219, 173, 216}};
            spec.background = kPalette[size_t(uniform(rng, 0, 8)) % 8];
            spec.size = uniform(rng, 0.3, 0.55) * std::min(opt.width, opt.height);
            const double m = spec.size / 2;
            spec.x0 = uniform(rng, m, opt.width - m);
            spec.y0 = uniform(rng, m, opt.height - m);
            spec.x1 = uniform(rng, m, opt.width - m);
            spec.y1 = uniform(rng, m, opt.height - m);
            spec.wobble = uniform(rng, 0, 20);
            spec.wobblePhase = uniform(rng, 0, 2 * M_PI);
            spec.pulse = uniform(rng, 0, 0.15);
            spec.noiseSeed = rng();
            specs.push_back(std::move(spec));
        }
    }

    // Render in parallel: every spec is self-contained; the sources are resolved here, on this
    // thread, and only read by the workers.
    std::vector<const std::vector<float> *> hits;
    std::vector<const Picture *> pictures;
    for (const ClipSpec &spec : specs) {
        QString why;
        hits.push_back(cache.audio(spec.audioSource, opt.audioRate, &why));
        pictures.push_back(cache.picture(spec.pictureSource, &why));
    }
    std::atomic_int next{0}, done{0};
    std::vector<QString> errors(specs.size());
    std::vector<std::thread> workers;
    for (int t = 0; t < std::max(1, opt.threads); ++t)
        workers.emplace_back([&] {
            for (int i = next++; i < int(specs.size()); i = next++) {
                if (cancel && cancel->load())
                    return;
                if (auto st = renderClip(specs[size_t(i)], *hits[size_t(i)], *pictures[size_t(i)], opt); !st)
                    errors[size_t(i)] = st.error().message;
                ++done;
            }
        });
    while (done.load() < int(specs.size()) && !(cancel && cancel->load())) {
        if (progress)
            progress(done.load(), int(specs.size()));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (auto &w : workers)
        w.join();
    if (cancel && cancel->load())
        return makeError(QStringLiteral("cancelled"), QStringLiteral("demo dataset generation cancelled"));
    if (progress)
        progress(int(specs.size()), int(specs.size()));
    for (const QString &e : errors)
        if (!e.isEmpty())
            return makeError(QStringLiteral("io"), e);

    // Annotation CSV and manifest.
    summary.csvPath = QDir(opt.outDir).filePath(QStringLiteral("drumart10.csv"));
    QFile csv(summary.csvPath);
    if (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return makeError(QStringLiteral("io"), QStringLiteral("cannot write %1").arg(summary.csvPath));
    csv.write("path,label,split\n");
    QJsonArray clips;
    const QString share = pools->root;
    auto rel = [&](const QString &p) { return QDir(share).relativeFilePath(p); };
    for (const ClipSpec &s : specs) {
        csv.write(QStringLiteral("%1,%2,%3\n").arg(s.file, names[s.cls], s.split).toUtf8());
        QJsonArray hits, gains;
        for (size_t h = 0; h < s.hitTimes.size(); ++h) {
            hits.append(std::round(s.hitTimes[h] * 1e4) / 1e4);
            gains.append(std::round(s.gains[h] * 1e4) / 1e4);
        }
        clips.append(QJsonObject{{QStringLiteral("file"), s.file},
                                 {QStringLiteral("class"), names[s.cls]},
                                 {QStringLiteral("class_index"), s.cls},
                                 {QStringLiteral("split"), s.split},
                                 {QStringLiteral("audio_type"), audioTypeName(kAudioOf[s.cls])},
                                 {QStringLiteral("picture_type"), pictureTypeName(kPictureOf[s.cls])},
                                 {QStringLiteral("audio_source"), rel(s.audioSource)},
                                 {QStringLiteral("picture_source"), rel(s.pictureSource)},
                                 {QStringLiteral("hit_times"), hits},
                                 {QStringLiteral("hit_gains"), gains},
                                 {QStringLiteral("boxes"), s.boxes}});
        summary.clips++;
        (s.split == QLatin1String("train") ? summary.trainClips : summary.testClips)++;
    }
    csv.close();
    QJsonArray skipped;
    for (const QString &s : summary.skippedSources)
        skipped.append(s);
    const QJsonObject manifest{{QStringLiteral("dataset"), QStringLiteral("DrumArt-10")},
                               {QStringLiteral("seed"), QString::number(opt.seed)},
                               {QStringLiteral("clips_per_class"), opt.clipsPerClass},
                               {QStringLiteral("fps"), opt.fps},
                               {QStringLiteral("seconds"), opt.seconds},
                               {QStringLiteral("width"), opt.width},
                               {QStringLiteral("height"), opt.height},
                               {QStringLiteral("audio_rate"), opt.audioRate},
                               {QStringLiteral("sources_root"), share},
                               {QStringLiteral("source_packages"), QJsonArray::fromStringList(sourcePackages())},
                               {QStringLiteral("box_format"), QStringLiteral("[x, y, w, h] in pixels per frame")},
                               {QStringLiteral("classes"), QJsonArray::fromStringList(names)},
                               {QStringLiteral("skipped_sources"), skipped},
                               {QStringLiteral("clips"), clips}};
    summary.manifestPath = QDir(opt.outDir).filePath(QStringLiteral("manifest.json"));
    if (auto st = writeJsonFile(summary.manifestPath, manifest); !st)
        return st.error();
    summary.seconds = double(timer.elapsed()) / 1000.0;
    return summary;
}

} // namespace avt::demo
