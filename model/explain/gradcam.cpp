#include "model/explain/gradcam.h"

#include "model/layers/taps.h"

#include <torch/torch.h>

#include <algorithm>
#include <set>

namespace avt::model {

namespace {

bool startsWith(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

CamModality modalityOf(const std::string &name)
{
    if (startsWith(name, "audio.") || startsWith(name, "fusion.audio_blocks.") || endsWith(name, ".audio"))
        return CamModality::Audio;
    return CamModality::Video;
}

// Grid, layout and input mapping of a tapped tensor t (batch 1).
CamLayer describe(const std::string &name, const at::Tensor &t, const ModelConfig &cfg)
{
    CamLayer l;
    l.name = name;
    l.modality = modalityOf(name);
    l.shape.assign(t.sizes().begin(), t.sizes().end());
    if (l.modality == CamModality::Audio) {
        const AudioConfig &a = cfg.audio;
        l.tokens = true;
        l.leadingTokens = 2;
        l.grid = {a.freqPatches(), a.timePatches()};
        const double centre = double(a.patch - 1) / 2.0;
        l.stride = {double(a.fstride), double(a.tstride)};
        l.offset = {centre, centre};
        return l;
    }
    const VideoConfig &v = cfg.video;
    if (t.dim() == 5) { // UniFormer map [1, C, T', H', W']
        l.grid = {t.size(2), t.size(3), t.size(4)};
    } else { // tokens [1, 1 + N, C]
        l.tokens = true;
        l.leadingTokens = 1;
        l.grid = v.encoder == "vit" ? v.embedGrid() : v.finalGrid();
    }
    if (v.encoder == "vit") {
        const double ts = double(v.tubelet), ps = double(v.patch);
        l.stride = {ts, ps, ps};
        l.offset = {ts / 2.0 - 0.5, ps / 2.0 - 0.5, ps / 2.0 - 0.5};
    } else {
        // Stem: frames k 3, s 2, p 1 -> cell t centred on frame 2t. Pixels: the stem's 4 x 4
        // windows, then each later patch embedding merges 2 x 2 cells and drops an odd last row
        // and column, so a cell of stride s covers pixels [s i, s i + s) (at 112 pixels the 3 x 3
        // last stage sees pixels 0..95 only; size / W' would misplace its cells).
        const double ts = double(v.frames) / double(l.grid[0]);
        const auto pixelStride = [&](int64_t grid) {
            int stage = 1;
            while (stage < 4 && v.stageSide(stage) > grid)
                ++stage;
            return double(VideoConfig::stagePixelStride(stage));
        };
        const double hs = pixelStride(l.grid[1]), ws = pixelStride(l.grid[2]);
        l.stride = {ts, hs, ws};
        l.offset = {0.0, hs / 2.0 - 0.5, ws / 2.0 - 0.5};
    }
    return l;
}

AvtInputs zeroInputs(const ModelConfig &cfg)
{
    AvtInputs in;
    if (cfg.hasAudio())
        in.audio = torch::zeros({1, cfg.audio.frames, cfg.audio.melBins});
    if (cfg.hasVideo())
        in.video = torch::zeros({1, 3, cfg.video.frames, cfg.video.size, cfg.video.size});
    return in;
}

// [C, grid...] of a tapped tensor (batch 1) in the layer's layout.
at::Tensor channelsByGrid(const at::Tensor &t, const CamLayer &l)
{
    if (!l.tokens)
        return t[0]; // [C, T', H', W']
    const int64_t n = t.size(1) - l.leadingTokens;
    int64_t cells = 1;
    for (int64_t g : l.grid)
        cells *= g;
    TORCH_CHECK(n == cells, "Grad-CAM: layer ", l.name, " has ", n, " grid tokens, expected ", cells);
    std::vector<int64_t> shape{t.size(2)};
    shape.insert(shape.end(), l.grid.begin(), l.grid.end());
    return t[0].narrow(0, l.leadingTokens, n).transpose(0, 1).reshape(shape); // [C, grid...]
}

// [C, grid...] -> [C, T, S] with time slices first; and back for [T, S] cams.
at::Tensor toSlices(const at::Tensor &x, CamModality m)
{
    if (m == CamModality::Audio) // [C, F', T'] -> [C, T', F']
        return x.transpose(1, 2).contiguous();
    return x.flatten(2); // [C, T', H'*W']
}

at::Tensor fromSlices(const at::Tensor &cam, const CamLayer &l)
{
    if (l.modality == CamModality::Audio) // [T', F'] -> [F', T']
        return cam.transpose(0, 1).contiguous();
    return cam.reshape(l.grid);
}

at::Tensor upsample(const at::Tensor &grid, const CamLayer &l, const ModelConfig &cfg)
{
    if (l.modality == CamModality::Audio) {
        const auto mf = centreInterpolation(l.grid[0], cfg.audio.melBins, l.stride[0], l.offset[0]); // [F, F']
        const auto mt = centreInterpolation(l.grid[1], cfg.audio.frames, l.stride[1], l.offset[1]);  // [T, T']
        return mt.matmul(grid.transpose(0, 1)).matmul(mf.transpose(0, 1));                           // [T, F]
    }
    const auto m0 = centreInterpolation(l.grid[0], cfg.video.frames, l.stride[0], l.offset[0]); // [T, T']
    const auto m1 = centreInterpolation(l.grid[1], cfg.video.size, l.stride[1], l.offset[1]);   // [H, H']
    const auto m2 = centreInterpolation(l.grid[2], cfg.video.size, l.stride[2], l.offset[2]);   // [W, W']
    auto x = torch::tensordot(m0, grid, {1}, {0});                                              // [T, H', W']
    x = torch::tensordot(x, m1, {1}, {1});                                                      // [T, W', H]
    x = torch::tensordot(x, m2, {1}, {1});                                                      // [T, H, W]
    return x;
}

at::Tensor targetLogits(AvtModelImpl &net, const AvtOutputs &out, CamHead head)
{
    const std::string &mode = net.config().fusion.mode;
    switch (head) {
    case CamHead::Main: return out.logits;
    case CamHead::Noun:
        TORCH_CHECK(out.nounLogits.defined(), "Grad-CAM: this model has no noun head (head.noun_classes is 0)");
        return out.nounLogits;
    case CamHead::Audio:
        if (mode == "audio")
            return out.logits;
        TORCH_CHECK(mode == "late", "Grad-CAM: fusion mode '", mode,
                    "' has no audio-only head (late-fusion and audio-only models do); use the main head");
        return net.audio_cls_head->forward(out.audioEmbedding).main;
    case CamHead::Video:
        if (mode == "video")
            return out.logits;
        TORCH_CHECK(mode == "late", "Grad-CAM: fusion mode '", mode,
                    "' has no video-only head (late-fusion and video-only models do); use the main head");
        return net.video_cls_head->forward(out.videoEmbedding).main;
    }
    return out.logits;
}

} // namespace

std::vector<CamLayer> camLayers(AvtModelImpl &net)
{
    torch::NoGradGuard noGrad;
    TapScope scope;
    const bool training = net.is_training();
    net.eval();
    net.forward(zeroInputs(net.config()));
    net.train(training);
    std::vector<CamLayer> layers;
    for (const std::string &name : scope.order())
        layers.push_back(describe(name, scope.get(name), net.config()));
    return layers;
}

std::string defaultCamLayer(AvtModelImpl &net, CamModality modality)
{
    const ModelConfig &cfg = net.config();
    // Where the class score reads only the CLS tokens after the encoder (no token fusion after
    // it), the last block's patch tokens get no gradient: take the block before it.
    const std::string &mode = cfg.fusion.mode;
    const int64_t back = (mode == "avt" || mode == "concat") ? 1 : 2;
    if (modality == CamModality::Audio)
        return cfg.hasAudio() ? "audio.blocks." + std::to_string(std::max<int64_t>(0, cfg.audio.depth - back))
                              : std::string();
    if (!cfg.hasVideo())
        return {};
    if (cfg.video.encoder == "vit")
        return "video.blocks." + std::to_string(std::max<int64_t>(0, cfg.video.depth - back));
    // UniFormer: the last block of the last stage whose map has at least kMinCamCells cells a
    // side (its map is mean-pooled, so every cell reaches the score). That is the last stage of
    // the paper's 224-pixel models (7 x 7); at 112 pixels (avt-tiny) the last stage is 3 x 3 over
    // pixels 0..95, and its maps do not localise even for a model that has memorised the clips
    // it explains (README: Grad-CAM), so stage 3 (7 x 7) is the default there.
    const int64_t stage = camStageFor(cfg.video);
    return "video.blocks" + std::to_string(stage) + "." + std::to_string(cfg.video.depths[size_t(stage - 1)] - 1);
}

int64_t camStageFor(const VideoConfig &v)
{
    int64_t best = 1;
    for (int stage = 1; stage <= 4; ++stage)
        if (v.stageSide(stage) >= kMinCamCells)
            best = stage;
    return best;
}

at::Tensor camFromActivations(const at::Tensor &A, const at::Tensor &G, CamMethod method, CamWeighting weighting)
{
    TORCH_CHECK(A.dim() == 3 && A.sizes() == G.sizes(),
                "Grad-CAM: activation and gradient must be [C, T, S] alike, got ", A.sizes(), " and ", G.sizes());
    const std::vector<int64_t> over =
        weighting == CamWeighting::Clip ? std::vector<int64_t>{1, 2} : std::vector<int64_t>{2};
    at::Tensor w; // [C, T, 1] or [C, 1, 1]
    if (method == CamMethod::GradCam) {
        w = G.mean(over, /*keepdim=*/true);
    } else {
        const auto g2 = G * G, g3 = g2 * G;
        const auto sumA = A.sum(over, /*keepdim=*/true);
        const auto denom = 2 * g2 + sumA * g3;
        const auto alpha = torch::where(denom != 0, g2 / torch::where(denom != 0, denom, torch::ones_like(denom)),
                                        torch::zeros_like(denom));
        w = (alpha * torch::relu(G)).sum(over, /*keepdim=*/true);
    }
    return torch::relu((w * A).sum(0)); // [T, S]
}

at::Tensor centreInterpolation(int64_t gridLen, int64_t outLen, double stride, double offset)
{
    TORCH_CHECK(gridLen > 0 && outLen > 0 && stride > 0, "Grad-CAM: bad interpolation ", gridLen, " -> ", outLen);
    auto m = torch::zeros({outLen, gridLen}, torch::kFloat32);
    auto a = m.accessor<float, 2>();
    for (int64_t x = 0; x < outLen; ++x) {
        const double u = std::clamp((double(x) - offset) / stride, 0.0, double(gridLen - 1));
        const auto i0 = int64_t(u);
        const int64_t i1 = std::min(i0 + 1, gridLen - 1);
        const double f = u - double(i0);
        a[x][i0] += float(1.0 - f);
        a[x][i1] += float(f);
    }
    return m;
}

CamResult gradCam(AvtModelImpl &net, const AvtInputs &in, const CamRequest &req)
{
    const ModelConfig &cfg = net.config();
    TORCH_CHECK((!in.audio.defined() || in.audio.size(0) == 1) && (!in.video.defined() || in.video.size(0) == 1),
                "Grad-CAM: inputs must have batch 1");
    TORCH_CHECK(!req.layers.empty(), "Grad-CAM: no layer requested");
    torch::AutoGradMode grad(true);
    std::set<std::string> names(req.layers.begin(), req.layers.end());
    TapScope scope(names);
    const AvtOutputs out = net.forward(in);
    for (const auto &n : req.layers)
        TORCH_CHECK(scope.get(n).defined(), "Grad-CAM: no layer '", n,
                    "' in this model (list them with --list-layers)");
    const at::Tensor logits = targetLogits(net, out, req.head)[0]; // [C]
    CamResult r;
    r.logits = logits.detach();
    r.mainLogits = out.logits[0].detach();
    r.targetClass = req.targetClass >= 0 ? req.targetClass : logits.argmax().item<int64_t>();
    TORCH_CHECK(r.targetClass < logits.size(0), "Grad-CAM: class ", r.targetClass, " out of range (the ",
                camHeadName(req.head), " head has ", logits.size(0), " classes)");
    const at::Tensor score = logits[r.targetClass];
    r.score = score.item<double>();
    std::vector<at::Tensor> acts;
    for (const auto &n : req.layers)
        acts.push_back(scope.get(n));
    const auto grads = torch::autograd::grad({score}, acts, {}, /*retain_graph=*/false, /*create_graph=*/false,
                                             /*allow_unused=*/true);
    torch::NoGradGuard noGrad;
    for (size_t k = 0; k < acts.size(); ++k) {
        CamMap m;
        m.layer = describe(req.layers[k], acts[k], cfg);
        const at::Tensor A = toSlices(channelsByGrid(acts[k].detach().to(torch::kFloat32), m.layer), m.layer.modality);
        const at::Tensor G = grads[k].defined()
                                 ? toSlices(channelsByGrid(grads[k].to(torch::kFloat32), m.layer), m.layer.modality)
                                 : torch::zeros_like(A);
        // Reached: some grid position has a gradient (a token layer whose score reads only the
        // special tokens gets a defined gradient that is zero on every grid token).
        m.reached = grads[k].defined() && G.abs().max().item<float>() > 0.0f;
        at::Tensor cam = camFromActivations(A, G, req.method, req.weighting);
        const double peak = cam.max().item<double>();
        m.peak = peak;
        if (peak > 0)
            cam = cam / peak;
        m.grid = fromSlices(cam, m.layer).cpu();
        m.input = upsample(m.grid, m.layer, cfg).clamp(0, 1);
        r.maps.push_back(std::move(m));
    }
    return r;
}

const char *camMethodName(CamMethod m) { return m == CamMethod::GradCam ? "gradcam" : "gradcam++"; }

const char *camWeightingName(CamWeighting w) { return w == CamWeighting::PerTimeSlice ? "slice" : "clip"; }

const char *camHeadName(CamHead h)
{
    switch (h) {
    case CamHead::Main: return "main";
    case CamHead::Noun: return "noun";
    case CamHead::Audio: return "audio";
    case CamHead::Video: return "video";
    }
    return "main";
}

bool parseCamMethod(const std::string &s, CamMethod *m)
{
    if (s == "gradcam")
        *m = CamMethod::GradCam;
    else if (s == "gradcam++" || s == "gradcampp")
        *m = CamMethod::GradCamPlusPlus;
    else
        return false;
    return true;
}

bool parseCamWeighting(const std::string &s, CamWeighting *w)
{
    if (s == "slice")
        *w = CamWeighting::PerTimeSlice;
    else if (s == "clip")
        *w = CamWeighting::Clip;
    else
        return false;
    return true;
}

bool parseCamHead(const std::string &s, CamHead *h)
{
    if (s == "main")
        *h = CamHead::Main;
    else if (s == "noun")
        *h = CamHead::Noun;
    else if (s == "audio")
        *h = CamHead::Audio;
    else if (s == "video")
        *h = CamHead::Video;
    else
        return false;
    return true;
}

} // namespace avt::model
