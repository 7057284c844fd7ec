#include "core/audio/mel_banks.h"

#include <algorithm>
#include <cmath>

namespace avt::audio {

namespace {

// torchaudio's mel_scale_scalar, evaluated in double like Python's math.log.
double melScaleDouble(double freq) { return 1127.0 * std::log(1.0 + freq / 700.0); }

// torchaudio's mel_scale on a float32 tensor: 1127 * log(1 + f / 700), every step in float.
float melScaleFloat(float freq)
{
    const float ratio = freq / 700.0f;
    return 1127.0f * std::log(1.0f + ratio);
}

} // namespace

std::vector<float> SparseMelBanks::dense() const
{
    std::vector<float> out(static_cast<size_t>(numBins) * numFftBins, 0.0f);
    for (int m = 0; m < numBins; ++m)
        for (int i = 0; i < count[m]; ++i)
            out[static_cast<size_t>(m) * numFftBins + start[m] + i] = weights[offset[m] + i];
    return out;
}

SparseMelBanks makeMelBanks(int numBins, int fftSize, double sampleRate, double lowFreq, double highFreq)
{
    SparseMelBanks banks;
    banks.numBins = numBins;
    banks.numFftBins = fftSize / 2;

    // Scalars in double (Python floats), converted to float where torch meets a tensor.
    const double melLow = melScaleDouble(lowFreq);
    const double melHigh = melScaleDouble(highFreq);
    const float melDelta = static_cast<float>((melHigh - melLow) / (numBins + 1));
    const float melLowF = static_cast<float>(melLow);
    const float binWidth = static_cast<float>(sampleRate / fftSize);

    // mel value of every FFT bin: mel_scale(fft_bin_width * arange(num_fft_bins)).
    std::vector<float> fftMel(static_cast<size_t>(banks.numFftBins));
    for (int k = 0; k < banks.numFftBins; ++k)
        fftMel[k] = melScaleFloat(binWidth * static_cast<float>(k));

    banks.start.assign(numBins, 0);
    banks.count.assign(numBins, 0);
    banks.offset.assign(numBins, 0);
    for (int m = 0; m < numBins; ++m) {
        const float fm = static_cast<float>(m);
        const float left = melLowF + fm * melDelta;
        const float centre = melLowF + (fm + 1.0f) * melDelta;
        const float right = melLowF + (fm + 2.0f) * melDelta;
        banks.offset[m] = static_cast<int>(banks.weights.size());
        for (int k = 0; k < banks.numFftBins; ++k) {
            const float up = (fftMel[k] - left) / (centre - left);
            const float down = (right - fftMel[k]) / (right - centre);
            const float w = std::max(0.0f, std::min(up, down));
            if (w <= 0.0f)
                continue;
            // The triangle is convex, so its non-zero weights are one contiguous run.
            if (banks.count[m] == 0)
                banks.start[m] = k;
            banks.weights.push_back(w);
            ++banks.count[m];
        }
    }
    return banks;
}

} // namespace avt::audio
