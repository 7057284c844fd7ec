// Module structure: exact parameter counts against the official definitions, key names,
// shapes for every encoder and fusion mode, token masking.
#include "check.h"
#include "model_test_util.h"

#include "model/flops/flops.h"

#include <torch/torch.h>

using namespace avt::model;

namespace {

ModelConfig tinyWithMode(const std::string &mode)
{
    auto c = *ModelConfig::preset("avt-tiny");
    c.fusion.mode = mode;
    if (mode == "mbt") { // mbt needs a ViT video encoder of the audio width and depth
        c.video.encoder = "vit";
        c.video.width = c.audio.width;
        c.video.depth = c.audio.depth;
        c.video.heads = c.audio.heads;
        c.fusion.layer = 1;
    }
    return c;
}

const std::vector<std::string> kModes = {"avt", "mbt", "concat", "late", "audio", "video"};

} // namespace

AVT_TEST(uniformer_parameter_counts_match_official)
{
    // Counted with the official module definition (tests/fixtures/gen_model_fixtures.py --counts).
    VideoConfig s;
    s.depths = {3, 4, 8, 3};
    VideoConfig b; // defaults are UniFormer-B
    CHECK(countParameters(*Uniformer(s, 400)) == 21400400);
    CHECK(countParameters(*Uniformer(b, 400)) == 49813200);
    CHECK(uniformerCost(s, 400).params == 21400400);
    CHECK(uniformerCost(b, 400).params == 49813200);
}

AVT_TEST(ast_parameter_count_matches_official)
{
    AudioConfig a; // AST-base, 128 x 1024
    AstEncoder ast(a, 527);
    CHECK(countParameters(*ast) == 86594063); // 88,132,063 minus the two unused ImageNet heads
    CHECK(astCost(a, 527).params == 86594063);
    CHECK(ast->pos_embed.size(1) == 1214);
}

AVT_TEST(key_names_follow_the_official_modules)
{
    auto c = *ModelConfig::preset("avt-tiny");
    AvtModel net(c);
    auto params = net->named_parameters();
    auto buffers = net->named_buffers();
    for (const char *k : {"audio.cls_token",
                          "audio.dist_token",
                          "audio.pos_embed",
                          "audio.patch_embed.proj.weight",
                          "audio.blocks.1.attn.qkv.weight",
                          "audio.blocks.0.mlp.fc2.bias",
                          "audio.norm.weight",
                          "video.patch_embed1.proj.weight",
                          "video.patch_embed4.norm.bias",
                          "video.blocks1.0.conv1.weight",
                          "video.blocks1.0.attn.weight",
                          "video.blocks2.0.mlp.fc1.weight",
                          "video.blocks3.0.attn.qkv.weight",
                          "video.blocks4.0.pos_embed.weight",
                          "video.norm.weight",
                          "fusion.bottleneck",
                          "fusion.video_blocks.1.attn.proj.weight",
                          "fusion.audio_norm.weight",
                          "cls_head.main.weight",
                          "proj_audio.weight",
                          "proj_video.weight",
                          "avm_head.weight",
                          "audio_decoder.proj.weight",
                          "video_decoder.proj.weight"})
        CHECK(params.find(k) != nullptr);
    CHECK(buffers.find("video.norm.running_mean") != nullptr);
    CHECK(buffers.find("video.blocks1.0.norm1.running_var") != nullptr);
}

AVT_TEST(part_parameter_counts_equal_analytic_counts)
{
    for (const auto &mode : kModes) {
        auto c = tinyWithMode(mode);
        AvtModel net(c);
        const auto cost = modelCost(c);
        int64_t heads = countParameters(*net, "cls_head.") + countParameters(*net, "audio_cls_head.")
                        + countParameters(*net, "video_cls_head.") + countParameters(*net, "proj_")
                        + countParameters(*net, "avm_head.");
        int64_t decoders = countParameters(*net, "audio_decoder.") + countParameters(*net, "video_decoder.");
        if (mode == "mbt") {
            CHECK(countParameters(*net, "audio.") + countParameters(*net, "video.") + countParameters(*net, "fusion.")
                  == cost.audio.params + cost.video.params + cost.fusion.params);
        } else {
            CHECK(countParameters(*net, "audio.") == cost.audio.params);
            CHECK(countParameters(*net, "video.") == cost.video.params);
            CHECK(countParameters(*net, "fusion.") == cost.fusion.params);
        }
        CHECK(heads == cost.heads.params);
        CHECK(decoders == cost.decoders.params);
        CHECK(countParameters(*net) == cost.total().params + cost.decoders.params);
        if (mode == "avt")
            std::printf("  avt-tiny parameters: %lld (without decoders %lld)\n", (long long)countParameters(*net),
                        (long long)cost.total().params);
    }
    auto tiny = *ModelConfig::preset("avt-tiny");
    CHECK(modelCost(tiny).total().params < 1000000); // "a few hundred thousand"
}

AVT_TEST(forward_shapes_every_mode)
{
    for (const auto &mode : kModes) {
        auto c = tinyWithMode(mode);
        c.head.nounClasses = 7;
        AvtModel net(c);
        net->eval();
        torch::NoGradGuard guard;
        auto in = avt::test::randomInputs(c, 2, true);
        auto out = net->forward(in, true);
        CHECK(out.logits.sizes() == (std::vector<int64_t>{2, c.head.classes}));
        CHECK(out.nounLogits.sizes() == (std::vector<int64_t>{2, 7}));
        if (c.hasAudio())
            CHECK(out.audioReconstruction.sizes() == in.audio.sizes());
        if (c.hasVideo())
            CHECK(out.videoReconstruction.sizes() == in.video.sizes());
        const bool both = mode != "audio" && mode != "video";
        CHECK(out.audioProjection.defined() == both);
        if (both)
            CHECK(out.audioProjection.sizes() == (std::vector<int64_t>{2, c.head.projection}));
        if (mode == "avt" || mode == "concat")
            CHECK(out.fusedCls.size(1) == 2 * c.fusion.width);
        CHECK(torch::isfinite(out.logits).all().item<bool>());
    }
}

AVT_TEST(uniformer_final_map_and_pooled_embedding)
{
    auto c = *ModelConfig::preset("avt-tiny");
    Uniformer net(c.video);
    net->eval();
    torch::NoGradGuard guard;
    auto map = net->forwardFeatures(torch::randn({2, 3, 8, 112, 112}));
    CHECK(map.sizes() == (std::vector<int64_t>{2, 64, 4, 3, 3}));
    CHECK(c.video.finalGrid() == (std::vector<int64_t>{4, 3, 3}));
    CHECK(UniformerImpl::pooled(map).sizes() == (std::vector<int64_t>{2, 64}));
    CHECK(c.video.numEmbedTokens() == 4 * 28 * 28);
}

AVT_TEST(decoders_invert_the_published_geometry)
{
    // AST 128 x 1024 -> 12 x 101 patches -> back to exactly 128 x 1024 (output_padding (2, 8)).
    AudioConfig a;
    CHECK(a.freqPatches() == 12 && a.timePatches() == 101);
    CHECK(audioDecoderPadding(a) == (std::vector<int64_t>{2, 8}));
    AudioDecoder ad(a, 8);
    torch::NoGradGuard guard;
    CHECK(ad->forward(torch::randn({1, 1212, 8})).sizes() == (std::vector<int64_t>{1, 1024, 128}));
    // UniFormer 16 x 224 x 224 -> 8 x 7 x 7 -> ConvTranspose3d (2, 32, 32) -> 16 x 224 x 224.
    VideoConfig v;
    CHECK(v.finalGrid() == (std::vector<int64_t>{8, 7, 7}));
    CHECK(VideoDecoderImpl::outputPadding(v) == (std::vector<int64_t>{0, 0, 0}));
    VideoDecoder vd(v, 8);
    CHECK(vd->forward(torch::randn({1, 392, 8})).sizes() == (std::vector<int64_t>{1, 3, 16, 224, 224}));
}

AVT_TEST(token_masks_zero_tokens_after_patch_embedding)
{
    auto c = *ModelConfig::preset("avt-tiny");
    AstEncoder ast(c.audio);
    torch::NoGradGuard guard;
    auto spec = torch::randn({2, c.audio.frames, c.audio.melBins});
    auto mask = torch::zeros({2, c.audio.numPatches()}, torch::kBool);
    mask.index_put_({0, 3}, true);
    mask.index_put_({1, 0}, true);
    auto x = ast->embed(spec, mask); // [B, 2+Na, C]
    // A masked token carries only its position embedding.
    CHECK(torch::allclose(x[0][2 + 3], ast->pos_embed[0][2 + 3]));
    CHECK(torch::allclose(x[1][2 + 0], ast->pos_embed[0][2 + 0]));
    CHECK(!torch::allclose(x[0][2 + 0], ast->pos_embed[0][2 + 0]));
    auto unmasked = ast->embed(spec);
    CHECK(torch::allclose(unmasked[0][2 + 0], x[0][2 + 0]));
    // Any mask: all tokens masked is allowed; a wrong shape is an error.
    auto all = torch::ones({2, c.audio.numPatches()}, torch::kBool);
    CHECK(torch::allclose(ast->embed(spec, all).narrow(1, 2, c.audio.numPatches()),
                          ast->pos_embed.narrow(1, 2, c.audio.numPatches()).expand({2, -1, -1})));
    CHECK_THROWS(ast->embed(spec, torch::zeros({2, 5}, torch::kBool)));
    // Video: masking every stem token makes the output independent of the input.
    Uniformer uni(c.video);
    uni->eval();
    auto vmask = torch::ones({1, c.video.numEmbedTokens()}, torch::kBool);
    auto y1 = uni->forwardFeatures(torch::randn({1, 3, 8, 112, 112}), vmask);
    auto y2 = uni->forwardFeatures(torch::randn({1, 3, 8, 112, 112}), vmask);
    CHECK(torch::allclose(y1, y2));
}

AVT_TEST(bad_inputs_are_errors_not_crashes)
{
    auto c = *ModelConfig::preset("avt-tiny");
    AvtModel net(c);
    AvtInputs in = avt::test::randomInputs(c, 1, false);
    in.audio = torch::randn({1, 10, 10});
    CHECK_THROWS(net->forward(in));
    in = avt::test::randomInputs(c, 1, false);
    in.video = torch::Tensor();
    CHECK_THROWS(net->forward(in));
    auto bad = c;
    bad.fusion.heads = 5;
    CHECK_THROWS(AvtModel(bad));
}
