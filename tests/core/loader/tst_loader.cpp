// ClipLoader: shapes, normalisation, determinism across worker counts, rank sharding, resume,
// eval views, failures, segment masks and their cache, the decoded-data cache, mixup and
// prefetch overlap. Media are made with the ffmpeg command-line tool at test time.
// ATen before Qt: QtCore defines `slots` as a macro, a name ATen uses.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "core/audio/fbank.h"
#include "core/audio/fbank_normalize.h"
#include "core/data/clip.h"
#include "core/loader/clip_loader.h"
#include "core/loader/loader_bench.h"
#include "core/loader/prepared_cache.h"
#include "core/loader/resized_crop.h"
#include "core/loader/sample_pipeline.h"
#include "core/loader/sampler.h"
#include "core/media/decode.h"
#include "core/segments/detector.h"
#include "model/config/model_config.h"
#include "model/masking/random_mask.h"
#include "model/masking/segment_mask.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cfloat>
#include <chrono>
#include <cmath>
#include <set>
#include <thread>

using namespace avt;
using namespace avt::loader;

namespace {

bool runFfmpeg(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("ffmpeg"),
            QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                        QStringLiteral("-nostdin"), QStringLiteral("-y")}
                + args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("ffmpeg failed: %s", p.readAll().constData());
        return false;
    }
    return true;
}

model::ModelConfig tinyConfig()
{
    return *model::ModelConfig::preset("avt-tiny"); // audio 300 x 64, video 8 x 112^2
}

bool sameTensor(const at::Tensor &a, const at::Tensor &b)
{
    if (a.defined() != b.defined())
        return false;
    return !a.defined() || (a.sizes() == b.sizes() && a.dtype() == b.dtype() && at::equal(a, b));
}

bool sameBatch(const Batch &a, const Batch &b)
{
    return a.sampleIndices == b.sampleIndices && a.clipIds == b.clipIds && a.views == b.views
           && sameTensor(a.audio, b.audio) && sameTensor(a.video, b.video) && sameTensor(a.labels, b.labels)
           && sameTensor(a.audioMask, b.audioMask) && sameTensor(a.videoMask, b.videoMask) && a.mixLambda == b.mixLambda
           && a.index == b.index;
}

std::vector<Batch> drain(ClipLoader &l)
{
    std::vector<Batch> out;
    while (auto b = l.next())
        out.push_back(std::move(*b));
    return out;
}

std::unique_ptr<ClipLoader> makeLoader(std::vector<LoaderItem> items, const LoaderOptions &o,
                                       const model::ModelConfig &cfg = tinyConfig())
{
    auto l = ClipLoader::create(std::move(items), o, cfg);
    if (!l) {
        qWarning("%s", qPrintable(l.error().message));
        return nullptr;
    }
    return std::move(*l);
}

} // namespace

class TestLoader : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_bursts, m_tone, m_silent, m_white, m_corrupt;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // 12 items over three files, windows of 3 s at different starts, labels 0..2.
    std::vector<LoaderItem> trainItems() const
    {
        std::vector<LoaderItem> items;
        const QString files[3] = {m_bursts, m_tone, m_silent};
        for (int i = 0; i < 12; ++i) {
            LoaderItem it;
            it.clipId = 100 + i;
            it.path = files[i % 3];
            it.start = 0.25 * (i / 3);
            it.length = 3.0;
            it.label = i % 3;
            it.nounLabel = i % 2;
            items.push_back(it);
        }
        return items;
    }

    LoaderOptions trainOptions() const
    {
        LoaderOptions o;
        o.batchSize = 4;
        o.seed = 1234;
        o.numWorkers = 2;
        o.masking.audio = AudioMasking::Random;
        o.masking.video = VideoMasking::Tube;
        o.masking.audioProbability = 0.3;
        o.masking.videoProbability = 0.5;
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_bursts = path(QStringLiteral("bursts.mp4"));
        m_tone = path(QStringLiteral("tone.mp4"));
        m_silent = path(QStringLiteral("silent.mp4"));
        m_white = path(QStringLiteral("white.mp4"));
        m_corrupt = path(QStringLiteral("corrupt.mp4"));
        // A 440 Hz tone on for the second half of every second: activity changes every 0.5 s.
        QVERIFY(runFfmpeg(
            {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
             QStringLiteral("testsrc2=s=160x120:r=15:d=4"), QStringLiteral("-f"), QStringLiteral("lavfi"),
             QStringLiteral("-i"), QStringLiteral("aevalsrc='0.5*sin(2*PI*440*t)*gt(mod(t\\,1)\\,0.5)':s=16000:d=4"),
             QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
             QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-shortest"), m_bursts}));
        QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                           QStringLiteral("testsrc=s=120x160:r=10:d=5"), QStringLiteral("-f"), QStringLiteral("lavfi"),
                           QStringLiteral("-i"), QStringLiteral("sine=f=1000:sample_rate=22050:d=5"),
                           QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-pix_fmt"),
                           QStringLiteral("yuv420p"), QStringLiteral("-c:a"), QStringLiteral("aac"),
                           QStringLiteral("-shortest"), m_tone}));
        QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                           QStringLiteral("mandelbrot=s=128x128:r=12"), QStringLiteral("-t"), QStringLiteral("4"),
                           QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-pix_fmt"),
                           QStringLiteral("yuv420p"), m_silent}));
        QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                           QStringLiteral("color=c=white:s=128x96:r=10:d=2"), QStringLiteral("-c:v"),
                           QStringLiteral("libx264"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), m_white}));
        QFile bad(m_corrupt);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        QByteArray junk(50000, '\0');
        for (int i = 0; i < junk.size(); ++i)
            junk[i] = char((i * 7919 + 13) % 251);
        bad.write(junk);
    }

    // Training's random resized crop against its definition in torch: the whole frame resized
    // with bilinear interpolate (align_corners false), cropped, mirrored, normalised. Downscales,
    // an upscale, a crop at the edges, landscape and square frames.
    void resizedCropMatchesTorchInterpolate()
    {
        using loader::detail::ResizedCrop;
        const float mean[3] = {0.485f, 0.456f, 0.406f}, stdev[3] = {0.229f, 0.224f, 0.225f};
        const ResizedCrop cases[] = {{140, 140, 126, 126, 5, 9, 112, false},  {140, 140, 139, 139, 27, 0, 112, true},
                                     {280, 498, 224, 398, 0, 174, 224, true}, {30, 50, 40, 67, 3, 20, 32, false},
                                     {140, 140, 112, 112, 0, 0, 112, false},  {96, 128, 100, 133, 4, 21, 96, true}};
        at::manual_seed(7);
        for (const ResizedCrop &g : cases) {
            const int T = 3, S = g.size;
            const at::Tensor frames = at::randint(0, 256, {T, g.srcH, g.srcW, 3}, at::kByte);
            at::Tensor ours = at::empty({3, T, S, S}, at::kFloat);
            loader::detail::resizedCropToPlanes(frames.data_ptr<uint8_t>(), T, g, mean, stdev, ours.data_ptr<float>());
            at::Tensor x = frames.permute({0, 3, 1, 2}).to(at::kFloat); // [T, 3, H, W]
            x = at::upsample_bilinear2d(x, {g.resizedH, g.resizedW}, /*align_corners=*/false);
            x = x.slice(2, g.top, g.top + S).slice(3, g.left, g.left + S);
            if (g.flip)
                x = x.flip({3});
            const at::Tensor m = at::tensor(at::ArrayRef<float>(mean, 3)).view({1, 3, 1, 1});
            const at::Tensor sd = at::tensor(at::ArrayRef<float>(stdev, 3)).view({1, 3, 1, 1});
            const at::Tensor ref = ((x / 255.0f - m) / sd).permute({1, 0, 2, 3}); // [3, T, S, S]
            const double diff = (ours - ref).abs().max().item<double>();
            // 1e-4 is 0.006 of one uint8 step after normalisation (float rounding of the taps);
            // a tap half a pixel off differs by several steps.
            QVERIFY2(diff < 1e-4, qPrintable(QStringLiteral("%1x%2 -> %3x%4 crop %5 at (%6, %7): largest difference %8")
                                                 .arg(g.srcW)
                                                 .arg(g.srcH)
                                                 .arg(g.resizedW)
                                                 .arg(g.resizedH)
                                                 .arg(S)
                                                 .arg(g.top)
                                                 .arg(g.left)
                                                 .arg(diff)));
        }
    }

    void samplerShardsGlobalBatches()
    {
        const auto order = epochOrder(23, 5, 3, true);
        QCOMPARE(std::set<int>(order.begin(), order.end()).size(), size_t(23));
        QVERIFY(order != epochOrder(23, 5, 4, true));
        QCOMPARE(epochOrder(23, 5, 3, true), order);
        QCOMPARE(batchesPerEpoch(23, 4, 2, true), 3); // padded 24, global 8
        QCOMPARE(batchesPerEpoch(23, 4, 2, false), 3);
        QCOMPARE(batchesPerEpoch(25, 4, 2, false), 4); // padded 26: last global batch of 2
        const auto whole = rankBatch(order, 1, 8, 0, 1);
        const auto r0 = rankBatch(order, 1, 4, 0, 2);
        const auto r1 = rankBatch(order, 1, 4, 1, 2);
        for (int j = 0; j < 4; ++j) {
            QCOMPARE(r0.samples[size_t(j)], whole.samples[size_t(2 * j)]);
            QCOMPARE(r1.samples[size_t(j)], whole.samples[size_t(2 * j + 1)]);
        }
        const auto last = rankBatch(order, 2, 4, 1, 2); // positions 17, 19, 21, 23 -> 23 wraps
        QCOMPARE(last.samples.size(), size_t(4));
        QVERIFY(last.padding[3] && !last.padding[2]);
        QCOMPARE(last.samples[3], order[0]);
    }

    void itemsFromStoreClips()
    {
        QList<data::Clip> clips;
        for (int i = 0; i < 4; ++i) {
            data::Clip c;
            c.id = i + 1;
            c.path = QStringLiteral("clips/%1.mp4").arg(i);
            c.split = i < 3 ? QStringLiteral("train") : QStringLiteral("test");
            c.labels.push_back({QStringLiteral("class"), i % 2 ? QStringLiteral("snare") : QStringLiteral("kick"), -1});
            if (i == 1) {
                c.startS = 2.0;
                c.endS = 5.0;
            }
            if (i == 2)
                c.problems << data::problem::Missing;
            clips.push_back(c);
        }
        auto items = itemsFromClips(clips, QStringLiteral("/data/root"), QStringLiteral("train"));
        QVERIFY(items);
        QCOMPARE(items->size(), size_t(2)); // clip 3 is missing, clip 4 is test
        QCOMPARE((*items)[0].path, QStringLiteral("/data/root/clips/0.mp4"));
        QCOMPARE((*items)[0].label, 0); // kick < snare
        QCOMPARE((*items)[1].label, 1);
        QCOMPARE((*items)[1].start, 2.0);
        QCOMPARE((*items)[1].length, 3.0);
        QCOMPARE((*items)[0].length, 0.0);
        clips[0].labels.clear();
        QVERIFY(!itemsFromClips(clips, QStringLiteral("/data/root"), QStringLiteral("train")));
    }

    void rejectsBadOptions()
    {
        LoaderOptions o;
        o.rank = 2;
        o.worldSize = 2;
        auto l = ClipLoader::create(trainItems(), o, tinyConfig());
        QVERIFY(!l);
        QVERIFY(l.error().message.contains(QStringLiteral("rank")));
        o = LoaderOptions();
        o.augment.flipProbability = 1.5;
        QVERIFY(!ClipLoader::create(trainItems(), o, tinyConfig()));
        QVERIFY(!ClipLoader::create({}, LoaderOptions(), tinyConfig()));
    }

    void shapesAndDtypes()
    {
        auto l = makeLoader(trainItems(), trainOptions());
        QVERIFY(l);
        QCOMPARE(l->batchesPerEpoch(), 3);
        l->start(0);
        auto b = l->next();
        QVERIFY(b);
        const auto cfg = tinyConfig();
        QCOMPARE(b->size(), 4);
        QCOMPARE(b->audio.sizes(), (at::IntArrayRef{4, 300, 64}));
        QCOMPARE(b->audio.scalar_type(), at::kFloat);
        QCOMPARE(b->video.sizes(), (at::IntArrayRef{4, 3, 8, 112, 112}));
        QCOMPARE(b->video.scalar_type(), at::kFloat);
        QCOMPARE(b->labels.scalar_type(), at::kLong);
        QCOMPARE(b->nounLabels.scalar_type(), at::kLong);
        QCOMPARE(b->audioMask.sizes(), (at::IntArrayRef{4, cfg.audio.numPatches()}));
        QCOMPARE(b->audioMask.scalar_type(), at::kBool);
        QCOMPARE(b->videoMask.sizes(), (at::IntArrayRef{4, cfg.video.numEmbedTokens()}));
        // Random masks: round(p * n) per row; tube masks repeat one spatial mask over time.
        QCOMPARE(b->audioMask.sum(1).min().item<long>(), model::maskedCount(cfg.audio.numPatches(), 0.3));
        const auto g = cfg.video.embedGrid();
        const at::Tensor tubes = b->videoMask.view({4, g[0], g[1] * g[2]});
        QVERIFY(at::equal(tubes, tubes.select(1, 0).unsqueeze(1).expand_as(tubes)));
        QVERIFY(!b->labelsB.defined());
        QCOMPARE(b->mixLambda, 1.0);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(b->labels[i].item<long>(), long((b->clipIds[size_t(i)] - 100) % 3));
        QVERIFY(std::isfinite(b->video.sum().item<double>()));
    }

    void normalisationValues()
    {
        LoaderOptions o;
        o.mode = LoaderMode::Eval;
        o.batchSize = 2;
        o.numWorkers = 1;
        std::vector<LoaderItem> items(2);
        items[0].clipId = 1;
        items[0].path = m_white; // no audio stream: the fbank of silence
        items[0].label = 0;
        items[1].clipId = 2;
        items[1].path = m_bursts;
        items[1].start = 0.5;
        items[1].length = 2.0; // 200 fbank frames, then 100 padded rows
        items[1].label = 1;
        auto l = makeLoader(items, o);
        QVERIFY(l);
        l->start(0);
        auto b = l->next();
        QVERIFY(b);
        QCOMPARE(b->size(), 2);
        const double mean = -4.2677393, std2 = 2 * 4.5689974;
        const at::Tensor silent = b->audio[0];
        const double floorValue = (std::log(double(FLT_EPSILON)) - mean) / std2; // 2 s: 198 frames
        QVERIFY(std::abs(silent.slice(0, 0, 198).max().item<double>() - floorValue) < 1e-5);
        QVERIFY(std::abs(silent.slice(0, 0, 198).min().item<double>() - floorValue) < 1e-5);
        QVERIFY(std::abs(silent.slice(0, 198).max().item<double>() - (0.0 - mean) / std2) < 1e-6);
        // White frames: RGB 1.0 -> (1 - mean_c) / std_c.
        const double white[3] = {(1 - 0.485) / 0.229, (1 - 0.456) / 0.224, (1 - 0.406) / 0.225};
        for (int c = 0; c < 3; ++c) {
            const at::Tensor ch = b->video[0][c];
            QVERIFY2(std::abs(ch.mean().item<double>() - white[c]) < 0.04,
                     qPrintable(QString::number(ch.mean().item<double>())));
        }
        // The sound file: exactly decodeClip + fbank + padOrCut + normalise of its window.
        media::ClipRequest req;
        req.start = 0.5;
        req.length = 2.0;
        req.video = false;
        auto clip = media::decodeClip(m_bursts, req);
        QVERIFY(clip);
        audio::FbankOptions fo;
        fo.numMelBins = 64;
        auto fb = audio::computeFbank(clip->audio, fo);
        QVERIFY(fb);
        auto x = audio::padOrCut(*fb, 300);
        audio::normalizeFbank(x, mean, 4.5689974);
        const at::Tensor expected = at::from_blob(x.values.data(), {300, 64}, at::kFloat);
        QVERIFY(at::equal(b->audio[1], expected));
        QCOMPARE(b->windowStarts[1], 0.5);
    }

    void deterministicForAnyWorkerCount()
    {
        LoaderOptions o = trainOptions();
        o.clipSeconds = 2.0; // random 2 s sub-windows of the 3 s windows
        o.numWorkers = 1;
        auto a = makeLoader(trainItems(), o);
        o.numWorkers = 3;
        o.prefetchBatches = 3;
        auto c = makeLoader(trainItems(), o);
        o.numWorkers = 0;
        auto z = makeLoader(trainItems(), o);
        QVERIFY(a && c && z);
        for (int epoch = 0; epoch < 2; ++epoch) {
            a->start(epoch);
            c->start(epoch);
            z->start(epoch);
            const auto ba = drain(*a), bc = drain(*c), bz = drain(*z);
            QCOMPARE(ba.size(), size_t(3));
            QCOMPARE(bc.size(), ba.size());
            QCOMPARE(bz.size(), ba.size());
            for (size_t i = 0; i < ba.size(); ++i) {
                QVERIFY(sameBatch(ba[i], bc[i]));
                QVERIFY(sameBatch(ba[i], bz[i]));
                QCOMPARE(ba[i].epoch, epoch);
            }
        }
        // Epochs differ: new order and new augmentation.
        a->start(0);
        const auto e0 = drain(*a);
        a->start(1);
        const auto e1 = drain(*a);
        QVERIFY(e0[0].sampleIndices != e1[0].sampleIndices || !at::equal(e0[0].video, e1[0].video));
        QCOMPARE(a->failedItems(), 0);
    }

    void ranksUnionIsTheGlobalBatch()
    {
        LoaderOptions o = trainOptions();
        o.clipSeconds = 2.5;
        o.batchSize = 8;
        auto whole = makeLoader(trainItems(), o);
        o.batchSize = 4;
        o.worldSize = 2;
        o.rank = 0;
        auto r0 = makeLoader(trainItems(), o);
        o.rank = 1;
        auto r1 = makeLoader(trainItems(), o);
        QVERIFY(whole && r0 && r1);
        QCOMPARE(whole->batchesPerEpoch(), 1);
        QCOMPARE(r0->batchesPerEpoch(), 1);
        QCOMPARE(r1->batchesPerEpoch(), 1);
        whole->start(2);
        r0->start(2);
        r1->start(2);
        const auto w = whole->next(), a = r0->next(), b = r1->next();
        QVERIFY(w && a && b);
        QCOMPARE(a->size() + b->size(), w->size());
        for (int j = 0; j < 4; ++j) {
            QCOMPARE(a->sampleIndices[size_t(j)], w->sampleIndices[size_t(2 * j)]);
            QCOMPARE(b->sampleIndices[size_t(j)], w->sampleIndices[size_t(2 * j + 1)]);
            QVERIFY(at::equal(a->video[j], w->video[2 * j]));
            QVERIFY(at::equal(b->audio[j], w->audio[2 * j + 1]));
            QVERIFY(at::equal(b->audioMask[j], w->audioMask[2 * j + 1]));
        }
        QVERIFY(!r0->next() && !r1->next());
    }

    void resumeEqualsContinuing()
    {
        auto a = makeLoader(trainItems(), trainOptions());
        auto b = makeLoader(trainItems(), trainOptions());
        QVERIFY(a && b);
        a->start(5);
        const auto full = drain(*a);
        b->start(4);
        QVERIFY(b->next()); // abandon epoch 4 half-way: its pending work is cancelled
        b->start(5, 1);
        const auto resumed = drain(*b);
        QCOMPARE(resumed.size(), full.size() - 1);
        for (size_t i = 0; i < resumed.size(); ++i)
            QVERIFY(sameBatch(resumed[i], full[i + 1]));
        QCOMPARE(resumed[0].index, 1);
        b->start(5, b->batchesPerEpoch());
        QVERIFY(!b->next());
    }

    void evalViewsCountAndOrder()
    {
        LoaderOptions o;
        o.mode = LoaderMode::Eval;
        o.batchSize = 5;
        o.temporalViews = 3;
        o.spatialViews = 3;
        o.clipSeconds = 1.0;
        std::vector<LoaderItem> items(2);
        items[0] = {7, m_bursts, 0.0, 0.0, -1.0, 2, -1}; // whole file (4 s, probed)
        items[1] = {8, m_tone, 1.0, 3.0, 5.0, 4, -1};    // window [1, 4): portrait video
        auto l = makeLoader(items, o);
        QVERIFY(l);
        QCOMPARE(l->sampleCount(), 18);
        QCOMPARE(l->batchesPerEpoch(), 4); // 5 + 5 + 5 + 3, the last kept
        l->start(0);
        const auto batches = drain(*l);
        QCOMPARE(batches.size(), size_t(4));
        std::vector<int> samples, views;
        std::vector<qint64> ids;
        std::vector<double> starts;
        std::vector<at::Tensor> video;
        for (const Batch &b : batches) {
            QVERIFY(!b.audioMask.defined());
            for (int i = 0; i < b.size(); ++i) {
                samples.push_back(b.sampleIndices[size_t(i)]);
                views.push_back(b.views[size_t(i)]);
                ids.push_back(b.clipIds[size_t(i)]);
                starts.push_back(b.windowStarts[size_t(i)]);
                video.push_back(b.video[i]);
            }
        }
        QCOMPARE(samples.size(), size_t(18));
        for (int i = 0; i < 18; ++i) {
            QCOMPARE(samples[size_t(i)], i);
            QCOMPARE(views[size_t(i)], i % 9);
            QCOMPARE(ids[size_t(i)], qint64(i < 9 ? 7 : 8));
            const int t = (i % 9) / 3;
            const double expected = i < 9 ? 1.5 * t : 1.0 + 1.0 * t; // room 3 s or 2 s
            QVERIFY2(std::abs(starts[size_t(i)] - expected) < 1e-6, qPrintable(QString::number(starts[size_t(i)])));
        }
        // Spatial views of a landscape clip: left, centre, right crops of the same frames.
        // Frame 160x120 -> short side 112 -> width ~149; the crops overlap with a shift.
        const at::Tensor left = video[0], centre = video[1], right = video[2];
        QVERIFY(!at::equal(left, centre) && !at::equal(centre, right));
        // Offsets 0, (W - 112) / 2, W - 112: the two shifts differ by at most one pixel.
        int leftShift = 0, rightShift = 0;
        for (int shift = 1; shift < 40; ++shift) {
            if (!leftShift && at::equal(left.slice(3, shift), centre.slice(3, 0, 112 - shift)))
                leftShift = shift;
            if (!rightShift && at::equal(centre.slice(3, shift), right.slice(3, 0, 112 - shift)))
                rightShift = shift;
        }
        QVERIFY(leftShift > 0 && rightShift > 0);
        QVERIFY(std::abs(leftShift - rightShift) <= 1);
        // Portrait clip: views move along the height.
        const at::Tensor top = video[9], middle = video[10];
        bool foundVertical = false;
        for (int shift = 1; shift < 40 && !foundVertical; ++shift)
            foundVertical = at::equal(top.slice(2, shift), middle.slice(2, 0, 112 - shift));
        QVERIFY(foundVertical);
    }

    void failedClipsAreSkippedAndCounted()
    {
        auto items = trainItems();
        items[1].path = m_corrupt;
        items[4].path = path(QStringLiteral("no-such-file.mp4"));
        LoaderOptions o = trainOptions();
        o.shuffle = false;
        auto l = makeLoader(items, o);
        QVERIFY(l);
        l->start(0);
        const auto batches = drain(*l);
        QCOMPARE(batches.size(), size_t(3));
        QCOMPARE(batches[0].size(), 3);
        QCOMPARE(batches[0].failed, 1);
        QCOMPARE(batches[1].size(), 3);
        QCOMPARE(batches[2].size(), 4);
        QCOMPARE(batches[0].audio.size(0), 3);
        QCOMPARE(l->failedItems(), 2);
        const QString errors = l->lastErrors().join(QLatin1Char('\n'));
        QVERIFY2(errors.contains(QStringLiteral("corrupt.mp4")) && errors.contains(QStringLiteral("no-such-file.mp4")),
                 qPrintable(errors));
    }

    void segmentMasksCoverDetectedSegmentsAndAreCached()
    {
        LoaderOptions o;
        o.batchSize = 4;
        o.numWorkers = 2;
        o.seed = 9;
        o.augment.specAugment = false; // the batch audio is then the fbank the detector saw
        o.masking.audio = AudioMasking::Segment;
        o.masking.audioProbability = 0.4;
        o.masking.detector.maxSegments = 6;
        std::vector<LoaderItem> items;
        for (int i = 0; i < 4; ++i)
            items.push_back({50 + i, m_bursts, 0.25 * i, 3.0, 4.0, 0, -1});
        auto l = makeLoader(items, o);
        QVERIFY(l);
        const auto cfg = tinyConfig();
        const std::int64_t tp = cfg.audio.timePatches(), fp = cfg.audio.freqPatches();
        model::AudioPatchGrid row;
        row.melBins = cfg.audio.patch;
        row.frames = cfg.audio.frames;
        row.patch = cfg.audio.patch;
        row.stride = cfg.audio.tstride;
        for (int epoch = 0; epoch < 2; ++epoch) {
            l->start(epoch);
            auto b = l->next();
            QVERIFY(b);
            QCOMPARE(b->size(), 4);
            for (int i = 0; i < 4; ++i) {
                const at::Tensor m = b->audioMask[i].view({fp, tp});
                QVERIFY(at::equal(m, m[0].unsqueeze(0).expand_as(m))); // whole columns
                auto seg = segments::detectSegments(b->audio[i], o.masking.detector);
                QVERIFY(seg);
                QVERIFY(seg->segmentCount() >= 3);
                const auto spans = seg->spans();
                // The segments whose own patches are all masked must explain the mask exactly.
                std::vector<std::int64_t> chosen;
                for (size_t s = 0; s < spans.size(); ++s) {
                    const at::Tensor own = model::tokenMaskFromFrameMask(
                        model::frameMaskFromSpans(spans, {std::int64_t(s)}, row.frames), row);
                    if (own.any().item<bool>() && at::equal(own & m[0], own))
                        chosen.push_back(std::int64_t(s));
                }
                QCOMPARE(std::int64_t(chosen.size()), model::maskedCount(seg->segmentCount(), 0.4));
                const at::Tensor rebuilt =
                    model::tokenMaskFromFrameMask(model::frameMaskFromSpans(spans, chosen, row.frames), row);
                QVERIFY(at::equal(rebuilt, m[0]));
            }
            QVERIFY(!l->next());
        }
        QCOMPARE(l->segmentationsComputed(), 4);
        QCOMPARE(l->segmentationCacheHits(), 4);
    }

    void decodedCacheGivesTheSameBatches()
    {
        LoaderOptions o = trainOptions();
        o.cacheMiB = 64;
        auto full = makeLoader(trainItems(), o);
        o.cacheMiB = 1; // room for only some clips
        auto partial = makeLoader(trainItems(), o);
        QVERIFY(full && partial);
        full->start(0);
        const auto first = drain(*full);
        full->start(0);
        const auto again = drain(*full);
        partial->start(0);
        const auto small = drain(*partial);
        QCOMPARE(first.size(), size_t(3));
        for (size_t i = 0; i < first.size(); ++i) {
            QVERIFY(sameBatch(first[i], again[i]));
            QVERIFY(sameBatch(first[i], small[i]));
        }
        const CacheStats s = full->cacheStats();
        QCOMPARE(s.entries, 12);
        QCOMPARE(s.hits, qint64(12));
        QVERIFY(partial->cacheStats().entries < 12);
        QVERIFY(partial->cacheStats().bytes <= 1024 * 1024);
    }

    // Writes the windows of every sample of `items` under `o` into a prepared cache in `folder`
    // (as `prepare` does) and opens it.
    std::shared_ptr<const PreparedClipCache>
    writePrepared(const std::vector<LoaderItem> &items, const LoaderOptions &o, const QString &file,
                  std::unordered_map<QString, PreparedRecord> *indexOut = nullptr)
    {
        const SamplePipeline pipe(o, tinyConfig());
        auto writer = PreparedWriter::open(file, 0);
        if (!writer)
            return nullptr;
        std::unordered_map<QString, PreparedRecord> index;
        const bool eval = o.mode == LoaderMode::Eval;
        for (size_t i = 0; i < items.size(); ++i)
            for (int t = 0; t < (eval ? o.temporalViews : 1); ++t) {
                SampleRef ref;
                ref.item = int(i);
                ref.temporalView = t;
                auto w = pipe.fixedWindow(items[i], ref);
                if (!w || !*w)
                    return nullptr;
                const QString key = preparedEntryKey(items[i].path, (*w)->start, (*w)->length);
                if (index.count(key))
                    continue;
                auto e = pipe.prepareEntry(items[i], **w);
                if (!e)
                    return nullptr;
                auto where = (*writer)->append(*e);
                if (!where)
                    return nullptr;
                index[key] = *where;
            }
        if (!(*writer)->sync())
            return nullptr;
        writer->reset();
        if (indexOut)
            *indexOut = index;
        auto cache = PreparedClipCache::open(file, pipe.preparedSpec(), index);
        if (!cache)
            qWarning("%s", qPrintable(cache.error().message));
        return cache ? *cache : nullptr;
    }

    // Frames and fbank read from a prepared cache give exactly the batches of decoding (with
    // random resized crops, flips, SpecAugment and masks on top), epoch after epoch.
    void preparedCacheGivesTheSameBatches()
    {
        LoaderOptions o = trainOptions();
        o.cacheMiB = 64; // the decoding path crops after decoding, as with a prepared cache
        auto decoded = makeLoader(trainItems(), o);
        LoaderOptions p = trainOptions();
        p.prepared = writePrepared(trainItems(), p, path(QStringLiteral("train-cache.bin")));
        QVERIFY(p.prepared);
        QCOMPARE(p.prepared->entries(), qint64(12));
        auto cached = makeLoader(trainItems(), p);
        QVERIFY(decoded && cached);
        for (int epoch = 0; epoch < 2; ++epoch) {
            decoded->start(epoch);
            cached->start(epoch);
            const auto a = drain(*decoded);
            const auto b = drain(*cached);
            QCOMPARE(a.size(), size_t(3));
            QCOMPARE(b.size(), a.size());
            for (size_t i = 0; i < a.size(); ++i)
                QVERIFY2(sameBatch(a[i], b[i]), qPrintable(QStringLiteral("epoch %1 batch %2").arg(epoch).arg(i)));
        }
        const CacheStats st = cached->cacheStats();
        QCOMPARE(st.preparedHits, qint64(24));
        QCOMPARE(st.preparedMisses, qint64(0));
        QCOMPARE(st.entries, 0); // nothing decoded, nothing kept in memory

        // Evaluation: 2 temporal x 3 spatial views of 2 s windows, from a cache of eval settings.
        LoaderOptions e = trainOptions();
        e.mode = LoaderMode::Eval;
        e.clipSeconds = 2.0;
        e.temporalViews = 2;
        e.spatialViews = 3;
        e.masking = {};
        LoaderOptions ec = e;
        ec.prepared = writePrepared(trainItems(), e, path(QStringLiteral("eval-cache.bin")));
        QVERIFY(ec.prepared);
        QCOMPARE(ec.prepared->entries(), qint64(24));
        e.cacheMiB = 64;
        auto evalDecoded = makeLoader(trainItems(), e);
        auto evalCached = makeLoader(trainItems(), ec);
        QVERIFY(evalDecoded && evalCached);
        evalDecoded->start(0);
        evalCached->start(0);
        const auto a = drain(*evalDecoded);
        const auto b = drain(*evalCached);
        QCOMPARE(a.size(), size_t(18));
        QCOMPARE(b.size(), a.size());
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(sameBatch(a[i], b[i]));
        QCOMPARE(evalCached->cacheStats().preparedHits, qint64(72));

        // A cache made for other settings is refused by name.
        LoaderOptions other = trainOptions();
        other.augment.scaleMax = 1.5;
        other.prepared = p.prepared;
        auto refused = ClipLoader::create(trainItems(), other, tinyConfig());
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("short_side: 140 -> 168")),
                 qPrintable(refused.error().message));
    }

    // A damaged record is reported (checksum) and decoded instead, so batches stay the same; a
    // file cut short is refused when opened; a writer cuts uncommitted bytes off.
    void damagedPreparedCacheIsReportedAndDecoded()
    {
        LoaderOptions o = trainOptions();
        const QString file = path(QStringLiteral("damaged-cache.bin"));
        std::unordered_map<QString, PreparedRecord> index;
        QVERIFY(writePrepared(trainItems(), o, file, &index)); // the returned cache is dropped here
        const PreparedSpec spec = SamplePipeline(o, tinyConfig()).preparedSpec();
        const auto items = trainItems();
        const QString victimKey = preparedEntryKey(items[4].path, items[4].start, items[4].length);
        QVERIFY(index.count(victimKey));
        const PreparedRecord victim = index.at(victimKey);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(f.seek(victim.offset + 64 + 1000)); // inside the frames of the record
        char c = 0;
        QVERIFY(f.getChar(&c));
        QVERIFY(f.seek(victim.offset + 64 + 1000));
        QVERIFY(f.putChar(char(c ^ 0x5a)));
        f.close();

        {
            auto damaged = PreparedClipCache::open(file, spec, index);
            QVERIFY(damaged);
            auto hit = (*damaged)->find(victimKey);
            QVERIFY(hit && !*hit);
            QCOMPARE(hit->error().code, QStringLiteral("corrupt"));
            QVERIFY2(hit->error().message.contains(QStringLiteral("checksum mismatch"))
                         && hit->error().message.contains(file)
                         && hit->error().message.contains(QString::number(victim.offset)),
                     qPrintable(hit->error().message));
            QVERIFY(!(*damaged)->verify(victim));

            LoaderOptions p = o;
            p.prepared = *damaged;
            o.cacheMiB = 64;
            auto decoded = makeLoader(trainItems(), o);
            auto cached = makeLoader(trainItems(), p);
            QVERIFY(decoded && cached);
            decoded->start(0);
            cached->start(0);
            const auto a = drain(*decoded);
            const auto b = drain(*cached);
            QCOMPARE(b.size(), a.size());
            for (size_t i = 0; i < a.size(); ++i)
                QVERIFY(sameBatch(a[i], b[i])); // the damaged window was decoded instead
            const CacheStats st = cached->cacheStats();
            QCOMPARE(st.preparedCorrupt, qint64(1));
            QCOMPARE(st.preparedHits, qint64(11));
            QVERIFY(st.lastPreparedError.contains(QStringLiteral("checksum mismatch")));
            QCOMPARE(cached->failedItems(), 0);
        } // the mapping is gone with the cache and its loader

        // Cut short: refused when opened, naming both sizes.
        QVERIFY(QFile::resize(file, size - 100));
        auto cut = PreparedClipCache::open(file, spec, index);
        QVERIFY(!cut);
        QCOMPARE(cut.error().code, QStringLiteral("corrupt"));
        QVERIFY2(cut.error().message.contains(QString::number(size - 100))
                     && cut.error().message.contains(QString::number(size)),
                 qPrintable(cut.error().message));

        // A writer opened at the committed size cuts off what came after it (a killed prepare).
        QVERIFY(QFile::resize(file, size + 12345));
        auto writer = PreparedWriter::open(file, size - 100 - 28);
        QVERIFY(writer);
        QCOMPARE((*writer)->size(), size - 128);
        writer->reset();
        QCOMPARE(QFileInfo(file).size(), size - 128);
        // ... and refuses a file shorter than the index says.
        QVERIFY(!PreparedWriter::open(file, size));
    }

    void mixupMixesWithTheReversedBatch()
    {
        LoaderOptions o = trainOptions();
        auto plain = makeLoader(trainItems(), o);
        o.augment.mixupAlpha = 0.4;
        auto mixed = makeLoader(trainItems(), o);
        QVERIFY(plain && mixed);
        plain->start(1);
        mixed->start(1);
        const auto p = plain->next(), m = mixed->next();
        QVERIFY(p && m);
        QVERIFY(m->mixLambda > 0.0 && m->mixLambda < 1.0);
        QVERIFY(at::equal(m->labelsB, p->labels.flip({0})));
        const float l = float(m->mixLambda);
        QVERIFY(at::allclose(m->audio, l * p->audio + (1 - l) * p->audio.flip({0}), 1e-5, 1e-5));
        QVERIFY(at::allclose(m->video, l * p->video + (1 - l) * p->video.flip({0}), 1e-5, 1e-5));
    }

    void prefetchOverlapsASlowConsumer()
    {
        const int threadsBefore = at::get_num_threads();
        LoaderOptions o = trainOptions();
        o.numWorkers = 2;
        o.prefetchBatches = 2;
        auto l = makeLoader(trainItems(), o);
        QVERIFY(l);
        // Time one epoch with an eager consumer first: the data time per batch.
        l->start(0);
        const auto t0 = std::chrono::steady_clock::now();
        QCOMPARE(drain(*l).size(), size_t(3));
        const double perBatch = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / 3;
        // A consumer three times slower than the data: after the first batch it never waits.
        l->start(1);
        QVERIFY(l->next());
        const double before = l->waitSeconds();
        int batches = 1;
        for (;;) {
            std::this_thread::sleep_for(std::chrono::duration<double>(std::max(3 * perBatch, 0.05)));
            if (!l->next())
                break;
            ++batches;
        }
        QCOMPARE(batches, 3);
        const double waited = l->waitSeconds() - before;
        QVERIFY2(waited < 0.25 * perBatch + 0.02,
                 qPrintable(QStringLiteral("waited %1 s, data %2 s per batch").arg(waited).arg(perBatch)));
        QCOMPARE(at::get_num_threads(), threadsBefore); // the workers left the global setting alone
    }

    void benchmarkReportsThroughput()
    {
        LoaderOptions o;
        o.batchSize = 2;
        o.numWorkers = 2;
        o.clipSeconds = 3.0;
        auto r = benchmarkLoader({m_bursts, m_tone, m_silent, m_bursts}, o, tinyConfig(), 2);
        QVERIFY(r);
        QCOMPARE(r->items, 8);
        QCOMPARE(r->batches, 4);
        QCOMPARE(r->failures, 0);
        QVERIFY(r->itemsPerSecond > 0.0);
        QCOMPARE(r->epochSeconds.size(), size_t(2));
        qInfo("loader benchmark: %.1f items/s, wait %.3f s of %.3f s", r->itemsPerSecond, r->waitSeconds, r->seconds);
    }
};

QTEST_GUILESS_MAIN(TestLoader)
#include "tst_loader.moc"
