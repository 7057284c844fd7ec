// Weight import: AST position-embedding adaptation against the same adaptation computed in the
// fixture script with torch.nn.functional.interpolate (tolerance 1e-6 absolute: same float32
// arithmetic, only summation order may differ), RGB->mono patch kernels, 2-D -> 3-D inflation,
// and whole imports into module trees with the official names (report contents checked).
#include "check.h"

#include "model/io/checkpoint_reader.h"
#include "model/io/npy.h"
#include "model/io/weight_import.h"

#include <torch/torch.h>

#include <algorithm>

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

// Largest absolute difference to a .npy reference; +inf when shapes differ or it is unreadable.
double maxDiffNpy(const at::Tensor &t, const std::string &npyName)
{
    NpyArray a;
    std::string err;
    if (!readNpy(kDir + npyName, a, &err)) {
        std::fprintf(stderr, "  %s\n", err.c_str());
        return INFINITY;
    }
    if (std::vector<int64_t>(t.sizes().begin(), t.sizes().end()) != a.shape)
        return INFINITY;
    const std::vector<double> v = a.toDouble();
    at::Tensor ref = torch::from_blob(const_cast<double *>(v.data()), {int64_t(v.size())}, torch::kDouble);
    return (t.to(torch::kDouble).reshape({-1}) - ref).abs().max().item<double>();
}

// A module tree with parameters of the given dotted names and shapes (buffers for names that
// end in running_mean / running_var / num_batches_tracked), all zero.
std::shared_ptr<torch::nn::Module> moduleWith(const std::vector<std::pair<std::string, at::Tensor>> &shapes)
{
    auto root = std::make_shared<torch::nn::Module>();
    for (const auto &[name, like] : shapes) {
        std::shared_ptr<torch::nn::Module> m = root;
        std::string rest = name;
        for (size_t dot; (dot = rest.find('.')) != std::string::npos; rest = rest.substr(dot + 1)) {
            const std::string part = rest.substr(0, dot);
            auto children = m->named_children();
            m = children.contains(part) ? children[part]
                                        : m->register_module(part, std::make_shared<torch::nn::Module>());
        }
        at::Tensor zero = torch::zeros_like(like, torch::MemoryFormat::Contiguous);
        const bool buffer = rest == "running_mean" || rest == "running_var" || rest == "num_batches_tracked";
        if (buffer)
            m->register_buffer(rest, zero);
        else
            m->register_parameter(rest, zero.to(torch::kFloat));
    }
    return root;
}

// Target shapes = the checkpoint's mapped names and shapes, with some replaced.
std::vector<std::pair<std::string, at::Tensor>> targetLike(const Checkpoint &c, WeightFamily family,
                                                           const std::string &prefix,
                                                           const std::map<std::string, std::vector<int64_t>> &replace,
                                                           const std::vector<std::string> &drop = {})
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto &[name, t] : c.tensors) {
        const std::string mapped = mapWeightName(name, family);
        if (std::find(drop.begin(), drop.end(), mapped) != drop.end())
            continue;
        auto it = replace.find(mapped);
        out.emplace_back(prefix + mapped, it == replace.end() ? t : torch::zeros(it->second, t.options()));
    }
    return out;
}

at::Tensor param(torch::nn::Module &m, const std::string &name)
{
    auto params = m.named_parameters(true);
    if (params.contains(name))
        return params[name];
    auto buffers = m.named_buffers(true);
    return buffers.contains(name) ? buffers[name] : at::Tensor();
}

} // namespace

AVT_TEST(ast_audioset_pos_embed_matches_python)
{
    const at::Tensor pos = mustRead("ast_audioset_tiny.pt").get("module.v.pos_embed"); // [1, 62, 8]
    const PatchGrid targets[] = {{12, 3}, {12, 8}, {14, 4}, {3, 5}};
    for (PatchGrid g : targets) {
        const std::string npy = "ast_audioset_pos_" + std::to_string(g.freq) + "x" + std::to_string(g.time) + ".npy";
        // 1e-5: LibTorch 2.x's bilinear kernel rounds differently from 1.13's (2e-6 seen).
        CHECK_CLOSE(maxDiffNpy(adaptAstPosEmbed(pos, {12, 5}, g), npy), 0.0, 1e-5);
    }
    std::string how;
    adaptAstPosEmbed(pos, {12, 5}, {12, 3}, &how);
    CHECK(how.find("time cut to the middle 3 (from 1)") != std::string::npos);
}

AVT_TEST(deit_pos_embed_and_patch_kernel_match_python)
{
    Checkpoint deit = mustRead("deit_imagenet_tiny.pt");
    const at::Tensor pos = deit.get("pos_embed"); // [1, 38, 8]: 6 x 6 grid
    CHECK_CLOSE(maxDiffNpy(adaptAstPosEmbed(pos, {6, 6}, {4, 3}), "deit_pos_4x3.npy"), 0.0, 1e-6);
    CHECK_CLOSE(maxDiffNpy(adaptAstPosEmbed(pos, {6, 6}, {8, 10}), "deit_pos_8x10.npy"), 0.0, 1e-6);
    CHECK_CLOSE(maxDiffNpy(adaptAstPosEmbed(pos, {6, 6}, {6, 6}), "deit_pos_6x6.npy"), 0.0, 0.0);
    CHECK_CLOSE(maxDiffNpy(rgbKernelToMono(deit.get("patch_embed.proj.weight")), "deit_patch_mono.npy"), 0.0, 1e-5);
    CHECK_THROWS(adaptAstPosEmbed(pos, {5, 5}, {4, 3}));
}

AVT_TEST(inflation_repeats_over_time_and_divides)
{
    const at::Tensor w = mustRead("uniformer_imagenet_tiny.pt").get("blocks1.0.attn.weight"); // [4, 1, 5, 5]
    const at::Tensor w3 = inflateKernel(w, 5);                                                // [4, 1, 5, 5, 5]
    CHECK(w3.sizes() == torch::IntArrayRef({4, 1, 5, 5, 5}));
    for (int64_t t = 0; t < 5; ++t)
        CHECK_CLOSE((w3.select(2, t) * 5 - w).abs().max().item<double>(), 0.0, 1e-6);
    // A video clip that is constant over time gives the 2-D response.
    CHECK_CLOSE((w3.sum(2) - w).abs().max().item<double>(), 0.0, 1e-6);
    CHECK_THROWS(inflateKernel(w, 0));
}

AVT_TEST(ast_audioset_import_adapts_and_reports)
{
    Checkpoint c = mustRead("ast_audioset_tiny.pt");
    CHECK(detectWeightFamily(c) == WeightFamily::Ast);
    // Our AST: grid 12 x 8, 10 classes, no DeiT heads.
    auto model =
        moduleWith(targetLike(c, WeightFamily::Ast, "",
                              {{"pos_embed", {1, 98, 8}}, {"mlp_head.1.weight", {10, 8}}, {"mlp_head.1.bias", {10}}},
                              {"head.weight", "head.bias", "head_dist.weight", "head_dist.bias"}));
    ImportOptions opt;
    opt.astGrid = {12, 8};
    ImportReport r = importWeights(*model, c, opt);
    CHECK(r.family == "ast");
    CHECK(r.adapted.size() == 1 && r.adapted[0].first == "pos_embed");
    CHECK_CLOSE(maxDiffNpy(param(*model, "pos_embed"), "ast_audioset_pos_12x8.npy"), 0.0, 1e-6);
    CHECK(r.skipped.size() == 6); // 4 DeiT head tensors + the 3-class mlp_head.1
    CHECK(r.unexpected.empty());
    CHECK(r.missing == std::vector<std::string>({"mlp_head.1.weight", "mlp_head.1.bias"}));
    CHECK(r.loaded.size() == c.tensors.size() - 7);
    CHECK(torch::equal(param(*model, "blocks.0.attn.qkv.weight"), c.get("module.v.blocks.0.attn.qkv.weight")));
    CHECK(torch::equal(param(*model, "mlp_head.1.bias"), torch::zeros({10}))); // left initialised
    const std::vector<std::string> lines = r.lines();
    CHECK(lines.front()
          == "ast: " + std::to_string(r.loaded.size()) + " loaded, 1 adapted, 6 skipped, 2 missing, 0 unexpected");
    for (const std::string &l : lines)
        std::printf("  | %s\n", l.c_str());
}

AVT_TEST(deit_imagenet_import_into_ast)
{
    Checkpoint c = mustRead("deit_imagenet_tiny.pt");
    auto names = targetLike(c, WeightFamily::Ast, "",
                            {{"pos_embed", {1, 2 + 4 * 3, 8}}, {"patch_embed.proj.weight", {8, 1, 16, 16}}},
                            {"head.weight", "head.bias", "head_dist.weight", "head_dist.bias"});
    names.emplace_back("mlp_head.0.weight", torch::zeros({8}));
    auto model = moduleWith(names);
    ImportOptions opt;
    opt.family = WeightFamily::Ast;
    opt.astGrid = {4, 3};
    ImportReport r = importWeights(*model, c, opt);
    CHECK(r.adapted.size() == 2);
    CHECK_CLOSE(maxDiffNpy(param(*model, "pos_embed"), "deit_pos_4x3.npy"), 0.0, 1e-6);
    CHECK_CLOSE(maxDiffNpy(param(*model, "patch_embed.proj.weight"), "deit_patch_mono.npy"), 0.0, 1e-5);
    CHECK(r.missing == std::vector<std::string>({"mlp_head.0.weight"}));
    CHECK(r.unexpected.empty() && r.skipped.size() == 4);
}

AVT_TEST(uniformer_imagenet_inflates_into_3d_model)
{
    Checkpoint k400 = mustRead("uniformer_k400_tiny.pt");
    Checkpoint in1k = mustRead("uniformer_imagenet_tiny.pt");
    CHECK(detectWeightFamily(in1k) == WeightFamily::Uniformer);
    // The 3-D model: the Kinetics file's names and shapes, inside an AVT-like tree.
    auto names = targetLike(k400, WeightFamily::Uniformer, "video.", {});
    names.emplace_back("fusion.tokens", torch::zeros({4, 8}));
    auto model = moduleWith(names);
    ImportOptions opt;
    opt.targetPrefix = "video.";
    ImportReport r = importWeights(*model, in1k, opt);
    // Conv kernels: 4 stem/patch embeds + 4 DPEs + 2 x (conv1, attn, conv2, fc1, fc2) = 18.
    CHECK(r.adapted.size() == 18);
    CHECK(r.skipped.size() == 2); // 10-class ImageNet head vs 6 classes
    CHECK(r.unexpected.empty());
    CHECK(r.missing == std::vector<std::string>({"video.head.weight", "video.head.bias"}));
    const at::Tensor stem2d = in1k.get("patch_embed1.proj.weight");            // [4, 3, 4, 4]
    const at::Tensor stem3d = param(*model, "video.patch_embed1.proj.weight"); // [4, 3, 3, 4, 4]
    CHECK(stem3d.size(2) == 3);
    CHECK_CLOSE((stem3d.select(2, 1) * 3 - stem2d).abs().max().item<double>(), 0.0, 1e-6);
    CHECK(param(*model, "video.norm.num_batches_tracked").item<int64_t>() == 7);
    CHECK(torch::equal(param(*model, "fusion.tokens"), torch::zeros({4, 8})));

    // The Kinetics file itself loads completely (module. prefix, model_state wrapper).
    ImportReport full = importWeights(*model, k400, opt);
    CHECK(full.complete() && full.adapted.empty() && full.skipped.empty());
    CHECK(full.loaded.size() == k400.tensors.size());
    CHECK(torch::equal(param(*model, "video.head.weight"), k400.get("module.head.weight")));
}

AVT_TEST(mismatches_are_reported_not_thrown)
{
    Checkpoint k400 = mustRead("uniformer_k400_tiny.pt");
    auto model = moduleWith({{"blocks3.0.attn.qkv.weight", torch::zeros({5, 8})}, {"other", torch::zeros({2})}});
    ImportReport r = importWeights(*model, k400);
    CHECK(r.skipped.size() == 3); // the misfit qkv, and head.weight / head.bias (no head here)
    CHECK(r.skipped[0].second.find("shape does not fit (checkpoint [24, 8], model [5, 8])") != std::string::npos);
    CHECK(r.skipped[1].second == "classifier head; the model has none at this place");
    CHECK(r.missing == std::vector<std::string>({"other", "blocks3.0.attn.qkv.weight"})); // module order
    CHECK(r.unexpected.size() == k400.tensors.size() - 3);
    CHECK(mapWeightName("module.module.v.norm.weight", WeightFamily::Ast) == "norm.weight");
    CHECK(mapWeightName("module.v.norm.weight", WeightFamily::Uniformer) == "v.norm.weight");
}

int main(int argc, char **argv) { return avt::test::runAll(argc, argv); }
