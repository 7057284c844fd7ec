#pragma once
// Pictures of Grad-CAM results for the viewer, drawn from the plain arrays of a ViewResult: a
// frame with its map blended over it (the export's blend: (1 - alpha) frame + alpha colour), the
// fbank with the audio map, and the difference of two maps in a diverging palette. Maps may be
// put on another scale first (several runs on one colour scale). Reentrant.
#include "core/explain/cam_view.h"

#include <QImage>

#include <array>
#include <cstdint>

namespace avt::widgets {

using ColourTable = std::array<std::uint32_t, 256>; // 0xRRGGBB per level (gradcam::colormapTable)

// Input frame t of v with the video map over it; scale multiplies the map (values clamp to
// [0, 1]); the picture's box is drawn when v has one and drawBox is set.
QImage camFrame(const gradcam::ViewResult &v, int t, const ColourTable &colours, double alpha, double scale,
                bool drawBox = true);
// The frame alone (alpha 0), for the filmstrip's first row and the difference view.
QImage plainFrame(const gradcam::ViewResult &v, int t);
// The fbank [T_a, F] as F rows (low frequencies at the bottom) x T_a columns, grey, with the
// audio map over it.
QImage camSpectrogram(const gradcam::ViewResult &v, const ColourTable &colours, double alpha, double scale);
// a's map minus b's map on frame t (each times its scale), blue where b is higher, red where a
// is, over a's frame. Both must have the same frame size and count (else a null image).
QImage camDifference(const gradcam::ViewResult &a, double scaleA, const gradcam::ViewResult &b, double scaleB, int t,
                     double alpha);
// The audio map difference on the spectrogram of a, likewise.
QImage camSpectrogramDifference(const gradcam::ViewResult &a, double scaleA, const gradcam::ViewResult &b,
                                double scaleB, double alpha);

// The colour of level x in [-1, 1] of the difference palette (blue, white, red), 0xRRGGBB.
std::uint32_t differenceColour(double x);

} // namespace avt::widgets
