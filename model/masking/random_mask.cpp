// Random and tube token masks. A mask with exactly k of n entries true is drawn as the first
// k entries of a uniform random permutation (torch::randperm), which is what MAE-style
// "uniformly choose a proportion of tokens" means.
#include "model/masking/random_mask.h"

#include <torch/torch.h>

#include <cmath>

namespace avt::model {

namespace {

void checkRatio(double ratio)
{
    TORCH_CHECK(std::isfinite(ratio) && ratio >= 0.0 && ratio <= 1.0, "mask ratio must be in [0, 1], got ", ratio);
}

// [n] bool with k entries true at a uniform random choice of positions.
at::Tensor drawMask(std::int64_t n, std::int64_t k, at::Generator &gen)
{
    at::Tensor mask = torch::zeros({n}, torch::kBool);
    if (k <= 0)
        return mask;
    at::Tensor order = torch::randperm(n, gen, torch::TensorOptions().dtype(torch::kLong));
    mask.index_fill_(0, order.slice(0, 0, k), true);
    return mask;
}

} // namespace

std::int64_t maskedCount(std::int64_t n, double ratio)
{
    checkRatio(ratio);
    TORCH_CHECK(n >= 0, "token count must be >= 0, got ", n);
    // The small epsilon keeps products like 0.15 * 10 = 1.4999999999999998 rounding up, as
    // the exact value 1.5 would.
    const auto k = static_cast<std::int64_t>(std::floor(ratio * double(n) + 0.5 + 1e-9));
    return std::min(k, n);
}

at::Tensor randomTokenMask(std::int64_t numTokens, double ratio, at::Generator gen)
{
    const std::int64_t k = maskedCount(numTokens, ratio);
    return drawMask(numTokens, k, gen);
}

at::Tensor randomTokenMasks(std::int64_t batch, std::int64_t numTokens, double ratio, at::Generator gen)
{
    TORCH_CHECK(batch >= 0, "batch size must be >= 0, got ", batch);
    const std::int64_t k = maskedCount(numTokens, ratio);
    at::Tensor masks = torch::zeros({batch, numTokens}, torch::kBool); // [B, N]
    for (std::int64_t b = 0; b < batch; ++b)
        masks[b].copy_(drawMask(numTokens, k, gen));
    return masks;
}

at::Tensor tubeTokenMask(const VideoTokenGrid &grid, double ratio, at::Generator gen)
{
    TORCH_CHECK(grid.time >= 0 && grid.height >= 0 && grid.width >= 0,
                "video token grid must have non-negative sizes, got ", grid.time, "x", grid.height, "x", grid.width);
    const std::int64_t hw = grid.spatialTokens();
    at::Tensor spatial = drawMask(hw, maskedCount(hw, ratio), gen); // [h*w]
    // Same spatial mask for every time slice: [t, h*w] -> [t*h*w] (t-major token order).
    return spatial.unsqueeze(0).expand({grid.time, hw}).reshape({grid.numTokens()}).clone();
}

at::Tensor tubeTokenMasks(std::int64_t batch, const VideoTokenGrid &grid, double ratio, at::Generator gen)
{
    TORCH_CHECK(batch >= 0, "batch size must be >= 0, got ", batch);
    at::Tensor masks = torch::zeros({batch, grid.numTokens()}, torch::kBool); // [B, Nv]
    for (std::int64_t b = 0; b < batch; ++b)
        masks[b].copy_(tubeTokenMask(grid, ratio, gen));
    return masks;
}

} // namespace avt::model
