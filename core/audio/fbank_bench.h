#pragma once
// Timing of computeFbank for reports (`bench data`, tests/bench/compare_fbank.py).
//
//   double ms = avt::audio::benchmarkFbankMsPer10s(1);   // one thread
//
// benchmarkFbankMsPer10s times the raw fbank (AST options, 16 kHz) of 10 s of deterministic
// noise (160000 samples, 998 frames): three warm-up runs, then the median wall time over
// `repeats` runs, in milliseconds per 10 s clip. `threads` > 0 sets at::set_num_threads for
// the measurement and restores the previous count afterwards; 0 keeps the current count.
// Thread-safety: changes ATen's global thread count while it runs; call from one thread.
#include <vector>

namespace avt::audio {

struct FbankTiming {
    double medianMs = -1.0; // wall time per run, median; -1 when the fbank failed
    double minMs = -1.0;    // wall time per run, fastest (least disturbed by other load)
    double cpuMs = -1.0;    // process CPU time per run (all threads), mean
};

double benchmarkFbankMsPer10s(int threads, int repeats = 30);

// Times computeFbank on `samples` (16 kHz, AST options) as described above.
FbankTiming timeFbank(const std::vector<float> &samples, int threads, int repeats);

} // namespace avt::audio
