#include "core/preview/model_input.h"

#include "core/media/decode.h"

#include <algorithm>

namespace avt::preview {

Result<ModelAudioInput> modelAudioInput(const audio::FbankMatrix &raw, const ModelInputOptions &options)
{
    auto stats = audio::findFbankStats(options.statsPreset);
    if (!stats)
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("unknown normalisation statistics '%1' (audioset, esc50, speechcommands)")
                             .arg(options.statsPreset));
    if (options.targetFrames < -1)
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("target length %1 frames: must be -1 (preset), 0 (clip) or positive")
                             .arg(options.targetFrames));
    const std::int64_t target = options.targetFrames < 0    ? stats->targetLength
                                : options.targetFrames == 0 ? raw.frames
                                                            : options.targetFrames;
    ModelAudioInput out;
    out.stats = *stats;
    out.contentFrames = std::min<std::int64_t>(raw.frames, target);
    out.input = audio::padOrCut(raw, target);
    audio::normalizeFbank(out.input, *stats);
    return out;
}

Result<ModelAudioInput> loadModelAudioInput(const QString &path, double startS, double endS,
                                            const ModelInputOptions &options)
{
    media::ClipRequest req;
    req.start = startS > 0 ? startS : 0.0;
    req.length = endS > req.start ? endS - req.start : 0.0;
    req.video = false;
    req.audio = true;
    req.timeoutSeconds = options.timeoutS;
    auto clip = media::decodeClip(path, req);
    if (!clip)
        return clip.error();
    auto raw = audio::computeFbank(clip->audio);
    if (!raw)
        return makeError(raw.error().code, QStringLiteral("%1: %2").arg(path, raw.error().message));
    auto in = modelAudioInput(*raw, options);
    if (!in)
        return in;
    in->start = clip->start;
    in->length = clip->length;
    return in;
}

} // namespace avt::preview
