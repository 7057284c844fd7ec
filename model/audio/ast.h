#pragma once
// AST: the Audio Spectrogram Transformer (Gong et al. 2021) as the audio encoder.
//
//   AstEncoder ast(cfg.audio);                  // numClasses 0: no mlp_head
//   auto tokens = ast->forwardTokens(spec);     // spec [B, T, F] log-mel -> [B, 2+Na, C]
//   auto emb = AstEncoderImpl::pooled(tokens);  // [B, C] = (cls + dist) / 2
//
// Input layout follows the official AST: [B, T frames, F mel bins]; internally [B, 1, F, T].
// Patches: Conv2d(1, C, patch, stride (fstride, tstride)); grid f x t, token order
// frequency-major (index = fi * t + ti). Tokens: [cls, dist, patches] + pos_embed.
// Token masks (optional) are [B, Na] bool, true = masked: those patch tokens are set to zero
// right after patch embedding (before the position embedding is added).
//
// Parameter names equal the official AST's without the leading "v.": cls_token, dist_token,
// pos_embed [1, 2+Na, C], patch_embed.proj.{weight,bias}, blocks.N.*, norm.*, and
// mlp_head.0 (LayerNorm) / mlp_head.1 (Linear) when numClasses > 0.
#include "model/config/model_config.h"
#include "model/layers/transformer.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

namespace avt::model {

class AstPatchEmbedImpl : public torch::nn::Module {
public:
    AstPatchEmbedImpl(const AudioConfig &cfg);
    // x [B, 1, F, T] -> [B, Na, C]
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Conv2d proj{nullptr};
};
TORCH_MODULE(AstPatchEmbed);

class AstEncoderImpl : public torch::nn::Module {
public:
    explicit AstEncoderImpl(const AudioConfig &cfg, int64_t numClasses = 0);

    // spec [B, T, F], mask [B, Na] bool or undefined -> tokens [B, 2+Na, C] before the blocks.
    torch::Tensor embed(const torch::Tensor &spec, const torch::Tensor &mask = {});
    // Runs embed, all blocks and the final norm: [B, 2+Na, C].
    torch::Tensor forwardTokens(const torch::Tensor &spec, const torch::Tensor &mask = {});
    // tokens [B, 2+Na, C] -> [B, C]: mean of the cls and dist tokens.
    static torch::Tensor pooled(const torch::Tensor &tokens);
    // Standalone use: logits [B, numClasses] (needs numClasses > 0).
    torch::Tensor forward(const torch::Tensor &spec);

    const AudioConfig &config() const { return m_cfg; }

    torch::Tensor cls_token, dist_token, pos_embed;
    AstPatchEmbed patch_embed{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::LayerNorm norm{nullptr};
    torch::nn::Sequential mlp_head{nullptr};

private:
    AudioConfig m_cfg;
};
TORCH_MODULE(AstEncoder);

} // namespace avt::model
