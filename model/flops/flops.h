#pragma once
// Analytic parameter and multiply-accumulate counts, per model part, for any ModelConfig.
//
//   auto cost = avt::model::modelCost(*ModelConfig::preset("avt-base"));
//   cost.total().macs / 1e9   // "GFLOPs" as the UniFormer / AST / MBT papers report them
//
// What counts (per clip, batch 1, inference forward):
//   - every Linear: in * out MACs per token;
//   - every convolution / transposed convolution: out_channels * in_channels / groups *
//     kernel volume MACs per output (resp. input) position (patch embeddings, UniFormer's DPE,
//     1x1x1 convs, depthwise 5x5x5 "attention");
//   - attention: QK^T and AV, N * N * C MACs each (all heads together).
// Left out: biases, normalisation layers, activations, softmax, residual additions, pooling,
// the position-embedding addition, token masking. These are < 1% for the published models.
// Parameters are exact (the same numbers as counting the module's parameters); BatchNorm
// running statistics are buffers and not counted.
//
// Parts: audio = the AST (mbt: its unfused layers), video = UniFormer / ViT (mbt: unfused
// layers), fusion = the fusion module (mbt: the fused layers of both encoders with the
// bottleneck tokens), heads = classification, g_A/g_V, AVM head; decoders = the masked-
// reconstruction decoders (training only, not part of the inference total).
// Thread-safety: pure functions.
#include "model/config/model_config.h"

#include <string>
#include <vector>

namespace avt::model {

struct Cost {
    int64_t params = 0;
    double macs = 0; // multiply-accumulates per clip
    Cost &operator+=(const Cost &o)
    {
        params += o.params;
        macs += o.macs;
        return *this;
    }
};

struct ModelCost {
    Cost audio, video, fusion, heads, decoders;
    Cost total() const; // audio + video + fusion + heads (inference)
    // Rows "part params macs" for printing.
    std::vector<std::pair<std::string, Cost>> parts() const;
};

// One pre-norm transformer block of width dim over n tokens.
Cost transformerBlockCost(int64_t dim, double mlpRatio, int64_t n);
// Standalone encoders; classes > 0 adds their own head (AST: LayerNorm + Linear; UniFormer: Linear).
Cost astCost(const AudioConfig &cfg, int64_t classes = 0);
Cost uniformerCost(const VideoConfig &cfg, int64_t classes = 0);
Cost vitVideoCost(const VideoConfig &cfg);
// Fusion cost of `avt` (bottleneck) and `concat` for given token counts (no projections).
Cost avtFusionCost(const FusionConfig &cfg, int64_t videoTokens, int64_t audioTokens);
Cost concatFusionCost(const FusionConfig &cfg, int64_t videoTokens, int64_t audioTokens);

ModelCost modelCost(const ModelConfig &cfg);

} // namespace avt::model
