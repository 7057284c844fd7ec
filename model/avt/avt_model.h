#pragma once
// AvtModel: the audio-video transformer of the paper (and its baselines) in one module.
//
//   auto cfg = *avt::model::ModelConfig::preset("avt-tiny");
//   avt::model::AvtModel net(cfg);
//   avt::model::AvtInputs in{audio, video};          // audio [B, T, F], video [B, 3, T, H, W]
//   auto out = net->forward(in);                     // out.logits [B, C]
//
// Pipeline: encoders (AST audio; UniFormer or tubelet ViT video) -> fusion (config.fusion.mode)
// -> heads. See model/config/model_config.h for every field.
//
// Shape legend: B batch; Na = f*t audio patches, Nv = video tokens after patch embedding
// (token masks live there), Nv' = video tokens of the final map; Da, Dv encoder widths, D the
// fusion width; C classes; P the AVC projection width (256 in the paper).
//
// KEY NAMES ARE AN INTERFACE (the weight importer maps official checkpoints onto them):
//   audio.*       the AST, named as the official AST without the leading "v.":
//                 audio.cls_token, audio.dist_token, audio.pos_embed, audio.patch_embed.proj.*,
//                 audio.blocks.N.{norm1,attn.qkv,attn.proj,norm2,mlp.fc1,mlp.fc2}.*, audio.norm.*
//                 (the standalone AstEncoder with classes > 0 adds mlp_head.0 / mlp_head.1).
//   video.*       UniFormer with the official names: video.patch_embed{1-4}.{proj,norm}.*,
//                 video.blocks{1-4}.i.*, video.norm.* (BatchNorm with buffers); a standalone
//                 Uniformer with classes > 0 adds head.*. For encoder=vit: video.cls_token,
//                 video.pos_embed, video.patch_embed.proj.*, video.blocks.N.*, video.norm.*.
//   fusion.*      avt: fusion.bottleneck, fusion.{video,audio}_proj.*,
//                 fusion.{video,audio}_blocks.k.*, fusion.{video,audio}_norm.*;
//                 concat: fusion.{video,audio}_proj.*, fusion.blocks.k.*, fusion.norm.*;
//                 mbt: fusion.bottleneck (the fused layers are the encoders' own blocks).
//   cls_head.{main,noun}.*          classification on [video CLS, audio CLS] (late mode:
//   audio_cls_head.*, video_cls_head.*  one per modality, logits averaged).
//   proj_audio.*, proj_video.*      g_A, g_V (AVC), on the encoders' CLS embeddings.
//   avm_head.*                      2-way audio-video matching head on [video CLS, audio CLS].
//   audio_decoder.proj.*, video_decoder.proj.*   masked-reconstruction decoders.
//
// CLS conventions: audio CLS = (cls + dist) / 2 of the AST tokens; video CLS = the pooled
// UniFormer map (prepended as a leading token before fusion) or the ViT cls token.
// Thread-safety: none (a torch module); one forward at a time.
#include "model/audio/ast.h"
#include "model/config/model_config.h"
#include "model/fusion/fusion.h"
#include "model/heads/heads.h"
#include "model/video/uniformer.h"
#include "model/video/vit_video.h"

namespace avt::model {

struct AvtInputs {
    torch::Tensor audio;     // [B, T, F] normalised log-mel (undefined for video-only)
    torch::Tensor video;     // [B, 3, T, H, W] normalised frames (undefined for audio-only)
    torch::Tensor audioMask; // [B, Na] bool, true = token zeroed; optional
    torch::Tensor videoMask; // [B, Nv] bool, true = token zeroed; optional
};

struct AvtOutputs {
    torch::Tensor logits;              // [B, C]
    torch::Tensor nounLogits;          // [B, C2] when head.noun_classes > 0
    torch::Tensor audioEmbedding;      // [B, Da] audio CLS before fusion
    torch::Tensor videoEmbedding;      // [B, Dv] video CLS before fusion
    torch::Tensor audioProjection;     // [B, P] g_A(audio CLS) (both modalities only)
    torch::Tensor videoProjection;     // [B, P] g_V(video CLS)
    torch::Tensor audioTokens;         // [B, Na+2, Da] tokens entering the fusion (for AVM re-pairing)
    torch::Tensor videoTokens;         // [B, Nv'+1, Dv]
    torch::Tensor fusedCls;            // [B, Dcls] [video CLS, audio CLS] after fusion
    torch::Tensor audioReconstruction; // [B, T, F] when reconstruct and decoders exist
    torch::Tensor videoReconstruction; // [B, 3, T, H, W]
};

class AvtModelImpl : public torch::nn::Module {
public:
    // Throws c10::Error with the message of ModelConfig::validate() on a bad config.
    explicit AvtModelImpl(const ModelConfig &cfg);

    AvtOutputs forward(const AvtInputs &in, bool reconstruct = false);
    // Fuses (possibly re-paired) fusion-entry tokens and returns [B, Dcls] fused CLS.
    torch::Tensor fuseCls(const torch::Tensor &audioTokens, const torch::Tensor &videoTokens);
    // AVM logits [B, 2] for re-paired tokens (needs head.avm and a fusing mode).
    torch::Tensor avmLogits(const torch::Tensor &audioTokens, const torch::Tensor &videoTokens);

    const ModelConfig &config() const { return m_cfg; }
    bool fuses() const; // avt, mbt, concat
    int64_t clsWidth() const { return m_clsWidth; }

    AstEncoder audio{nullptr};
    Uniformer uniformer{nullptr};        // registered as "video" when encoder == uniformer
    VitVideoEncoder vit{nullptr};        // registered as "video" when encoder == vit
    BottleneckFusion avtFusion{nullptr}; // "fusion"
    ConcatFusion concatFusion{nullptr};  // "fusion"
    MbtBottleneck mbtFusion{nullptr};    // "fusion"
    ClassificationHead cls_head{nullptr}, audio_cls_head{nullptr}, video_cls_head{nullptr};
    torch::nn::Linear proj_audio{nullptr}, proj_video{nullptr}, avm_head{nullptr};
    AudioDecoder audio_decoder{nullptr};
    VideoDecoder video_decoder{nullptr};

private:
    struct Fused {
        torch::Tensor audio; // [B, Na+2, D]
        torch::Tensor video; // [B, Nv'+1, D]
    };
    Fused fuse(const torch::Tensor &audioTokens, const torch::Tensor &videoTokens);
    torch::Tensor encodeAudio(const AvtInputs &in);
    torch::Tensor encodeVideo(const AvtInputs &in);
    static torch::Tensor cls(const Fused &f);
    void buildHeads();

    ModelConfig m_cfg;
    int64_t m_clsWidth = 0;
};
TORCH_MODULE(AvtModel);

// Number of parameter elements whose name starts with prefix ("" = all).
int64_t countParameters(const torch::nn::Module &module, const std::string &prefix = "");

} // namespace avt::model
