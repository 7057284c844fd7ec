#include "core/segments/segments_bench.h"

#include "core/segments/detector.h"
#include "model/masking/segment_mask.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

namespace avt::segments {

namespace {

constexpr std::int64_t kFrames = 1024, kBins = 128;

// A 1024 x 128 log-mel-like matrix [frames, bins]: background with noise and three tones.
std::vector<float> benchmarkFbank()
{
    constexpr std::int64_t frames = kFrames, bins = kBins;
    std::vector<float> v(size_t(frames * bins));
    std::mt19937 rng(1234);
    std::normal_distribution<float> noise(0.0f, 0.5f);
    for (std::int64_t t = 0; t < frames; ++t)
        for (std::int64_t m = 0; m < bins; ++m) {
            const bool on = (t >= 100 && t < 400 && m >= 20 && m < 40) || (t >= 550 && t < 900 && m >= 60 && m < 70)
                            || (t >= 700 && t < 720);
            v[size_t(t * bins + m)] = (on ? -2.0f : -9.0f) + noise(rng);
        }
    return v;
}

} // namespace

double benchmarkSegmentsMsPer10s(int repeats)
{
    repeats = std::max(repeats, 1);
    const std::vector<float> fbank = benchmarkFbank(); // [1024, 128]
    auto detector = SegmentDetector::create(DetectorParams());
    if (!detector)
        return -1.0;
    const model::AudioPatchGrid grid; // 128 x 1024 -> 12 x 101 tokens
    at::Generator gen = model::maskGenerator(0);
    std::vector<double> ms;
    ms.reserve(size_t(repeats));
    std::int64_t sink = 0;
    for (int r = -3; r < repeats; ++r) { // three warm-up runs
        const auto t0 = std::chrono::steady_clock::now();
        auto seg = detector->detect(fbank.data(), kFrames, kBins);
        if (!seg)
            return -1.0;
        const at::Tensor mask = model::segmentTokenMask(seg->spans(), 0.04, grid, gen);
        const auto t1 = std::chrono::steady_clock::now();
        sink += mask.size(0) + seg->segmentCount();
        if (r >= 0)
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
    return sink > 0 ? ms[ms.size() / 2] : -1.0;
}

} // namespace avt::segments
