#include "model/losses/losses.h"

#include "model/avt/avt_model.h"

#include <torch/torch.h>

#include <limits>

namespace avt::model {

namespace F = torch::nn::functional;

at::Tensor classificationLoss(const at::Tensor &logits, const at::Tensor &labels, double smoothing)
{
    TORCH_CHECK(logits.dim() == 2 && labels.dim() == 1 && labels.size(0) == logits.size(0),
                "classification loss: logits [B, C] and labels [B] expected, got ", logits.sizes(), " and ",
                labels.sizes());
    TORCH_CHECK(smoothing >= 0.0 && smoothing < 1.0, "classification loss: smoothing must be in [0, 1)");
    return F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().label_smoothing(smoothing));
}

at::Tensor avcLoss(const at::Tensor &za, const at::Tensor &zv, double temperature)
{
    TORCH_CHECK(za.sizes() == zv.sizes() && za.dim() == 2, "AVC: za and zv must both be [B, P]");
    TORCH_CHECK(temperature > 0, "AVC: temperature must be > 0");
    auto a = F::normalize(za, F::NormalizeFuncOptions().dim(1));
    auto v = F::normalize(zv, F::NormalizeFuncOptions().dim(1));
    auto sim = torch::matmul(a, v.t()) / temperature; // [B, B]
    auto target = torch::arange(za.size(0), torch::TensorOptions().dtype(torch::kLong).device(za.device()));
    return (F::cross_entropy(sim, target) + F::cross_entropy(sim.t(), target)) / 2;
}

double clampTemperature(at::Tensor &temperature)
{
    torch::NoGradGuard guard;
    temperature.clamp_(0.001, 0.5);
    return temperature.item<double>();
}

HardNegatives sampleHardNegatives(const at::Tensor &sim, std::optional<at::Generator> gen)
{
    TORCH_CHECK(sim.dim() == 2 && sim.size(0) == sim.size(1) && sim.size(0) >= 2,
                "AVM: hard negatives need a square similarity matrix with B >= 2, got ", sim.sizes());
    torch::NoGradGuard guard;
    auto s = sim.detach().to(torch::kFloat);
    auto eye = torch::eye(s.size(0), s.options().dtype(torch::kBool));
    // Row i: probabilities over videos for audio i; column j: over audios for video j. Softmax
    // with the diagonal at -inf equals "zero the diagonal and renormalise", without underflow
    // when the positive dominates the row.
    const double inf = std::numeric_limits<double>::infinity();
    auto wA = torch::softmax(s.masked_fill(eye, -inf), 1);
    auto wV = torch::softmax(s.t().masked_fill(eye, -inf), 1);
    const c10::optional<at::Generator> g = gen ? c10::optional<at::Generator>(*gen) : c10::nullopt;
    return {at::multinomial(wA, 1, false, g).squeeze(1), at::multinomial(wV, 1, false, g).squeeze(1)};
}

at::Tensor avmLoss(const at::Tensor &positive, const at::Tensor &negative)
{
    TORCH_CHECK(positive.dim() == 2 && positive.size(1) == 2 && negative.dim() == 2 && negative.size(1) == 2,
                "AVM: logits must be [N, 2]");
    auto logits = torch::cat({positive, negative}, 0);
    auto opts = torch::TensorOptions().dtype(torch::kLong).device(positive.device());
    auto labels = torch::cat({torch::ones({positive.size(0)}, opts), torch::zeros({negative.size(0)}, opts)});
    return F::cross_entropy(logits, labels);
}

at::Tensor maskedReconstructionLoss(const at::Tensor &pred, const at::Tensor &target, const at::Tensor &mask)
{
    TORCH_CHECK(pred.sizes() == target.sizes(), "masked reconstruction: prediction ", pred.sizes(), " and target ",
                target.sizes(), " differ");
    auto m = mask.to(pred.dtype()).expand_as(pred);
    auto count = m.sum();
    return ((pred - target.detach()).pow(2) * m).sum() / count.clamp_min(1.0);
}

namespace {

// Expands a patch mask along one dimension to the `n` elements it covers: element e is masked
// when some masked patch p (0 <= p < patches) has p * stride <= e < p * stride + size. Pure index
// arithmetic (gathers and ORs), so the result is exact on every LibTorch and device; elements no
// patch reaches (a remainder beyond the grid) stay unmasked, and a grid that overhangs n is cut.
at::Tensor expandPatchMask(const at::Tensor &mask, int64_t dim, int64_t n, int64_t stride, int64_t size)
{
    const int64_t patches = mask.size(dim);
    const int64_t reach = (size + stride - 1) / stride; // patches that can cover one element
    std::vector<int64_t> outShape = mask.sizes().vec();
    outShape[dim] = n;
    auto out = torch::zeros(outShape, mask.options().dtype(torch::kBool));
    std::vector<int64_t> validShape(mask.dim(), 1);
    validShape[dim] = n;
    for (int64_t j = 0; j < reach; ++j) {
        std::vector<int64_t> index(n);
        std::vector<uint8_t> valid(n);
        for (int64_t e = 0; e < n; ++e) {
            const int64_t p = e / stride - j; // the j-th patch starting at or before e
            valid[e] = p >= 0 && p < patches && e < p * stride + size;
            index[e] = valid[e] ? p : 0;
        }
        auto idx = torch::tensor(index, torch::kLong).to(mask.device());
        auto ok = torch::tensor(std::vector<int64_t>(valid.begin(), valid.end()), torch::kLong)
                      .to(mask.device())
                      .gt(0)
                      .reshape(validShape);
        out.logical_or_(mask.index_select(dim, idx).logical_and(ok));
    }
    return out;
}

} // namespace

at::Tensor audioElementMask(const at::Tensor &tokenMask, const AudioConfig &cfg)
{
    const int64_t B = tokenMask.size(0);
    TORCH_CHECK(tokenMask.dim() == 2 && tokenMask.size(1) == cfg.numPatches(), "audio mask must be [B, ",
                cfg.numPatches(), "], got ", tokenMask.sizes());
    auto grid = tokenMask.to(torch::kBool).reshape({B, cfg.freqPatches(), cfg.timePatches()});
    auto cover = expandPatchMask(grid, 1, cfg.melBins, cfg.fstride, cfg.patch); // [B, F, nt]
    cover = expandPatchMask(cover, 2, cfg.frames, cfg.tstride, cfg.patch);      // [B, F, T]
    return cover.transpose(1, 2);                                               // [B, T, F]
}

at::Tensor videoElementMask(const at::Tensor &tokenMask, const VideoConfig &cfg)
{
    const int64_t B = tokenMask.size(0);
    const auto g = cfg.embedGrid();
    TORCH_CHECK(tokenMask.dim() == 2 && tokenMask.size(1) == g[0] * g[1] * g[2], "video mask must be [B, ",
                g[0] * g[1] * g[2], "], got ", tokenMask.sizes());
    // Each embedding token stands for a (kt, kh, kw) block of the input (the stem's stride).
    const std::vector<int64_t> k =
        cfg.encoder == "vit" ? std::vector<int64_t>{cfg.tubelet, cfg.patch, cfg.patch} : std::vector<int64_t>{2, 4, 4};
    auto m = tokenMask.to(torch::kBool).reshape({B, g[0], g[1], g[2]});
    m = expandPatchMask(m, 1, cfg.frames, k[0], k[0]); // [B, T, h, w]
    m = expandPatchMask(m, 2, cfg.size, k[1], k[1]);   // [B, T, H, w]
    m = expandPatchMask(m, 3, cfg.size, k[2], k[2]);   // [B, T, H, W]
    return m.unsqueeze(1);                             // [B, 1, T, H, W]
}

LossTerms computeLosses(AvtModelImpl &model, const AvtInputs &in, const AvtOutputs &out, const at::Tensor &labels,
                        const LossWeights &w, const at::Tensor &nounLabels, const at::Tensor &learnedTemperature,
                        std::optional<at::Generator> gen)
{
    LossTerms t;
    t.cls = classificationLoss(out.logits, labels, w.smoothing);
    if (out.nounLogits.defined() && nounLabels.defined())
        t.cls = t.cls + classificationLoss(out.nounLogits, nounLabels, w.smoothing);
    t.total = t.cls;
    const int64_t B = labels.size(0);
    if (w.avc > 0 && out.audioProjection.defined() && B >= 2) {
        if (learnedTemperature.defined()) {
            auto a = F::normalize(out.audioProjection, F::NormalizeFuncOptions().dim(1));
            auto v = F::normalize(out.videoProjection, F::NormalizeFuncOptions().dim(1));
            auto sim = torch::matmul(a, v.t()) / learnedTemperature;
            auto target = torch::arange(B, labels.options());
            t.avc = (F::cross_entropy(sim, target) + F::cross_entropy(sim.t(), target)) / 2;
        } else {
            t.avc = avcLoss(out.audioProjection, out.videoProjection, w.temperature);
        }
        t.total = t.total + w.avc * t.avc;
    }
    if (w.avm > 0 && !model.avm_head.is_empty() && B >= 2 && out.audioProjection.defined()) {
        auto sim = torch::matmul(F::normalize(out.audioProjection, F::NormalizeFuncOptions().dim(1)),
                                 F::normalize(out.videoProjection, F::NormalizeFuncOptions().dim(1)).t());
        const auto neg = sampleHardNegatives(sim, gen);
        auto positive = model.avm_head->forward(out.fusedCls); // [B, 2]
        // audio i with a wrong video, then video j with a wrong audio: [2B, 2]
        auto audioNeg = model.avmLogits(out.audioTokens, out.videoTokens.index_select(0, neg.videoForAudio));
        auto videoNeg = model.avmLogits(out.audioTokens.index_select(0, neg.audioForVideo), out.videoTokens);
        t.avm = avmLoss(positive, torch::cat({audioNeg, videoNeg}, 0));
        t.total = t.total + w.avm * t.avm;
    }
    if (w.masked > 0) {
        at::Tensor sum;
        if (out.audioReconstruction.defined() && in.audioMask.defined())
            sum = maskedReconstructionLoss(out.audioReconstruction, in.audio,
                                           audioElementMask(in.audioMask, model.config().audio));
        if (out.videoReconstruction.defined() && in.videoMask.defined()) {
            auto v = maskedReconstructionLoss(out.videoReconstruction, in.video,
                                              videoElementMask(in.videoMask, model.config().video));
            sum = sum.defined() ? sum + v : v;
        }
        if (sum.defined()) {
            t.masked = sum;
            t.total = t.total + w.masked * t.masked;
        }
    }
    return t;
}

} // namespace avt::model
