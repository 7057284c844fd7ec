#include "model/video/uniformer.h"

#include "model/layers/taps.h"
#include "model/layers/token_mask.h"

#include "model/layers/depthwise_conv3d.h"

#include <torch/torch.h>

namespace avt::model {

namespace {

using torch::nn::Conv3dOptions;

torch::nn::Conv3d depthwise(int64_t dim, int64_t k)
{
    return torch::nn::Conv3d(Conv3dOptions(dim, dim, k).padding(k / 2).groups(dim));
}

torch::nn::Conv3d pointwise(int64_t in, int64_t out) { return torch::nn::Conv3d(Conv3dOptions(in, out, 1)); }

// Depthwise conv (groups = C, padding k/2) through the hand-written CPU kernel where it applies
// (model/layers/depthwise_conv3d.h); same parameters as the module, torch::conv3d elsewhere.
torch::Tensor runDepthwise(torch::nn::Conv3d &conv, const torch::Tensor &x)
{
    return depthwiseConv3d(x, conv->weight, conv->bias);
}

// Runs a ModuleList of blocks of type M over x.
template <typename M> torch::Tensor runBlocks(torch::nn::ModuleList &list, const char *name, torch::Tensor x)
{
    for (size_t k = 0; k < list->size(); ++k) {
        x = list[k]->as<M>()->forward(x);
        tapBlock(name, k, x);
    }
    return x;
}

// A later stage: its patch embedding, then its blocks (each output tapped).
template <typename M>
torch::Tensor runStage(UniPatchEmbed &embed, torch::nn::ModuleList &blocks, const char *embedTap, const char *blockTap,
                       const torch::Tensor &x)
{
    auto y = embed->forward(x);
    tapTensor(embedTap, y);
    return runBlocks<M>(blocks, blockTap, y);
}

} // namespace

UniPatchEmbedImpl::UniPatchEmbedImpl(int64_t in, int64_t out, bool stem)
{
    auto opts = stem ? Conv3dOptions(in, out, {3, 4, 4}).stride({2, 4, 4}).padding({1, 0, 0})
                     : Conv3dOptions(in, out, {1, 2, 2}).stride({1, 2, 2});
    proj = register_module("proj", torch::nn::Conv3d(opts));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({out})));
}

torch::Tensor UniPatchEmbedImpl::forward(const torch::Tensor &x)
{
    auto y = proj->forward(x); // [B, C, T, H, W]
    // LayerNorm over channels: move C last and back.
    return norm->forward(y.permute({0, 2, 3, 4, 1})).permute({0, 4, 1, 2, 3}).contiguous();
}

CMlpImpl::CMlpImpl(int64_t dim, int64_t hidden)
{
    fc1 = register_module("fc1", pointwise(dim, hidden));
    fc2 = register_module("fc2", pointwise(hidden, dim));
}

torch::Tensor CMlpImpl::forward(const torch::Tensor &x) { return fc2->forward(torch::gelu(fc1->forward(x))); }

CBlockImpl::CBlockImpl(int64_t dim, double mlpRatio)
{
    pos_embed = register_module("pos_embed", depthwise(dim, 3));
    norm1 = register_module("norm1", torch::nn::BatchNorm3d(dim));
    conv1 = register_module("conv1", pointwise(dim, dim));
    conv2 = register_module("conv2", pointwise(dim, dim));
    attn = register_module("attn", depthwise(dim, 5));
    norm2 = register_module("norm2", torch::nn::BatchNorm3d(dim));
    mlp = register_module("mlp", CMlp(dim, static_cast<int64_t>(dim * mlpRatio)));
}

torch::Tensor CBlockImpl::forward(const torch::Tensor &in)
{
    auto x = in + runDepthwise(pos_embed, in);
    x = x + conv2->forward(runDepthwise(attn, conv1->forward(norm1->forward(x))));
    return x + mlp->forward(norm2->forward(x));
}

SABlockImpl::SABlockImpl(int64_t dim, int64_t heads, double mlpRatio)
{
    pos_embed = register_module("pos_embed", depthwise(dim, 3));
    norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6)));
    attn = register_module("attn", Attention(dim, heads, true));
    norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6)));
    mlp = register_module("mlp", Mlp(dim, static_cast<int64_t>(dim * mlpRatio)));
}

torch::Tensor SABlockImpl::forward(const torch::Tensor &in)
{
    auto x = in + runDepthwise(pos_embed, in);
    const auto sizes = x.sizes().vec();    // [B, C, T, H, W]
    auto t = x.flatten(2).transpose(1, 2); // [B, T*H*W, C]
    t = t + attn->forward(norm1->forward(t));
    t = t + mlp->forward(norm2->forward(t));
    return t.transpose(1, 2).reshape(sizes);
}

UniformerImpl::UniformerImpl(const VideoConfig &cfg, int64_t numClasses) : m_cfg(cfg)
{
    TORCH_CHECK(cfg.widths.size() == 4 && cfg.depths.size() == 4,
                "UniFormer: video.widths and video.depths need 4 entries");
    const auto &w = cfg.widths;
    patch_embed1 = register_module("patch_embed1", UniPatchEmbed(3, w[0], true));
    patch_embed2 = register_module("patch_embed2", UniPatchEmbed(w[0], w[1], false));
    patch_embed3 = register_module("patch_embed3", UniPatchEmbed(w[1], w[2], false));
    patch_embed4 = register_module("patch_embed4", UniPatchEmbed(w[2], w[3], false));
    torch::nn::ModuleList *lists[4] = {&blocks1, &blocks2, &blocks3, &blocks4};
    for (int s = 0; s < 4; ++s) {
        *lists[s] = register_module("blocks" + std::to_string(s + 1), torch::nn::ModuleList());
        for (int64_t i = 0; i < cfg.depths[s]; ++i) {
            if (s < 2)
                (*lists[s])->push_back(CBlock(w[s], cfg.mlpRatio));
            else {
                TORCH_CHECK(w[s] % cfg.headDim == 0, "UniFormer: video.widths[", s, "] = ", w[s],
                            " is not divisible by video.head_dim ", cfg.headDim);
                (*lists[s])->push_back(SABlock(w[s], w[s] / cfg.headDim, cfg.mlpRatio));
            }
        }
    }
    norm = register_module("norm", torch::nn::BatchNorm3d(w[3]));
    if (numClasses > 0)
        head = register_module("head", torch::nn::Linear(w[3], numClasses));
    initTransformerWeights(*this); // Linear + LayerNorm as the official _init_weights
}

torch::Tensor UniformerImpl::forwardFeatures(const torch::Tensor &video, const torch::Tensor &mask)
{
    TORCH_CHECK(video.dim() == 5 && video.size(1) == 3, "UniFormer: video must be [B, 3, T, H, W], got ",
                video.sizes());
    auto x = patch_embed1->forward(video); // [B, C1, T/2, H/4, W/4]
    if (mask.defined()) {
        const auto sizes = x.sizes().vec();
        auto tok = applyTokenMask(x.flatten(2).transpose(1, 2), mask, "UniFormer"); // [B, Nv, C1]
        x = tok.transpose(1, 2).reshape(sizes);
    }
    tapTensor("video.patch_embed1", x);
    x = runBlocks<CBlockImpl>(blocks1, "video.blocks1", x);
    x = runStage<CBlockImpl>(patch_embed2, blocks2, "video.patch_embed2", "video.blocks2", x);
    x = runStage<SABlockImpl>(patch_embed3, blocks3, "video.patch_embed3", "video.blocks3", x);
    x = runStage<SABlockImpl>(patch_embed4, blocks4, "video.patch_embed4", "video.blocks4", x);
    x = norm->forward(x);
    tapTensor("video.norm", x);
    return x;
}

torch::Tensor UniformerImpl::pooled(const torch::Tensor &map) { return map.flatten(2).mean(-1); }

torch::Tensor UniformerImpl::forward(const torch::Tensor &video)
{
    TORCH_CHECK(!head.is_empty(), "UniFormer: forward() needs a head (numClasses > 0)");
    return head->forward(pooled(forwardFeatures(video)));
}

} // namespace avt::model
