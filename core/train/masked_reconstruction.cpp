// `segments MEDIA --run RUN`: mask a clip as a run's model sees it and export the audio
// decoder's reconstruction (see masked_reconstruction.h).
#include "core/train/masked_reconstruction.h"

#include "core/audio/fbank.h"
#include "core/loader/clip_loader.h"
#include "core/media/decode.h"
#include "core/segments/detector.h"
#include "core/segments/reconstruction_export.h"
#include "core/segments/segment_export.h"
#include "core/train/run_model.h"
#include "core/train/train_setup.h"
#include "core/util/json_file.h"
#include "core/util/npy_file.h"
#include "model/io/npy.h"
#include "model/losses/losses.h"
#include "model/masking/random_mask.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace avt::train {

using namespace segments;

namespace {

Error fail(const QString &message) { return makeError(QStringLiteral("reconstruction"), message); }

// The run's model, refused when it cannot reconstruct audio (the message names the key).
Result<train::RunModel> loadReconstructingModel(const ReconstructionRequest &r)
{
    if (!QFileInfo(r.workspace).isDir())
        return makeError(QStringLiteral("missing"), QStringLiteral("%1: no such workspace folder").arg(r.workspace));
    auto m = train::loadRunModel(r.workspace, r.run);
    if (!m)
        return m.error();
    if (!m->config.model().hasAudio())
        return makeError(QStringLiteral("config"),
                         QStringLiteral("run %1 has no audio encoder (model.audio.enabled=false)").arg(r.run));
    if (m->net->audio_decoder.is_empty())
        return makeError(QStringLiteral("config"),
                         QStringLiteral("run %1 has no audio decoder: its config has model.head.decoders=false "
                                        "(train with model.head.decoders=true and losses.masked > 0)")
                             .arg(r.run));
    if (m->config.real(QStringLiteral("losses.masked")) <= 0.0)
        return makeError(QStringLiteral("config"),
                         QStringLiteral("run %1 was not trained with masked reconstruction: its config has "
                                        "losses.masked=0, so its audio decoder holds untrained weights")
                             .arg(r.run));
    return m;
}

// The clip's model input as evaluation loads it: batch 1, one view, no loader masks.
Result<loader::Batch> loadModelInput(const ReconstructionRequest &r, const train::RunConfig &cfg)
{
    loader::LoaderItem item;
    item.clipId = 0;
    item.path = QFileInfo(r.media).absoluteFilePath();
    item.start = r.start;
    item.length = r.length;
    loader::LoaderOptions lo = train::loaderOptions(cfg, loader::LoaderMode::Eval, 0, 1);
    lo.batchSize = 1;
    lo.numWorkers = 0;
    lo.temporalViews = lo.spatialViews = 1;
    lo.cacheMiB = 0;
    lo.masking.audio = loader::AudioMasking::None;
    lo.masking.video = loader::VideoMasking::None;
    auto ld = loader::ClipLoader::create({item}, lo, cfg.model());
    if (!ld)
        return ld.error();
    (*ld)->start(0);
    auto b = (*ld)->next();
    if (!b || b->size() != 1) {
        const QStringList errors = (*ld)->lastErrors();
        return makeError(QStringLiteral("media"), errors.isEmpty()
                                                      ? QStringLiteral("%1: could not be loaded").arg(r.media)
                                                      : errors.join(QStringLiteral("; ")));
    }
    return std::move(*b);
}

// Frames of fbank the window's audio gives before padding / cutting, and its length.
void describeSource(const ReconstructionRequest &r, const train::RunConfig &cfg, double windowStart, SegmentSource &s)
{
    s.media = r.media;
    s.startSeconds = windowStart;
    media::ClipRequest cr;
    cr.video = false;
    cr.audioRate = 16000;
    cr.start = windowStart;
    const double clipSeconds = cfg.real(QStringLiteral("data.clip_seconds"));
    cr.length = clipSeconds > 0 ? clipSeconds : r.length;
    if (clipSeconds > 0 && r.length > 0)
        cr.length = std::min(clipSeconds, r.length);
    if (auto clip = media::decodeClip(r.media, cr)) {
        s.audioSeconds = double(clip->audio.size()) / double(clip->audioRate);
        if (auto fb = audio::computeFbank(clip->audio))
            s.clipFrames = fb->frames;
    }
}

struct MaskResult {
    at::Tensor tokens;         // [Na] bool, frequency-major
    SegmentMaskChoice segment; // segment masks (frame mask, chosen segments, time patches)
};

MaskResult makeMask(const ReconstructionRequest &r, const model::AudioConfig &a, const Segmentation &seg, double p)
{
    MaskResult m;
    if (r.randomMask) {
        m.tokens = model::randomTokenMask(a.numPatches(), p, model::maskGenerator(r.seed)); // [Na]
        return m;
    }
    model::AudioPatchGrid geometry;
    geometry.patch = a.patch;
    geometry.stride = a.tstride;
    m.segment = chooseSegmentMask(seg, p, r.seed, r.rule, geometry);
    at::Tensor time = torch::zeros({a.timePatches()}, torch::kBool); // [t]
    bool *tp = time.data_ptr<bool>();
    for (auto t : m.segment.maskedTimePatches)
        tp[t] = true;
    m.tokens = time.repeat({a.freqPatches()}); // [f * t]
    return m;
}

QJsonObject randomMaskJson(const ReconstructionRequest &r, const model::AudioConfig &a, const at::Tensor &tokens,
                           double p)
{
    QJsonArray masked;
    const bool *t = tokens.data_ptr<bool>();
    for (std::int64_t i = 0; i < tokens.numel(); ++i)
        if (t[i])
            masked.append(qint64(i));
    return {{QStringLiteral("kind"), QStringLiteral("random")},
            {QStringLiteral("seed"), QString::number(r.seed)},
            {QStringLiteral("probability"), p},
            {QStringLiteral("patch"), qint64(a.patch)},
            {QStringLiteral("fstride"), qint64(a.fstride)},
            {QStringLiteral("tstride"), qint64(a.tstride)},
            {QStringLiteral("freqPatches"), qint64(a.freqPatches())},
            {QStringLiteral("timePatches"), qint64(a.timePatches())},
            {QStringLiteral("tokens"), qint64(a.numPatches())},
            {QStringLiteral("maskedTokens"), qint64(masked.size())},
            {QStringLiteral("maskedTokenIndices"), masked},
            {QStringLiteral("tokenOrder"), QStringLiteral("frequency-major: f * timePatches + t")}};
}

Result<DetectorParams> detectorParams(const ReconstructionRequest &r, const train::RunConfig &cfg)
{
    DetectorParams params = cfg.detector();
    for (const auto &[key, value] : r.detectorSets)
        if (Status s = params.set(key, value); !s)
            return s.error();
    if (Status s = params.validate(); !s)
        return s.error();
    return params;
}

// The JSON report: segments, mask, run, checkpoint, model input and reconstruction errors.
QJsonObject runReport(const ReconstructionRequest &r, const train::RunModel &loaded, const SegmentSource &source,
                      const Segmentation &seg, const DetectorParams &params, const MaskResult &mask, double p,
                      const ReconstructionErrors &errors, const QString &name, const QString (&npy)[4])
{
    const train::RunConfig &cfg = loaded.config;
    const model::AudioConfig &a = cfg.model().audio;
    SegmentMaskChoice reportMask = mask.segment;
    if (r.randomMask) { // the report's segment part still needs sizes that agree
        reportMask.grid.melBins = seg.bins;
        reportMask.grid.frames = seg.frames;
        reportMask.frameMask.assign(size_t(seg.frames), 0);
    }
    QJsonObject report = segmentReport(source, seg, params, reportMask);
    if (r.randomMask) {
        report.insert(QStringLiteral("mask"), randomMaskJson(r, a, mask.tokens, p));
    } else {
        QJsonObject m = report.value(QStringLiteral("mask")).toObject();
        m.insert(QStringLiteral("kind"), QStringLiteral("segment"));
        m.insert(QStringLiteral("freqPatches"), qint64(a.freqPatches())); // the model's own strides
        m.insert(QStringLiteral("fstride"), qint64(a.fstride));
        m.insert(QStringLiteral("tstride"), qint64(a.tstride));
        m.insert(QStringLiteral("tokens"), qint64(a.numPatches()));
        m.insert(QStringLiteral("maskedTokens"), qint64(mask.tokens.sum().item<std::int64_t>()));
        report.insert(QStringLiteral("mask"), m);
    }
    report.insert(QStringLiteral("run"), r.run);
    report.insert(QStringLiteral("checkpoint"), loaded.weights);
    report.insert(QStringLiteral("maskKind"), r.randomMask ? QStringLiteral("random") : QStringLiteral("segment"));
    report.insert(QStringLiteral("modelInput"),
                  QJsonObject{{QStringLiteral("frames"), qint64(a.frames)},
                              {QStringLiteral("melBins"), qint64(a.melBins)},
                              {QStringLiteral("audioMean"), cfg.real(QStringLiteral("data.audio_mean"))},
                              {QStringLiteral("audioStd"), cfg.real(QStringLiteral("data.audio_std"))},
                              {QStringLiteral("clipSeconds"), cfg.real(QStringLiteral("data.clip_seconds"))},
                              {QStringLiteral("normalisation"),
                               QStringLiteral("(fbank - audioMean) / (2 audioStd), padded / cut to frames")}});
    report.insert(
        QStringLiteral("reconstruction"),
        QJsonObject{
            {QStringLiteral("maskedMse"), errors.maskedElements > 0 ? QJsonValue(errors.maskedMse) : QJsonValue()},
            {QStringLiteral("visibleMse"), errors.visibleElements > 0 ? QJsonValue(errors.visibleMse) : QJsonValue()},
            {QStringLiteral("maskedElements"), qint64(errors.maskedElements)},
            {QStringLiteral("visibleElements"), qint64(errors.visibleElements)},
            {QStringLiteral("maskedPositions"),
             QStringLiteral("[T, F] elements covered by a masked patch (as losses.masked counts them)")},
            {QStringLiteral("input"), name + npy[0]},
            {QStringLiteral("maskedInput"), name + npy[1]},
            {QStringLiteral("reconstruction"), name + npy[2]},
            {QStringLiteral("mask"), name + npy[3]},
            {QStringLiteral("picture"), name + QStringLiteral(".reconstruction.png")}});
    return report;
}

} // namespace

Result<QString> exportRunReconstruction(const ReconstructionRequest &r)
{
    auto loaded = loadReconstructingModel(r);
    if (!loaded)
        return fail(loaded.error().message);
    const train::RunConfig &cfg = loaded->config;
    const model::AudioConfig &a = cfg.model().audio;
    auto params = detectorParams(r, cfg);
    if (!params)
        return fail(QStringLiteral("run %1: detector: %2").arg(r.run, params.error().message));
    auto batch = loadModelInput(r, cfg);
    if (!batch)
        return fail(batch.error().message);
    const at::Tensor input = batch->audio[0].contiguous(); // [T, F] normalised fbank
    auto detector = SegmentDetector::create(*params);
    auto seg = detector ? detector->detect(input) : Result<Segmentation>(detector.error());
    if (!seg)
        return fail(QStringLiteral("%1: %2").arg(r.media, seg.error().message));

    const double p = r.probability.value_or(cfg.real(QStringLiteral("masking.probability")));
    const MaskResult mask = makeMask(r, a, *seg, p);
    const at::Tensor elements = model::audioElementMask(mask.tokens.unsqueeze(0), a)[0].contiguous(); // [T, F] bool
    const at::Tensor masked = input.masked_fill(elements, 0.0f);                                      // [T, F]

    at::Tensor recon;
    {
        torch::NoGradGuard noGrad;
        model::AvtInputs in;
        in.audio = batch->audio;
        in.video = batch->video;
        in.audioMask = mask.tokens.unsqueeze(0); // [1, Na]
        try {
            recon = loaded->net->forward(in, /*reconstruct=*/true).audioReconstruction[0].contiguous(); // [T, F]
        } catch (const std::exception &e) {
            return fail(QStringLiteral("run %1: forward pass: %2")
                            .arg(r.run, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
        }
    }
    const at::Tensor maskBytes = elements.to(at::kByte).contiguous();
    const auto errors = reconstructionErrors(input.data_ptr<float>(), recon.data_ptr<float>(),
                                             maskBytes.data_ptr<std::uint8_t>(), input.numel());

    SegmentSource source;
    describeSource(r, cfg, batch->windowStarts.empty() ? r.start : batch->windowStarts[0], source);
    if (!QDir().mkpath(r.outDir))
        return fail(QStringLiteral("%1: cannot create the folder").arg(r.outDir));
    const QString name = QFileInfo(r.media).completeBaseName();
    const auto file = [&](const QString &suffix) { return QDir(r.outDir).filePath(name + suffix); };
    const QString npy[4] = {QStringLiteral(".input.npy"), QStringLiteral(".masked_input.npy"),
                            QStringLiteral(".reconstruction.npy"), QStringLiteral(".mask.npy")};
    const at::Tensor matrices[4] = {input, masked, recon, elements};
    for (int i = 0; i < 4; ++i)
        if (Status s = writeNpyFile(file(npy[i]), matrices[i]); !s)
            return fail(s.error().message);

    const QJsonObject report = runReport(r, *loaded, source, *seg, *params, mask, p, errors, name, npy);
    if (Status s = writeJsonFile(file(QStringLiteral(".segments.json")), report); !s)
        return fail(s.error().message);

    ReconstructionPicture pic;
    pic.input = input.data_ptr<float>();
    pic.maskedInput = masked.data_ptr<float>();
    pic.reconstruction = recon.data_ptr<float>();
    pic.elementMask = maskBytes.data_ptr<std::uint8_t>();
    pic.frames = seg->frames;
    pic.bins = seg->bins;
    pic.clipFrames = source.clipFrames;
    pic.boundaries = seg->boundaries;
    pic.source = source;
    const std::int64_t maskedTokens = mask.tokens.sum().item<std::int64_t>();
    pic.title = QStringLiteral("%1, run %2: %3 mask (seed %4, p %5), %6 of %7 tokens; MSE masked %8, visible %9")
                    .arg(QFileInfo(r.media).fileName(), r.run,
                         r.randomMask ? QStringLiteral("random") : QStringLiteral("segment"))
                    .arg(r.seed)
                    .arg(p)
                    .arg(maskedTokens)
                    .arg(a.numPatches())
                    .arg(errors.maskedElements > 0 ? QString::number(errors.maskedMse, 'g', 3) : QStringLiteral("-"))
                    .arg(QString::number(errors.visibleMse, 'g', 3));
    if (Status s = writeReconstructionImage(file(QStringLiteral(".reconstruction.png")), pic); !s)
        return fail(s.error().message);
    return QStringLiteral("%1 (run %2): %3 segments, %4 mask, %5 of %6 tokens masked, MSE masked %7 visible %8 -> %9")
        .arg(r.media, r.run)
        .arg(seg->segmentCount())
        .arg(r.randomMask ? QStringLiteral("random") : QStringLiteral("segment"))
        .arg(maskedTokens)
        .arg(a.numPatches())
        .arg(errors.maskedElements > 0 ? QString::number(errors.maskedMse, 'g', 4) : QStringLiteral("-"))
        .arg(errors.visibleMse, 0, 'g', 4)
        .arg(file(QStringLiteral(".*")));
}

} // namespace avt::train
