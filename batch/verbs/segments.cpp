// `avt-workbench --batch segments MEDIA --out DIR`: detect the audio activity segments of a
// media file on its AST fbank, choose a segment mask for a seed, and write
// DIR/<name>.segments.json and DIR/<name>.segments.png. With --run RUN --workspace WS the
// clip is masked as that run's model sees it and its decoder's reconstruction is exported
// (core/train/masked_reconstruction.h).
#include "batch/verb_parser.h"
#include "core/audio/fbank.h"
#include "core/audio/fbank_normalize.h"
#include "core/media/decode.h"
#include "core/segments/detector.h"
#include "core/segments/segment_export.h"
#include "core/train/masked_reconstruction.h"
#include "core/util/json_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace avt::batch {

namespace {

const QString kVerb = QStringLiteral("segments");

void addOptions(VerbParser &p)
{
    p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Audio or video file"));
    p.setPositionalRange(1, 1);
    p.addOption(
        {QStringLiteral("out"), QStringLiteral("Output folder (required; created if missing)"), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Seed of the segment mask (default 0)"), QStringLiteral("S")});
    p.addOption({QStringLiteral("probability"),
                 QStringLiteral("Fraction of segments (or, with --mask random, tokens) to "
                                "mask, 0..1 (default 0.04; with --run the run's masking.probability)"),
                 QStringLiteral("P")});
    p.addOption({QStringLiteral("run"),
                 QStringLiteral("Mask the clip as this run's model sees it and export its audio decoder's "
                                "reconstruction (needs --workspace; detector options then apply on top of "
                                "the run's masking.detector.* values)"),
                 QStringLiteral("RUN")});
    p.addWorkspaceOption(QStringLiteral("Workspace of --run"));
    p.addOption({QStringLiteral("mask"),
                 QStringLiteral("With --run: segment (default; whole activity segments) or random "
                                "(random tokens, the MAV baseline)"),
                 QStringLiteral("KIND")});
    p.addOption({QStringLiteral("patch-rule"),
                 QStringLiteral("When a 16-frame AST patch counts as masked: any, half "
                                "(default: >= 8 masked frames), all"),
                 QStringLiteral("RULE")});
    p.addOption({QStringLiteral("start"), QStringLiteral("Window start in seconds (default 0)"), QStringLiteral("S")});
    p.addOption({QStringLiteral("length"), QStringLiteral("Window length in seconds (default: to the end)"),
                 QStringLiteral("S")});
    p.addOption({QStringLiteral("frames"),
                 QStringLiteral("Pad with zeros / cut the fbank to N frames, as the model "
                                "sees it (default 1024; 0 keeps the clip's length)"),
                 QStringLiteral("N")});
    for (const auto &f : segments::detectorParamFields())
        p.addOption({f.option,
                     QStringLiteral("Detector: %1 (default %2)")
                         .arg(f.help, segments::DetectorParams().toJson().value(f.key).toVariant().toString()),
                     QStringLiteral("X")});
}

// Detector parameters from the defaults and the command line; nothing after a usage error.
// sets (optional) receives the (key, value) pairs given, to apply on another base later.
std::optional<segments::DetectorParams> paramsFromArgs(VerbParser &p, QList<QPair<QString, QString>> *sets = nullptr)
{
    segments::DetectorParams params;
    for (const auto &f : segments::detectorParamFields()) {
        if (!p.isSet(f.option))
            continue;
        if (sets)
            sets->append({f.key, p.value(f.option)});
        if (Status s = params.set(f.key, p.value(f.option)); !s) {
            p.usageError(QStringLiteral("--%1: %2").arg(f.option, s.error().message));
            return std::nullopt;
        }
    }
    if (Status s = params.validate(); !s) {
        p.usageError(s.error().message);
        return std::nullopt;
    }
    return params;
}

struct Request {
    media::ClipRequest clip;
    std::uint64_t seed = 0;
    double probability = 0.04;
    model::PatchCoverRule rule = model::PatchCoverRule::Half;
    std::int64_t frames = 1024;
};

std::optional<Request> requestFromArgs(VerbParser &p)
{
    Request r;
    r.clip.video = false;
    r.clip.audioRate = 16000;
    if (p.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        r.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            p.usageError(
                QStringLiteral("--seed needs a non-negative integer, got '%1'").arg(p.value(QStringLiteral("seed"))));
            return std::nullopt;
        }
    }
    if (p.isSet(QStringLiteral("probability"))) {
        const auto v = p.doubleValue(QStringLiteral("probability"), 0.0, 1.0);
        if (!v)
            return std::nullopt;
        r.probability = *v;
    }
    if (p.isSet(QStringLiteral("patch-rule"))
        && !segments::parsePatchRule(p.value(QStringLiteral("patch-rule")), &r.rule)) {
        p.usageError(QStringLiteral("--patch-rule must be any, half or all"));
        return std::nullopt;
    }
    for (auto [name, target] :
         {std::pair{QStringLiteral("start"), &r.clip.start}, std::pair{QStringLiteral("length"), &r.clip.length}}) {
        if (!p.isSet(name))
            continue;
        const auto v = p.doubleValue(name, 0.0, 1e9);
        if (!v)
            return std::nullopt;
        *target = *v;
    }
    if (p.isSet(QStringLiteral("frames"))) {
        const auto n = p.intValue(QStringLiteral("frames"), 0, 1 << 22);
        if (!n)
            return std::nullopt;
        r.frames = *n;
    }
    return r;
}

bool writeJson(const QString &path, const QJsonObject &o)
{
    if (auto st = writeJsonFile(path, o); !st) {
        printError(kVerb, st.error().message);
        return false;
    }
    return true;
}

// `--run RUN`: the model-input path (core/train/masked_reconstruction.h).
int runWithModel(VerbParser &p)
{
    if (!p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--run needs --workspace DIR"));
    if (p.isSet(QStringLiteral("frames")))
        return p.usageError(
            QStringLiteral("--frames does not apply with --run (the run's model.audio.frames decides)"));
    train::ReconstructionRequest r;
    const auto params = paramsFromArgs(p, &r.detectorSets);
    const auto req = params ? requestFromArgs(p) : std::nullopt;
    if (!params || !req)
        return ExitUsage;
    const QString kind = p.value(QStringLiteral("mask")).toLower();
    if (p.isSet(QStringLiteral("mask")) && kind != QLatin1String("segment") && kind != QLatin1String("random"))
        return p.usageError(
            QStringLiteral("--mask must be segment or random, got '%1'").arg(p.value(QStringLiteral("mask"))));
    r.media = p.positional().front();
    r.workspace = p.value(QStringLiteral("workspace"));
    r.run = p.value(QStringLiteral("run"));
    r.outDir = p.value(QStringLiteral("out"));
    r.randomMask = kind == QLatin1String("random");
    r.seed = req->seed;
    if (p.isSet(QStringLiteral("probability")))
        r.probability = req->probability;
    r.rule = req->rule;
    r.start = req->clip.start;
    r.length = req->clip.length;
    const auto summary = train::exportRunReconstruction(r);
    if (!summary)
        return p.fail(summary.error());
    printLine(*summary);
    return ExitOk;
}

} // namespace

int runSegments(const QStringList &args)
{
    VerbParser p(kVerb, QStringLiteral("Detects the audio activity segments of MEDIA on its AST fbank (Savitzky-Golay "
                                       "smoothing, |temporal gradient| averaged over mel bins, top change points), "
                                       "chooses a segment mask for a seed, and writes DIR/NAME.segments.json "
                                       "(boundaries, segments, activity curve, mask, parameters) and "
                                       "DIR/NAME.segments.png. With --run RUN --workspace WS: the clip as that run's "
                                       "model sees it (its normalised input fbank, the run's detector and masking "
                                       "probability), the masked input and the audio decoder's reconstruction: "
                                       "DIR/NAME.segments.json (with MSE on masked / visible positions), "
                                       "DIR/NAME.reconstruction.png and .npy matrices."));
    addOptions(p);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("out")))
        return p.usageError(QStringLiteral("--out DIR is required"));
    if (p.isSet(QStringLiteral("run")))
        return runWithModel(p);
    for (const QString &opt : {QStringLiteral("workspace"), QStringLiteral("mask")})
        if (p.isSet(opt))
            return p.usageError(QStringLiteral("--%1 needs --run").arg(opt));
    const auto params = paramsFromArgs(p);
    const auto req = params ? requestFromArgs(p) : std::nullopt;
    if (!params || !req)
        return ExitUsage;

    const QString path = p.positional().front();
    auto clip = media::decodeClip(path, req->clip);
    if (!clip)
        return p.fail(clip.error());
    if (!clip->hasAudio)
        printError(kVerb, QStringLiteral("%1: no audio stream, segments of silence").arg(path));
    auto raw = audio::computeFbank(clip->audio);
    if (!raw) {
        printError(kVerb, QStringLiteral("%1: %2").arg(path, raw.error().message));
        return ExitFailure;
    }
    const audio::FbankMatrix fbank = req->frames > 0 ? audio::padOrCut(*raw, req->frames) : *raw;

    auto detector = segments::SegmentDetector::create(*params);
    auto seg = detector ? detector->detect(fbank.values.data(), fbank.frames, fbank.bins)
                        : Result<segments::Segmentation>(detector.error());
    if (!seg) {
        printError(kVerb, QStringLiteral("%1: %2").arg(path, seg.error().message));
        return ExitFailure;
    }
    const auto mask = segments::chooseSegmentMask(*seg, req->probability, req->seed, req->rule);

    segments::SegmentSource source;
    source.media = path;
    source.startSeconds = req->clip.start;
    source.audioSeconds = double(clip->audio.size()) / double(clip->audioRate);
    source.clipFrames = raw->frames;

    const QString outDir = p.value(QStringLiteral("out"));
    if (!QDir().mkpath(outDir)) {
        printError(kVerb, QStringLiteral("%1: cannot create the folder").arg(outDir));
        return ExitFailure;
    }
    const QString base = QDir(outDir).filePath(QFileInfo(path).completeBaseName() + QStringLiteral(".segments"));
    if (!writeJson(base + QStringLiteral(".json"), segments::segmentReport(source, *seg, *params, mask)))
        return ExitFailure;
    const QString title = QStringLiteral("%1: %2 segments, %3 masked (seed %4, p %5, patch rule %6)")
                              .arg(QFileInfo(path).fileName())
                              .arg(seg->segmentCount())
                              .arg(mask.maskedSegments.size())
                              .arg(req->seed)
                              .arg(req->probability)
                              .arg(segments::patchRuleName(req->rule));
    if (Status s =
            segments::writeSegmentImage(base + QStringLiteral(".png"), fbank.values.data(), *seg, mask, source, title);
        !s) {
        printError(kVerb, s.error().message);
        return ExitFailure;
    }
    printLine(QStringLiteral("%1: %2 frames, %3 segments, %4 masked (%5 of %6 tokens) -> %7.{json,png}")
                  .arg(path)
                  .arg(seg->frames)
                  .arg(seg->segmentCount())
                  .arg(mask.maskedSegments.size())
                  .arg(mask.maskedTokens)
                  .arg(mask.grid.numTokens())
                  .arg(base));
    return ExitOk;
}

} // namespace avt::batch
