#include "model/video/vit_video.h"

#include "model/layers/taps.h"
#include "model/layers/token_mask.h"

#include <torch/torch.h>

namespace avt::model {

TubeletEmbedImpl::TubeletEmbedImpl(const VideoConfig &cfg)
{
    const std::vector<int64_t> k{cfg.tubelet, cfg.patch, cfg.patch};
    proj = register_module("proj", torch::nn::Conv3d(torch::nn::Conv3dOptions(3, cfg.width, k).stride(k)));
}

torch::Tensor TubeletEmbedImpl::forward(const torch::Tensor &x)
{
    return proj->forward(x).flatten(2).transpose(1, 2); // [B, C, t, h, w] -> [B, Nv, C]
}

VitVideoEncoderImpl::VitVideoEncoderImpl(const VideoConfig &cfg) : m_cfg(cfg)
{
    TORCH_CHECK(cfg.width % cfg.heads == 0, "ViT video: video.width ", cfg.width, " must be divisible by video.heads ",
                cfg.heads);
    const int64_t C = cfg.width;
    cls_token = register_parameter("cls_token", torch::zeros({1, 1, C}));
    pos_embed = register_parameter("pos_embed", torch::zeros({1, cfg.numEmbedTokens() + 1, C}));
    patch_embed = register_module("patch_embed", TubeletEmbed(cfg));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int64_t i = 0; i < cfg.depth; ++i)
        blocks->push_back(Block(C, cfg.heads, cfg.mlpRatio));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({C}).eps(1e-6)));
    initTransformerWeights(*this);
    truncNormal_(cls_token);
    truncNormal_(pos_embed);
}

torch::Tensor VitVideoEncoderImpl::embed(const torch::Tensor &video, const torch::Tensor &mask)
{
    TORCH_CHECK(video.dim() == 5 && video.size(1) == 3 && video.size(2) == m_cfg.frames && video.size(3) == m_cfg.size
                    && video.size(4) == m_cfg.size,
                "ViT video: input must be [B, 3, ", m_cfg.frames, ", ", m_cfg.size, ", ", m_cfg.size, "], got ",
                video.sizes());
    const int64_t B = video.size(0);
    auto x = applyTokenMask(patch_embed->forward(video), mask, "ViT video"); // [B, Nv, C]
    return torch::cat({cls_token.expand({B, -1, -1}), x}, 1) + pos_embed;
}

torch::Tensor VitVideoEncoderImpl::forwardTokens(const torch::Tensor &video, const torch::Tensor &mask)
{
    auto x = embed(video, mask);
    tapTensor("video.patch_embed", x);
    for (size_t k = 0; k < blocks->size(); ++k) {
        x = blocks[k]->as<BlockImpl>()->forward(x);
        tapBlock("video.blocks", k, x);
    }
    x = norm->forward(x);
    tapTensor("video.norm", x);
    return x;
}

} // namespace avt::model
