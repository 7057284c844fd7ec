#pragma once
// ViT over video tubelets: the frame encoder of the MBT baseline (Nagrani et al. 2021).
//
//   VitVideoEncoder vit(cfg.video);               // encoder == "vit"
//   auto tokens = vit->forwardTokens(video);      // [B, 3, T, H, W] -> [B, 1+Nv, C]
//
// Tubelet embedding Conv3d(3, C, (tubelet, patch, patch)) with the same stride, grid
// t x h x w = T/tubelet x H/patch x W/patch, tokens t-major. Tokens: [cls, patches] + pos_embed.
// Token masks: [B, Nv] bool, masked patch tokens zeroed right after the tubelet embedding.
// Parameter names: cls_token, pos_embed, patch_embed.proj.*, blocks.N.*, norm.*.
#include "model/config/model_config.h"
#include "model/layers/transformer.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>

namespace avt::model {

class TubeletEmbedImpl : public torch::nn::Module {
public:
    explicit TubeletEmbedImpl(const VideoConfig &cfg);
    // [B, 3, T, H, W] -> [B, Nv, C]
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Conv3d proj{nullptr};
};
TORCH_MODULE(TubeletEmbed);

class VitVideoEncoderImpl : public torch::nn::Module {
public:
    explicit VitVideoEncoderImpl(const VideoConfig &cfg);

    // video [B, 3, T, H, W], mask [B, Nv] -> [B, 1+Nv, C] before the blocks.
    torch::Tensor embed(const torch::Tensor &video, const torch::Tensor &mask = {});
    // embed + blocks + norm: [B, 1+Nv, C].
    torch::Tensor forwardTokens(const torch::Tensor &video, const torch::Tensor &mask = {});

    const VideoConfig &config() const { return m_cfg; }

    torch::Tensor cls_token, pos_embed;
    TubeletEmbed patch_embed{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::LayerNorm norm{nullptr};

private:
    VideoConfig m_cfg;
};
TORCH_MODULE(VitVideoEncoder);

} // namespace avt::model
