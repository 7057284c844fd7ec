#pragma once
// UniFormer (Li et al. 2022) video encoder, as in Sense-X/UniFormer video_classification.
//
//   Uniformer net(cfg.video);                  // numClasses 0: no head
//   auto map = net->forwardFeatures(video);    // video [B, 3, T, H, W] -> [B, C4, T/2, H/32, W/32]
//   auto emb = UniformerImpl::pooled(map);     // [B, C4]
//
// Stages: stem patch_embed1 Conv3d k(3,4,4) s(2,4,4) p(1,0,0) + LayerNorm(eps 1e-5);
// patch_embed2..4 Conv3d k=s=(1,2,2) + LayerNorm. Stages 1-2 CBlocks (BatchNorm, 1x1x1 convs,
// depthwise 5x5x5 "attention"), stages 3-4 SABlocks (global MHSA over t-major tokens, LayerNorm
// eps 1e-6). Every block adds a depthwise 3x3x3 DPE first. Final BatchNorm3d `norm`.
// Token masks (optional) are [B, Nv] bool with Nv = T/2 * H/4 * W/4 stem tokens (t-major, then
// h, w); masked tokens are set to zero right after the stem's LayerNorm.
//
// CPU speed: the depthwise convs (DPE 3x3x3, local relation 5x5x5) run through
// model/layers/depthwise_conv3d (hand-written kernel, bitwise deterministic); parameters stay
// torch::nn::Conv3d modules, so names, shapes and checkpoints do not change. The 1x1x1 convs
// stay torch convs: routing them through batched matmuls made kill/--resume runs drift
// (weights 5e-3..9e-3 apart after 14 steps, tests/core/train/tst_training), the kernel alone does not.
//
// Parameter names equal the official ones: patch_embed{1-4}.{proj,norm}.*,
// blocks{1-4}.i.{pos_embed,norm1,conv1,conv2,attn,norm2,mlp.fc1,mlp.fc2}.* (stages 3-4:
// attn.qkv, attn.proj), norm.* (with running_mean / running_var / num_batches_tracked),
// head.* when numClasses > 0.
#include "model/config/model_config.h"
#include "model/layers/transformer.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>

namespace avt::model {

// Conv3d + LayerNorm over channels: [B, Cin, T, H, W] -> [B, Cout, T', H', W'].
class UniPatchEmbedImpl : public torch::nn::Module {
public:
    UniPatchEmbedImpl(int64_t in, int64_t out, bool stem);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Conv3d proj{nullptr};
    torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(UniPatchEmbed);

// 1x1x1-conv MLP (CBlock): [B, C, T, H, W] -> same.
class CMlpImpl : public torch::nn::Module {
public:
    CMlpImpl(int64_t dim, int64_t hidden);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Conv3d fc1{nullptr};
    torch::nn::Conv3d fc2{nullptr};
};
TORCH_MODULE(CMlp);

// Local relation block: [B, C, T, H, W] -> same.
class CBlockImpl : public torch::nn::Module {
public:
    CBlockImpl(int64_t dim, double mlpRatio);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Conv3d pos_embed{nullptr};
    torch::nn::BatchNorm3d norm1{nullptr};
    torch::nn::Conv3d conv1{nullptr};
    torch::nn::Conv3d attn{nullptr};
    torch::nn::Conv3d conv2{nullptr};
    torch::nn::BatchNorm3d norm2{nullptr};
    CMlp mlp{nullptr};
};
TORCH_MODULE(CBlock);

// Global relation block: [B, C, T, H, W] -> same (attention over T*H*W tokens).
class SABlockImpl : public torch::nn::Module {
public:
    SABlockImpl(int64_t dim, int64_t heads, double mlpRatio);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Conv3d pos_embed{nullptr};
    torch::nn::LayerNorm norm1{nullptr};
    Attention attn{nullptr};
    torch::nn::LayerNorm norm2{nullptr};
    Mlp mlp{nullptr};
};
TORCH_MODULE(SABlock);

class UniformerImpl : public torch::nn::Module {
public:
    explicit UniformerImpl(const VideoConfig &cfg, int64_t numClasses = 0);

    // video [B, 3, T, H, W], mask [B, Nv] bool or undefined -> map [B, C4, T', H', W'] after norm.
    torch::Tensor forwardFeatures(const torch::Tensor &video, const torch::Tensor &mask = {});
    // map [B, C, T', H', W'] -> [B, C] global mean.
    static torch::Tensor pooled(const torch::Tensor &map);
    // Standalone use: logits [B, numClasses].
    torch::Tensor forward(const torch::Tensor &video);

    const VideoConfig &config() const { return m_cfg; }

    UniPatchEmbed patch_embed1{nullptr}, patch_embed2{nullptr}, patch_embed3{nullptr}, patch_embed4{nullptr};
    torch::nn::ModuleList blocks1{nullptr}, blocks2{nullptr}, blocks3{nullptr}, blocks4{nullptr};
    torch::nn::BatchNorm3d norm{nullptr};
    torch::nn::Linear head{nullptr};

private:
    VideoConfig m_cfg;
};
TORCH_MODULE(Uniformer);

} // namespace avt::model
