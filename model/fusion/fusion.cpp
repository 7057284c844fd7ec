#include "model/fusion/fusion.h"

#include "model/layers/taps.h"

#include <torch/torch.h>

namespace avt::model {

namespace {

torch::nn::Linear projectionOrNull(int64_t in, int64_t out)
{
    return in == out ? torch::nn::Linear(nullptr) : torch::nn::Linear(in, out);
}

torch::Tensor project(torch::nn::Linear &proj, const torch::Tensor &x)
{
    return proj.is_empty() ? x : proj->forward(x);
}

torch::Tensor runBlock(torch::nn::ModuleList &list, size_t k, const torch::Tensor &x)
{
    return list[k]->as<BlockImpl>()->forward(x);
}

torch::nn::LayerNorm layerNorm(int64_t dim)
{
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6));
}

} // namespace

BottleneckFusionImpl::BottleneckFusionImpl(const FusionConfig &cfg, int64_t videoWidth, int64_t audioWidth)
{
    const int64_t D = cfg.width;
    bottleneck = register_parameter("bottleneck", torch::zeros({1, cfg.tokens, D}));
    video_proj = projectionOrNull(videoWidth, D);
    if (!video_proj.is_empty())
        register_module("video_proj", video_proj);
    audio_proj = projectionOrNull(audioWidth, D);
    if (!audio_proj.is_empty())
        register_module("audio_proj", audio_proj);
    video_blocks = register_module("video_blocks", torch::nn::ModuleList());
    audio_blocks = register_module("audio_blocks", torch::nn::ModuleList());
    for (int64_t k = 0; k < cfg.blocks; ++k) {
        video_blocks->push_back(Block(D, cfg.heads, cfg.mlpRatio));
        audio_blocks->push_back(Block(D, cfg.heads, cfg.mlpRatio));
    }
    video_norm = register_module("video_norm", layerNorm(D));
    audio_norm = register_module("audio_norm", layerNorm(D));
    initTransformerWeights(*this);
    {
        torch::NoGradGuard guard;
        bottleneck.normal_(0.0, 0.02);
    }
}

FusedTokens BottleneckFusionImpl::forward(const torch::Tensor &videoIn, const torch::Tensor &audioIn)
{
    const int64_t B = videoIn.size(0);
    auto v = project(video_proj, videoIn);   // [B, Nv, D]
    auto a = project(audio_proj, audioIn);   // [B, Na, D]
    auto f = bottleneck.expand({B, -1, -1}); // [B, L, D]
    const int64_t Nv = v.size(1), L = f.size(1);
    for (size_t k = 0; k < video_blocks->size(); ++k) {
        auto vf = runBlock(video_blocks, k, torch::cat({v, f}, 1)); // eq. 3: [B, Nv+L, D]
        v = vf.narrow(1, 0, Nv);
        f = vf.narrow(1, Nv, L);
        auto fa = runBlock(audio_blocks, k, torch::cat({f, a}, 1)); // eq. 4: [B, L+Na, D]
        f = fa.narrow(1, 0, L);
        a = fa.narrow(1, L, fa.size(1) - L);
        tapBlock("fusion.video_blocks", k, v);
        tapBlock("fusion.audio_blocks", k, a);
    }
    return {video_norm->forward(v), audio_norm->forward(a), f};
}

ConcatFusionImpl::ConcatFusionImpl(const FusionConfig &cfg, int64_t videoWidth, int64_t audioWidth)
{
    const int64_t D = cfg.width;
    video_proj = projectionOrNull(videoWidth, D);
    if (!video_proj.is_empty())
        register_module("video_proj", video_proj);
    audio_proj = projectionOrNull(audioWidth, D);
    if (!audio_proj.is_empty())
        register_module("audio_proj", audio_proj);
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int64_t k = 0; k < cfg.blocks; ++k)
        blocks->push_back(Block(D, cfg.heads, cfg.mlpRatio));
    norm = register_module("norm", layerNorm(D));
    initTransformerWeights(*this);
}

FusedTokens ConcatFusionImpl::forward(const torch::Tensor &videoIn, const torch::Tensor &audioIn)
{
    auto v = project(video_proj, videoIn);
    auto a = project(audio_proj, audioIn);
    const int64_t Nv = v.size(1);
    auto x = torch::cat({v, a}, 1); // [B, Nv+Na, D]
    for (size_t k = 0; k < blocks->size(); ++k) {
        x = runBlock(blocks, k, x);
        if (tapsActive()) {
            const std::string name = "fusion.blocks." + std::to_string(k);
            tapTensor(name + ".video", x.narrow(1, 0, Nv));
            tapTensor(name + ".audio", x.narrow(1, Nv, x.size(1) - Nv));
        }
    }
    x = norm->forward(x);
    return {x.narrow(1, 0, Nv), x.narrow(1, Nv, x.size(1) - Nv), {}};
}

MbtBottleneckImpl::MbtBottleneckImpl(int64_t tokens, int64_t width)
{
    bottleneck = register_parameter("bottleneck", torch::zeros({1, tokens, width}));
    torch::NoGradGuard guard;
    bottleneck.normal_(0.0, 0.02);
}

FusedTokens MbtBottleneckImpl::forward(torch::nn::ModuleList &videoBlocks, torch::nn::ModuleList &audioBlocks,
                                       int64_t from, torch::Tensor v, torch::Tensor a)
{
    TORCH_CHECK(videoBlocks->size() == audioBlocks->size(), "MBT: encoders need the same depth");
    const int64_t B = v.size(0);
    auto f = bottleneck.expand({B, -1, -1}); // [B, L, D]
    const int64_t Nv = v.size(1), Na = a.size(1), L = f.size(1);
    for (size_t k = static_cast<size_t>(from); k < videoBlocks->size(); ++k) {
        auto vf = runBlock(videoBlocks, k, torch::cat({v, f}, 1)); // [B, Nv+L, D]
        auto af = runBlock(audioBlocks, k, torch::cat({a, f}, 1)); // [B, Na+L, D]
        v = vf.narrow(1, 0, Nv);
        a = af.narrow(1, 0, Na);
        tapBlock("video.blocks", k, v);
        tapBlock("audio.blocks", k, a);
        f = (vf.narrow(1, Nv, L) + af.narrow(1, Na, L)) / 2; // mean of the modality copies
    }
    return {v, a, f};
}

} // namespace avt::model
