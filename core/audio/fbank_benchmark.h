#pragma once
// Timing of computeFbank for reports (`bench data`, tests/bench/compare_fbank.py).
//
//   double ms = avt::audio::benchmarkFbankMsPer10s(1);   // one thread
//
// Times the raw fbank (AST options, 16 kHz) of 10 s of deterministic noise (160000 samples,
// 998 frames): a few warm-up runs, then the median over `repeats` runs, in milliseconds per
// 10 s clip. `threads` > 0 sets at::set_num_threads for the measurement and restores the
// previous count afterwards; 0 keeps the current count.
// Thread-safety: changes ATen's global thread count while it runs; call from one thread.
#include <cstdint>
#include <vector>

namespace avt::audio {

double benchmarkFbankMsPer10s(int threads, int repeats = 30);

// Milliseconds (median over `repeats`, after warm-up) for the fbank of `samples` at 16 kHz.
double timeFbankMs(const std::vector<float> &samples, int threads, int repeats);

} // namespace avt::audio
