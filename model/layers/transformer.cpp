#include "model/layers/transformer.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <cmath>

namespace avt::model {

torch::Tensor scaledDotProductAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
#if TORCH_VERSION_MAJOR >= 2
    return at::scaled_dot_product_attention(q, k, v);
#else
    // q, k, v [B, H, N, d]; attn [B, H, N, N]
    const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
    auto attn = torch::matmul(q * scale, k.transpose(-2, -1)).softmax(-1);
    return torch::matmul(attn, v);
#endif
}

AttentionImpl::AttentionImpl(int64_t dim, int64_t heads, bool qkvBias) : m_heads(heads)
{
    TORCH_CHECK(heads > 0 && dim % heads == 0, "Attention: width ", dim, " is not divisible by the number of heads ",
                heads);
    qkv = register_module("qkv", torch::nn::Linear(torch::nn::LinearOptions(dim, 3 * dim).bias(qkvBias)));
    proj = register_module("proj", torch::nn::Linear(dim, dim));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor &x)
{
    const int64_t B = x.size(0), N = x.size(1), C = x.size(2);
    // qkv [3, B, H, N, C/H]
    auto qkvT = qkv->forward(x).reshape({B, N, 3, m_heads, C / m_heads}).permute({2, 0, 3, 1, 4});
    auto out = scaledDotProductAttention(qkvT[0], qkvT[1], qkvT[2]); // [B, H, N, C/H]
    return proj->forward(out.transpose(1, 2).reshape({B, N, C}));
}

MlpImpl::MlpImpl(int64_t dim, int64_t hidden)
{
    fc1 = register_module("fc1", torch::nn::Linear(dim, hidden));
    fc2 = register_module("fc2", torch::nn::Linear(hidden, dim));
}

torch::Tensor MlpImpl::forward(const torch::Tensor &x) { return fc2->forward(torch::gelu(fc1->forward(x))); }

BlockImpl::BlockImpl(int64_t dim, int64_t heads, double mlpRatio, bool qkvBias)
{
    norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6)));
    attn = register_module("attn", Attention(dim, heads, qkvBias));
    norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6)));
    mlp = register_module("mlp", Mlp(dim, static_cast<int64_t>(dim * mlpRatio)));
}

torch::Tensor BlockImpl::forward(const torch::Tensor &x)
{
    auto y = x + attn->forward(norm1->forward(x));
    return y + mlp->forward(norm2->forward(y));
}

void truncNormal_(torch::Tensor t, double std)
{
    torch::NoGradGuard guard;
    t.normal_(0.0, std).clamp_(-2.0 * std, 2.0 * std);
}

void initTransformerWeights(torch::nn::Module &module)
{
    torch::NoGradGuard guard;
    for (auto &m : module.modules(/*include_self=*/false)) {
        if (auto *lin = m->as<torch::nn::Linear>()) {
            truncNormal_(lin->weight, 0.02);
            if (lin->bias.defined())
                lin->bias.zero_();
        } else if (auto *ln = m->as<torch::nn::LayerNorm>()) {
            ln->weight.fill_(1.0);
            ln->bias.zero_();
        }
    }
}

} // namespace avt::model
