#pragma once
// Cross-modal fusion modules (paper section 3.2 and the ablation baselines).
//
// Shape legend: B batch, Nv video tokens (incl. one leading video CLS), Na audio tokens (incl.
// cls + dist), L bottleneck tokens, Dv / Da encoder widths, D fusion width.
//
// BottleneckFusion ("avt", eq. 3-4): K blocks after the encoders. In block k the video side
// runs a transformer block on [video tokens, F] and the audio side then runs its own block on
// [F', audio tokens], so audio consumes the bottleneck that video just updated; F for the next
// block is the audio side's output. Encoder tokens are first projected to width D (Linear,
// skipped when the width already is D).
//   params: bottleneck [1, L, D] ~ N(0, 0.02); video_proj / audio_proj; video_blocks.k.*,
//           audio_blocks.k.*; video_norm, audio_norm.
// ConcatFusion ("concat"): K blocks of joint attention over [video tokens, audio tokens].
//   params: video_proj / audio_proj; blocks.k.*; norm.
// MbtBottleneck ("mbt", scenic MBT): holds only the shared bottleneck tokens; the model runs
// each modality's own encoder layers from the fusion layer on with the bottleneck appended and
// replaces the bottleneck by the mean of the modalities' updated copies.
//   params: bottleneck [1, L, D].
// Thread-safety: none (modules).
#include "model/config/model_config.h"
#include "model/layers/transformer.h"

#include <torch/nn/modules/container/modulelist.h>

namespace avt::model {

struct FusedTokens {
    torch::Tensor video;      // [B, Nv, D]
    torch::Tensor audio;      // [B, Na, D]
    torch::Tensor bottleneck; // [B, L, D] (undefined for concat)
};

class BottleneckFusionImpl : public torch::nn::Module {
public:
    BottleneckFusionImpl(const FusionConfig &cfg, int64_t videoWidth, int64_t audioWidth);
    // video [B, Nv, Dv], audio [B, Na, Da] -> fused tokens at width D.
    FusedTokens forward(const torch::Tensor &video, const torch::Tensor &audio);

    torch::Tensor bottleneck;
    torch::nn::Linear video_proj{nullptr}, audio_proj{nullptr};
    torch::nn::ModuleList video_blocks{nullptr}, audio_blocks{nullptr};
    torch::nn::LayerNorm video_norm{nullptr}, audio_norm{nullptr};
};
TORCH_MODULE(BottleneckFusion);

class ConcatFusionImpl : public torch::nn::Module {
public:
    ConcatFusionImpl(const FusionConfig &cfg, int64_t videoWidth, int64_t audioWidth);
    // video [B, Nv, Dv], audio [B, Na, Da] -> fused tokens at width D, split back per modality.
    FusedTokens forward(const torch::Tensor &video, const torch::Tensor &audio);

    torch::nn::Linear video_proj{nullptr}, audio_proj{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(ConcatFusion);

class MbtBottleneckImpl : public torch::nn::Module {
public:
    MbtBottleneckImpl(int64_t tokens, int64_t width);
    // Runs the fused layers [from, blocks.size()) of both encoders:
    // video [B, Nv, D], audio [B, Na, D] -> FusedTokens (before the encoders' final norms).
    FusedTokens forward(torch::nn::ModuleList &videoBlocks, torch::nn::ModuleList &audioBlocks, int64_t from,
                        torch::Tensor video, torch::Tensor audio);

    torch::Tensor bottleneck;
};
TORCH_MODULE(MbtBottleneck);

} // namespace avt::model
