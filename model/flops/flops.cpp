#include "model/flops/flops.h"

#include "model/heads/heads.h"

namespace avt::model {

namespace {

// Linear in -> out applied to n tokens.
Cost linear(int64_t in, int64_t out, int64_t n, bool bias = true)
{
    return {in * out + (bias ? out : 0), double(in) * double(out) * double(n)};
}

Cost layerNorm(int64_t dim) { return {2 * dim, 0}; }

// Convolution with `positions` output positions.
Cost conv(int64_t in, int64_t out, int64_t kernelVolume, int64_t groups, int64_t positions)
{
    const int64_t w = out * (in / groups) * kernelVolume;
    return {w + out, double(w) * double(positions)};
}

Cost cblock(int64_t C, double mlpRatio, int64_t n)
{
    const int64_t hidden = static_cast<int64_t>(C * mlpRatio);
    Cost c = conv(C, C, 27, C, n); // DPE
    c += {2 * C, 0};               // norm1 (BatchNorm affine)
    c += conv(C, C, 1, 1, n);      // conv1
    c += conv(C, C, 125, C, n);    // attn: depthwise 5x5x5
    c += conv(C, C, 1, 1, n);      // conv2
    c += {2 * C, 0};               // norm2
    c += conv(C, hidden, 1, 1, n);
    c += conv(hidden, C, 1, 1, n);
    return c;
}

Cost sablock(int64_t C, double mlpRatio, int64_t n)
{
    Cost c = conv(C, C, 27, C, n); // DPE
    c += transformerBlockCost(C, mlpRatio, n);
    return c;
}

} // namespace

Cost ModelCost::total() const
{
    Cost c = audio;
    c += video;
    c += fusion;
    c += heads;
    return c;
}

std::vector<std::pair<std::string, Cost>> ModelCost::parts() const
{
    return {{"audio", audio}, {"video", video},   {"fusion", fusion},
            {"heads", heads}, {"total", total()}, {"decoders", decoders}};
}

Cost transformerBlockCost(int64_t dim, double mlpRatio, int64_t n)
{
    const int64_t hidden = static_cast<int64_t>(dim * mlpRatio);
    Cost c = layerNorm(dim);
    c += linear(dim, 3 * dim, n);                        // qkv
    c += {0, 2.0 * double(n) * double(n) * double(dim)}; // QK^T and AV
    c += linear(dim, dim, n);                            // proj
    c += layerNorm(dim);
    c += linear(dim, hidden, n);
    c += linear(hidden, dim, n);
    return c;
}

Cost astCost(const AudioConfig &a, int64_t classes)
{
    const int64_t n = a.numPatches() + 2;
    Cost c = conv(1, a.width, a.patch * a.patch, 1, a.numPatches()); // patch embedding
    c += {(n + 2) * a.width, 0};                                     // cls, dist, pos_embed
    for (int64_t i = 0; i < a.depth; ++i)
        c += transformerBlockCost(a.width, a.mlpRatio, n);
    c += layerNorm(a.width);
    if (classes > 0) {
        c += layerNorm(a.width);
        c += linear(a.width, classes, 1);
    }
    return c;
}

Cost uniformerCost(const VideoConfig &v, int64_t classes)
{
    const auto &w = v.widths;
    auto g = v.embedGrid();
    auto n = [&] { return g[0] * g[1] * g[2]; };
    Cost c = conv(3, w[0], 3 * 4 * 4, 1, n()); // stem
    c += layerNorm(w[0]);
    for (int s = 0; s < 4; ++s) {
        if (s > 0) {
            g[1] = (g[1] - 2) / 2 + 1;
            g[2] = (g[2] - 2) / 2 + 1;
            c += conv(w[s - 1], w[s], 4, 1, n()); // patch_embed k = s = (1, 2, 2)
            c += layerNorm(w[s]);
        }
        for (int64_t i = 0; i < v.depths[s]; ++i)
            c += s < 2 ? cblock(w[s], v.mlpRatio, n()) : sablock(w[s], v.mlpRatio, n());
    }
    c += {2 * w[3], 0}; // final BatchNorm affine
    if (classes > 0)
        c += linear(w[3], classes, 1);
    return c;
}

Cost vitVideoCost(const VideoConfig &v)
{
    const int64_t np = v.numEmbedTokens();
    Cost c = conv(3, v.width, v.tubelet * v.patch * v.patch, 1, np);
    c += {(np + 2) * v.width, 0}; // cls + pos_embed [1 + np]
    for (int64_t i = 0; i < v.depth; ++i)
        c += transformerBlockCost(v.width, v.mlpRatio, np + 1);
    c += layerNorm(v.width);
    return c;
}

Cost avtFusionCost(const FusionConfig &f, int64_t videoTokens, int64_t audioTokens)
{
    Cost c{f.tokens * f.width, 0};
    for (int64_t k = 0; k < f.blocks; ++k) {
        c += transformerBlockCost(f.width, f.mlpRatio, videoTokens + f.tokens);
        c += transformerBlockCost(f.width, f.mlpRatio, f.tokens + audioTokens);
    }
    c += layerNorm(f.width);
    c += layerNorm(f.width);
    return c;
}

Cost concatFusionCost(const FusionConfig &f, int64_t videoTokens, int64_t audioTokens)
{
    Cost c;
    for (int64_t k = 0; k < f.blocks; ++k)
        c += transformerBlockCost(f.width, f.mlpRatio, videoTokens + audioTokens);
    c += layerNorm(f.width);
    return c;
}

namespace {

void addMbt(const ModelConfig &cfg, ModelCost &m)
{
    // Encoders' own layers are split: unfused layers to audio / video, fused ones to fusion.
    const auto &a = cfg.audio;
    const auto &v = cfg.video;
    const int64_t na = a.numPatches() + 2, nv = v.numEmbedTokens() + 1, L = cfg.fusion.tokens;
    const Cost aBlock = transformerBlockCost(a.width, a.mlpRatio, na);
    const Cost vBlock = transformerBlockCost(v.width, v.mlpRatio, nv);
    m.audio = astCost(a);
    m.video = vitVideoCost(v);
    const int64_t fused = a.depth - cfg.fusion.layer;
    m.audio.params -= fused * aBlock.params;
    m.audio.macs -= double(fused) * aBlock.macs;
    m.video.params -= fused * vBlock.params;
    m.video.macs -= double(fused) * vBlock.macs;
    m.fusion = {L * a.width, 0};
    for (int64_t k = 0; k < fused; ++k) {
        m.fusion += transformerBlockCost(a.width, a.mlpRatio, na + L);
        m.fusion += transformerBlockCost(v.width, v.mlpRatio, nv + L);
    }
}

int64_t videoFusionTokens(const VideoConfig &v)
{
    const auto g = v.encoder == "vit" ? v.embedGrid() : v.finalGrid();
    return g[0] * g[1] * g[2] + 1; // + the video CLS
}

} // namespace

ModelCost modelCost(const ModelConfig &cfg)
{
    ModelCost m;
    const std::string &mode = cfg.fusion.mode;
    const bool hasA = cfg.hasAudio(), hasV = cfg.hasVideo();
    const int64_t Da = cfg.audio.width, Dv = cfg.video.outWidth(), D = cfg.fusion.width;
    const int64_t na = cfg.audio.numPatches() + 2, nv = videoFusionTokens(cfg.video);
    if (mode == "mbt") {
        addMbt(cfg, m);
    } else {
        if (hasA)
            m.audio = astCost(cfg.audio);
        if (hasV)
            m.video = cfg.video.encoder == "vit" ? vitVideoCost(cfg.video) : uniformerCost(cfg.video);
    }
    const bool projected = mode == "avt" || mode == "concat";
    if (projected) {
        if (Dv != D)
            m.fusion += linear(Dv, D, nv);
        if (Da != D)
            m.fusion += linear(Da, D, na);
        m.fusion += mode == "avt" ? avtFusionCost(cfg.fusion, nv, na) : concatFusionCost(cfg.fusion, nv, na);
    }
    const int64_t fa = projected ? D : Da, fv = projected ? D : Dv;
    const int64_t C = cfg.head.classes, C2 = cfg.head.nounClasses;
    auto clsHead = [&](int64_t in) {
        Cost c = linear(in, C, 1);
        if (C2 > 0)
            c += linear(in, C2, 1);
        return c;
    };
    if (mode == "late") {
        m.heads += clsHead(Da);
        m.heads += clsHead(Dv);
    } else {
        m.heads += clsHead(mode == "audio" ? Da : mode == "video" ? Dv : fv + fa);
    }
    if (hasA && hasV) {
        m.heads += linear(Da, cfg.head.projection, 1);
        m.heads += linear(Dv, cfg.head.projection, 1);
        if (cfg.head.avm && (projected || mode == "mbt"))
            m.heads += linear(fv + fa, 2, 1);
    }
    if (cfg.head.decoders) {
        if (hasA) {
            const int64_t k = cfg.audio.patch * cfg.audio.patch;
            m.decoders += {fa * k + 1, double(fa) * double(k) * double(cfg.audio.numPatches())};
        }
        if (hasV) {
            const auto k = VideoDecoderImpl::kernel(cfg.video);
            const int64_t kv = k[0] * k[1] * k[2];
            m.decoders += {fv * 3 * kv + 3, double(fv) * 3.0 * double(kv) * double(nv - 1)};
        }
    }
    return m;
}

} // namespace avt::model
