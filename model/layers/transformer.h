#pragma once
// Transformer building blocks shared by AST, the ViT video encoder, UniFormer's SABlocks and
// the fusion layers. Parameter names follow timm's ViT (and hence AST / UniFormer):
//   attn.qkv, attn.proj, mlp.fc1, mlp.fc2, norm1, norm2.
//
// Shape legend: B batch, N tokens, C width, H heads, C/H head width.
// Thread-safety: modules are not thread-safe; use one per thread or guard externally.
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

namespace avt::model {

// Multi-head self-attention: x [B, N, C] -> [B, N, C]. Uses the fused
// scaled_dot_product_attention kernel where LibTorch >= 2.0, the explicit
// softmax(QK^T * scale) V otherwise (same numbers up to rounding).
class AttentionImpl : public torch::nn::Module {
public:
    AttentionImpl(int64_t dim, int64_t heads, bool qkvBias = true);
    torch::Tensor forward(const torch::Tensor &x);

    int64_t heads() const { return m_heads; }
    torch::nn::Linear qkv{nullptr};
    torch::nn::Linear proj{nullptr};

private:
    int64_t m_heads;
};
TORCH_MODULE(Attention);

// Two-layer MLP with exact GELU: [.., C] -> [.., C].
class MlpImpl : public torch::nn::Module {
public:
    MlpImpl(int64_t dim, int64_t hidden);
    torch::Tensor forward(const torch::Tensor &x);

    torch::nn::Linear fc1{nullptr};
    torch::nn::Linear fc2{nullptr};
};
TORCH_MODULE(Mlp);

// Pre-norm transformer block: x += attn(norm1(x)); x += mlp(norm2(x)). LayerNorm eps 1e-6.
// x [B, N, C] -> [B, N, C].
class BlockImpl : public torch::nn::Module {
public:
    BlockImpl(int64_t dim, int64_t heads, double mlpRatio = 4.0, bool qkvBias = true);
    torch::Tensor forward(const torch::Tensor &x);

    torch::nn::LayerNorm norm1{nullptr};
    Attention attn{nullptr};
    torch::nn::LayerNorm norm2{nullptr};
    Mlp mlp{nullptr};
};
TORCH_MODULE(Block);

// softmax(q k^T / sqrt(d)) v for q, k, v [B, H, N, d] -> [B, H, N, d].
torch::Tensor scaledDotProductAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v);

// timm-style initialisation: Linear weights N(0, 0.02) truncated at +-2 std, zero biases,
// LayerNorm weight 1 / bias 0. Applied recursively to `module`.
void initTransformerWeights(torch::nn::Module &module);

// Truncated normal N(0, std) clipped to [-2 std, 2 std], in place.
void truncNormal_(torch::Tensor t, double std = 0.02);

} // namespace avt::model
