#pragma once
// SamplePipeline: one sample from media file to model inputs (window, decode, crop / flip,
// fbank, SpecAugment, token masks), with the caches shared by all workers. Internal to the
// loader (clip_loader.h states the behaviour); exposed for the loader's own tests.
//
// Thread-safety: load() is const and may run on many threads at once; the caches inside are
// mutex-guarded.
#include "core/loader/loader_types.h"
#include "core/loader/prepared_cache.h"
#include "model/config/model_config.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace avt::media {
struct ClipRequest;
}

namespace avt::segments {
class SegmentDetector;
}

namespace avt::loader {

struct LoadedSample {
    at::Tensor audio;          // [T_a, F] float, or undefined
    at::Tensor video;          // [3, T_v, S, S] float, or undefined
    at::Tensor audioMask;      // [Na] bool, or undefined
    at::Tensor videoMask;      // [Nv] bool, or undefined
    double windowStart = 0.0;  // seconds, the window decoded
    double windowLength = 0.0; // seconds (as decoded, cut to the file)
};

// The window of a sample (seconds); `fixed` when it is the same in every epoch.
struct SampleWindow {
    double start = 0.0;
    double length = 0.0; // <= 0: to the end of the file
    bool fixed = true;
};

class SamplePipeline {
public:
    SamplePipeline(const LoaderOptions &options, const model::ModelConfig &config);
    ~SamplePipeline();

    // Loads sample `ref` of `item` with the random streams of `seed` (itemSeed()).
    // Errors carry the item's path and the cause; exceptions from ATen become errors too.
    // videoOut: a contiguous [3, T_v, S, S] float tensor (a row of the batch) to write the
    // frames into instead of a new tensor; LoadedSample::video is then that tensor.
    Result<LoadedSample> load(const LoaderItem &item, const SampleRef &ref, std::uint64_t seed,
                              const at::Tensor &videoOut = at::Tensor()) const;

    // The window load() uses (probes the file's duration when it is needed and unknown).
    Result<SampleWindow> window(const LoaderItem &item, const SampleRef &ref, std::uint64_t seed) const;

    // What a prepared cache for these options holds (frames at the pre-crop size).
    PreparedSpec preparedSpec() const;
    // Short side frames are decoded at before cropping: round(S * scaleMax) in training with
    // random resized crop, else S.
    int preCropSide() const;
    // The window of sample `ref` when it is the same in every epoch (what a prepared cache can
    // hold), else nullopt (a random sub-window). Errors as window().
    Result<std::optional<SampleWindow>> fixedWindow(const LoaderItem &item, const SampleRef &ref) const;
    // Decodes a window for the prepared cache: frames and audio as load() decodes them with a
    // cache, then the raw fbank.
    Result<PreparedEntry> prepareEntry(const LoaderItem &item, const SampleWindow &window) const;

    int segmentationsComputed() const { return m_segComputed.load(); }
    int segmentationCacheHits() const { return m_segHits.load(); }
    CacheStats cacheStats() const;

private:
    struct Decoded; // frames [T, H, W, 3] uint8 (pre-crop or cropped) + waveform
    Result<Decoded> decode(const LoaderItem &item, const SampleRef &ref, const SampleWindow &w, std::uint64_t seed,
                           bool &cropped) const;
    at::Tensor videoInput(const Decoded &d, bool cropped, const SampleRef &ref, std::uint64_t seed,
                          const at::Tensor &out) const;
    Result<at::Tensor> audioInput(const Decoded &d) const;
    std::optional<Decoded> fromPrepared(const LoaderItem &item, const SampleWindow &w) const;
    media::ClipRequest cacheRequest(const SampleWindow &w) const;
    Result<at::Tensor> audioMask(const LoaderItem &item, double windowStart, const at::Tensor &fbank,
                                 std::uint64_t seed) const;
    at::Tensor videoMask(std::uint64_t seed) const;
    void specAugment(at::Tensor &fbank, std::uint64_t seed) const;
    Result<double> duration(const LoaderItem &item) const;

    LoaderOptions m_opt;
    bool m_train = true;
    bool m_wantAudio = true;
    bool m_wantVideo = true;
    std::int64_t m_audioFrames = 0, m_melBins = 0;
    std::int64_t m_audioPatch = 16, m_audioTStride = 10, m_freqPatches = 0, m_timePatches = 0;
    std::int64_t m_videoFrames = 0, m_videoSize = 0;
    int m_decodeThreads = 1;
    std::vector<std::int64_t> m_videoGrid; // [t, h, w] of the patch embedding
    std::unique_ptr<segments::SegmentDetector> m_detector;

    mutable std::mutex m_segMutex;
    mutable std::map<std::pair<qint64, qint64>, std::vector<std::int64_t>> m_segCache;
    mutable std::atomic<int> m_segComputed{0};
    mutable std::atomic<int> m_segHits{0};

    mutable std::mutex m_durMutex;
    mutable std::map<QString, double> m_durations;

    struct CacheEntry;
    mutable std::mutex m_cacheMutex;
    mutable std::map<QString, std::shared_ptr<const CacheEntry>> m_cache;
    mutable CacheStats m_cacheStats;
};

} // namespace avt::loader
