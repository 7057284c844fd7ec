#pragma once
// Segment masking (paper 3.2.1, Figure 4b): whole audio activity segments are masked across
// all mel bins, then the frame mask is mapped onto AST's patch tokens.
//
//   auto spans = avt::model::spansFromBoundaries(boundaries, 1024);     // detector output
//   at::Generator gen = avt::model::maskGenerator(seed);
//   auto chosen = avt::model::chooseMaskedSegments(spans.size(), 0.04, gen);
//   at::Tensor frames = avt::model::frameMaskFromSpans(spans, chosen, 1024);   // [T] bool
//   at::Tensor tokens = avt::model::tokenMaskFromFrameMask(frames, grid);     // [Na] bool
//
// How many segments: exactly round(probability * numSegments) of them (half-way rounds up),
// chosen uniformly without replacement. So with the paper's 50 segments and 4 %, 2 segments
// are masked; with a single segment (silence) and 4 %, none is.
//
// Patch rule (AST patches are 16 frames wide with stride 10, so they overlap): a time patch
// is masked when at least `minMaskedFrames(rule, patch)` of its `patch` frames are masked:
//   Any  -> 1 frame,  Half -> ceil(patch / 2) frames (8 of 16; the default),  All -> patch.
// A masked time patch masks its token in every frequency row (the segment spans all mel
// bins). Frames past the last patch (T - 16 not a multiple of 10) belong to no token.
//
// All functions are deterministic for a given generator state and thread-safe (ATen locks the
// generator while drawing). Bad arguments throw c10::Error (TORCH_CHECK) naming the argument.
#include "model/masking/token_grid.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace avt::model {

// A segment as a half-open range of spectrogram frames [start, end).
struct FrameSpan {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t length() const { return end - start; }
};

enum class PatchCoverRule { Any, Half, All };

// A CPU generator seeded with `seed` (the seed overloads of all masking functions use it).
at::Generator maskGenerator(std::uint64_t seed);

// Segments [0, b0), [b0, b1), ..., [bk, frames) from strictly increasing boundaries inside
// (0, frames). frames >= 1.
std::vector<FrameSpan> spansFromBoundaries(const std::vector<std::int64_t> &boundaries, std::int64_t frames);

// Indices (sorted ascending) of round(probability * numSegments) segments, drawn uniformly
// without replacement. probability in [0, 1].
std::vector<std::int64_t> chooseMaskedSegments(std::int64_t numSegments, double probability, at::Generator gen);

// [frames] bool: true on the frames of the chosen spans.
at::Tensor frameMaskFromSpans(const std::vector<FrameSpan> &spans, const std::vector<std::int64_t> &chosen,
                              std::int64_t frames);

// Minimum number of masked frames that masks a patch `patch` frames wide under `rule`.
std::int64_t minMaskedFrames(PatchCoverRule rule, std::int64_t patch);

// [grid.numTokens()] bool from a [grid.frames] bool frame mask (see the patch rule above).
at::Tensor tokenMaskFromFrameMask(const at::Tensor &frameMask, const AudioPatchGrid &grid,
                                  PatchCoverRule rule = PatchCoverRule::Half);

// The whole step for one clip: choose segments, mask their frames, map onto tokens.
// Returns [grid.numTokens()] bool. spans must tile [0, grid.frames) or a prefix of it.
at::Tensor segmentTokenMask(const std::vector<FrameSpan> &spans, double probability, const AudioPatchGrid &grid,
                            at::Generator gen, PatchCoverRule rule = PatchCoverRule::Half);

} // namespace avt::model
