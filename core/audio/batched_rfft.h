#pragma once
// Power spectra of several real frames at once, in double precision.
//
// Shape legend: L = kFftLanes frames processed together, N = fftSize (a power of two >= 4),
// M = N / 2 complex points. Buffers are "lane-inner": element p of frame l lives at
// [p * L + l], so every butterfly runs the same arithmetic on L independent frames and the
// compiler turns the lane loop into SIMD instructions (an AVX2/FMA variant is selected at
// run time on CPUs that have it).
//
//   BatchedRealFft fft(512);
//   std::vector<double> re(fft.complexPoints() * kFftLanes), im(same), power(same);
//   for each lane l and n < M: re[n * L + l] = y_l[2n];  im[n * L + l] = y_l[2n + 1];
//   fft.powerSpectrum(re.data(), im.data(), power.data());
//   // power[k * L + l] = |sum_n y_l[n] exp(-2 pi i k n / N)|^2 for k < M
//
// Method: the N real samples are packed as M complex values z[n] = y[2n] + i y[2n+1]
// (natural order), transformed by an iterative decimation-in-frequency radix-2 complex FFT
// (two stages per memory pass), and split into the real spectrum with the usual
// X[k] = E[k] + exp(-2 pi i k / N) O[k]. The Nyquist bin k = M is not produced (Kaldi's mel
// banks give it weight 0).
//
// Thread-safety: const methods only touch the caller's buffers; share one instance freely.
#include <vector>

namespace avt::audio {

inline constexpr int kFftLanes = 8;

class BatchedRealFft {
public:
    explicit BatchedRealFft(int fftSize);

    int fftSize() const { return m_n; }
    int complexPoints() const { return m_m; }

    // re, im: [M, L] complex input z[n] = y[2n] + i y[2n+1] (overwritten);
    // power: [M, L] output, |X[k]|^2 for k = 0 .. M-1.
    void powerSpectrum(double *re, double *im, double *power) const;

private:
    int m_n = 0;
    int m_m = 0;
    std::vector<int> m_bitrev;      // [M] row of Z[k] after the DIF stages
    std::vector<double> m_stageCos; // twiddles of all stages, stage after stage
    std::vector<double> m_stageSin;
    std::vector<double> m_splitCos; // [M] cos(2 pi k / N)
    std::vector<double> m_splitSin; // [M] sin(2 pi k / N)
};

} // namespace avt::audio
