#pragma once
// What a trained run's audio decoder makes of a masked clip: the reconstruction errors and a
// three-panel PNG, for `avt-workbench --batch segments MEDIA --run RUN` (core/train/masked_reconstruction.h).
//
//   auto e = avt::segments::reconstructionErrors(input, recon, mask, frames * bins);
//   ReconstructionPicture pic{input, masked, recon, mask, frames, bins, ...};
//   avt::Status s = avt::segments::writeReconstructionImage(pngPath, pic);
//
// All matrices are row-major [frames, bins] float (the model's normalised fbank space:
// (log-mel - mean) / (2 std)); the element mask is [frames, bins] uint8, 1 = the element is
// covered by a masked AST patch (model::audioElementMask, exactly what losses.masked averages
// over), 0 = visible.
//
// PICTURE (OpenCV). Three panels on one time axis, top to bottom: "input" (the fbank as the
// model sees it, masked elements shaded white, detected boundaries as cyan lines), "masked
// input" (masked elements set to 0, as the model's zeroed tokens lose them), "reconstruction"
// (the decoder's output). Low mel bins at the bottom. One colour scale for all three panels:
// inferno over [min, max] of the input (values outside are clamped), with a colour bar and its
// limits on the right. The outline of the masked elements is drawn on all panels; frames past
// clipFrames (zero padding up to the model's length) are marked by a grey line. Size in
// pixels, with plot = clamp(3 * frames, 600, 2048) and panel = clamp(3 * bins, 128, 256):
//   width  = 140 + plot          (56 left margin, 84 right margin with the colour bar)
//   height = 132 + 3 * panel     (28 title, 18 label per panel, 2 gaps of 8, 34 time axis)
// Thread-safety: pure functions.
#include "core/segments/detector.h"
#include "core/segments/segment_export.h"
#include "core/util/result.h"

#include <QString>

#include <cstdint>

namespace avt::segments {

struct ReconstructionErrors {
    double maskedMse = 0.0;          // mean (reconstruction - input)^2 over masked elements
    double visibleMse = 0.0;         // the same over the visible elements
    std::int64_t maskedElements = 0; // 0: maskedMse is meaningless (reported as null)
    std::int64_t visibleElements = 0;
};

// Squared errors summed in double over count elements, split by elementMask.
ReconstructionErrors reconstructionErrors(const float *input, const float *reconstruction,
                                          const std::uint8_t *elementMask, std::int64_t count);

struct ReconstructionPicture {
    const float *input = nullptr;              // [frames, bins]
    const float *maskedInput = nullptr;        // [frames, bins]
    const float *reconstruction = nullptr;     // [frames, bins]
    const std::uint8_t *elementMask = nullptr; // [frames, bins], 1 = masked
    std::int64_t frames = 0;
    std::int64_t bins = 0;
    std::int64_t clipFrames = 0;          // frames holding audio (the rest is padding); <= 0: all
    std::vector<std::int64_t> boundaries; // detected segment boundaries, frames
    SegmentSource source;                 // start time and frame shift for the axis
    QString title;
};

// Pixel size of the picture for a [frames, bins] input (the formula above).
int reconstructionImageWidth(std::int64_t frames);
int reconstructionImageHeight(std::int64_t bins);

// Renders and writes the PNG. Errors: "invalid" (null data, frames or bins < 1), "io".
Status writeReconstructionImage(const QString &pngPath, const ReconstructionPicture &picture);

} // namespace avt::segments
