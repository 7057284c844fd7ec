#include "core/preview/clip_preview.h"

#include "core/media/decode.h"
#include "core/media/probe.h"
#include "core/preview/frames.h"

#include <algorithm>
#include <cmath>

namespace avt::preview {

Result<ClipPreview> loadClipPreview(const QString &path, double startS, double endS, const PreviewOptions &options)
{
    // The window's length decides how many frames to sample; without an end, ask the file.
    double start = startS > 0 ? startS : 0.0;
    double length = endS > start ? endS - start : 0.0;
    if (length <= 0) {
        auto info = media::probeMedia(path, options.timeoutS);
        if (!info)
            return info.error();
        length = std::max(0.0, info->duration - start);
    }
    media::ClipRequest req;
    req.start = start;
    req.length = length;
    req.numFrames = std::clamp(int(std::ceil(length * options.framesPerSecond)), 1, options.maxFrames);
    req.shortSide = options.shortSide;
    req.cropSize = 0;
    req.audio = true;
    req.timeoutSeconds = options.timeoutS;
    auto clip = media::decodeClip(path, req);
    if (!clip && clip.error().code == QLatin1String("no-video")) {
        req.video = false; // audio-only file: the preview still shows the spectrogram
        clip = media::decodeClip(path, req);
    }
    if (!clip)
        return clip.error();

    ClipPreview out;
    out.start = clip->start;
    out.length = clip->length;
    out.frames = framesToImages(clip->frames);
    out.frameTimes = clip->frameTimes;
    out.hasAudio = clip->hasAudio;
    audio::FbankOptions fo;
    fo.sampleRate = clip->audioRate;
    auto fb = audio::computeFbank(clip->audio, fo);
    if (!fb)
        return makeError(fb.error().code, QStringLiteral("%1: %2").arg(path, fb.error().message));
    out.fbank = std::move(*fb);
    return out;
}

} // namespace avt::preview
