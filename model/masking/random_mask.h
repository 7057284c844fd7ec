#pragma once
// Random token masking (the MAV baseline, paper 3.2.1 / Figure 4a) for audio and video, and
// VideoMAE-style tube masking for video.
//
//   at::Generator gen = avt::model::maskGenerator(7);
//   at::Tensor a = avt::model::randomTokenMasks(8, grid.numTokens(), 0.04, gen);   // [8, Na]
//   at::Tensor v = avt::model::tubeTokenMasks(8, videoGrid, 0.04, gen);            // [8, Nv]
//
// Every mask holds exactly round(ratio * n) true entries (n = tokens, or spatial positions for
// tube masks), chosen uniformly without replacement; true means "masked" (the model zeroes that
// token after patch embedding). Tube masks draw one spatial mask [h * w] per sample and repeat
// it over all t time slices (token order t-major, see token_grid.h).
//
// Deterministic for a generator state; each sample of a batch gets its own draw. The results
// are CPU bool tensors; move them to the model's device. Thread-safe (the generator is locked
// while drawing). ratio outside [0, 1] or negative sizes throw c10::Error.
#include "model/masking/token_grid.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace avt::model {

// [numTokens] bool with round(ratio * numTokens) entries true.
at::Tensor randomTokenMask(std::int64_t numTokens, double ratio, at::Generator gen);
// [batch, numTokens] bool, an independent draw per row.
at::Tensor randomTokenMasks(std::int64_t batch, std::int64_t numTokens, double ratio, at::Generator gen);

// [grid.numTokens()] bool: one spatial mask with round(ratio * h * w) positions, repeated over
// all grid.time slices.
at::Tensor tubeTokenMask(const VideoTokenGrid &grid, double ratio, at::Generator gen);
// [batch, grid.numTokens()] bool, an independent spatial draw per row.
at::Tensor tubeTokenMasks(std::int64_t batch, const VideoTokenGrid &grid, double ratio, at::Generator gen);

// Number of masked entries out of n for a ratio: round(ratio * n), half-way up.
std::int64_t maskedCount(std::int64_t n, double ratio);

} // namespace avt::model
