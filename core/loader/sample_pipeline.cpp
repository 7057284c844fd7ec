// ATen before Qt: QtCore defines `slots` as a macro, a name ATen uses.
#include <ATen/ATen.h>

#include "core/loader/sample_pipeline.h"

#include "core/audio/fbank.h"
#include "core/audio/fbank_normalize.h"
#include "core/loader/resized_crop.h"
#include "core/loader/sampler.h"
#include "core/media/decode.h"
#include "core/media/probe.h"
#include "core/segments/detector.h"
#include "model/masking/random_mask.h"
#include "model/masking/segment_mask.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace avt::loader {

namespace {

// Random streams of one sample (subSeed of the sample seed).
enum Stream : std::uint64_t { WindowStream = 1, CropStream, FlipStream, SpecStream, AudioMaskStream, VideoMaskStream };

constexpr float kImageNetMean[3] = {0.485f, 0.456f, 0.406f};
constexpr float kImageNetStd[3] = {0.229f, 0.224f, 0.225f};

// The batch row to write a sample's video into ([3, T, S, S] float), or a new tensor when `into`
// is not one.
at::Tensor outputFor(const at::Tensor &into, std::int64_t T, int S)
{
    const bool fits = into.defined() && into.is_contiguous() && into.scalar_type() == at::kFloat
                      && into.sizes() == at::IntArrayRef({3, T, S, S});
    return fits ? into : at::empty({3, T, S, S}, at::kFloat);
}

Error sampleError(const LoaderItem &item, const QString &code, const QString &message)
{
    return makeError(code, QStringLiteral("%1: %2").arg(item.path, message));
}

// Offset of spatial view s of n along an axis of `length` pixels for a crop of `size`.
int viewOffset(int length, int size, int s, int n)
{
    const int room = std::max(length - size, 0);
    return n <= 1 ? room / 2 : int(static_cast<long long>(room) * s / (n - 1));
}

} // namespace

struct SamplePipeline::Decoded {
    at::Tensor frames;        // [T, H, W, 3] uint8, or undefined
    std::vector<float> audio; // [samples] 16 kHz mono (empty when fbankRows >= 0)
    double start = 0.0;
    double length = 0.0;
    // From a prepared cache: the raw fbank [fbankRows, melBins] instead of the waveform.
    std::vector<float> fbank;
    std::int64_t fbankRows = -1;
};

struct SamplePipeline::CacheEntry {
    Decoded data;
    qint64 bytes = 0;
};

SamplePipeline::SamplePipeline(const LoaderOptions &options, const model::ModelConfig &config) : m_opt(options)
{
    m_train = options.mode == LoaderMode::Train;
    m_wantAudio = config.hasAudio();
    m_wantVideo = config.hasVideo();
    m_audioFrames = config.audio.frames;
    m_melBins = config.audio.melBins;
    m_audioPatch = config.audio.patch;
    m_audioTStride = config.audio.tstride;
    m_freqPatches = config.audio.freqPatches();
    m_timePatches = config.audio.timePatches();
    m_videoFrames = config.video.frames;
    m_videoSize = config.video.size;
    m_videoGrid = config.video.embedGrid();
    m_decodeThreads = options.decodeThreads > 0
                          ? options.decodeThreads
                          : std::max(1, int(std::thread::hardware_concurrency()) / std::max(1, options.numWorkers));
    if (options.masking.audio == AudioMasking::Segment) {
        auto det = segments::SegmentDetector::create(options.masking.detector);
        if (det) // validate() already checked the parameters
            m_detector = std::make_unique<segments::SegmentDetector>(std::move(*det));
    }
}

SamplePipeline::~SamplePipeline() = default;

CacheStats SamplePipeline::cacheStats() const
{
    std::lock_guard lock(m_cacheMutex);
    return m_cacheStats;
}

Result<double> SamplePipeline::duration(const LoaderItem &item) const
{
    if (item.duration > 0.0)
        return item.duration;
    {
        std::lock_guard lock(m_durMutex);
        if (auto it = m_durations.find(item.path); it != m_durations.end())
            return it->second;
    }
    auto info = media::probeMedia(item.path, m_opt.decodeTimeoutSeconds);
    if (!info)
        return info.error();
    std::lock_guard lock(m_durMutex);
    m_durations[item.path] = info->duration;
    return info->duration;
}

Result<SampleWindow> SamplePipeline::window(const LoaderItem &item, const SampleRef &ref, std::uint64_t seed) const
{
    SampleWindow w{item.start, item.length, true};
    const double c = m_opt.clipSeconds;
    if (c <= 0.0)
        return w;
    if (w.length <= 0.0) {
        auto d = duration(item);
        if (!d)
            return d.error();
        w.length = *d - w.start;
        if (w.length <= 0.0)
            return sampleError(
                item, QStringLiteral("invalid"),
                QStringLiteral("window start %1 s is past the end of the file (%2 s)").arg(w.start).arg(*d));
    }
    if (w.length <= c)
        return w;
    const double room = w.length - c;
    if (m_train) {
        SampleRng rng(subSeed(seed, WindowStream));
        w.start += rng.uniform() * room;
        w.fixed = false;
    } else {
        const int n = m_opt.temporalViews;
        w.start += n <= 1 ? room / 2.0 : room * ref.temporalView / (n - 1);
    }
    w.length = c;
    return w;
}

Result<SamplePipeline::Decoded> SamplePipeline::decode(const LoaderItem &item, const SampleRef &ref,
                                                       const SampleWindow &w, std::uint64_t seed, bool &cropped) const
{
    const bool segment = m_opt.masking.audio == AudioMasking::Segment;
    media::ClipRequest req;
    req.start = w.start;
    req.length = w.length;
    req.video = m_wantVideo;
    req.audio = m_wantAudio || segment;
    req.numFrames = int(m_videoFrames);
    req.threads = m_decodeThreads;
    req.timeoutSeconds = m_opt.decodeTimeoutSeconds;
    const int S = int(m_videoSize);
    const bool rrc = m_train && m_opt.augment.randomResizedCrop;
    const int maxSide = preCropSide();

    const bool useCache = m_opt.cacheMiB > 0 || m_opt.prepared;
    if (!useCache) {
        // Crop inside the decoder (one swscale call per frame).
        req.shortSide = S;
        req.cropSize = S;
        if (rrc) {
            SampleRng rng(subSeed(seed, CropStream));
            req.shortSide = rng.uniformInt(S, maxSide);
            req.cropMode = media::CropMode::Random;
            req.seed = rng.nextU64();
        } else if (!m_train && m_opt.spatialViews > 1) {
            req.cropSize = 0; // the spatial views are cut from the resized frame
        }
        auto clip = media::decodeClip(item.path, req);
        if (!clip)
            return clip.error();
        cropped = req.cropSize > 0;
        return Decoded{clip->frames, std::move(clip->audio), clip->start, clip->length, {}, -1};
    }

    // Cache path: frames at the pre-crop size; crops happen in videoInput() for hits and misses.
    cropped = false;
    if (m_opt.prepared && w.fixed) {
        if (auto hit = fromPrepared(item, w))
            return std::move(*hit);
    }
    req = cacheRequest(w);
    req.video = m_wantVideo;
    req.audio = m_wantAudio || segment;
    const QString key = QStringLiteral("%1|%2|%3|%4|%5|%6%7")
                            .arg(item.path)
                            .arg(std::llround(w.start * 1e6))
                            .arg(std::llround(w.length * 1e6))
                            .arg(req.shortSide)
                            .arg(req.numFrames)
                            .arg(int(req.video))
                            .arg(int(req.audio));
    if (w.fixed && m_opt.cacheMiB > 0) {
        std::lock_guard lock(m_cacheMutex);
        if (auto it = m_cache.find(key); it != m_cache.end()) {
            ++m_cacheStats.hits;
            return it->second->data;
        }
        ++m_cacheStats.misses;
    }
    auto clip = media::decodeClip(item.path, req);
    if (!clip)
        return clip.error();
    Decoded d{clip->frames, std::move(clip->audio), clip->start, clip->length, {}, -1};
    if (w.fixed && m_opt.cacheMiB > 0) {
        auto entry = std::make_shared<CacheEntry>();
        entry->data = d;
        entry->bytes = (d.frames.defined() ? d.frames.numel() : 0) + qint64(d.audio.size() * sizeof(float)) + 256;
        const qint64 budget = qint64(m_opt.cacheMiB) * 1024 * 1024;
        std::lock_guard lock(m_cacheMutex);
        if (!m_cache.count(key) && m_cacheStats.bytes + entry->bytes <= budget) {
            m_cacheStats.bytes += entry->bytes;
            ++m_cacheStats.entries;
            m_cache.emplace(key, std::move(entry));
        }
    }
    (void)ref;
    return d;
}

media::ClipRequest SamplePipeline::cacheRequest(const SampleWindow &w) const
{
    media::ClipRequest req;
    req.start = w.start;
    req.length = w.length;
    req.numFrames = int(m_videoFrames);
    req.threads = m_decodeThreads;
    req.timeoutSeconds = m_opt.decodeTimeoutSeconds;
    req.shortSide = preCropSide();
    req.cropSize = 0;
    return req;
}

int SamplePipeline::preCropSide() const
{
    const int S = int(m_videoSize);
    const bool rrc = m_train && m_opt.augment.randomResizedCrop;
    return rrc ? int(std::lround(S * m_opt.augment.scaleMax)) : S;
}

PreparedSpec SamplePipeline::preparedSpec() const
{
    PreparedSpec spec;
    spec.numFrames = int(m_videoFrames);
    spec.shortSide = preCropSide();
    spec.audioRate = 16000;
    spec.melBins = int(m_melBins);
    return spec;
}

Result<std::optional<SampleWindow>> SamplePipeline::fixedWindow(const LoaderItem &item, const SampleRef &ref) const
{
    auto w = window(item, ref, 0);
    if (!w)
        return w.error();
    if (!w->fixed)
        return std::optional<SampleWindow>();
    return std::optional<SampleWindow>(*w);
}

Result<PreparedEntry> SamplePipeline::prepareEntry(const LoaderItem &item, const SampleWindow &w) const
{
    try {
        media::ClipRequest req = cacheRequest(w);
        req.video = true;
        req.audio = true;
        auto clip = media::decodeClip(item.path, req);
        if (!clip)
            return clip.error();
        PreparedEntry e;
        e.frames = clip->frames;
        e.start = clip->start;
        e.length = clip->length;
        e.hasAudio = clip->hasAudio;
        e.fbankBins = int(m_melBins);
        audio::FbankOptions fo;
        fo.numMelBins = int(m_melBins);
        if (audio::fbankFrameCount(qint64(clip->audio.size()), fo) > 0) {
            auto fb = audio::computeFbank(clip->audio, fo);
            if (!fb)
                return sampleError(item, fb.error().code, fb.error().message);
            e.fbankRows = fb->frames;
            e.fbank = std::move(fb->values);
        }
        return e;
    } catch (const std::exception &ex) {
        return sampleError(item, QStringLiteral("internal"),
                           QString::fromUtf8(ex.what()).section(QLatin1Char('\n'), 0, 0));
    }
}

std::optional<SamplePipeline::Decoded> SamplePipeline::fromPrepared(const LoaderItem &item, const SampleWindow &w) const
{
    const QString key = preparedEntryKey(item.path, w.start, w.length);
    auto hit = key.isEmpty() ? std::nullopt : m_opt.prepared->find(key);
    std::lock_guard lock(m_cacheMutex);
    if (!hit) {
        ++m_cacheStats.preparedMisses;
        return std::nullopt;
    }
    if (!*hit) {
        ++m_cacheStats.preparedCorrupt;
        m_cacheStats.lastPreparedError = hit->error().message;
        return std::nullopt;
    }
    PreparedEntry &e = **hit;
    if ((m_wantVideo && !e.frames.defined()) || e.fbankBins != int(m_melBins)) {
        ++m_cacheStats.preparedMisses;
        return std::nullopt;
    }
    ++m_cacheStats.preparedHits;
    return Decoded{e.frames, {}, e.start, e.length, std::move(e.fbank), e.fbankRows};
}

at::Tensor SamplePipeline::videoInput(const Decoded &d, bool cropped, const SampleRef &ref, std::uint64_t seed,
                                      const at::Tensor &into) const
{
    const int S = int(m_videoSize);
    bool flip = false;
    if (m_train && m_opt.augment.horizontalFlip) {
        SampleRng rng(subSeed(seed, FlipStream));
        flip = rng.uniform() < m_opt.augment.flipProbability;
    }
    at::Tensor frames = d.frames.contiguous(); // [T, H, W, 3] uint8
    int H = int(frames.size(1)), W = int(frames.size(2));
    int top = 0, left = 0;
    if (!cropped) {
        top = viewOffset(H, S, 0, 1);
        left = viewOffset(W, S, 0, 1);
        if (m_train && m_opt.augment.randomResizedCrop) {
            // Same draws as the decoder path: short side, then the crop offset.
            SampleRng rng(subSeed(seed, CropStream));
            const int side = rng.uniformInt(S, preCropSide());
            const int shortSide = std::min(H, W);
            if (side != shortSide) {
                const int h = std::max(S, int(std::lround(double(H) * side / shortSide)));
                const int w = std::max(S, int(std::lround(double(W) * side / shortSide)));
                SampleRng offsets(rng.nextU64());
                const int cropTop = offsets.uniformInt(0, h - S);
                const int cropLeft = offsets.uniformInt(0, w - S);
                // The S x S crop at (cropTop, cropLeft) of the frames resized to h x w, computed for
                // the crop's pixels only, in float, straight into the normalised planes (see
                // resized_crop.h: what torch's bilinear interpolate then the crop would give).
                const std::int64_t T = frames.size(0);
                at::Tensor out = outputFor(into, T, S);
                detail::resizedCropToPlanes(frames.data_ptr<std::uint8_t>(), int(T),
                                            detail::ResizedCrop{H, W, h, w, cropTop, cropLeft, S, flip}, kImageNetMean,
                                            kImageNetStd, out.data_ptr<float>());
                return out;
            }
            SampleRng offsets(rng.nextU64());
            top = offsets.uniformInt(0, H - S);
            left = offsets.uniformInt(0, W - S);
        } else if (!m_train) {
            const bool wide = W >= H;
            const int n = m_opt.spatialViews;
            top = wide ? viewOffset(H, S, 0, 1) : viewOffset(H, S, ref.spatialView, n);
            left = wide ? viewOffset(W, S, ref.spatialView, n) : viewOffset(W, S, 0, 1);
        }
    }
    // Crop, flip, normalise and reorder in one pass. The table holds (v / 255 - mean_c) / std_c
    // computed in float in that order.
    float table[3][256];
    for (int c = 0; c < 3; ++c)
        for (int v = 0; v < 256; ++v)
            table[c][v] = (float(v) / 255.0f - kImageNetMean[c]) / kImageNetStd[c];
    const std::int64_t T = frames.size(0);
    at::Tensor out = outputFor(into, T, S);
    const std::uint8_t *src = frames.data_ptr<std::uint8_t>();
    float *dst = out.data_ptr<float>();
    const std::int64_t plane = T * S * S;
    for (std::int64_t t = 0; t < T; ++t) {
        for (int y = 0; y < S; ++y) {
            const std::uint8_t *row = src + ((t * H + top + y) * std::int64_t(W) + left) * 3;
            float *o = dst + (t * S + y) * std::int64_t(S);
            for (int x = 0; x < S; ++x) {
                const std::uint8_t *px = row + 3 * (flip ? S - 1 - x : x);
                o[x] = table[0][px[0]];
                o[plane + x] = table[1][px[1]];
                o[2 * plane + x] = table[2][px[2]];
            }
        }
    }
    return out;
}

Result<at::Tensor> SamplePipeline::audioInput(const Decoded &d) const
{
    const std::vector<float> &wave = d.audio;
    audio::FbankOptions fo;
    fo.numMelBins = int(m_melBins);
    audio::FbankMatrix raw;
    raw.bins = int(m_melBins);
    if (d.fbankRows >= 0) {
        raw.frames = d.fbankRows;
        raw.values = d.fbank;
    } else if (audio::fbankFrameCount(qint64(wave.size()), fo) > 0) {
        auto fb = audio::computeFbank(wave, fo);
        if (!fb)
            return fb.error();
        raw = std::move(*fb);
    }
    audio::FbankMatrix x = audio::padOrCut(raw, m_audioFrames); // [T_a, F]
    audio::normalizeFbank(x, m_opt.audioMean, m_opt.audioStd);
    return at::from_blob(x.values.data(), {m_audioFrames, m_melBins}, at::kFloat).clone();
}

Result<at::Tensor> SamplePipeline::audioMask(const LoaderItem &item, double windowStart, const at::Tensor &fbank,
                                             std::uint64_t seed) const
{
    const MaskingOptions &m = m_opt.masking;
    at::Generator gen = model::maskGenerator(subSeed(seed ^ mix64(m.seed), AudioMaskStream));
    const std::int64_t na = m_freqPatches * m_timePatches;
    if (m.audio == AudioMasking::Random)
        return model::randomTokenMask(na, m.audioProbability, gen);
    if (!m_detector)
        return sampleError(item, QStringLiteral("invalid"), QStringLiteral("segment detector parameters are invalid"));

    const std::pair<qint64, qint64> key{item.clipId, std::llround(windowStart * 1000.0)};
    std::vector<std::int64_t> boundaries;
    bool cached = false;
    {
        std::lock_guard lock(m_segMutex);
        if (auto it = m_segCache.find(key); it != m_segCache.end()) {
            boundaries = it->second;
            cached = true;
        }
    }
    if (cached) {
        ++m_segHits;
    } else {
        auto seg = m_detector->detect(fbank);
        if (!seg)
            return sampleError(item, seg.error().code, seg.error().message);
        boundaries = seg->boundaries;
        ++m_segComputed;
        std::lock_guard lock(m_segMutex);
        m_segCache.emplace(key, boundaries);
    }
    const auto spans = model::spansFromBoundaries(boundaries, m_audioFrames);
    const auto chosen = model::chooseMaskedSegments(std::int64_t(spans.size()), m.audioProbability, gen);
    const at::Tensor frames = model::frameMaskFromSpans(spans, chosen, m_audioFrames); // [T_a]
    // One frequency row of AST's grid gives the time-patch mask; repeat it over all rows
    // (frequency-major token order).
    model::AudioPatchGrid row;
    row.melBins = m_audioPatch;
    row.frames = m_audioFrames;
    row.patch = m_audioPatch;
    row.stride = m_audioTStride;
    const at::Tensor time = model::tokenMaskFromFrameMask(frames, row); // [timePatches]
    return time.repeat({m_freqPatches});                                // [Na]
}

at::Tensor SamplePipeline::videoMask(std::uint64_t seed) const
{
    const MaskingOptions &m = m_opt.masking;
    at::Generator gen = model::maskGenerator(subSeed(seed ^ mix64(m.seed), VideoMaskStream));
    if (m.video == VideoMasking::Tube) {
        model::VideoTokenGrid grid{m_videoGrid[0], m_videoGrid[1], m_videoGrid[2]};
        return model::tubeTokenMask(grid, m.videoProbability, gen);
    }
    return model::randomTokenMask(m_videoGrid[0] * m_videoGrid[1] * m_videoGrid[2], m.videoProbability, gen);
}

void SamplePipeline::specAugment(at::Tensor &fbank, std::uint64_t seed) const
{
    SampleRng rng(subSeed(seed, SpecStream));
    const int F = int(m_melBins), T = int(m_audioFrames);
    const int maxF = std::min(F, int(std::lround(m_opt.augment.freqMask * double(F) / 128.0)));
    const int maxT = std::min(T, int(std::lround(m_opt.augment.timeMask * double(T) / 1024.0)));
    const int fw = rng.uniformInt(0, maxF);
    const int f0 = rng.uniformInt(0, F - fw);
    const int tw = rng.uniformInt(0, maxT);
    const int t0 = rng.uniformInt(0, T - tw);
    if (fw > 0)
        fbank.slice(1, f0, f0 + fw).zero_();
    if (tw > 0)
        fbank.slice(0, t0, t0 + tw).zero_();
}

Result<LoadedSample> SamplePipeline::load(const LoaderItem &item, const SampleRef &ref, std::uint64_t seed,
                                          const at::Tensor &videoOut) const
{
    try {
        auto w = window(item, ref, seed);
        if (!w)
            return w.error();
        bool cropped = false;
        auto d = decode(item, ref, *w, seed, cropped);
        if (!d)
            return d.error();
        LoadedSample out;
        out.windowStart = d->start;
        out.windowLength = d->length;
        if (m_wantVideo) {
            if (!d->frames.defined() || d->frames.dim() != 4 || d->frames.size(0) != m_videoFrames)
                return sampleError(item, QStringLiteral("corrupt"), QStringLiteral("the decoder returned no frames"));
            out.video = videoInput(*d, cropped, ref, seed, videoOut);
        }
        const bool segment = m_opt.masking.audio == AudioMasking::Segment;
        if (m_wantAudio || segment) {
            auto a = audioInput(*d);
            if (!a)
                return sampleError(item, a.error().code, a.error().message);
            if (m_opt.masking.audio != AudioMasking::None) {
                auto mask = audioMask(item, w->start, *a, seed);
                if (!mask)
                    return mask.error();
                out.audioMask = *mask;
            }
            if (m_train && m_opt.augment.specAugment)
                specAugment(*a, seed);
            if (m_wantAudio)
                out.audio = *a;
        }
        if (m_opt.masking.video != VideoMasking::None)
            out.videoMask = videoMask(seed);
        return out;
    } catch (const std::exception &e) {
        return sampleError(item, QStringLiteral("internal"),
                           QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0));
    }
}

} // namespace avt::loader
