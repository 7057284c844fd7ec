#include "core/audio/fbank_bench.h"

#include "core/audio/fbank.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>

namespace avt::audio {

namespace {

double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

} // namespace

FbankTiming timeFbank(const std::vector<float> &samples, int threads, int repeats)
{
    const int before = at::get_num_threads();
    if (threads > 0)
        at::set_num_threads(threads);
    repeats = std::max(1, repeats);
    FbankTiming timing;
    bool ok = true;
    for (int i = 0; i < 3; ++i)
        ok = ok && computeFbank(samples).ok();
    std::vector<double> ms;
    ms.reserve(repeats);
    const double cpu0 = processCpuMs();
    for (int i = 0; ok && i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        ok = computeFbank(samples).ok();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    const double cpu1 = processCpuMs();
    if (threads > 0)
        at::set_num_threads(before);
    if (!ok)
        return timing;
    std::sort(ms.begin(), ms.end());
    timing.medianMs = ms[ms.size() / 2];
    timing.minMs = ms.front();
    timing.cpuMs = (cpu1 - cpu0) / repeats;
    return timing;
}

double benchmarkFbankMsPer10s(int threads, int repeats)
{
    std::vector<float> noise(160000);
    uint32_t state = 12345u;
    for (float &v : noise) {
        state = 1664525u * state + 1013904223u;
        v = static_cast<float>(0.2 * (state / 4294967296.0 * 2.0 - 1.0));
    }
    return timeFbank(noise, threads, repeats).medianMs;
}

} // namespace avt::audio
