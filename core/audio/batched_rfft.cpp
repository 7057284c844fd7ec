#include "core/audio/batched_rfft.h"

#include "core/audio/simd_clones.h"

#include <cassert>
#include <cmath>
#include <numbers>

namespace avt::audio {

namespace {

constexpr int L = kFftLanes;

// One radix-2 stage: butterflies of span `half` with per-j twiddle (c, -s) = exp(-i pi j/half).
AVT_ALWAYS_INLINE void radix2Stage(double *__restrict re, double *__restrict im, int m, int half,
                                   const double *__restrict c, const double *__restrict s)
{
    for (int base = 0; base < m; base += 2 * half) {
        for (int j = 0; j < half; ++j) {
            double *__restrict ar = re + (base + j) * L;
            double *__restrict ai = im + (base + j) * L;
            double *__restrict br = re + (base + j + half) * L;
            double *__restrict bi = im + (base + j + half) * L;
            const double wc = c[j], ws = s[j];
            for (int l = 0; l < L; ++l) {
                // t = w * b with w = wc - i ws
                const double tr = br[l] * wc + bi[l] * ws;
                const double ti = bi[l] * wc - br[l] * ws;
                br[l] = ar[l] - tr;
                bi[l] = ai[l] - ti;
                ar[l] += tr;
                ai[l] += ti;
            }
        }
    }
}

// First stage (span 1, twiddle 1): no multiplications.
AVT_ALWAYS_INLINE void firstStage(double *__restrict re, double *__restrict im, int m)
{
    for (int base = 0; base < m; base += 2) {
        double *__restrict ar = re + base * L;
        double *__restrict ai = im + base * L;
        double *__restrict br = ar + L;
        double *__restrict bi = ai + L;
        for (int l = 0; l < L; ++l) {
            const double tr = br[l], ti = bi[l];
            br[l] = ar[l] - tr;
            bi[l] = ai[l] - ti;
            ar[l] += tr;
            ai[l] += ti;
        }
    }
}

AVT_SIMD_CLONES
void powerSpectrumKernel(double *__restrict re, double *__restrict im, double *__restrict power,
                         int m, const double *stageCos, const double *stageSin,
                         const double *splitCos, const double *splitSin)
{
    firstStage(re, im, m);
    int offset = 0;
    for (int half = 2; half < m; half *= 2) {
        radix2Stage(re, im, m, half, stageCos + offset, stageSin + offset);
        offset += half;
    }

    // Split: with Z = FFT_M(z) and Zc[k] = conj(Z[M - k]),
    //   E = (Z + Zc) / 2, O = (Z - Zc) / (2i), X[k] = E + exp(-2 pi i k / N) O.
    for (int l = 0; l < L; ++l) { // k = 0: X[0] = Re Z[0] + Im Z[0]
        const double x0 = re[l] + im[l];
        power[l] = x0 * x0;
    }
    for (int k = 1; k < m; ++k) {
        const double *__restrict zr = re + k * L;
        const double *__restrict zi = im + k * L;
        const double *__restrict cr = re + (m - k) * L;
        const double *__restrict ci = im + (m - k) * L;
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
    for (int half = 2; half < m_m; half *= 2) {
        for (int j = 0; j < half; ++j) {
            const double a = std::numbers::pi * j / half;
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
    powerSpectrumKernel(re, im, power, m_m, m_stageCos.data(), m_stageSin.data(),
                        m_splitCos.data(), m_splitSin.data());
}

} // namespace avt::audio
