#pragma once
// What the segment inspector draws over the model's spectrogram: the detector's activity curve
// and boundaries, and the segments that segment masking (paper 3.2.1) masks for one seed and
// probability, with the AST time patches that end up masked.
//
//   OverlayRequest r;                          // default detector, seed 0, 4 %
//   auto o = avt::preview::computeSegmentOverlay(in->input, r);
//   for (const auto &s : o->maskedSpans) shade(s.start, s.end);   // frames, 10 ms each
//
// Deterministic: the same input and request give the same overlay (segments are drawn with
// model::maskGenerator(seed)). Cost: well under a millisecond per 1024 frames plus the copy.
// Errors: invalid detector parameters (message of DetectorParams::validate()), a probability
// outside [0, 1], an empty input. Thread-safety: pure.
#include "core/audio/fbank.h"
#include "core/segments/detector.h"
#include "core/util/result.h"
#include "model/masking/segment_mask.h"

#include <cstdint>
#include <vector>

namespace avt::preview {

struct OverlayRequest {
    segments::DetectorParams params;                          // detector parameters (defaults: the paper's)
    std::uint64_t seed = 0;                                   // masking seed
    double probability = 0.04;                                // share of segments masked, [0, 1]
    model::PatchCoverRule rule = model::PatchCoverRule::Half; // frame mask -> AST time patches
};

struct SegmentOverlay {
    segments::Segmentation segmentation;         // boundaries, activity [T]
    std::vector<model::FrameSpan> spans;         // all segments, tiling [0, T)
    std::vector<std::int64_t> maskedSegments;    // indices into spans, ascending
    std::vector<model::FrameSpan> maskedSpans;   // the masked segments' frames
    std::vector<model::FrameSpan> maskedPatches; // frames of the masked AST time patches (merged)
    std::int64_t maskedTokens = 0;               // of the AST token grid (all frequency rows)
    std::int64_t totalTokens = 0;
};

// input: [frames, bins] (normally the normalised model input).
Result<SegmentOverlay> computeSegmentOverlay(const audio::FbankMatrix &input, const OverlayRequest &request);

} // namespace avt::preview
