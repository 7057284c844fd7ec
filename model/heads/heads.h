#pragma once
// Output heads of the AVT model (paper sections 3.1-3.3).
//
// ClassificationHead: one Linear (`main`) and, for EPIC-KITCHENS, a second (`noun`), both on
//   the same input (normally [video CLS, audio CLS] concatenated): [B, In] -> [B, C] (+ [B, C2]).
// AudioDecoder: one ConvTranspose2d from the patch-token grid back to the spectrogram:
//   tokens [B, f*t, D] -> [B, T, F] (exact inverse geometry of AST's patchify; output_padding
//   absorbs the frames the patch grid does not cover, e.g. (2, 8) for 128 x 1024).
// VideoDecoder: one ConvTranspose3d with kernel = stride = the encoder's total downsampling
//   ((2, 32, 32) for UniFormer, (tubelet, patch, patch) for ViT), output_padding filling any
//   remainder: tokens [B, t*h*w, D] -> [B, 3, T, H, W].
// Thread-safety: none (modules).
#include "model/config/model_config.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace avt::model {

struct ClassLogits {
    torch::Tensor main; // [B, C]
    torch::Tensor noun; // [B, C2] or undefined
};

class ClassificationHeadImpl : public torch::nn::Module {
public:
    ClassificationHeadImpl(int64_t in, int64_t classes, int64_t nounClasses = 0);
    ClassLogits forward(const torch::Tensor &x);
    torch::nn::Linear main{nullptr};
    torch::nn::Linear noun{nullptr};
};
TORCH_MODULE(ClassificationHead);

class AudioDecoderImpl : public torch::nn::Module {
public:
    AudioDecoderImpl(const AudioConfig &cfg, int64_t in);
    // tokens [B, f*t, D] (frequency-major) -> spectrogram [B, T, F]
    torch::Tensor forward(const torch::Tensor &tokens);
    torch::nn::ConvTranspose2d proj{nullptr};

private:
    AudioConfig m_cfg;
};
TORCH_MODULE(AudioDecoder);

class VideoDecoderImpl : public torch::nn::Module {
public:
    VideoDecoderImpl(const VideoConfig &cfg, int64_t in);
    // tokens [B, t*h*w, D] (t-major) -> video [B, 3, T, H, W]
    torch::Tensor forward(const torch::Tensor &tokens);
    torch::nn::ConvTranspose3d proj{nullptr};

    // Kernel = stride of the decoder ([t, h, w]) and its output padding.
    static std::vector<int64_t> kernel(const VideoConfig &cfg);
    static std::vector<int64_t> outputPadding(const VideoConfig &cfg);

private:
    VideoConfig m_cfg;
};
TORCH_MODULE(VideoDecoder);

// Output padding of the audio decoder: [F - ((f-1)*fstride + patch), T - ((t-1)*tstride + patch)].
std::vector<int64_t> audioDecoderPadding(const AudioConfig &cfg);

} // namespace avt::model
