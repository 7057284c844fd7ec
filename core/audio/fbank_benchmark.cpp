#include "core/audio/fbank_benchmark.h"

#include "core/audio/fbank.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>

namespace avt::audio {

double timeFbankMs(const std::vector<float> &samples, int threads, int repeats)
{
    const int before = at::get_num_threads();
    if (threads > 0)
        at::set_num_threads(threads);
    repeats = std::max(1, repeats);
    for (int i = 0; i < 3; ++i)
        (void)computeFbank(samples);
    std::vector<double> ms;
    ms.reserve(repeats);
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        auto fb = computeFbank(samples);
        const auto t1 = std::chrono::steady_clock::now();
        if (!fb.ok())
            return -1.0;
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    if (threads > 0)
        at::set_num_threads(before);
    std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
    return ms[ms.size() / 2];
}

double benchmarkFbankMsPer10s(int threads, int repeats)
{
    std::vector<float> noise(160000);
    uint32_t state = 12345u;
    for (float &v : noise) {
        state = 1664525u * state + 1013904223u;
        v = static_cast<float>(0.2 * (state / 4294967296.0 * 2.0 - 1.0));
    }
    return timeFbankMs(noise, threads, repeats);
}

} // namespace avt::audio
