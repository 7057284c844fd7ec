#pragma once
// ClipLoader: batches of model inputs (normalised log-mel fbank, normalised frames, token masks,
// labels) for training and evaluation, decoded and featurised by worker threads.
//
//   auto items = avt::loader::itemsFromClips(clips, mediaRoot, QStringLiteral("train"));
//   avt::loader::LoaderOptions opt;                  // train, batch 8, 2 workers, 2 prefetched
//   opt.batchSize = 8; opt.seed = 42; opt.rank = rank; opt.worldSize = world;
//   auto loader = avt::loader::ClipLoader::create(*items, opt, modelConfig);
//   if (!loader) return loader.error();
//   for (int epoch = 0; epoch < epochs; ++epoch) {
//       (*loader)->start(epoch);                     // or start(epoch, firstBatch) to resume
//       while (auto batch = (*loader)->next()) train(*batch);
//   }
//   double lost = (*loader)->waitSeconds();           // time next() spent blocked on data
//
// SAMPLES. A sample is one LoaderItem (a clip). Train mode: one sample per clip. Eval mode:
// temporalViews x spatialViews samples per clip, in that order (view = t * spatialViews + s),
// consecutive in the sample list, so sample index = clipPosition * views + view.
//
// WINDOW of a sample. The clip's window is [start, start + length), or the whole file when
// length <= 0 (its duration from the item, or probed once per clip when unknown).
//   Train: clipSeconds <= 0 or a window no longer than clipSeconds: the clip's window. Else a
//     random clipSeconds sub-window (start uniform over the window, from the item seed).
//   Eval: view t of T temporal views is a clipSeconds window (the whole window when
//     clipSeconds <= 0 or the window is shorter) starting at start + t * (length - c) / (T - 1)
//     (the centre when T == 1). Spatial view s of S: the size x size crop at the left / top
//     (s = 0), centre, right / bottom (s = S - 1) of the long side, evenly spaced; S == 1 is the
//     centre crop. Frames are resized so the short side is video.size first.
//
// INPUTS per sample (shapes with T_a = audio.frames, F = audio.melBins, T_v = video.frames,
// S = video.size):
//   audio [T_a, F] float: Kaldi fbank (core/audio/fbank.h) of the window's 16 kHz mono audio
//     with F mel bins, zero rows appended / cut to T_a, then (x - audioMean) / (2 audioStd).
//     A file without audio gives the fbank of silence, not an error.
//   video [3, T_v, S, S] float: T_v frames nearest the centres of T_v equal parts of the window,
//     RGB / 255, then (x - mean_c) / std_c with ImageNet mean (0.485, 0.456, 0.406) and std
//     (0.229, 0.224, 0.225).
//   Only the modalities the model uses (ModelConfig::hasAudio / hasVideo) are produced; the
//   other batch tensor is undefined.
//
// AUGMENTATION (train mode only; each switch in AugmentOptions): random resized crop (short
// side uniform in [S, S * scaleMax], then a random S x S crop, the same for all frames),
// horizontal flip with flipProbability, SpecAugment on the normalised fbank (one frequency mask
// of width uniform in [0, freqMask * F / 128] and one time mask of width uniform in
// [0, timeMask * T_a / 1024], both set to 0), and mixup (mixupAlpha > 0: lambda ~ Beta(a, a)
// per batch; every sample i is mixed with sample B - 1 - i of the same local batch:
// x = lambda x_i + (1 - lambda) x_{B-1-i}, labelsB[i] = labels[B-1-i]).
//
// TOKEN MASKS (MaskingOptions; true = masked): audio None / Random (round(p * Na) random
// tokens) / Segment (activity segments of the sample's normalised fbank before SpecAugment,
// core/segments/detector.h; round(p * segments) whole segments, mapped onto AST's time patches
// with the Half rule and repeated over all frequency rows); video None / Random / Tube
// (VideoMAE tubes over the patch-embedding grid). Na = audio.numPatches(),
// Nv = video.numEmbedTokens(). Segmentations are cached per (clip id, window start) so later
// epochs skip detection. Masks are made in eval mode too when asked for.
//
// DETERMINISM. Everything random about a sample (window, crop, flip, SpecAugment, masks) comes
// from itemSeed(seed, epoch, sampleIndex) only, so batches do not depend on numWorkers, thread
// timing, the cache, rank or world size. Mixup's lambda comes from (seed, epoch, global batch).
//
// SAMPLER (like torch's DistributedSampler, grouped into global batches first). Per epoch the
// sample indices are shuffled from (seed, epoch) (train mode with shuffle; eval keeps order),
// then padded by wrapping around to a multiple of worldSize. Global batch k is positions
// [k * G, k * G + G) of that list, G = batchSize * worldSize; rank r takes positions
// r, r + W, r + 2W, ... of it. So the union of the ranks' batch k is global batch k, which is
// exactly batch k of a worldSize 1 loader with batchSize G. Train mode drops the last partial
// global batch; eval keeps it (then ranks may get fewer items; padded duplicates are flagged in
// Batch::padding). batchesPerEpoch() is the same on every rank.
//
// THREADS. numWorkers threads (0: next() loads in the calling thread) decode and featurise
// samples of at most prefetchBatches batches ahead of the consumer; the worker finishing a
// batch collates it. next() returns batches in order, blocking only while the next one is not
// ready; the blocked time accumulates in waitSeconds(). Workers decode with decodeThreads FFmpeg
// threads (1 by default, see LoaderOptions) and run ATen's
// intra-op work single-threaded in their own thread (the global thread count is left alone). start() cancels the work
// of the previous epoch; the destructor joins the threads. The loader's methods are for one consumer thread.
//
// FAILURES. A sample that fails (missing, corrupt, too short, timeout) is left out of its batch
// (the batch is smaller), counted in failedItems() with its message in lastErrors(); a batch
// whose samples all failed is skipped. Never fatal.
//
// CACHES. Two, both keyed by the window (a sample whose window moves every epoch, a random
// sub-window, is decoded every time):
//   cacheMiB > 0 keeps decoded frames (at the pre-crop size) and the raw waveform per (clip,
//     window) in memory while they fit in the budget (no eviction; entries that do not fit are
//     not kept), so later epochs skip FFmpeg.
//   prepared (prepared_cache.h, written by `prepare`) holds the pre-crop frames and the raw
//     fbank of every fixed window on disk, memory-mapped; windows it lacks are decoded, and a
//     damaged record is decoded instead and counted (CacheStats::preparedCorrupt).
// With either cache on, frames are decoded at the pre-crop size (short side round(S * scaleMax)
// in training with random resized crop, else S) and resized / cropped afterwards (bilinear in
// float, pixel centres aligned as torch's interpolate, computing only the S x S crop straight
// into the normalised input: resized_crop.h), for hits and misses alike, so results never depend on what is cached: a run reading a prepared cache ends with the
// same weights as one decoding with cacheMiB > 0.
#include "core/loader/loader_types.h"
#include "core/util/result.h"

#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace avt::model {
struct ModelConfig;
}

namespace avt::loader {

class LoaderEngine;

class ClipLoader {
public:
    // Validates the options against the model config (error code "invalid" naming the option);
    // items may be empty only in eval mode.
    static Result<std::unique_ptr<ClipLoader>> create(std::vector<LoaderItem> items, const LoaderOptions &options,
                                                      const model::ModelConfig &config);
    ~ClipLoader();
    ClipLoader(const ClipLoader &) = delete;
    ClipLoader &operator=(const ClipLoader &) = delete;

    const LoaderOptions &options() const;
    // Samples (train: clips; eval: clips x views).
    int sampleCount() const;
    // Batches this rank gets per epoch (the same for every epoch and every rank).
    int batchesPerEpoch() const;
    // The sample indices of this rank's batch `batch` of `epoch`, in batch order (before
    // failures are removed). Pure; for tests and for logging.
    std::vector<int> batchSamples(int epoch, int batch) const;
    // What sample index i is: clip item, view, spatial and temporal view.
    SampleRef sample(int sampleIndex) const;

    // Begins (or restarts) an epoch at batch firstBatch (0 <= firstBatch <= batchesPerEpoch());
    // work of a previous start() is cancelled.
    void start(int epoch, int firstBatch = 0);
    // The next batch of the current epoch, or nullopt at its end (or before start()).
    std::optional<Batch> next();

    // Seconds next() spent blocked waiting for batches, summed since construction.
    double waitSeconds() const;
    // Samples that failed to load since construction, and the latest messages (at most 20).
    int failedItems() const;
    QStringList lastErrors() const;
    // Segment-masking statistics: detections run and cache hits since construction.
    int segmentationsComputed() const;
    int segmentationCacheHits() const;
    // Decoded-data cache: entries, bytes held, hits.
    CacheStats cacheStats() const;

private:
    explicit ClipLoader(std::unique_ptr<LoaderEngine> engine);
    std::unique_ptr<LoaderEngine> m_engine;
};

// Seed of everything random about one sample: a 64-bit mix (splitmix64) of the three values.
std::uint64_t itemSeed(std::uint64_t seed, int epoch, int sampleIndex);

} // namespace avt::loader
