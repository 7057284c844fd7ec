#pragma once
// Test media made at test time with the ffmpeg command-line tool (lavfi sources), so nothing
// binary is committed. Index-coded video: each frame is 64x64 grey with four 32x32 quadrants;
// quadrant q (top-left, top-right, bottom-left, bottom-right) holds digit q of the frame number
// in base 16 as the grey level 16 * digit + 8, so a decoded frame tells which frame it is.
#include <ATen/core/Tensor.h>
#include <QString>
#include <QStringList>

namespace avt::media::test {

// Runs `ffmpeg -hide_banner -loglevel error -y ARGS`; returns false (and prints ffmpeg's
// messages) when it fails.
bool runFfmpeg(const QStringList &args);

// The lavfi filter graph of an index-coded source: size 64x64 at `rate` fps.
QString indexSource(double rate);

// The frame number shown by a decoded index-coded frame [64, 64, 3] uint8; -1 when a quadrant
// is not a clean digit.
int decodeIndex(const at::Tensor &frame);

// Frequency of a sine, Hz, from its upward zero crossings (linear interpolation between
// samples); 0 when fewer than two crossings.
double zeroCrossingFrequency(const float *samples, size_t count, double rate);

} // namespace avt::media::test
