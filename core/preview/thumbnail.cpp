#include "core/preview/thumbnail.h"

#include "core/media/decode.h"
#include "core/preview/frames.h"

namespace avt::preview {

Result<RgbImage> decodeThumbnail(const QString &path, double startS, double endS, int shortSide, double timeoutS)
{
    if (shortSide < 8 || shortSide > 2048)
        return makeError(QStringLiteral("invalid-request"),
                         QStringLiteral("%1: thumbnail size %2 outside 8..2048").arg(path).arg(shortSide));
    media::ClipRequest req;
    req.start = startS > 0 ? startS : 0.0;
    req.length = (endS > req.start) ? endS - req.start : 0.0;
    req.numFrames = 1; // the frame nearest the window's centre
    req.shortSide = shortSide;
    req.cropSize = 0;
    req.audio = false;
    req.timeoutSeconds = timeoutS;
    auto clip = media::decodeClip(path, req);
    if (!clip)
        return clip.error();
    auto frames = framesToImages(clip->frames);
    if (frames.isEmpty())
        return makeError(QStringLiteral("empty"), QStringLiteral("%1: no frame decoded").arg(path));
    return frames.front();
}

} // namespace avt::preview
