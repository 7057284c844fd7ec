#pragma once
// Audio activity segments (paper 3.2.1, Figure 4b) from the model's own fbank.
//
//   auto seg = avt::segments::detectSegments(fbank, params);    // fbank [T, 128] float, CPU
//   if (!seg) return seg.error();
//   for (const auto &span : seg->spans()) ...                   // [start, end) frames
//
// Steps, all along time (axis 0 of the [frames, bins] fbank):
//   1. Savitzky-Golay smoothing of every mel bin (smoothWindow, smoothOrder; scipy 'interp');
//   2. temporal gradient (numpy.gradient), absolute value, mean over the mel bins;
//   3. Savitzky-Golay smoothing of that curve (activityWindow, activityOrder) -> activity[T];
//   4. change points: frames whose activity is the largest within +-peakRadius, above
//      minActivity and relativeThreshold * max(activity), at least minSegmentFrames from both
//      clip ends; the strongest are taken first, each one closer than minSegmentFrames to an
//      accepted one is skipped, until maxSegments - 1 are accepted.
// A boundary b is the first frame of a new segment, so the segments are [0, b0), [b0, b1), ...,
// [b_last, T). For Kaldi fbank frame f analyses [f * 10 ms, f * 10 ms + 25 ms) (AST's 1024
// frames = 10.24 s). On the log scale a sound shows as soon as part of it enters a window, so
// a sound [s, e) is found as the frames from the first window overlapping s to the first
// window starting after e: exactly the frames that hold it, which is what masking needs
// (within 1 frame on the tests' tones and drum hits).
//
// Cost: O(frames x bins x (smoothWindow / 2 + 1)) in one pass over the fbank, no allocation per
// frame; well under 0.2 ms for 1024 x 128 with the defaults (see benchmarkSegmentsMsPer10s()).
//
// Thread-safety: detectSegments() and SegmentDetector::detect() are pure (no shared state), so
// data-loader workers may call them concurrently and cache the result per clip; key caches
// with DetectorParams::cacheKey(). Deterministic: the same input gives the same output.
#include "core/segments/activity.h"
#include "core/segments/detector_params.h"
#include "core/util/result.h"
#include "model/masking/segment_mask.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace avt::segments {

struct Segmentation {
    std::int64_t frames = 0;              // T
    std::int64_t bins = 0;                // M
    std::vector<std::int64_t> boundaries; // increasing, each in [minSegmentFrames, T - minSegmentFrames]
    std::vector<double> boundaryActivity; // activity at each boundary (same order)
    std::vector<double> activity;         // [T] smoothed activity curve (step 3)

    std::int64_t segmentCount() const { return std::int64_t(boundaries.size()) + 1; }
    // The segments as frame spans tiling [0, frames).
    std::vector<model::FrameSpan> spans() const;
};

// A detector with its filters precomputed for one parameter set; detect() is const and may
// run on many threads at once.
class SegmentDetector {
public:
    // Fails with the error of params.validate().
    static Result<SegmentDetector> create(const DetectorParams &params);

    const DetectorParams &params() const { return m_params; }

    // fbank: [frames, bins] float32 or float64 on the CPU (any strides). Errors (code
    // "invalid") for other shapes, dtypes or devices, and for non-finite values.
    Result<Segmentation> detect(const at::Tensor &fbank) const;
    // Row-major [frames, bins] float data; the same checks.
    Result<Segmentation> detect(const float *fbank, std::int64_t frames, std::int64_t bins) const;

private:
    explicit SegmentDetector(const DetectorParams &params);
    void pickBoundaries(Segmentation &seg) const;

    DetectorParams m_params;
    ActivityKernel m_kernel;
    SavgolFilter m_activitySmoothing;
};

// One-shot form: validates params, builds the filters and detects.
Result<Segmentation> detectSegments(const at::Tensor &fbank, const DetectorParams &params);

} // namespace avt::segments
