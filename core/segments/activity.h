#pragma once
// The activity curve of the segment detector before its final smoothing:
//   raw[t] = mean over mel bins m of | gradient_t( savgol_t( X[:, m] ) )[t] |
// for an fbank X [T, M] (row-major, frames x mel bins), with scipy's savgol_filter (mode
// 'interp') along time and numpy.gradient along time.
//
// ActivityKernel fuses smoothing and gradient into one precomputed linear filter per output
// frame (both steps are linear in X; only the absolute value is not), so one pass over the
// fbank reads each row a few times and writes nothing but the [T] curve. Rows near the two
// ends, where the smoothing uses the edge polynomial fits, get their own precomputed weights.
// The result equals activityReference() (the literal two-pass computation) up to rounding.
//
// Thread-safety: compute() and activityReference() are const/pure; callers own the buffers.
#include "core/segments/savgol.h"

#include <cstdint>
#include <vector>

namespace avt::segments {

class ActivityKernel {
public:
    explicit ActivityKernel(int smoothWindow, int smoothOrder);

    // out[0..frames) = raw activity of x [frames, bins]. work must hold `bins` doubles.
    void compute(const float *x, std::int64_t frames, std::int64_t bins, double *out, double *work) const;

    const SavgolFilter &smoothing() const { return m_filter; }

private:
    void computeFused(const float *x, std::int64_t frames, std::int64_t bins, double *out, double *work) const;

    SavgolFilter m_filter;
    int m_half = 0;             // c = window / 2
    std::vector<double> m_diff; // [c + 2]: interior weights d_k for x[t + k] - x[t - k]
    std::vector<double> m_head; // [c + 1, window + 1]: rows t = 0..c over x[0..window]
    std::vector<double> m_tail; // [c + 1, window + 1]: rows T-c-1..T-1 over x[T-window-1..T)
};

// Two-pass reference: smooth every bin, take the gradient, average the absolute values.
void activityReference(const float *x, std::int64_t frames, std::int64_t bins, const SavgolFilter &smoothing,
                       double *out);

} // namespace avt::segments
