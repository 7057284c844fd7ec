// Losses against hand-computed values.
#include "check.h"

#include "model/config/model_config.h"
#include "model/losses/losses.h"

#include <torch/torch.h>

#include <array>
#include <cmath>

using namespace avt::model;

namespace {

// Cross-entropy of one row of scores with the given target, in plain doubles.
double ce(const std::vector<double> &row, int target)
{
    double m = row[0];
    for (double v : row)
        m = std::max(m, v);
    double s = 0;
    for (double v : row)
        s += std::exp(v - m);
    return -(row[target] - m - std::log(s));
}

} // namespace

AVT_TEST(avc_loss_on_a_3x3_case)
{
    const double A[3][2] = {{3, 4}, {1, 0}, {0, -2}}; // norms 5, 1, 2
    const double V[3][2] = {{1, 1}, {0, 3}, {-1, 0}};
    const double tau = 0.07;
    // Normalise by hand, similarity s[i][j] = a_i . v_j / tau.
    double a[3][2], v[3][2], s[3][3];
    for (int i = 0; i < 3; ++i) {
        const double na = std::hypot(A[i][0], A[i][1]), nv = std::hypot(V[i][0], V[i][1]);
        for (int k = 0; k < 2; ++k) {
            a[i][k] = A[i][k] / na;
            v[i][k] = V[i][k] / nv;
        }
    }
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            s[i][j] = (a[i][0] * v[j][0] + a[i][1] * v[j][1]) / tau;
    double a2v = 0, v2a = 0;
    for (int i = 0; i < 3; ++i) {
        a2v += ce({s[i][0], s[i][1], s[i][2]}, i) / 3;
        v2a += ce({s[0][i], s[1][i], s[2][i]}, i) / 3;
    }
    const double want = (a2v + v2a) / 2;
    auto za = torch::tensor({3.0, 4.0, 1.0, 0.0, 0.0, -2.0}, torch::kDouble).reshape({3, 2});
    auto zv = torch::tensor({1.0, 1.0, 0.0, 3.0, -1.0, 0.0}, torch::kDouble).reshape({3, 2});
    CHECK_CLOSE(avcLoss(za, zv, tau).item<double>(), want, 1e-9);
    // Symmetric in the modalities; a perfectly aligned batch has a small loss.
    CHECK_CLOSE(avcLoss(zv, za, tau).item<double>(), want, 1e-9);
    CHECK(avcLoss(za, za, tau).item<double>() < want);
    auto t = torch::tensor(0.9);
    CHECK_CLOSE(clampTemperature(t), 0.5, 1e-7);
}

AVT_TEST(avm_hard_negatives_sampled_from_similarities)
{
    // Row i prefers column (i+1)%3 strongly: the sampled negative is that column.
    auto sim = torch::full({3, 3}, 0.0);
    for (int i = 0; i < 3; ++i) {
        sim.index_put_({i, i}, 100.0); // the positive must never be drawn
        sim.index_put_({i, (i + 1) % 3}, 20.0);
    }
    auto gen = at::make_generator<at::CPUGeneratorImpl>(42);
    auto neg = sampleHardNegatives(sim, gen);
    CHECK(neg.videoForAudio.equal(torch::tensor({1, 2, 0}, torch::kLong)));
    // Column j: audio (j-1)%3 has the large off-diagonal similarity.
    CHECK(neg.audioForVideo.equal(torch::tensor({2, 0, 1}, torch::kLong)));

    // Frequencies follow softmax with the diagonal removed.
    auto s2 = torch::tensor({0.0, 1.0, 2.0, 0.5, 0.0, -1.0, 3.0, 0.0, 0.0}).reshape({3, 3});
    auto g2 = at::make_generator<at::CPUGeneratorImpl>(123);
    const int n = 4000;
    int count01 = 0, diag = 0;
    for (int r = 0; r < n; ++r) {
        auto nn = sampleHardNegatives(s2, g2);
        count01 += nn.videoForAudio[0].item<int64_t>() == 1;
        for (int i = 0; i < 3; ++i)
            diag += nn.videoForAudio[i].item<int64_t>() == i || nn.audioForVideo[i].item<int64_t>() == i;
    }
    const double p01 = std::exp(1.0) / (std::exp(1.0) + std::exp(2.0)); // row 0 over columns 1, 2
    CHECK(diag == 0);
    CHECK_CLOSE(double(count01) / n, p01, 0.03);
    // Same seed, same draw.
    auto ga = at::make_generator<at::CPUGeneratorImpl>(5), gb = at::make_generator<at::CPUGeneratorImpl>(5);
    CHECK(sampleHardNegatives(s2, ga).videoForAudio.equal(sampleHardNegatives(s2, gb).videoForAudio));
    CHECK_THROWS(sampleHardNegatives(torch::zeros({1, 1})));
}

AVT_TEST(avm_loss_is_cross_entropy_over_pairs)
{
    auto pos = torch::tensor({0.0, 2.0, 1.0, 0.0}, torch::kDouble).reshape({2, 2});
    auto neg = torch::tensor({1.0, -1.0, 0.0, 0.0, 2.0, 1.0, -1.0, 0.5}, torch::kDouble).reshape({4, 2});
    double want = ce({0, 2}, 1) + ce({1, 0}, 1) + ce({1, -1}, 0) + ce({0, 0}, 0) + ce({2, 1}, 0) + ce({-1, 0.5}, 0);
    CHECK_CLOSE(avmLoss(pos, neg).item<double>(), want / 6, 1e-9);
}

AVT_TEST(classification_loss_with_label_smoothing)
{
    auto logits = torch::tensor({1.0, 2.0, 0.5}, torch::kDouble).reshape({1, 3});
    auto label = torch::tensor({1}, torch::kLong);
    const double lse = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(0.5));
    const double nll[3] = {lse - 1.0, lse - 2.0, lse - 0.5};
    CHECK_CLOSE(classificationLoss(logits, label).item<double>(), nll[1], 1e-9);
    const double eps = 0.1; // target (1-eps) one-hot + eps/C everywhere
    const double want = (1 - eps) * nll[1] + eps / 3 * (nll[0] + nll[1] + nll[2]);
    CHECK_CLOSE(classificationLoss(logits, label, eps).item<double>(), want, 1e-9);
}

AVT_TEST(masked_reconstruction_counts_only_masked_positions)
{
    auto target = torch::zeros({1, 2, 3});
    auto pred = torch::tensor({1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f}).reshape({1, 2, 3});
    auto mask = torch::tensor({1, 0, 1, 0, 0, 1}, torch::kBool).reshape({1, 2, 3});
    CHECK_CLOSE(maskedReconstructionLoss(pred, target, mask).item<double>(), (1.0 + 9.0 + 36.0) / 3, 1e-6);
    auto pred2 = pred.clone();
    pred2.index_put_({0, 0, 1}, 100.0f); // unmasked: no effect
    CHECK_CLOSE(maskedReconstructionLoss(pred2, target, mask).item<double>(), (1.0 + 9.0 + 36.0) / 3, 1e-6);
    CHECK_CLOSE(maskedReconstructionLoss(pred, target, torch::zeros_like(mask)).item<double>(), 0.0, 1e-12);

    // One masked AST patch covers exactly patch x patch spectrogram elements.
    AudioConfig a;
    auto tm = torch::zeros({1, a.numPatches()}, torch::kBool);
    tm.index_put_({0, 101 + 5}, true); // frequency row 1, time column 5
    auto em = audioElementMask(tm, a); // [1, T, F]
    CHECK(em.sizes() == (std::vector<int64_t>{1, 1024, 128}));
    CHECK(em.sum().item<int64_t>() == 256);
    CHECK(em[0][50][10].item<bool>() && em[0][65][25].item<bool>() && !em[0][66][10].item<bool>());
    // Video: a stem token covers 2 x 4 x 4 pixels.
    VideoConfig v;
    v.frames = 4;
    v.size = 32;
    auto vm = torch::zeros({1, v.numEmbedTokens()}, torch::kBool);
    vm.index_put_({0, 0}, true);
    auto ev = videoElementMask(vm, v);
    CHECK(ev.sizes() == (std::vector<int64_t>{1, 1, 4, 32, 32}));
    CHECK(ev.sum().item<int64_t>() == 32);
}

namespace {

// Element masks by brute force: every masked patch marks the elements it covers.
at::Tensor audioMaskByLoops(const at::Tensor &tokens, const AudioConfig &a)
{
    auto out = torch::zeros({tokens.size(0), a.frames, a.melBins}, torch::kBool);
    auto acc = out.accessor<bool, 3>();
    auto tm = tokens.accessor<bool, 2>();
    for (int64_t b = 0; b < tokens.size(0); ++b)
        for (int64_t pf = 0; pf < a.freqPatches(); ++pf)
            for (int64_t pt = 0; pt < a.timePatches(); ++pt)
                if (tm[b][pf * a.timePatches() + pt])
                    for (int64_t f = pf * a.fstride; f < pf * a.fstride + a.patch; ++f)
                        for (int64_t t = pt * a.tstride; t < pt * a.tstride + a.patch; ++t)
                            acc[b][t][f] = true;
    return out;
}

at::Tensor videoMaskByLoops(const at::Tensor &tokens, const VideoConfig &v, std::array<int64_t, 3> k)
{
    const auto g = v.embedGrid();
    auto out = torch::zeros({tokens.size(0), 1, v.frames, v.size, v.size}, torch::kBool);
    auto acc = out.accessor<bool, 5>();
    auto tm = tokens.accessor<bool, 2>();
    for (int64_t b = 0; b < tokens.size(0); ++b)
        for (int64_t i = 0; i < g[0] * g[1] * g[2]; ++i)
            if (tm[b][i]) {
                const int64_t gt = i / (g[1] * g[2]), gh = i / g[2] % g[1], gw = i % g[2];
                for (int64_t t = gt * k[0]; t < std::min(v.frames, (gt + 1) * k[0]); ++t)
                    for (int64_t y = gh * k[1]; y < std::min(v.size, (gh + 1) * k[1]); ++y)
                        for (int64_t x = gw * k[2]; x < std::min(v.size, (gw + 1) * k[2]); ++x)
                            acc[b][0][t][y][x] = true;
            }
    return out;
}

} // namespace

// Random token masks on grids that do not tile the input exactly (odd frame counts, sides that
// are not a multiple of the stem's stride, overlapping AST patches): the element masks equal a
// brute-force loop exactly. LibTorch 2.x's conv_transpose3d route got this wrong once.
AVT_TEST(element_masks_match_brute_force_on_uneven_grids)
{
    auto gen = at::detail::createCPUGenerator(7);
    AudioConfig a;
    a.melBins = 40;
    a.frames = 57;
    for (int64_t stride : {10, 16}) {
        a.fstride = a.tstride = stride;
        auto tm = torch::rand({3, a.numPatches()}, gen).lt(0.4);
        auto got = audioElementMask(tm, a);
        CHECK(got.sizes() == (std::vector<int64_t>{3, 57, 40}));
        CHECK(torch::equal(got, audioMaskByLoops(tm, a)));
    }
    for (int64_t frames : {4, 5, 8, 9}) {
        for (int64_t size : {32, 34, 37}) {
            VideoConfig v;
            v.frames = frames;
            v.size = size;
            auto tm = torch::rand({2, v.numEmbedTokens()}, gen).lt(0.5);
            auto got = videoElementMask(tm, v);
            CHECK(got.sizes() == (std::vector<int64_t>{2, 1, frames, size, size}));
            CHECK(torch::equal(got, videoMaskByLoops(tm, v, {2, 4, 4})));
        }
    }
    VideoConfig vit;
    vit.encoder = "vit";
    vit.frames = 8;
    vit.size = 48;
    vit.patch = 16;
    vit.tubelet = 2;
    auto tm = torch::rand({2, vit.numEmbedTokens()}, gen).lt(0.5);
    CHECK(torch::equal(videoElementMask(tm, vit), videoMaskByLoops(tm, vit, {2, 16, 16})));
    // All masked covers every element the grid reaches; none masked covers nothing.
    VideoConfig v;
    v.frames = 4;
    v.size = 32;
    CHECK(videoElementMask(torch::ones({1, v.numEmbedTokens()}, torch::kBool), v).all().item<bool>());
    CHECK(!videoElementMask(torch::zeros({1, v.numEmbedTokens()}, torch::kBool), v).any().item<bool>());
}
