#include "model/audio/ast.h"

#include "model/layers/taps.h"
#include "model/layers/token_mask.h"

#include <torch/torch.h>

namespace avt::model {

AstPatchEmbedImpl::AstPatchEmbedImpl(const AudioConfig &cfg)
{
    proj = register_module(
        "proj",
        torch::nn::Conv2d(torch::nn::Conv2dOptions(1, cfg.width, cfg.patch).stride({cfg.fstride, cfg.tstride})));
}

torch::Tensor AstPatchEmbedImpl::forward(const torch::Tensor &x)
{
    return proj->forward(x).flatten(2).transpose(1, 2); // [B, C, f, t] -> [B, f*t, C]
}

AstEncoderImpl::AstEncoderImpl(const AudioConfig &cfg, int64_t numClasses) : m_cfg(cfg)
{
    TORCH_CHECK(cfg.width % cfg.heads == 0, "AST: audio.width ", cfg.width, " must be divisible by audio.heads ",
                cfg.heads);
    TORCH_CHECK(cfg.patch <= cfg.melBins && cfg.patch <= cfg.frames, "AST: audio.patch ", cfg.patch,
                " exceeds the spectrogram ", cfg.melBins, "x", cfg.frames);
    const int64_t C = cfg.width;
    cls_token = register_parameter("cls_token", torch::zeros({1, 1, C}));
    dist_token = register_parameter("dist_token", torch::zeros({1, 1, C}));
    pos_embed = register_parameter("pos_embed", torch::zeros({1, cfg.numPatches() + 2, C}));
    patch_embed = register_module("patch_embed", AstPatchEmbed(cfg));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int64_t i = 0; i < cfg.depth; ++i)
        blocks->push_back(Block(C, cfg.heads, cfg.mlpRatio));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({C}).eps(1e-6)));
    if (numClasses > 0)
        mlp_head =
            register_module("mlp_head", torch::nn::Sequential(torch::nn::LayerNorm(torch::nn::LayerNormOptions({C})),
                                                              torch::nn::Linear(C, numClasses)));
    initTransformerWeights(*this);
    truncNormal_(cls_token);
    truncNormal_(dist_token);
    truncNormal_(pos_embed);
}

torch::Tensor AstEncoderImpl::embed(const torch::Tensor &spec, const torch::Tensor &mask)
{
    TORCH_CHECK(spec.dim() == 3 && spec.size(1) == m_cfg.frames && spec.size(2) == m_cfg.melBins,
                "AST: spectrogram must be [B, T, F] = [B, ", m_cfg.frames, ", ", m_cfg.melBins, "], got ",
                spec.sizes());
    const int64_t B = spec.size(0);
    auto x = patch_embed->forward(spec.unsqueeze(1).transpose(2, 3)); // [B, Na, C]
    x = applyTokenMask(x, mask, "AST");
    x = torch::cat({cls_token.expand({B, -1, -1}), dist_token.expand({B, -1, -1}), x}, 1);
    return x + pos_embed; // [B, 2+Na, C]
}

torch::Tensor AstEncoderImpl::forwardTokens(const torch::Tensor &spec, const torch::Tensor &mask)
{
    auto x = embed(spec, mask);
    tapTensor("audio.patch_embed", x);
    for (size_t k = 0; k < blocks->size(); ++k) {
        x = blocks[k]->as<BlockImpl>()->forward(x);
        tapBlock("audio.blocks", k, x);
    }
    x = norm->forward(x);
    tapTensor("audio.norm", x);
    return x;
}

torch::Tensor AstEncoderImpl::pooled(const torch::Tensor &tokens)
{
    return (tokens.select(1, 0) + tokens.select(1, 1)) / 2;
}

torch::Tensor AstEncoderImpl::forward(const torch::Tensor &spec)
{
    TORCH_CHECK(!mlp_head.is_empty(), "AST: forward() needs a head (numClasses > 0)");
    return mlp_head->forward(pooled(forwardTokens(spec)));
}

} // namespace avt::model
