#pragma once
// The random resized crop of training (short side scale jitter, then a crop), computed for the
// crop's pixels only and straight into the model's normalised float planes. Private to
// core/loader (SamplePipeline::videoInput).
//
// What it computes is what the official UniFormer / SlowFast pipelines do in float: the whole
// frame resized to resizedH x resizedW with bilinear interpolation and pixel centres aligned
// (torch.nn.functional.interpolate(mode="bilinear", align_corners=False): source coordinate
// (dst + 0.5) * in / out - 0.5, below 0 taken as 0, the last row / column repeated), then the
// S x S crop at (top, left), optionally mirrored, each channel normalised as (v / 255 - mean) / std.
// Because normalisation is affine per channel, interpolating the uint8 values and normalising
// the result gives the same numbers as interpolating normalised frames, to float rounding; no
// intermediate is rounded to uint8.
//
//   ResizedCrop g{H, W, h, w, top, left, S, flip};
//   resizedCropToPlanes(frames.data_ptr<uint8_t>(), T, g, mean, std, out.data_ptr<float>());
#include <cstdint>

namespace avt::loader::detail {

struct ResizedCrop {
    int srcH = 0, srcW = 0;         // source frame size, pixels
    int resizedH = 0, resizedW = 0; // the size the whole frame is resized to
    int top = 0, left = 0;          // crop offset in the resized frame
    int size = 0;                   // crop side S
    bool flip = false;              // mirror the crop horizontally
};

// frames: T source frames [T, srcH, srcW, 3] uint8 RGB, contiguous. out: [3, T, S, S] float,
// contiguous (channel planes, as the model's video input).
void resizedCropToPlanes(const std::uint8_t *frames, int T, const ResizedCrop &g, const float mean[3],
                         const float std[3], float *out);

} // namespace avt::loader::detail
