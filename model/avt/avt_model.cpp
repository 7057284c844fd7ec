#include "model/avt/avt_model.h"

#include "model/layers/taps.h"

#include <torch/torch.h>

namespace avt::model {

namespace {

torch::Tensor runBlocks(torch::nn::ModuleList &blocks, const char *name, int64_t from, int64_t to, torch::Tensor x)
{
    for (int64_t k = from; k < to; ++k) {
        x = blocks[static_cast<size_t>(k)]->as<BlockImpl>()->forward(x);
        tapBlock(name, static_cast<size_t>(k), x);
    }
    return x;
}

} // namespace

int64_t countParameters(const torch::nn::Module &module, const std::string &prefix)
{
    int64_t n = 0;
    for (const auto &p : module.named_parameters(/*recurse=*/true))
        if (p.key().rfind(prefix, 0) == 0)
            n += p.value().numel();
    return n;
}

AvtModelImpl::AvtModelImpl(const ModelConfig &cfg) : m_cfg(cfg)
{
    const std::string err = cfg.validate();
    TORCH_CHECK(err.empty(), "model config: ", err);
    if (cfg.hasAudio())
        audio = register_module("audio", AstEncoder(cfg.audio));
    if (cfg.hasVideo()) {
        if (cfg.video.encoder == "vit")
            vit = register_module("video", VitVideoEncoder(cfg.video));
        else
            uniformer = register_module("video", Uniformer(cfg.video));
    }
    const int64_t Da = cfg.audio.width, Dv = cfg.video.outWidth();
    const std::string &mode = cfg.fusion.mode;
    if (mode == "avt")
        avtFusion = register_module("fusion", BottleneckFusion(cfg.fusion, Dv, Da));
    else if (mode == "concat")
        concatFusion = register_module("fusion", ConcatFusion(cfg.fusion, Dv, Da));
    else if (mode == "mbt")
        mbtFusion = register_module("fusion", MbtBottleneck(cfg.fusion.tokens, Da));
    buildHeads();
}

bool AvtModelImpl::fuses() const
{
    const std::string &m = m_cfg.fusion.mode;
    return m == "avt" || m == "mbt" || m == "concat";
}

void AvtModelImpl::buildHeads()
{
    const ModelConfig &c = m_cfg;
    const bool projected = c.fusion.mode == "avt" || c.fusion.mode == "concat";
    const int64_t Da = c.audio.width, Dv = c.video.outWidth();
    const int64_t fa = projected ? c.fusion.width : Da; // audio token width after fusion
    const int64_t fv = projected ? c.fusion.width : Dv; // video token width after fusion
    if (c.fusion.mode == "late") {
        audio_cls_head = register_module("audio_cls_head", ClassificationHead(Da, c.head.classes, c.head.nounClasses));
        video_cls_head = register_module("video_cls_head", ClassificationHead(Dv, c.head.classes, c.head.nounClasses));
    } else {
        m_clsWidth = c.fusion.mode == "audio" ? Da : c.fusion.mode == "video" ? Dv : fv + fa;
        cls_head = register_module("cls_head", ClassificationHead(m_clsWidth, c.head.classes, c.head.nounClasses));
    }
    if (c.hasAudio() && c.hasVideo()) {
        proj_audio = register_module("proj_audio", torch::nn::Linear(Da, c.head.projection));
        proj_video = register_module("proj_video", torch::nn::Linear(Dv, c.head.projection));
        if (fuses() && c.head.avm)
            avm_head = register_module("avm_head", torch::nn::Linear(fv + fa, 2));
    }
    if (c.head.decoders) {
        if (c.hasAudio())
            audio_decoder = register_module("audio_decoder", AudioDecoder(c.audio, fa));
        if (c.hasVideo())
            video_decoder = register_module("video_decoder", VideoDecoder(c.video, fv));
    }
    for (auto *lin : {&proj_audio, &proj_video, &avm_head})
        if (!lin->is_empty()) {
            truncNormal_((*lin)->weight, 0.02);
            torch::NoGradGuard guard;
            (*lin)->bias.zero_();
        }
}

torch::Tensor AvtModelImpl::encodeAudio(const AvtInputs &in)
{
    TORCH_CHECK(in.audio.defined(), "AVT: this model needs an audio input");
    if (m_cfg.fusion.mode == "mbt")
        return runBlocks(audio->blocks, "audio.blocks", 0, m_cfg.fusion.layer, audio->embed(in.audio, in.audioMask));
    return audio->forwardTokens(in.audio, in.audioMask); // [B, 2+Na, Da]
}

torch::Tensor AvtModelImpl::encodeVideo(const AvtInputs &in)
{
    TORCH_CHECK(in.video.defined(), "AVT: this model needs a video input");
    if (!vit.is_empty()) {
        if (m_cfg.fusion.mode == "mbt")
            return runBlocks(vit->blocks, "video.blocks", 0, m_cfg.fusion.layer, vit->embed(in.video, in.videoMask));
        return vit->forwardTokens(in.video, in.videoMask); // [B, 1+Nv, Dv]
    }
    auto map = uniformer->forwardFeatures(in.video, in.videoMask);    // [B, Dv, t, h, w]
    auto tokens = map.flatten(2).transpose(1, 2);                     // [B, Nv', Dv]
    return torch::cat({tokens.mean(1, /*keepdim=*/true), tokens}, 1); // [B, 1+Nv', Dv]
}

AvtModelImpl::Fused AvtModelImpl::fuse(const torch::Tensor &a, const torch::Tensor &v)
{
    const std::string &mode = m_cfg.fusion.mode;
    if (mode == "avt") {
        auto f = avtFusion->forward(v, a);
        return {f.audio, f.video};
    }
    if (mode == "concat") {
        auto f = concatFusion->forward(v, a);
        return {f.audio, f.video};
    }
    if (mode == "mbt") {
        auto f = mbtFusion->forward(vit->blocks, audio->blocks, m_cfg.fusion.layer, v, a);
        return {audio->norm->forward(f.audio), vit->norm->forward(f.video)};
    }
    return {a, v};
}

torch::Tensor AvtModelImpl::cls(const Fused &f)
{
    return torch::cat({f.video.select(1, 0), AstEncoderImpl::pooled(f.audio)}, 1); // [B, Dv+Da]
}

torch::Tensor AvtModelImpl::fuseCls(const torch::Tensor &audioTokens, const torch::Tensor &videoTokens)
{
    TORCH_CHECK(fuses(), "AVT: fusion mode '", m_cfg.fusion.mode, "' does not fuse tokens");
    return cls(fuse(audioTokens, videoTokens));
}

torch::Tensor AvtModelImpl::avmLogits(const torch::Tensor &audioTokens, const torch::Tensor &videoTokens)
{
    TORCH_CHECK(!avm_head.is_empty(), "AVT: this model has no AVM head");
    return avm_head->forward(fuseCls(audioTokens, videoTokens));
}

AvtOutputs AvtModelImpl::forward(const AvtInputs &in, bool reconstruct)
{
    AvtOutputs out;
    const std::string &mode = m_cfg.fusion.mode;
    if (m_cfg.hasAudio())
        out.audioTokens = encodeAudio(in);
    if (m_cfg.hasVideo())
        out.videoTokens = encodeVideo(in);
    const Fused fused = fuse(out.audioTokens, out.videoTokens);
    // mbt has no separate pre-fusion embedding: its encoders end inside the fusion.
    const Fused &pre = mode == "mbt" ? fused : Fused{out.audioTokens, out.videoTokens};
    if (pre.audio.defined())
        out.audioEmbedding = AstEncoderImpl::pooled(pre.audio);
    if (pre.video.defined())
        out.videoEmbedding = pre.video.select(1, 0);

    ClassLogits logits;
    if (mode == "late") {
        auto la = audio_cls_head->forward(out.audioEmbedding);
        auto lv = video_cls_head->forward(out.videoEmbedding);
        logits.main = (la.main + lv.main) / 2;
        if (la.noun.defined())
            logits.noun = (la.noun + lv.noun) / 2;
    } else if (mode == "audio") {
        logits = cls_head->forward(out.audioEmbedding);
    } else if (mode == "video") {
        logits = cls_head->forward(out.videoEmbedding);
    } else {
        out.fusedCls = cls(fused);
        logits = cls_head->forward(out.fusedCls);
    }
    out.logits = logits.main;
    out.nounLogits = logits.noun;
    if (!proj_audio.is_empty()) {
        out.audioProjection = proj_audio->forward(out.audioEmbedding);
        out.videoProjection = proj_video->forward(out.videoEmbedding);
    }
    if (reconstruct && !audio_decoder.is_empty())
        out.audioReconstruction = audio_decoder->forward(fused.audio.narrow(1, 2, fused.audio.size(1) - 2));
    if (reconstruct && !video_decoder.is_empty())
        out.videoReconstruction = video_decoder->forward(fused.video.narrow(1, 1, fused.video.size(1) - 1));
    return out;
}

} // namespace avt::model
