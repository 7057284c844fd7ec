#pragma once
// Writes RGB frames as a video file with FFmpeg (container from the file suffix, e.g. .mp4):
// H.264 (yuv420p) when this FFmpeg has an H.264 encoder, else MPEG-4 Part 2. Odd sizes are
// padded to even ones by swscale's scaling to the next even size.
//
//   std::vector<const std::uint8_t *> rgb = ...;      // each w * h * 3 bytes, packed RGB24
//   avt::Status st = avt::media::writeVideo("out.mp4", rgb, w, h, 8.0);
//
// Errors name the file and FFmpeg's reason; a partly written file is removed.
// Thread-safety: reentrant.
#include "core/util/result.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace avt::media {

Status writeVideo(const QString &path, const std::vector<const std::uint8_t *> &rgbFrames, int width, int height,
                  double fps);

} // namespace avt::media
