#pragma once
// Token grids of the two encoders, as the masking functions see them.
//
// Audio (AST): a spectrogram [B, 1, F, T] (F mel bins, T frames) is cut into patches of
// `patch` x `patch` with stride `stride` along both axes (16 and 10 in AST, so neighbouring
// patches overlap by 6 frames / bins). The grid is freqPatches() x timePatches() with
//   freqPatches = (F - patch) / stride + 1      (12 for F = 128)
//   timePatches = (T - patch) / stride + 1      (101 for T = 1024)
// and tokens are frequency-major: token index = f * timePatches + t. Time patch t covers the
// frames [t * stride, t * stride + patch).
//
// Video (UniFormer final stage): a grid of t x h x w tokens in time-major order:
// token index = (ti * h + hi) * w + wi.
#include <cstdint>

namespace avt::model {

struct AudioPatchGrid {
    std::int64_t melBins = 128; // F: spectrogram height (mel bins)
    std::int64_t frames = 1024; // T: spectrogram width (frames of 10 ms)
    std::int64_t patch = 16;    // patch side, bins and frames
    std::int64_t stride = 10;   // patch stride along both axes

    std::int64_t freqPatches() const { return axisPatches(melBins); }
    std::int64_t timePatches() const { return axisPatches(frames); }
    std::int64_t numTokens() const { return freqPatches() * timePatches(); }
    // First frame of time patch t; the patch covers [patchStart(t), patchStart(t) + patch).
    std::int64_t patchStart(std::int64_t t) const { return t * stride; }

private:
    std::int64_t axisPatches(std::int64_t n) const
    {
        return (patch <= 0 || stride <= 0 || n < patch) ? 0 : (n - patch) / stride + 1;
    }
};

struct VideoTokenGrid {
    std::int64_t time = 8;   // t: token slices along time (frames / 2 for UniFormer)
    std::int64_t height = 7; // h
    std::int64_t width = 7;  // w

    std::int64_t spatialTokens() const { return height * width; }
    std::int64_t numTokens() const { return time * height * width; }
};

} // namespace avt::model
