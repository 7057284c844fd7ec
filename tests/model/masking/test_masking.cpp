// Tests for model/masking: token grids, segment masks with the patch-coverage rule, random and
// tube masks. Known answers are worked out by hand in the comments; the coverage rule is also
// checked against a brute-force count on random frame masks.
#include "check.h"

#include "model/masking/random_mask.h"
#include "model/masking/segment_mask.h"

#include <torch/torch.h>

#include <random>

using namespace avt::model;

namespace {

// Masked time patches of a token mask, read from frequency row 0; also checks all rows agree.
std::vector<std::int64_t> maskedTimePatches(const at::Tensor &tokens, const AudioPatchGrid &g)
{
    at::Tensor grid = tokens.view({g.freqPatches(), g.timePatches()}); // [f, t]
    CHECK(torch::equal(grid, grid[0].unsqueeze(0).expand_as(grid)));
    std::vector<std::int64_t> out;
    for (std::int64_t t = 0; t < g.timePatches(); ++t)
        if (grid[0][t].item<bool>())
            out.push_back(t);
    return out;
}

at::Tensor frameMaskRange(std::int64_t frames, std::int64_t a, std::int64_t b)
{
    at::Tensor m = torch::zeros({frames}, torch::kBool);
    m.slice(0, a, b).fill_(true);
    return m;
}

} // namespace

AVT_TEST(audio_grid_matches_ast)
{
    AudioPatchGrid g; // 128 x 1024, patch 16, stride 10
    CHECK(g.freqPatches() == 12);
    CHECK(g.timePatches() == 101);
    CHECK(g.numTokens() == 1212);
    g.frames = 15; // shorter than one patch
    CHECK(g.timePatches() == 0);
}

AVT_TEST(spans_tile_the_clip)
{
    auto spans = spansFromBoundaries({10, 25, 90}, 100);
    CHECK(spans.size() == 4);
    CHECK(spans[0].start == 0 && spans[0].end == 10);
    CHECK(spans[1].start == 10 && spans[1].end == 25);
    CHECK(spans[3].start == 90 && spans[3].end == 100);
    CHECK(spansFromBoundaries({}, 50).size() == 1);
    CHECK_THROWS(spansFromBoundaries({10, 10}, 100));
    CHECK_THROWS(spansFromBoundaries({0}, 100));
    CHECK_THROWS(spansFromBoundaries({100}, 100));
}

AVT_TEST(segment_choice_count_and_determinism)
{
    CHECK(chooseMaskedSegments(50, 0.04, maskGenerator(1)).size() == 2); // the paper's setting
    CHECK(chooseMaskedSegments(1, 0.04, maskGenerator(1)).empty());      // silence: 1 segment
    CHECK(chooseMaskedSegments(10, 0.15, maskGenerator(1)).size() == 2); // 1.5 rounds up
    CHECK(chooseMaskedSegments(10, 1.0, maskGenerator(1)).size() == 10);
    CHECK(chooseMaskedSegments(0, 0.5, maskGenerator(1)).empty());
    CHECK_THROWS(chooseMaskedSegments(10, 1.5, maskGenerator(1)));
    CHECK_THROWS(chooseMaskedSegments(10, -0.1, maskGenerator(1)));

    const auto a = chooseMaskedSegments(50, 0.2, maskGenerator(42));
    const auto b = chooseMaskedSegments(50, 0.2, maskGenerator(42));
    CHECK(a == b);
    CHECK(a.size() == 10);
    CHECK(std::is_sorted(a.begin(), a.end()));
    CHECK(std::adjacent_find(a.begin(), a.end()) == a.end()); // no repeats
    for (auto i : a)
        CHECK(i >= 0 && i < 50);
    bool someDiffer = false;
    for (std::uint64_t seed = 43; seed < 48; ++seed)
        someDiffer |= chooseMaskedSegments(50, 0.2, maskGenerator(seed)) != a;
    CHECK(someDiffer);

    // Every segment gets chosen eventually: the choice is not stuck on a subset.
    std::vector<int> hits(20, 0);
    at::Generator gen = maskGenerator(5);
    for (int r = 0; r < 200; ++r)
        for (auto i : chooseMaskedSegments(20, 0.1, gen))
            hits[size_t(i)]++;
    for (int h : hits)
        CHECK(h > 0);
}

AVT_TEST(frame_mask_covers_chosen_spans)
{
    auto spans = spansFromBoundaries({10, 25, 90}, 100);
    at::Tensor m = frameMaskFromSpans(spans, {1, 3}, 100);
    CHECK(m.sizes() == torch::IntArrayRef({100}));
    CHECK(m.sum().item<std::int64_t>() == 15 + 10);
    CHECK(m.slice(0, 10, 25).all().item<bool>());
    CHECK(m.slice(0, 90, 100).all().item<bool>());
    CHECK(!m.slice(0, 0, 10).any().item<bool>());
    CHECK(!m.slice(0, 25, 90).any().item<bool>());
    CHECK_THROWS(frameMaskFromSpans(spans, {4}, 100));
}

AVT_TEST(patch_rule_known_answers)
{
    AudioPatchGrid g;
    g.frames = 100; // time patches 0..8: patch t covers frames [10t, 10t + 16)
    CHECK(g.timePatches() == 9);
    CHECK(minMaskedFrames(PatchCoverRule::Half, 16) == 8);

    // Frames [0, 8): patch 0 has 8 of 16 masked -> Half and Any mask it, All does not.
    at::Tensor eight = frameMaskRange(100, 0, 8);
    CHECK(maskedTimePatches(tokenMaskFromFrameMask(eight, g, PatchCoverRule::Half), g) == std::vector<std::int64_t>{0});
    CHECK(maskedTimePatches(tokenMaskFromFrameMask(eight, g, PatchCoverRule::Any), g) == std::vector<std::int64_t>{0});
    CHECK(maskedTimePatches(tokenMaskFromFrameMask(eight, g, PatchCoverRule::All), g).empty());
    // Frames [0, 7): 7 of 16 -> not enough for Half.
    CHECK(maskedTimePatches(tokenMaskFromFrameMask(frameMaskRange(100, 0, 7), g), g).empty());

    // Frames [10, 26) = exactly patch 1. Patch 0 (0..15) sees 6 frames, patch 2 (20..35) 6.
    at::Tensor one = frameMaskRange(100, 10, 26);
    CHECK(maskedTimePatches(tokenMaskFromFrameMask(one, g, PatchCoverRule::All), g) == std::vector<std::int64_t>{1});
    CHECK(maskedTimePatches(tokenMaskFromFrameMask(one, g, PatchCoverRule::Half), g) == std::vector<std::int64_t>{1});
    CHECK(maskedTimePatches(tokenMaskFromFrameMask(one, g, PatchCoverRule::Any), g)
          == (std::vector<std::int64_t>{0, 1, 2}));

    // Each masked time patch masks a whole column: 12 tokens.
    at::Tensor tok = tokenMaskFromFrameMask(one, g);
    CHECK(tok.sum().item<std::int64_t>() == 12);
    CHECK(tok[0 * 9 + 1].item<bool>() && tok[11 * 9 + 1].item<bool>());

    // Frames past the last patch belong to no token: T = 1030 -> 102 patches, last = 1010..1025.
    AudioPatchGrid h;
    h.frames = 1030;
    CHECK(h.timePatches() == 102);
    CHECK(tokenMaskFromFrameMask(frameMaskRange(1030, 1026, 1030), h, PatchCoverRule::Any).sum().item<std::int64_t>()
          == 0);
    CHECK_THROWS(tokenMaskFromFrameMask(frameMaskRange(99, 0, 5), g));
}

AVT_TEST(patch_rule_matches_brute_force)
{
    std::mt19937 rng(3);
    AudioPatchGrid g;
    g.frames = 1024;
    for (int trial = 0; trial < 20; ++trial) {
        // Random runs of masked frames.
        at::Tensor m = torch::zeros({g.frames}, torch::kBool);
        for (int k = 0; k < 6; ++k) {
            const std::int64_t a = std::int64_t(rng() % 1000), len = std::int64_t(rng() % 40);
            m.slice(0, a, std::min<std::int64_t>(a + len, g.frames)).fill_(true);
        }
        for (auto rule : {PatchCoverRule::Any, PatchCoverRule::Half, PatchCoverRule::All}) {
            at::Tensor tok = tokenMaskFromFrameMask(m, g, rule).view({12, 101});
            for (std::int64_t t = 0; t < 101; ++t) {
                const auto count = m.slice(0, 10 * t, 10 * t + 16).sum().item<std::int64_t>();
                const bool expect = count >= minMaskedFrames(rule, 16);
                CHECK(tok[5][t].item<bool>() == expect);
            }
        }
    }
}

AVT_TEST(segment_token_mask_end_to_end)
{
    AudioPatchGrid g; // 1024 frames
    std::vector<std::int64_t> bounds;
    for (std::int64_t b = 20; b < 1024; b += 20)
        bounds.push_back(b); // 51 segments of 20 frames (the last one 4)
    const auto spans = spansFromBoundaries(bounds, 1024);
    at::Tensor a = segmentTokenMask(spans, 0.1, g, maskGenerator(9));
    at::Tensor b = segmentTokenMask(spans, 0.1, g, maskGenerator(9));
    CHECK(a.sizes() == torch::IntArrayRef({1212}));
    CHECK(a.dtype() == torch::kBool);
    CHECK(torch::equal(a, b));
    // 5 segments of 20 frames: each covers at least one whole patch, so something is masked,
    // and at most 5 * 3 time patches (a 20-frame run reaches >= 8 frames of at most 3 patches).
    const auto cols = maskedTimePatches(a, g);
    CHECK(!cols.empty());
    CHECK(cols.size() <= 15);
}

AVT_TEST(random_masks_exact_count_and_deterministic)
{
    at::Tensor m = randomTokenMask(1212, 0.04, maskGenerator(1));
    CHECK(m.sizes() == torch::IntArrayRef({1212}));
    CHECK(m.sum().item<std::int64_t>() == 48); // round(48.48)
    CHECK(torch::equal(m, randomTokenMask(1212, 0.04, maskGenerator(1))));
    CHECK(!torch::equal(m, randomTokenMask(1212, 0.04, maskGenerator(2))));
    CHECK(randomTokenMask(10, 0.0, maskGenerator(1)).sum().item<std::int64_t>() == 0);
    CHECK(randomTokenMask(10, 1.0, maskGenerator(1)).sum().item<std::int64_t>() == 10);
    CHECK_THROWS(randomTokenMask(10, 1.01, maskGenerator(1)));

    at::Tensor batch = randomTokenMasks(4, 392, 0.75, maskGenerator(3)); // [4, 392]
    CHECK(batch.sizes() == torch::IntArrayRef({4, 392}));
    CHECK(torch::equal(batch.sum(1), torch::full({4}, 294, torch::kLong)));
    CHECK(!torch::equal(batch[0], batch[1]));
    CHECK(torch::equal(batch, randomTokenMasks(4, 392, 0.75, maskGenerator(3))));
}

AVT_TEST(tube_masks_repeat_over_time)
{
    VideoTokenGrid g{8, 7, 7};
    at::Tensor m = tubeTokenMask(g, 0.5, maskGenerator(4)); // round(24.5) = 25 per slice
    CHECK(m.sizes() == torch::IntArrayRef({392}));
    at::Tensor slices = m.view({8, 49});
    CHECK(torch::equal(slices, slices[0].unsqueeze(0).expand_as(slices)));
    CHECK(slices[0].sum().item<std::int64_t>() == 25);
    CHECK(m.sum().item<std::int64_t>() == 200);

    at::Tensor batch = tubeTokenMasks(3, g, 0.9, maskGenerator(4)); // [3, 392]
    CHECK(batch.sizes() == torch::IntArrayRef({3, 392}));
    for (int b = 0; b < 3; ++b) {
        at::Tensor s = batch[b].view({8, 49});
        CHECK(torch::equal(s, s[0].unsqueeze(0).expand_as(s)));
        CHECK(s[0].sum().item<std::int64_t>() == 44); // round(44.1)
    }
    CHECK(!torch::equal(batch[0], batch[1]));
    CHECK(torch::equal(batch, tubeTokenMasks(3, g, 0.9, maskGenerator(4))));
}

int main(int argc, char **argv) { return avt::test::runAll(argc, argv); }
