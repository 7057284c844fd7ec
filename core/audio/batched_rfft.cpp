#include "core/audio/batched_rfft.h"

#include "core/audio/simd_clones.h"

#include <cassert>
#include <cmath>
#include <numbers>

// Decimation in frequency: the input stays in natural order, each stage combines points a
// and a + span (sum to a, difference times twiddle to a + span) for spans M/2, M/4, ..., 1,
// and the spectrum comes out in bit-reversed order, which the split step reads through
// m_bitrev (one contiguous L-lane row per point, so the permutation costs nothing extra).

namespace avt::audio {

namespace {

constexpr int L = kFftLanes;

// (r, i) *= (c - i s)
#define AVT_CMUL_CONJ(r, i, c, s)                                                                                      \
    do {                                                                                                               \
        const double tr_ = (r) * (c) + (i) * (s);                                                                      \
        (i) = (i) * (c) - (r) * (s);                                                                                   \
        (r) = tr_;                                                                                                     \
    } while (0)

// Two DIF stages at once, spans 2h then h, over blocks of 4h points: for j < h the points
// x0..x3 at a, a+h, a+2h, a+3h (a = base + j) become
//   b0 = x0 + x2, b2 = (x0 - x2) w2, b1 = x1 + x3, b3 = (x1 - x3) (-i w2)   (w2 = W_4h^j)
//   X[a] = b0 + b1, X[a+h] = (b0 - b1) w1, X[a+2h] = b2 + b3, X[a+3h] = (b2 - b3) w1
// with w1 = W_2h^j and W_n = exp(-2 pi i / n): half the memory passes of single stages.
AVT_ALWAYS_INLINE void difPairStage(double *__restrict re, double *__restrict im, int m, int h,
                                    const double *__restrict c1, const double *__restrict s1,
                                    const double *__restrict c2, const double *__restrict s2)
{
    for (int base = 0; base < m; base += 4 * h) {
        for (int j = 0; j < h; ++j) {
            double *__restrict r0 = re + (base + j) * L;
            double *__restrict i0 = im + (base + j) * L;
            double *__restrict r1 = r0 + h * L;
            double *__restrict i1 = i0 + h * L;
            double *__restrict r2 = r0 + 2 * h * L;
            double *__restrict i2 = i0 + 2 * h * L;
            double *__restrict r3 = r0 + 3 * h * L;
            double *__restrict i3 = i0 + 3 * h * L;
            const double w1c = c1[j], w1s = s1[j], w2c = c2[j], w2s = s2[j];
            for (int l = 0; l < L; ++l) {
                const double b0r = r0[l] + r2[l], b0i = i0[l] + i2[l];
                double b2r = r0[l] - r2[l], b2i = i0[l] - i2[l];
                const double b1r = r1[l] + r3[l], b1i = i1[l] + i3[l];
                // (x1 - x3) * (-i): (re, im) -> (im, -re)
                double b3r = i1[l] - i3[l], b3i = r3[l] - r1[l];
                AVT_CMUL_CONJ(b2r, b2i, w2c, w2s);
                AVT_CMUL_CONJ(b3r, b3i, w2c, w2s);
                double d01r = b0r - b1r, d01i = b0i - b1i;
                double d23r = b2r - b3r, d23i = b2i - b3i;
                AVT_CMUL_CONJ(d01r, d01i, w1c, w1s);
                AVT_CMUL_CONJ(d23r, d23i, w1c, w1s);
                r0[l] = b0r + b1r;
                i0[l] = b0i + b1i;
                r1[l] = d01r;
                i1[l] = d01i;
                r2[l] = b2r + b3r;
                i2[l] = b2i + b3i;
                r3[l] = d23r;
                i3[l] = d23i;
            }
        }
    }
}

// One DIF stage of span h (only needed when log2(M) is odd, and then h = 1: twiddle 1).
AVT_ALWAYS_INLINE void difStage(double *__restrict re, double *__restrict im, int m, int h, const double *__restrict c,
                                const double *__restrict s)
{
    for (int base = 0; base < m; base += 2 * h) {
        for (int j = 0; j < h; ++j) {
            double *__restrict ar = re + (base + j) * L;
            double *__restrict ai = im + (base + j) * L;
            double *__restrict br = ar + h * L;
            double *__restrict bi = ai + h * L;
            const double wc = c[j], ws = s[j];
            for (int l = 0; l < L; ++l) {
                double dr = ar[l] - br[l], di = ai[l] - bi[l];
                ar[l] += br[l];
                ai[l] += bi[l];
                AVT_CMUL_CONJ(dr, di, wc, ws);
                br[l] = dr;
                bi[l] = di;
            }
        }
    }
}

AVT_SIMD_CLONES
void powerSpectrumKernel(double *__restrict re, double *__restrict im, double *__restrict power, int m,
                         const int *__restrict bitrev, const double *stageCos, const double *stageSin,
                         const double *splitCos, const double *splitSin)
{
    // Twiddles of the stage with span s start at index s - 1 (spans 1, 2, 4, ... in turn).
    int s = m / 2;
    for (; s >= 2; s /= 4)
        difPairStage(re, im, m, s / 2, stageCos + s / 2 - 1, stageSin + s / 2 - 1, stageCos + s - 1, stageSin + s - 1);
    if (s == 1)
        difStage(re, im, m, 1, stageCos, stageSin);

    // Split: with Z = FFT_M(z) (Z[k] stored at row bitrev[k]) and Zc[k] = conj(Z[M - k]),
    //   E = (Z + Zc) / 2, O = (Z - Zc) / (2i), X[k] = E + exp(-2 pi i k / N) O.
    for (int l = 0; l < L; ++l) { // k = 0 (row 0): X[0] = Re Z[0] + Im Z[0]
        const double x0 = re[l] + im[l];
        power[l] = x0 * x0;
    }
    for (int k = 1; k < m; ++k) {
        const double *__restrict zr = re + bitrev[k] * L;
        const double *__restrict zi = im + bitrev[k] * L;
        const double *__restrict cr = re + bitrev[m - k] * L;
        const double *__restrict ci = im + bitrev[m - k] * L;
        double *__restrict out = power + k * L;
        const double wc = splitCos[k], ws = splitSin[k];
        for (int l = 0; l < L; ++l) {
            const double er = 0.5 * (zr[l] + cr[l]);
            const double ei = 0.5 * (zi[l] - ci[l]);
            const double or_ = 0.5 * (zi[l] + ci[l]);
            const double oi = -0.5 * (zr[l] - cr[l]);
            // (wc - i ws) * (or_ + i oi)
            const double xr = er + or_ * wc + oi * ws;
            const double xi = ei + oi * wc - or_ * ws;
            out[l] = xr * xr + xi * xi;
        }
    }
}

#undef AVT_CMUL_CONJ

} // namespace

BatchedRealFft::BatchedRealFft(int fftSize) : m_n(fftSize), m_m(fftSize / 2)
{
    assert(fftSize >= 4 && (fftSize & (fftSize - 1)) == 0);
    int bits = 0;
    while ((1 << bits) < m_m)
        ++bits;
    m_bitrev.resize(m_m);
    for (int n = 0; n < m_m; ++n) {
        int r = 0;
        for (int b = 0; b < bits; ++b)
            r |= ((n >> b) & 1) << (bits - 1 - b);
        m_bitrev[n] = r;
    }
    for (int span = 1; span < m_m; span *= 2) {
        for (int j = 0; j < span; ++j) {
            const double a = std::numbers::pi * j / span;
            m_stageCos.push_back(std::cos(a));
            m_stageSin.push_back(std::sin(a));
        }
    }
    m_splitCos.resize(m_m);
    m_splitSin.resize(m_m);
    for (int k = 0; k < m_m; ++k) {
        const double a = 2.0 * std::numbers::pi * k / m_n;
        m_splitCos[k] = std::cos(a);
        m_splitSin[k] = std::sin(a);
    }
}

void BatchedRealFft::powerSpectrum(double *re, double *im, double *power) const
{
    powerSpectrumKernel(re, im, power, m_m, m_bitrev.data(), m_stageCos.data(), m_stageSin.data(), m_splitCos.data(),
                        m_splitSin.data());
}

} // namespace avt::audio
