#pragma once
// Value types of the data loader (see clip_loader.h for what they mean together): the items it
// loads, its options, and the batches it returns. No LibTorch here beyond at::Tensor.
#include "core/segments/detector_params.h"
#include "core/util/result.h"

#include <ATen/core/Tensor.h>
#include <QList>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace avt::data {
struct Clip;
}

namespace avt::loader {

class PreparedClipCache;

// One clip to load.
struct LoaderItem {
    qint64 clipId = 0;      // store id (or any id unique in the list); keys caches and views
    QString path;           // absolute media path
    double start = 0.0;     // window start, seconds
    double length = 0.0;    // window length, seconds; <= 0: to the end of the file
    double duration = -1.0; // file duration, seconds, when known (-1: probed when needed)
    int label = -1;         // class index (EPIC: verb)
    int nounLabel = -1;     // EPIC noun index, else -1
};

// Clips of one split (empty: all) as loader items: absolute paths (relative ones are resolved
// against mediaRoot), windows from startS / endS (-1: whole file), labels from the "class" or
// "verb" head and the "noun" head. Where a label has no classIndex, indices are assigned by the
// sorted label names over all clips given (so give all splits for a consistent mapping).
// Unusable clips (Clip::usable() false) are left out. Error when a usable clip of the split has
// no label.
// One clip as an item without labels (label -1): the media path (resolved against mediaRoot) and
// the window. itemsFromClips() starts from it.
LoaderItem itemFromClip(const data::Clip &clip, const QString &mediaRoot);
Result<std::vector<LoaderItem>> itemsFromClips(const QList<data::Clip> &clips, const QString &mediaRoot,
                                               const QString &split = QString());

enum class LoaderMode { Train, Eval };
enum class AudioMasking { None, Random, Segment };
enum class VideoMasking { None, Random, Tube };

struct AugmentOptions {
    bool randomResizedCrop = true; // short side uniform in [size, size * scaleMax], random crop
    double scaleMax = 1.25;        // >= 1
    bool horizontalFlip = true;
    double flipProbability = 0.5;
    bool specAugment = true; // one frequency and one time mask on the normalised fbank
    int freqMask = 24;       // widest frequency mask, bins out of 128 (scaled to F)
    int timeMask = 96;       // widest time mask, frames out of 1024 (scaled to T_a)
    double mixupAlpha = 0.0; // > 0: mixup with lambda ~ Beta(alpha, alpha)
};

struct MaskingOptions {
    AudioMasking audio = AudioMasking::None;
    VideoMasking video = VideoMasking::None;
    double audioProbability = 0.04;    // share of tokens (Random) or of segments (Segment)
    double videoProbability = 0.04;    // share of tokens (Random) or of spatial positions (Tube)
    std::uint64_t seed = 0;            // mixed into the sample seed for the masks
    segments::DetectorParams detector; // Segment masking
};

struct LoaderOptions {
    LoaderMode mode = LoaderMode::Train;
    int batchSize = 8;       // per rank
    int numWorkers = 2;      // 0: load in the thread that calls next()
    int prefetchBatches = 2; // batches loaded ahead of the consumer (>= 1)
    std::uint64_t seed = 0;
    bool shuffle = true; // train mode: reshuffle per epoch
    int rank = 0;
    int worldSize = 1;

    double clipSeconds = 0.0; // window length (see clip_loader.h); <= 0: the clip's window
    int temporalViews = 1;    // eval mode
    int spatialViews = 1;     // eval mode: 1 (centre) or more (left ... right)

    AugmentOptions augment; // train mode only
    MaskingOptions masking;

    double audioMean = -4.2677393; // fbank statistics (AudioSet by default)
    double audioStd = 4.5689974;

    int cacheMiB = 0; // decoded-data cache budget; 0: off
    // FFmpeg decoder threads per clip; 0: the cores left per worker (cores / max(1, numWorkers),
    // at least 1). 1 by default: H.264 frame threads delay each frame's output by a frame per
    // thread, so more frames are decoded past the last wanted one; on 640x360 10 s clips (2-core
    // machine, `bench data --decode-threads`) 2 threads per clip were no faster with 1 worker
    // (10.45 vs 11.05 clips/s) and slower with 2 (19.3 vs 21.2 clips/s).
    int decodeThreads = 1;
    // A prepared clip cache (prepared_cache.h) to read windows from; its spec must be
    // SamplePipeline::preparedSpec() of these options (checked by create()). Null: none.
    std::shared_ptr<const PreparedClipCache> prepared;
    double decodeTimeoutSeconds = 30.0;

    // Ranges of every field; the message names the option.
    Status validate() const;
};

// What a sample index stands for.
struct SampleRef {
    int item = 0; // index into the item list
    int view = 0; // temporalView * spatialViews + spatialView (0 in train mode)
    int temporalView = 0;
    int spatialView = 0;
};

struct Batch {
    at::Tensor audio;                 // [B, T_a, F] float (undefined for video-only models)
    at::Tensor video;                 // [B, 3, T_v, S, S] float (undefined for audio-only models)
    at::Tensor labels;                // [B] int64 (-1 where the item has none)
    at::Tensor nounLabels;            // [B] int64 (-1 where none)
    at::Tensor labelsB;               // [B] int64 mixup partners' labels (defined when mixup is on)
    at::Tensor nounLabelsB;           // [B] int64 (defined when mixup is on)
    double mixLambda = 1.0;           // weight of labels (1 - weight of labelsB)
    at::Tensor audioMask;             // [B, Na] bool, true = masked (undefined when audio masking is None)
    at::Tensor videoMask;             // [B, Nv] bool (undefined when video masking is None)
    std::vector<qint64> clipIds;      // [B]
    std::vector<int> views;           // [B] view index within the clip
    std::vector<int> sampleIndices;   // [B] sample index (see ClipLoader::sample)
    std::vector<double> windowStarts; // [B] seconds, the window actually loaded
    std::vector<bool> padding;        // [B] true for wrap-around duplicates added for sharding
    int epoch = 0;
    int index = 0;  // batch index within the epoch (this rank's numbering)
    int failed = 0; // samples of this batch left out because they failed

    int size() const { return int(clipIds.size()); }
};

struct CacheStats {
    int entries = 0;
    qint64 bytes = 0;
    qint64 hits = 0;
    qint64 misses = 0;
    qint64 preparedHits = 0;    // windows read from the prepared cache
    qint64 preparedMisses = 0;  // windows it does not hold (decoded)
    qint64 preparedCorrupt = 0; // damaged records (decoded instead; see lastPreparedError)
    QString lastPreparedError;
};

} // namespace avt::loader
