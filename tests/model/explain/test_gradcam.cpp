// Tests for model/explain (Grad-CAM): the weighting formulas against a loop-by-loop reference,
// the class-activation-map identity through the whole model (a mean-pooled map under a linear
// head), interpolation at receptive-field centres, layer listing, default layers that reach the
// score, and errors.
#include "check.h"

#include "model/explain/gradcam.h"
#include "model/layers/taps.h"

#include <torch/torch.h>

#include <cmath>

using namespace avt::model;

namespace {

// Loop-by-loop reference of camFromActivations on [C, T, S] tensors.
at::Tensor referenceCam(const at::Tensor &A, const at::Tensor &G, CamMethod method, CamWeighting weighting)
{
    const int64_t C = A.size(0), T = A.size(1), S = A.size(2);
    auto a = A.accessor<float, 3>();
    auto g = G.accessor<float, 3>();
    at::Tensor cam = torch::zeros({T, S});
    auto out = cam.accessor<float, 2>();
    for (int64_t t = 0; t < T; ++t) {
        const int64_t t0 = weighting == CamWeighting::Clip ? 0 : t, t1 = weighting == CamWeighting::Clip ? T : t + 1;
        for (int64_t c = 0; c < C; ++c) {
            double w = 0, sumA = 0, n = 0;
            for (int64_t u = t0; u < t1; ++u)
                for (int64_t s = 0; s < S; ++s) {
                    sumA += a[c][u][s];
                    n += 1;
                }
            for (int64_t u = t0; u < t1; ++u)
                for (int64_t s = 0; s < S; ++s) {
                    const double gv = g[c][u][s];
                    if (method == CamMethod::GradCam) {
                        w += gv / n;
                    } else {
                        const double d = 2 * gv * gv + sumA * gv * gv * gv;
                        const double alpha = d != 0 ? gv * gv / d : 0.0;
                        w += alpha * std::max(gv, 0.0);
                    }
                }
            for (int64_t s = 0; s < S; ++s)
                out[t][s] += float(w * a[c][t][s]);
        }
        for (int64_t s = 0; s < S; ++s)
            out[t][s] = std::max(out[t][s], 0.0f);
    }
    return cam;
}

ModelConfig tinyConfig(const std::string &mode)
{
    ModelConfig c = *ModelConfig::preset("avt-tiny");
    c.fusion.mode = mode;
    c.video.enabled = mode != "audio";
    c.audio.enabled = mode != "video";
    return c;
}

AvtInputs randomInputs(const ModelConfig &c, int64_t batch = 1)
{
    AvtInputs in;
    if (c.hasAudio())
        in.audio = torch::randn({batch, c.audio.frames, c.audio.melBins});
    if (c.hasVideo())
        in.video = torch::randn({batch, 3, c.video.frames, c.video.size, c.video.size});
    return in;
}

} // namespace

AVT_TEST(cam_weighting_matches_loop_reference)
{
    torch::manual_seed(3);
    const auto A = torch::randn({6, 4, 5}).abs(); // activations after GELU/ReLU-ish layers
    const auto G = torch::randn({6, 4, 5});
    for (auto m : {CamMethod::GradCam, CamMethod::GradCamPlusPlus})
        for (auto w : {CamWeighting::PerTimeSlice, CamWeighting::Clip}) {
            const auto ours = camFromActivations(A, G, m, w);
            const auto ref = referenceCam(A, G, m, w);
            CHECK(ours.sizes() == ref.sizes());
            CHECK_CLOSE((ours - ref).abs().max().item<double>(), 0.0, 1e-5);
        }
}

AVT_TEST(cam_weighting_hand_example)
{
    // One channel, two slices of two positions. Grad-CAM per slice: w = (1, -1) means per
    // slice -> slice 0: A * 1, slice 1: relu(A * -1) = 0. Clip: w = 0 -> all zero.
    const auto A = torch::tensor({1.0f, 2.0f, 3.0f, 4.0f}).view({1, 2, 2});
    const auto G = torch::tensor({1.0f, 1.0f, -1.0f, -1.0f}).view({1, 2, 2});
    const auto slice = camFromActivations(A, G, CamMethod::GradCam, CamWeighting::PerTimeSlice);
    CHECK(torch::equal(slice, torch::tensor({1.0f, 2.0f, 0.0f, 0.0f}).view({2, 2})));
    const auto clip = camFromActivations(A, G, CamMethod::GradCam, CamWeighting::Clip);
    CHECK(clip.abs().sum().item<double>() == 0.0);
    // Grad-CAM++ per slice 0: sumA = 3, alpha = 1 / (2 + 3) = 0.2 at both, w = 0.4 -> 0.4 A.
    const auto pp = camFromActivations(A, G, CamMethod::GradCamPlusPlus, CamWeighting::PerTimeSlice);
    CHECK_CLOSE(pp[0][0].item<double>(), 0.4, 1e-6);
    CHECK_CLOSE(pp[0][1].item<double>(), 0.8, 1e-6);
    CHECK(pp[1].abs().sum().item<double>() == 0.0); // relu(G) = 0 in slice 1
}

AVT_TEST(interpolation_places_cells_at_centres)
{
    // AST time axis: patch 16, stride 10 -> cell i at frame 10 i + 7.5.
    const auto m = centreInterpolation(5, 56, 10.0, 7.5);
    CHECK(m.sizes() == (std::vector<int64_t>{56, 5}));
    CHECK_CLOSE((m.sum(1) - 1).abs().max().item<double>(), 0.0, 1e-6);
    CHECK_CLOSE(m[0][0].item<double>(), 1.0, 1e-6);   // before the first centre: clamped
    CHECK_CLOSE(m[12][0].item<double>(), 0.55, 1e-6); // 12 = 7.5 + 4.5: 0.55 cell 0, 0.45 cell 1
    CHECK_CLOSE(m[12][1].item<double>(), 0.45, 1e-6);
    CHECK_CLOSE(m[55][4].item<double>(), 1.0, 1e-6); // past the last centre (47.5): clamped
    // Pixels of a stride-4 grid: cell i centred on 4 i + 1.5 -> pixels 1 and 2 split evenly.
    const auto p = centreInterpolation(3, 12, 4.0, 1.5);
    CHECK_CLOSE(p[1][0].item<double>(), 1.0, 1e-6);
    CHECK_CLOSE(p[5][1].item<double>(), 0.875, 1e-6);
    CHECK_CLOSE(p[6][1].item<double>(), 0.875, 1e-6);
}

AVT_TEST(layers_are_listed_with_grids)
{
    torch::manual_seed(0);
    AvtModel net(tinyConfig("avt"));
    const auto layers = camLayers(*net);
    const ModelConfig &c = net->config();
    auto find = [&](const std::string &n) -> const CamLayer * {
        for (const auto &l : layers)
            if (l.name == n)
                return &l;
        return nullptr;
    };
    const std::string v = defaultCamLayer(*net, CamModality::Video), a = defaultCamLayer(*net, CamModality::Audio);
    // avt-tiny's 112 pixels: the last stage is 3 x 3, so the default is stage 3 (7 x 7).
    CHECK(v == "video.blocks3." + std::to_string(c.video.depths[2] - 1));
    VideoConfig sized = c.video;
    for (auto [size, stage] : {std::pair<int64_t, int64_t>{224, 4}, {160, 3}, {112, 3}, {64, 2}, {32, 1}}) {
        sized.size = size;
        CHECK(camStageFor(sized) == stage);
    }
    CHECK(camStageFor(ModelConfig::preset("avt-base")->video) == 4); // the paper's model: its last stage
    CHECK(a == "audio.blocks." + std::to_string(c.audio.depth - 1));
    const CamLayer *lv = find("video.blocks4." + std::to_string(c.video.depths.back() - 1)), *la = find(a),
                   *lf = find("fusion.video_blocks.0");
    CHECK(lv && la && lf);
    if (!lv || !la || !lf)
        return;
    CHECK(lv->grid == c.video.finalGrid() && !lv->tokens && lv->modality == CamModality::Video);
    CHECK(lv->shape == (std::vector<int64_t>{1, c.video.widths.back(), lv->grid[0], lv->grid[1], lv->grid[2]}));
    CHECK(la->grid == (std::vector<int64_t>{c.audio.freqPatches(), c.audio.timePatches()}) && la->leadingTokens == 2);
    CHECK(la->shape[1] == 2 + c.audio.numPatches());
    CHECK(lf->tokens && lf->leadingTokens == 1 && lf->grid == c.video.finalGrid());
    CHECK(find("video.patch_embed1") && find("video.blocks1.0") && find("audio.norm") && find("fusion.audio_blocks.0"));
    // UniFormer's cells cover [s i, s i + s) with s = 4, 8, 16, 32 by stage, also where the
    // size is not a multiple of 32 (avt-tiny's 112 pixels: a 3 x 3 last stage over pixels 0..95,
    // not 37.3-pixel cells over all 112).
    CHECK(c.video.size == 112 && lv->grid[1] == 3);
    CHECK_CLOSE(lv->stride[1], 32.0, 1e-9);
    CHECK_CLOSE(lv->stride[2], 32.0, 1e-9);
    CHECK_CLOSE(lv->offset[1], 15.5, 1e-9);
    const CamLayer *l1 = find("video.patch_embed1"), *l3 = find("video.blocks3.0"), *l4 = find("video.patch_embed4");
    CHECK(l1 && l3 && l4);
    if (l1 && l3 && l4) {
        CHECK_CLOSE(l1->stride[1], 4.0, 1e-9);
        CHECK_CLOSE(l3->stride[1], 16.0, 1e-9);
        CHECK(l4->grid == lv->grid);
        CHECK_CLOSE(l4->stride[1], 32.0, 1e-9);
    }
    CHECK_CLOSE(lf->stride[1], 32.0, 1e-9);
    CHECK(!tapsActive());
}

AVT_TEST(video_only_cam_equals_class_activation_map)
{
    // video.norm is mean-pooled into a linear head: d logit_c / dA = W_c / N everywhere, so
    // clip-weighted Grad-CAM is relu(W_c . A) (Zhou et al.'s CAM), up to the normalisation.
    torch::manual_seed(1);
    AvtModel net(tinyConfig("video"));
    net->eval();
    const AvtInputs in = randomInputs(net->config());
    CamRequest req;
    req.layers = {"video.norm"};
    req.weighting = CamWeighting::Clip;
    req.targetClass = 3;
    const CamResult r = gradCam(*net, in, req);
    at::Tensor map;
    {
        torch::NoGradGuard g;
        TapScope scope({"video.norm"});
        net->forward(in);
        map = scope.get("video.norm")[0]; // [C, T', H', W']
    }
    const auto w = net->cls_head->main->weight[3].detach(); // [C]
    auto cam = torch::relu(torch::tensordot(w, map, {0}, {0}));
    cam = cam / cam.max();
    CHECK(r.targetClass == 3 && r.maps.size() == 1 && r.maps[0].reached);
    CHECK(r.maps[0].grid.sizes() == cam.sizes());
    CHECK_CLOSE((r.maps[0].grid - cam).abs().max().item<double>(), 0.0, 1e-4);
    CHECK(r.maps[0].input.sizes()
          == (std::vector<int64_t>{net->config().video.frames, net->config().video.size, net->config().video.size}));
    CHECK_CLOSE(r.score, r.logits[3].item<double>(), 1e-6);
}

AVT_TEST(default_layers_reach_the_score)
{
    torch::manual_seed(2);
    for (const std::string mode : {"audio", "late", "avt", "concat"}) {
        AvtModel net(tinyConfig(mode));
        net->eval();
        CamRequest req;
        for (auto m : {CamModality::Video, CamModality::Audio}) {
            const std::string l = defaultCamLayer(*net, m);
            if (!l.empty())
                req.layers.push_back(l);
        }
        const CamResult r = gradCam(*net, randomInputs(net->config()), req);
        for (const auto &m : r.maps) {
            const bool nonZero = m.reached && m.grid.max().item<double>() > 0.99; // normalised: max 1
            if (!nonZero)
                std::fprintf(stderr, "mode %s layer %s: empty map\n", mode.c_str(), m.layer.name.c_str());
            CHECK(nonZero);
            CHECK(m.input.min().item<double>() >= 0 && m.input.max().item<double>() <= 1.0 + 1e-6);
        }
        if (mode == "audio") {
            CHECK(r.maps.size() == 1
                  && r.maps[0].input.sizes()
                         == (std::vector<int64_t>{net->config().audio.frames, net->config().audio.melBins}));
            // The last AST block feeds only its CLS tokens to the head: no gradient, an empty map.
            CamRequest last;
            last.layers = {"audio.blocks." + std::to_string(net->config().audio.depth - 1)};
            const CamResult z = gradCam(*net, randomInputs(net->config()), last);
            CHECK(z.maps[0].grid.abs().sum().item<double>() == 0.0);
            CHECK(!z.maps[0].reached); // its gradient is defined but zero on every patch token
        }
        if (mode == "late") {
            req.head = CamHead::Audio;
            const CamResult ra = gradCam(*net, randomInputs(net->config()), req);
            CHECK(!ra.maps[0].reached && ra.maps[0].grid.abs().sum().item<double>() == 0.0); // video layer: not on
                                                                                             // the audio head's path
            CHECK(ra.maps[1].reached && ra.maps[1].grid.max().item<double>() > 0.99);
        }
    }
}

AVT_TEST(errors_name_the_problem)
{
    torch::manual_seed(4);
    AvtModel net(tinyConfig("avt"));
    net->eval();
    CamRequest req;
    req.layers = {"video.blocks9.0"};
    CHECK_THROWS(gradCam(*net, randomInputs(net->config()), req));
    req.layers = {defaultCamLayer(*net, CamModality::Video)};
    req.head = CamHead::Noun;
    CHECK_THROWS(gradCam(*net, randomInputs(net->config()), req));
    req.head = CamHead::Audio;
    CHECK_THROWS(gradCam(*net, randomInputs(net->config()), req));
    req.head = CamHead::Main;
    CHECK_THROWS(gradCam(*net, randomInputs(net->config(), 2), req));
    req.targetClass = 1000;
    CHECK_THROWS(gradCam(*net, randomInputs(net->config()), req));
    CHECK(!tapsActive());
}

int main(int argc, char **argv) { return avt::test::runAll(argc, argv); }
