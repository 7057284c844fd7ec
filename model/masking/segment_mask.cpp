// Segment masks: segment choice, frame mask and the frame-to-token mapping for AST's
// overlapping patches. The per-frame work is plain loops over a prefix sum (a 10 s clip has
// 1024 frames and 1212 tokens), so a mask costs a few microseconds.
#include "model/masking/segment_mask.h"

#include "model/masking/random_mask.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>

namespace avt::model {

at::Generator maskGenerator(std::uint64_t seed) { return at::detail::createCPUGenerator(seed); }

std::vector<FrameSpan> spansFromBoundaries(const std::vector<std::int64_t> &boundaries, std::int64_t frames)
{
    TORCH_CHECK(frames >= 1, "spansFromBoundaries: frames must be >= 1, got ", frames);
    std::vector<FrameSpan> spans;
    spans.reserve(boundaries.size() + 1);
    std::int64_t start = 0;
    for (std::int64_t b : boundaries) {
        TORCH_CHECK(b > start && b < frames, "spansFromBoundaries: boundary ", b, " must be increasing and inside (0, ",
                    frames, ")");
        spans.push_back({start, b});
        start = b;
    }
    spans.push_back({start, frames});
    return spans;
}

std::vector<std::int64_t> chooseMaskedSegments(std::int64_t numSegments, double probability, at::Generator gen)
{
    TORCH_CHECK(numSegments >= 0, "chooseMaskedSegments: numSegments must be >= 0, got ", numSegments);
    const std::int64_t k = maskedCount(numSegments, probability);
    std::vector<std::int64_t> chosen;
    if (k == 0)
        return chosen;
    at::Tensor order = torch::randperm(numSegments, gen, torch::TensorOptions().dtype(torch::kLong));
    const std::int64_t *p = order.data_ptr<std::int64_t>();
    chosen.assign(p, p + k);
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

at::Tensor frameMaskFromSpans(const std::vector<FrameSpan> &spans, const std::vector<std::int64_t> &chosen,
                              std::int64_t frames)
{
    TORCH_CHECK(frames >= 0, "frameMaskFromSpans: frames must be >= 0, got ", frames);
    at::Tensor mask = torch::zeros({frames}, torch::kBool); // [T]
    bool *m = mask.data_ptr<bool>();
    for (std::int64_t index : chosen) {
        TORCH_CHECK(index >= 0 && index < std::int64_t(spans.size()), "frameMaskFromSpans: segment index ", index,
                    " out of range [0, ", spans.size(), ")");
        const FrameSpan &s = spans[size_t(index)];
        TORCH_CHECK(s.start >= 0 && s.start <= s.end && s.end <= frames, "frameMaskFromSpans: span [", s.start, ", ",
                    s.end, ") lies outside [0, ", frames, ")");
        std::fill(m + s.start, m + s.end, true);
    }
    return mask;
}

std::int64_t minMaskedFrames(PatchCoverRule rule, std::int64_t patch)
{
    switch (rule) {
    case PatchCoverRule::Any: return 1;
    case PatchCoverRule::Half: return (patch + 1) / 2;
    case PatchCoverRule::All: return patch;
    }
    return patch;
}

at::Tensor tokenMaskFromFrameMask(const at::Tensor &frameMask, const AudioPatchGrid &grid, PatchCoverRule rule)
{
    TORCH_CHECK(grid.patch > 0 && grid.stride > 0,
                "audio patch grid needs patch > 0 and "
                "stride > 0, got patch ",
                grid.patch, " stride ", grid.stride);
    TORCH_CHECK(frameMask.dim() == 1 && frameMask.size(0) == grid.frames,
                "tokenMaskFromFrameMask: frame mask must be [", grid.frames, "], got ", frameMask.sizes());
    const at::Tensor frames = frameMask.to(torch::kCPU, torch::kBool).contiguous(); // [T]
    const bool *m = frames.data_ptr<bool>();

    // masked[i] = number of masked frames among the first i.
    std::vector<std::int64_t> masked(size_t(grid.frames) + 1, 0);
    for (std::int64_t i = 0; i < grid.frames; ++i)
        masked[size_t(i) + 1] = masked[size_t(i)] + (m[i] ? 1 : 0);

    const std::int64_t need = minMaskedFrames(rule, grid.patch);
    const std::int64_t tDim = grid.timePatches();
    const std::int64_t fDim = grid.freqPatches();
    at::Tensor tokens = torch::zeros({fDim * tDim}, torch::kBool); // [Na], index f * tDim + t
    bool *tok = tokens.data_ptr<bool>();
    for (std::int64_t t = 0; t < tDim; ++t) {
        const std::int64_t a = grid.patchStart(t);
        if (masked[size_t(a + grid.patch)] - masked[size_t(a)] < need)
            continue;
        for (std::int64_t f = 0; f < fDim; ++f)
            tok[f * tDim + t] = true;
    }
    return tokens;
}

at::Tensor segmentTokenMask(const std::vector<FrameSpan> &spans, double probability, const AudioPatchGrid &grid,
                            at::Generator gen, PatchCoverRule rule)
{
    const auto chosen = chooseMaskedSegments(std::int64_t(spans.size()), probability, gen);
    return tokenMaskFromFrameMask(frameMaskFromSpans(spans, chosen, grid.frames), grid, rule);
}

} // namespace avt::model
