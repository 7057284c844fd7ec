// Fused smoothing + gradient. With c = window / 2, the smoothed signal inside is
// s[t] = sum_j h[j] x[t - c + j], and the gradient g[t] = (s[t+1] - s[t-1]) / 2 becomes one
// antisymmetric filter of width window + 2: g[t] = sum_{k=1..c+1} d_k (x[t+k] - x[t-k]). It is
// valid for c+1 <= t <= T-c-2; the c+1 rows at each end mix in the edge fits and the one-sided
// gradient, and their weights are built once by pushing unit impulses through the reference
// filter and gradient (so they match the two-pass definition by construction).
//
// This file is compiled with -O3 (see CMakeLists.txt) so the loops over mel bins vectorise.
#include "core/segments/activity.h"

#include <cassert>
#include <cmath>
#include <cstring>
#include <vector>

namespace avt::segments {

ActivityKernel::ActivityKernel(int smoothWindow, int smoothOrder)
    : m_filter(smoothWindow, smoothOrder), m_half(m_filter.halfWindow())
{
    const int w = m_filter.window();
    const int c = m_half;
    const std::vector<double> &h = m_filter.coefficients();
    m_diff.assign(size_t(c) + 2, 0.0);
    for (int k = 1; k <= c + 1; ++k) {
        // Weight of x[t + k] in (s[t+1] - s[t-1]) / 2: h[c + k - 1] from s[t+1], minus
        // h[c + k + 1] from s[t-1] (outside the window counts as 0).
        const double plus = h[size_t(c + k - 1)];
        const double minus = (c + k + 1 <= w - 1) ? h[size_t(c + k + 1)] : 0.0;
        m_diff[size_t(k)] = 0.5 * (plus - minus);
    }

    // Edge rows from impulse responses on a nominal signal long enough that the head and tail
    // zones do not interact (T0 >= window + 1, with room to spare).
    const std::int64_t t0 = 2 * w + 4;
    const int span = w + 1;
    m_head.assign(size_t(c + 1) * size_t(span), 0.0);
    m_tail.assign(size_t(c + 1) * size_t(span), 0.0);
    std::vector<double> impulse(static_cast<size_t>(t0), 0.0), smooth(impulse.size()), grad(impulse.size());
    for (std::int64_t j = 0; j < t0; ++j) {
        impulse[size_t(j)] = 1.0;
        m_filter.apply(impulse.data(), smooth.data(), t0);
        gradient(smooth.data(), grad.data(), t0);
        impulse[size_t(j)] = 0.0;
        // grad[t] is the weight of x[j] in output t.
        for (int r = 0; r <= c; ++r) {
            if (j < span)
                m_head[size_t(r * span + j)] = grad[size_t(r)];
            const std::int64_t jt = j - (t0 - span);
            if (jt >= 0)
                m_tail[size_t(r * span + jt)] = grad[size_t(t0 - c - 1 + r)];
        }
    }
}

void ActivityKernel::compute(const float *x, std::int64_t frames, std::int64_t bins, double *out, double *work) const
{
    if (frames <= 0 || bins <= 0) {
        for (std::int64_t t = 0; t < frames; ++t)
            out[t] = 0.0;
        return;
    }
    if (frames < m_filter.window() + 1) // too short for the fused rows: take the long way
        activityReference(x, frames, bins, m_filter, out);
    else
        computeFused(x, frames, bins, out, work);
}

namespace {

// acc[0..bins) = sum_j row[j] * x[(first + j) * bins + m], then the mean absolute value.
double rowActivity(const double *row, int span, const float *x, std::int64_t first, std::int64_t bins, double *acc)
{
    for (std::int64_t m = 0; m < bins; ++m)
        acc[m] = 0.0;
    for (int j = 0; j < span; ++j) {
        const double wj = row[j];
        const float *xr = x + (first + j) * bins;
        for (std::int64_t m = 0; m < bins; ++m)
            acc[m] += wj * double(xr[m]);
    }
    double sum = 0.0;
    for (std::int64_t m = 0; m < bins; ++m)
        sum += std::abs(acc[m]);
    return sum / double(bins);
}

} // namespace

// The interior rows, the hot loop: per output frame, blocks of 8 mel bins accumulate the
// antisymmetric filter in registers (no buffer traffic), then their absolute values. Built
// twice (baseline x86-64 and AVX2 + FMA) and picked at load time where GCC/Clang support it.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && defined(__linux__)
#define AVT_SEGMENTS_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define AVT_SEGMENTS_SIMD_CLONES
#endif

namespace {

constexpr std::int64_t kBlock = 8;

#if defined(__GNUC__) // GCC and Clang vector types: 4 doubles (one AVX register, or two SSE2 registers)

typedef double Double4 __attribute__((vector_size(32)));
typedef std::int64_t Int4 __attribute__((vector_size(32)));

// Each lane does exactly what the scalar form (#else branch) does for its bin: the same
// multiply-add per k in the same order on the same double values (float -> double is exact,
// so converting a row once into the ring below changes nothing), the same lane-wise absolute
// sums and the same final order; so the results are bit-identical to it. What changed: the 8
// bins of a block go through vector registers (GCC left the scalar form unvectorised), and
// each fbank row is converted to double once instead of 2 (c + 1) times.
// ring: (2c + 3) * bins doubles, rows t - c - 1 .. t + c + 1 at slot row % (2c + 3).
AVT_SEGMENTS_SIMD_CLONES
void fusedInterior(const float *x, std::int64_t frames, std::int64_t bins, int c, const double *diff, double *out)
{
    const double inv = 1.0 / double(bins);
    const std::int64_t blocked = bins - bins % kBlock;
    const std::int64_t slots = 2 * std::int64_t(c) + 3;
    std::vector<double> ring(size_t(slots * bins));
    std::vector<const double *> plus(size_t(c) + 2), minus(size_t(c) + 2);
    const auto convert = [&](std::int64_t row) {
        double *dst = ring.data() + (row % slots) * bins;
        const float *src = x + row * bins;
        for (std::int64_t m = 0; m < bins; ++m)
            dst[m] = double(src[m]);
    };
    for (std::int64_t row = 0; row < slots - 1; ++row) // rows 0 .. 2c + 1
        convert(row);
    const Int4 noSign = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX};
    for (std::int64_t t = c + 1; t <= frames - c - 2; ++t) {
        convert(t + c + 1); // replaces row t - c - 2, no longer needed
        for (int k = 1; k <= c + 1; ++k) {
            plus[size_t(k)] = ring.data() + ((t + k) % slots) * bins;
            minus[size_t(k)] = ring.data() + ((t - k) % slots) * bins;
        }
        Double4 abs0 = {}, abs1 = {}; // lanes 0-3 and 4-7 of every block
        for (std::int64_t m = 0; m < blocked; m += kBlock) {
            Double4 acc0 = {}, acc1 = {};
            for (int k = 1; k <= c + 1; ++k) {
                const double dk = diff[k];
                const Double4 d = {dk, dk, dk, dk};
                Double4 a0, a1, b0, b1;
                std::memcpy(&a0, plus[size_t(k)] + m, sizeof a0);
                std::memcpy(&a1, plus[size_t(k)] + m + 4, sizeof a1);
                std::memcpy(&b0, minus[size_t(k)] + m, sizeof b0);
                std::memcpy(&b1, minus[size_t(k)] + m + 4, sizeof b1);
                acc0 += d * (a0 - b0);
                acc1 += d * (a1 - b1);
            }
            abs0 += Double4(Int4(acc0) & noSign); // |acc|: the sign bit cleared, as std::abs
            abs1 += Double4(Int4(acc1) & noSign);
        }
        double sum = 0.0;
        for (int j = 0; j < 4; ++j)
            sum += abs0[j];
        for (int j = 0; j < 4; ++j)
            sum += abs1[j];
        for (std::int64_t m = blocked; m < bins; ++m) { // the last bins % 8
            double acc = 0.0;
            for (int k = 1; k <= c + 1; ++k)
                acc += diff[k] * (plus[size_t(k)][m] - minus[size_t(k)][m]);
            sum += std::abs(acc);
        }
        out[t] = sum * inv;
    }
}

#else

AVT_SEGMENTS_SIMD_CLONES
void fusedInterior(const float *x, std::int64_t frames, std::int64_t bins, int c, const double *diff, double *out)
{
    const double inv = 1.0 / double(bins);
    const std::int64_t blocked = bins - bins % kBlock;
    for (std::int64_t t = c + 1; t <= frames - c - 2; ++t) {
        double absSum[kBlock] = {};
        for (std::int64_t m = 0; m < blocked; m += kBlock) {
            double acc[kBlock] = {};
            for (int k = 1; k <= c + 1; ++k) {
                const double d = diff[k];
                const float *a = x + (t + k) * bins + m, *b = x + (t - k) * bins + m;
                for (std::int64_t j = 0; j < kBlock; ++j)
                    acc[j] += d * (double(a[j]) - double(b[j]));
            }
            for (std::int64_t j = 0; j < kBlock; ++j)
                absSum[j] += std::abs(acc[j]);
        }
        double sum = 0.0;
        for (std::int64_t j = 0; j < kBlock; ++j)
            sum += absSum[j];
        for (std::int64_t m = blocked; m < bins; ++m) { // the last bins % 8
            double acc = 0.0;
            for (int k = 1; k <= c + 1; ++k)
                acc += diff[k] * (double(x[(t + k) * bins + m]) - double(x[(t - k) * bins + m]));
            sum += std::abs(acc);
        }
        out[t] = sum * inv;
    }
}

#endif

} // namespace

void ActivityKernel::computeFused(const float *x, std::int64_t frames, std::int64_t bins, double *out,
                                  double *acc) const
{
    const int c = m_half;
    const int span = m_filter.window() + 1;
    for (int r = 0; r <= c; ++r) {
        out[r] = rowActivity(&m_head[size_t(r * span)], span, x, 0, bins, acc);
        out[frames - c - 1 + r] = rowActivity(&m_tail[size_t(r * span)], span, x, frames - span, bins, acc);
    }
    fusedInterior(x, frames, bins, c, m_diff.data(), out);
}

void activityReference(const float *x, std::int64_t frames, std::int64_t bins, const SavgolFilter &smoothing,
                       double *out)
{
    const auto n = static_cast<size_t>(frames);
    std::vector<double> column(n), smooth(n), grad(n);
    std::vector<double> sum(n, 0.0);
    for (std::int64_t m = 0; m < bins; ++m) {
        for (std::int64_t t = 0; t < frames; ++t)
            column[size_t(t)] = double(x[t * bins + m]);
        smoothing.apply(column.data(), smooth.data(), frames);
        gradient(smooth.data(), grad.data(), frames);
        for (std::int64_t t = 0; t < frames; ++t)
            sum[size_t(t)] += std::abs(grad[size_t(t)]);
    }
    for (std::int64_t t = 0; t < frames; ++t)
        out[t] = bins > 0 ? sum[size_t(t)] / double(bins) : 0.0;
}

} // namespace avt::segments
