// avt-bench-fbank: milliseconds per 10 s clip for avt::audio::computeFbank (AST options).
//
//   avt-bench-fbank [--threads N] [--repeats R] [--input FILE.f32]
//
// Without --input it times 10 s of deterministic noise. With --input it reads raw
// little-endian float32 samples at 16 kHz (as written by tests/bench/compare_fbank.py).
// Prints one line, times scaled to a 10 s clip: "ours_ms_per_10s <median wall>
// min_ms_per_10s <fastest wall> cpu_ms_per_10s <process CPU> threads <N> samples <n>".
#include "core/audio/fbank_bench.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    int threads = 1, repeats = 30;
    std::string input;
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--threads") && hasValue)
            threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--repeats") && hasValue)
            repeats = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--input") && hasValue)
            input = argv[++i];
        else {
            std::fprintf(stderr, "usage: avt-bench-fbank [--threads N] [--repeats R] [--input FILE.f32]\n");
            return 2;
        }
    }
    if (threads < 1 || repeats < 1) {
        std::fprintf(stderr, "avt-bench-fbank: --threads and --repeats must be >= 1\n");
        return 2;
    }
    std::vector<float> samples;
    if (input.empty()) { // 10 s of deterministic noise, as benchmarkFbankMsPer10s uses
        samples.resize(160000);
        uint32_t state = 12345u;
        for (float &v : samples) {
            state = 1664525u * state + 1013904223u;
            v = static_cast<float>(0.2 * (state / 4294967296.0 * 2.0 - 1.0));
        }
    } else {
        std::ifstream f(input, std::ios::binary | std::ios::ate);
        if (!f) {
            std::fprintf(stderr, "avt-bench-fbank: cannot read %s\n", input.c_str());
            return 1;
        }
        samples.resize(static_cast<size_t>(f.tellg()) / sizeof(float));
        f.seekg(0);
        f.read(reinterpret_cast<char *>(samples.data()), static_cast<std::streamsize>(samples.size() * sizeof(float)));
    }
    const avt::audio::FbankTiming t = avt::audio::timeFbank(samples, threads, repeats);
    if (t.medianMs < 0) {
        std::fprintf(stderr, "avt-bench-fbank: fbank failed (input too short or non-finite?)\n");
        return 1;
    }
    const double scale = 160000.0 / static_cast<double>(samples.size());
    std::printf("ours_ms_per_10s %.4f min_ms_per_10s %.4f cpu_ms_per_10s %.4f threads %d samples %zu\n",
                t.medianMs * scale, t.minMs * scale, t.cpuMs * scale, threads, samples.size());
    return 0;
}
