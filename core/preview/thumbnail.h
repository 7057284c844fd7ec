#pragma once
// Thumbnails of clips for the dataset browser: one frame from the middle of the clip's window,
// scaled so its shorter side is `shortSide` pixels (aspect kept, no crop).
//
//   auto thumb = avt::preview::decodeThumbnail(path, clip.startS, clip.endS, 64);
//   if (thumb) image = QImage(...thumb->pixels...);
//
// Cost: one seek and a few decoded frames (milliseconds for the demo clips). Never call it on
// the GUI thread. Errors are those of media::decodeClip (missing, corrupt, no-video, ...).
// Thread-safety: reentrant (every call opens its own demuxer and decoder).
#include "core/preview/rgb_image.h"
#include "core/util/result.h"

#include <QString>

namespace avt::preview {

// startS / endS: the clip's window in seconds (-1 = the file's start / end).
Result<RgbImage> decodeThumbnail(const QString &path, double startS, double endS, int shortSide,
                                 double timeoutS = 10.0);

} // namespace avt::preview
