// Official-layout checkpoints into the real AstEncoder / Uniformer / AvtModel: the names
// contract of model/audio/ast.h, model/video/uniformer.h and model/avt/avt_model.h meets the
// importer with no missing and no unexpected tensors.
#include "check.h"

#include "model/audio/ast.h"
#include "model/avt/avt_model.h"
#include "model/io/checkpoint_reader.h"
#include "model/io/weight_import.h"
#include "model/video/uniformer.h"

#include <torch/torch.h>

using namespace avt::model;

namespace {

const std::string kDir = std::string(AVT_FIXTURES_DIR) + "/weights/";

Checkpoint mustRead(const std::string &file)
{
    Checkpoint c;
    std::string err;
    if (!readCheckpoint(kDir + file, c, &err))
        std::fprintf(stderr, "  %s\n", err.c_str());
    return c;
}

// The fixtures' sizes: AST width 8, 1 block, 128 mel bins, stride 10; UniFormer widths
// 4,4,8,8, one block per stage, head dim 4.
ModelConfig fixtureConfig(int64_t frames, int64_t classes)
{
    ModelConfig cfg = *ModelConfig::preset("avt-tiny");
    const std::pair<const char *, std::string> sets[] = {
        {"audio.mel_bins", "128"},   {"audio.frames", std::to_string(frames)},
        {"audio.patch", "16"},       {"audio.fstride", "10"},
        {"audio.tstride", "10"},     {"audio.width", "8"},
        {"audio.depth", "1"},        {"audio.heads", "2"},
        {"video.widths", "4,4,8,8"}, {"video.depths", "1,1,1,1"},
        {"video.head_dim", "4"},     {"video.frames", "4"},
        {"video.size", "32"},        {"head.classes", std::to_string(classes)}};
    for (const auto &[k, v] : sets) {
        std::string err;
        if (!cfg.set(k, v, &err))
            std::fprintf(stderr, "  %s\n", err.c_str());
    }
    return cfg;
}

at::Tensor named(torch::nn::Module &m, const std::string &name)
{
    auto p = m.named_parameters(true);
    if (p.contains(name))
        return p[name];
    auto b = m.named_buffers(true);
    return b.contains(name) ? b[name] : at::Tensor();
}

} // namespace

AVT_TEST(ast_audioset_into_ast_encoder)
{
    const ModelConfig cfg = fixtureConfig(96, 3); // time grid (96-16)/10+1 = 9 > 5: interpolated
    AstEncoder ast(cfg.audio, cfg.head.classes);
    Checkpoint c = mustRead("ast_audioset_tiny.pt");
    ImportOptions opt;
    opt.astGrid = {cfg.audio.freqPatches(), cfg.audio.timePatches()};
    ImportReport r = importWeights(*ast, c, opt);
    for (const std::string &l : r.lines())
        std::printf("  | %s\n", l.c_str());
    CHECK(r.complete());
    CHECK(r.adapted.size() == 1 && r.skipped.size() == 4); // pos_embed; DeiT head, head_dist
    const at::Tensor want = adaptAstPosEmbed(c.get("module.v.pos_embed"), {12, 5}, {12, 9});
    CHECK(torch::allclose(ast->pos_embed, want));
    CHECK(torch::equal(named(*ast, "mlp_head.1.weight"), c.get("module.mlp_head.1.weight")));
    // The imported encoder runs: [B, T, F] -> [B, classes].
    ast->eval();
    CHECK(ast->forward(torch::randn({2, 96, 128})).sizes() == torch::IntArrayRef({2, 3}));
}

AVT_TEST(uniformer_kinetics_and_imagenet_into_uniformer)
{
    const ModelConfig cfg = fixtureConfig(96, 6);
    Uniformer net(cfg.video, cfg.head.classes);
    ImportReport k400 = importWeights(*net, mustRead("uniformer_k400_tiny.pt"));
    CHECK(k400.complete() && k400.adapted.empty() && k400.skipped.empty());
    Checkpoint in1k = mustRead("uniformer_imagenet_tiny.pt");
    ImportReport r = importWeights(*net, in1k);
    CHECK(r.adapted.size() == 18 && r.unexpected.empty());
    CHECK(r.missing == std::vector<std::string>({"head.weight", "head.bias"}));
    const at::Tensor dpe = named(*net, "blocks2.0.pos_embed.weight"); // [4, 1, 3, 3, 3]
    CHECK_CLOSE((dpe.sum(2) - in1k.get("blocks2.0.pos_embed.weight")).abs().max().item<double>(), 0.0, 1e-6);
    net->eval();
    CHECK(net->forward(torch::randn({1, 3, 4, 32, 32})).sizes() == torch::IntArrayRef({1, 6}));
}

AVT_TEST(both_encoders_into_avt_model)
{
    const ModelConfig cfg = fixtureConfig(56, 6); // AST grid 12 x 5 as in the file
    AvtModel avt(cfg);
    ImportOptions a;
    a.targetPrefix = "audio.";
    a.astGrid = {cfg.audio.freqPatches(), cfg.audio.timePatches()};
    ImportReport ra = importWeights(*avt, mustRead("ast_audioset_tiny.pt"), a);
    ImportOptions v;
    v.targetPrefix = "video.";
    ImportReport rv = importWeights(*avt, mustRead("uniformer_k400_tiny.pt"), v);
    CHECK(ra.family == "ast" && rv.family == "uniformer");
    CHECK(ra.complete() && rv.complete());
    CHECK(ra.adapted.empty());     // same 12 x 5 grid
    CHECK(ra.skipped.size() == 8); // DeiT head, head_dist + AST mlp_head.0/.1 (not in AVT)
    CHECK(rv.skipped.size() == 2); // UniFormer head
    CHECK(named(*avt, "video.norm.running_var").defined());
}

int main(int argc, char **argv) { return avt::test::runAll(argc, argv); }
