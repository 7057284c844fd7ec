#include "model/heads/heads.h"

#include "model/layers/transformer.h"

#include <torch/torch.h>

namespace avt::model {

ClassificationHeadImpl::ClassificationHeadImpl(int64_t in, int64_t classes, int64_t nounClasses)
{
    main = register_module("main", torch::nn::Linear(in, classes));
    if (nounClasses > 0)
        noun = register_module("noun", torch::nn::Linear(in, nounClasses));
    initTransformerWeights(*this);
}

ClassLogits ClassificationHeadImpl::forward(const torch::Tensor &x)
{
    return {main->forward(x), noun.is_empty() ? torch::Tensor() : noun->forward(x)};
}

std::vector<int64_t> audioDecoderPadding(const AudioConfig &cfg)
{
    return {cfg.melBins - ((cfg.freqPatches() - 1) * cfg.fstride + cfg.patch),
            cfg.frames - ((cfg.timePatches() - 1) * cfg.tstride + cfg.patch)};
}

AudioDecoderImpl::AudioDecoderImpl(const AudioConfig &cfg, int64_t in) : m_cfg(cfg)
{
    const auto pad = audioDecoderPadding(cfg);
    proj = register_module("proj", torch::nn::ConvTranspose2d(torch::nn::ConvTranspose2dOptions(in, 1, cfg.patch)
                                                                  .stride({cfg.fstride, cfg.tstride})
                                                                  .output_padding({pad[0], pad[1]})));
}

torch::Tensor AudioDecoderImpl::forward(const torch::Tensor &tokens)
{
    const int64_t B = tokens.size(0), D = tokens.size(2);
    TORCH_CHECK(tokens.size(1) == m_cfg.numPatches(), "audio decoder: expected ", m_cfg.numPatches(),
                " patch tokens, got ", tokens.size(1));
    auto grid = tokens.transpose(1, 2).reshape({B, D, m_cfg.freqPatches(), m_cfg.timePatches()});
    return proj->forward(grid).squeeze(1).transpose(1, 2); // [B, 1, F, T] -> [B, T, F]
}

std::vector<int64_t> VideoDecoderImpl::kernel(const VideoConfig &cfg)
{
    if (cfg.encoder == "vit")
        return {cfg.tubelet, cfg.patch, cfg.patch};
    return {2, 32, 32};
}

std::vector<int64_t> VideoDecoderImpl::outputPadding(const VideoConfig &cfg)
{
    const auto g = cfg.finalGrid();
    const auto k = kernel(cfg);
    return {cfg.frames - g[0] * k[0], cfg.size - g[1] * k[1], cfg.size - g[2] * k[2]};
}

VideoDecoderImpl::VideoDecoderImpl(const VideoConfig &cfg, int64_t in) : m_cfg(cfg)
{
    const auto k = kernel(cfg);
    const auto pad = outputPadding(cfg);
    for (int i = 0; i < 3; ++i)
        TORCH_CHECK(pad[i] >= 0 && pad[i] < k[i], "video decoder: input ", cfg.frames, "x", cfg.size, "x", cfg.size,
                    " is not reachable with kernel ", k, " from grid ", cfg.finalGrid());
    proj = register_module(
        "proj", torch::nn::ConvTranspose3d(torch::nn::ConvTranspose3dOptions(in, 3, k).stride(k).output_padding(pad)));
}

torch::Tensor VideoDecoderImpl::forward(const torch::Tensor &tokens)
{
    const auto g = m_cfg.finalGrid();
    const int64_t B = tokens.size(0), D = tokens.size(2);
    TORCH_CHECK(tokens.size(1) == g[0] * g[1] * g[2], "video decoder: expected ", g[0] * g[1] * g[2], " tokens, got ",
                tokens.size(1));
    return proj->forward(tokens.transpose(1, 2).reshape({B, D, g[0], g[1], g[2]}));
}

} // namespace avt::model
