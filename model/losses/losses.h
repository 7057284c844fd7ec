#pragma once
// Training objectives of the paper (eq. 1-8).
//
//   LossWeights w;                                   // λ1 0.5, λ2 0.1, λ3 0.01, τ 0.07
//   auto terms = computeLosses(*net, inputs, outputs, labels, w, &gen);
//   terms.total.backward();
//
// Shape legend: B batch, C classes, P projection width, T/F spectrogram frames/bins.
// All functions are pure (no module state) except that AVM sampling draws from `gen`.
// Thread-safety: as thread-safe as the tensors passed in.
#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <optional>

namespace avt::model {

class AvtModelImpl;
struct AvtInputs;
struct AvtOutputs;

// Cross-entropy over logits [B, C] with labels [B] int64; smoothing in [0, 1): the target puts
// 1 - smoothing on the label and smoothing / C on every class (PyTorch's convention).
at::Tensor classificationLoss(const at::Tensor &logits, const at::Tensor &labels, double smoothing = 0.0);

// Symmetric audio-video contrastive loss (eq. 2, after ALBEF): za, zv [B, P] are g_A, g_V
// outputs; both are L2-normalised, s = za zv^T / temperature [B, B], and the loss is the mean
// of CE(s, diag) and CE(s^T, diag).
at::Tensor avcLoss(const at::Tensor &za, const at::Tensor &zv, double temperature);
// ALBEF's learnable temperature: clamps t in place to [0.001, 0.5] and returns it.
double clampTemperature(at::Tensor &temperature);

// Hard negatives for AVM, one per direction: sim [B, B] audio-to-video similarities (row i =
// audio i). For each audio i a video j != i is drawn with probability softmax(sim[i])
// (diagonal zeroed, renormalised); for each video j an audio i != j from softmax(sim[:, j]).
// Returns {negVideoForAudio [B], negAudioForVideo [B]} int64. Needs B >= 2.
struct HardNegatives {
    at::Tensor videoForAudio; // [B]
    at::Tensor audioForVideo; // [B]
};
HardNegatives sampleHardNegatives(const at::Tensor &sim, std::optional<at::Generator> gen = std::nullopt);

// AVM cross-entropy (eq. 5): positive logits [B, 2] (label 1) and negative logits [2B, 2]
// (label 0), one CE over all 3B pairs.
at::Tensor avmLoss(const at::Tensor &positive, const at::Tensor &negative);

// Mean squared error over masked elements only: pred, target same shape; mask broadcastable
// to it (true = counts). Returns 0 (with a graph to pred) when nothing is masked.
at::Tensor maskedReconstructionLoss(const at::Tensor &pred, const at::Tensor &target, const at::Tensor &mask);

// Token masks -> input-element masks: an element counts as masked when any masked patch
// covers it. audio [B, Na] -> [B, T, F]; video [B, Nv] -> [B, 1, T, H, W].
struct AudioConfig;
struct VideoConfig;
at::Tensor audioElementMask(const at::Tensor &tokenMask, const AudioConfig &cfg);
at::Tensor videoElementMask(const at::Tensor &tokenMask, const VideoConfig &cfg);

struct LossWeights {
    double avc = 0.5;          // λ1
    double avm = 0.1;          // λ2
    double masked = 0.01;      // λ3
    double smoothing = 0.0;    // label smoothing of the classification loss
    double temperature = 0.07; // τ (fixed unless learnedTemperature is given)
};

struct LossTerms {
    at::Tensor cls, avc, avm, masked; // undefined when the term is off or not applicable
    at::Tensor total;                 // eq. 8
};

// The total of eq. 8 for one batch. labels [B] (and nounLabels [B] for two heads: their CE is
// added to cls). AVC needs both projections; AVM needs an AVM head and B >= 2; the masked term
// needs reconstructions and the input masks. learnedTemperature (scalar tensor) overrides
// weights.temperature and receives gradients.
LossTerms computeLosses(AvtModelImpl &model, const AvtInputs &in, const AvtOutputs &out, const at::Tensor &labels,
                        const LossWeights &weights, const at::Tensor &nounLabels = {},
                        const at::Tensor &learnedTemperature = {}, std::optional<at::Generator> gen = std::nullopt);

} // namespace avt::model
