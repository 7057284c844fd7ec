#include "core/audio/fbank.h"

#include "core/audio/batched_rfft.h"
#include "core/audio/mel_banks.h"
#include "core/audio/simd_clones.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <memory>
#include <mutex>
#include <numbers>

namespace avt::audio {

namespace {

constexpr int L = kFftLanes;
constexpr double kLogFloor = FLT_EPSILON; // torchaudio: max(energy, finfo(float32).eps)

// Everything that depends only on the options: built once, then shared read-only.
struct FbankPlan {
    FbankOptions options;
    int window = 0;
    int shift = 0;
    int fft = 0;
    std::vector<double> hann; // [window] 0.5 - 0.5 cos(2 pi j / (window - 1))
    BatchedRealFft rfft;
    SparseMelBanks mel;
    std::vector<double> melWeights; // mel.weights in double

    explicit FbankPlan(const FbankOptions &o)
        : options(o), window(o.windowSize()), shift(o.windowShift()), fft(o.fftSize()), rfft(o.fftSize()),
          mel(makeMelBanks(o.numMelBins, o.fftSize(), o.sampleRate, o.lowFreq, o.effectiveHighFreq()))
    {
        hann.resize(window);
        for (int j = 0; j < window; ++j)
            hann[j] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * j / (window - 1));
        melWeights.assign(mel.weights.begin(), mel.weights.end());
    }
};

bool sameOptions(const FbankOptions &a, const FbankOptions &b)
{
    return a.sampleRate == b.sampleRate && a.numMelBins == b.numMelBins && a.frameLengthMs == b.frameLengthMs
           && a.frameShiftMs == b.frameShiftMs && a.lowFreq == b.lowFreq && a.highFreq == b.highFreq
           && a.preemphasis == b.preemphasis;
}

// The plan for validated options. Plans are few (one per distinct option set) and immutable.
std::shared_ptr<const FbankPlan> planFor(const FbankOptions &options)
{
    static std::mutex mutex;
    static std::vector<std::shared_ptr<const FbankPlan>> plans;
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto &p : plans)
        if (sameOptions(p->options, options))
            return p;
    plans.push_back(std::make_shared<const FbankPlan>(options));
    return plans.back();
}

// Natural log for x >= FLT_EPSILON (normal, finite), accurate to ~3e-16 relative, built
// from integer and double arithmetic only so that the lane loop vectorises:
// x = m 2^e with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s), s = (m - 1) / (m + 1),
// |s| < 0.172, summed by its odd series up to s^17.
AVT_ALWAYS_INLINE double lnPositive(double x)
{
    const uint64_t bits = std::bit_cast<uint64_t>(x);
    // Adding bits(1.0) - bits(sqrt(1/2)) carries into the exponent field exactly when the
    // mantissa is >= sqrt(2), so `biased` = e + 1023 for the split above.
    const uint64_t biased = (bits + (0x3ff0000000000000ULL - 0x3fe6a09e667f3bcdULL)) >> 52;
    const double m = std::bit_cast<double>(bits - (biased << 52) + (1023ULL << 52));
    // biased as a double without an int64 -> double conversion (none in AVX2): 2^52 + biased.
    const double e = std::bit_cast<double>(biased | 0x4330000000000000ULL) - (4503599627370496.0 + 1023.0);
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    const double poly =
        1.0
        + s2
              * (1.0 / 3
                 + s2
                       * (1.0 / 5
                          + s2
                                * (1.0 / 7
                                   + s2
                                         * (1.0 / 9
                                            + s2 * (1.0 / 11 + s2 * (1.0 / 13 + s2 * (1.0 / 15 + s2 * (1.0 / 17))))))));
    return e * std::numbers::ln2 + 2.0 * s * poly;
}

// Frames f0 .. f0+L-1 (those < frames; missing ones are zero) DC-removed, pre-emphasised
// (y[j] = d[j] - coef d[j-1], with d[-1] := d[0]), windowed and zero-padded, packed as the
// FFT's complex input re/im [M, L] (re = even samples, im = odd samples). All arithmetic
// runs lane-inner, so it vectorises across the L frames.
AVT_SIMD_CLONES
void loadFrames(const FbankPlan &plan, const float *samples, int64_t f0, int64_t frames, double *__restrict re,
                double *__restrict im, double *__restrict scratch)
{
    const int w = plan.window;
    const int m = plan.rfft.complexPoints();
    const double coef = plan.options.preemphasis;
    const double *__restrict hann = plan.hann.data();
    double *__restrict x = scratch;                              // [w, L] raw frames
    double *__restrict y = scratch + static_cast<size_t>(w) * L; // [fft, L] prepared
    for (int l = 0; l < L; ++l) {
        if (f0 + l < frames) {
            const float *__restrict s = samples + (f0 + l) * plan.shift;
            for (int j = 0; j < w; ++j)
                x[j * L + l] = static_cast<double>(s[j]);
        } else {
            for (int j = 0; j < w; ++j)
                x[j * L + l] = 0.0;
        }
    }
    double mean[L] = {};
    for (int j = 0; j < w; ++j)
        for (int l = 0; l < L; ++l)
            mean[l] += x[j * L + l];
    for (int l = 0; l < L; ++l)
        mean[l] /= w;
    for (int l = 0; l < L; ++l) {
        const double d0 = x[l] - mean[l];
        y[l] = (d0 - coef * d0) * hann[0];
    }
    for (int j = 1; j < w; ++j) {
        const double hj = hann[j];
        for (int l = 0; l < L; ++l) {
            const double d = x[j * L + l] - mean[l];
            const double prev = x[(j - 1) * L + l] - mean[l];
            y[j * L + l] = (d - coef * prev) * hj;
        }
    }
    std::fill(y + static_cast<size_t>(w) * L, y + static_cast<size_t>(plan.fft) * L, 0.0);
    for (int n = 0; n < m; ++n)
        for (int l = 0; l < L; ++l) {
            re[n * L + l] = y[(2 * n) * L + l];
            im[n * L + l] = y[(2 * n + 1) * L + l];
        }
}

// Mel energies of the L frames' power spectra [M, L], floored and logged, written to the
// rows f0 .. of out [frames, bins].
AVT_SIMD_CLONES
void melLogFrames(const FbankPlan &plan, const double *__restrict power, int64_t f0, int64_t frames,
                  double *__restrict energy, float *__restrict out)
{
    const SparseMelBanks &mel = plan.mel;
    const double *__restrict weights = plan.melWeights.data();
    const int bins = mel.numBins;
    for (int b = 0; b < bins; ++b) {
        double acc[L] = {};
        const double *__restrict wb = weights + mel.offset[b];
        const double *__restrict pb = power + static_cast<size_t>(mel.start[b]) * L;
        const int count = mel.count[b];
        for (int i = 0; i < count; ++i)
            for (int l = 0; l < L; ++l)
                acc[l] += wb[i] * pb[i * L + l];
        for (int l = 0; l < L; ++l)
            energy[b * L + l] = acc[l];
    }
    const int n = bins * L;
    for (int i = 0; i < n; ++i) {
        const double e = energy[i] < kLogFloor ? kLogFloor : energy[i];
        energy[i] = lnPositive(e);
    }
    const int valid = static_cast<int>(std::min<int64_t>(L, frames - f0));
    for (int l = 0; l < valid; ++l) {
        float *__restrict row = out + (f0 + l) * bins;
        for (int b = 0; b < bins; ++b)
            row[b] = static_cast<float>(energy[b * L + l]);
    }
}

Error optionError(const QString &message)
{
    return makeError(QStringLiteral("invalid-options"), QStringLiteral("fbank options: ") + message);
}

} // namespace

int FbankOptions::windowSize() const { return static_cast<int>(sampleRate * frameLengthMs * 0.001); }

int FbankOptions::windowShift() const { return static_cast<int>(sampleRate * frameShiftMs * 0.001); }

int FbankOptions::fftSize() const
{
    const int w = windowSize();
    int n = 1;
    while (n < w)
        n *= 2;
    return n;
}

double FbankOptions::effectiveHighFreq() const { return highFreq <= 0.0 ? highFreq + 0.5 * sampleRate : highFreq; }

Status FbankOptions::validate() const
{
    if (!(sampleRate > 0.0) || !std::isfinite(sampleRate))
        return optionError(QStringLiteral("sample rate %1 Hz must be positive").arg(sampleRate));
    if (!(frameLengthMs > 0.0) || frameLengthMs > 1000.0 || windowSize() < 2)
        return optionError(QStringLiteral("frame length %1 ms gives a window of %2 samples (need 2 .. 1 s)")
                               .arg(frameLengthMs)
                               .arg(windowSize()));
    if (!(frameShiftMs > 0.0) || windowShift() < 1)
        return optionError(QStringLiteral("frame shift %1 ms gives a hop of %2 samples (need >= 1)")
                               .arg(frameShiftMs)
                               .arg(windowShift()));
    if (numMelBins <= 3 || numMelBins > 1024)
        return optionError(QStringLiteral("%1 mel bins (need 4 .. 1024)").arg(numMelBins));
    if (!(preemphasis >= 0.0 && preemphasis <= 1.0))
        return optionError(QStringLiteral("pre-emphasis %1 outside [0, 1]").arg(preemphasis));
    const double nyquist = 0.5 * sampleRate, high = effectiveHighFreq();
    if (!(lowFreq >= 0.0 && lowFreq < nyquist && high > 0.0 && high <= nyquist && lowFreq < high))
        return optionError(QStringLiteral("mel range %1 .. %2 Hz must satisfy 0 <= low < high <= Nyquist (%3 Hz)")
                               .arg(lowFreq)
                               .arg(high)
                               .arg(nyquist));
    return Ok{};
}

int64_t fbankFrameCount(int64_t numSamples, const FbankOptions &options)
{
    const int w = options.windowSize(), shift = options.windowShift();
    if (w < 1 || shift < 1 || numSamples < w)
        return 0;
    return 1 + (numSamples - w) / shift;
}

Result<FbankMatrix> computeFbank(const float *samples, int64_t numSamples, const FbankOptions &options)
{
    if (Status ok = options.validate(); !ok)
        return ok.error();
    if (numSamples <= 0 || samples == nullptr)
        return makeError(QStringLiteral("empty"), QStringLiteral("fbank: the waveform has no samples"));
    for (int64_t i = 0; i < numSamples; ++i)
        if (!std::isfinite(samples[i]))
            return makeError(QStringLiteral("non-finite"),
                             QStringLiteral("fbank: sample %1 of %2 is %3").arg(i).arg(numSamples).arg(samples[i]));
    const int64_t frames = fbankFrameCount(numSamples, options);
    if (frames == 0)
        return makeError(QStringLiteral("too-short"),
                         QStringLiteral("fbank: %1 samples are shorter than one %2 ms window (%3 samples at %4 Hz)")
                             .arg(numSamples)
                             .arg(options.frameLengthMs)
                             .arg(options.windowSize())
                             .arg(options.sampleRate));

    const std::shared_ptr<const FbankPlan> plan = planFor(options);
    FbankMatrix out;
    out.frames = frames;
    out.bins = options.numMelBins;
    out.values.resize(static_cast<size_t>(frames) * out.bins);

    const int64_t groups = (frames + L - 1) / L;
    const int m = plan->rfft.complexPoints();
    // 16 groups (128 frames, 1.28 s at 16 kHz) per task keeps short clips on one thread.
    at::parallel_for(0, groups, 16, [&](int64_t begin, int64_t end) {
        std::vector<double> re(static_cast<size_t>(m) * L), im(re.size()), power(re.size());
        std::vector<double> scratch(static_cast<size_t>(plan->window + plan->fft) * L);
        std::vector<double> energy(static_cast<size_t>(out.bins) * L);
        for (int64_t g = begin; g < end; ++g) {
            loadFrames(*plan, samples, g * L, frames, re.data(), im.data(), scratch.data());
            plan->rfft.powerSpectrum(re.data(), im.data(), power.data());
            melLogFrames(*plan, power.data(), g * L, frames, energy.data(), out.values.data());
        }
    });
    return out;
}

} // namespace avt::audio
