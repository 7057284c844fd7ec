#pragma once
// Kaldi / torchaudio triangular mel filterbank, stored sparsely.
//
//   SparseMelBanks mel = makeMelBanks(128, 512, 16000.0, 20.0, 8000.0);
//   // energy of mel bin m = sum_i mel.weights[mel.offset[m] + i] * power[mel.start[m] + i]
//   //                       for i < mel.count[m]
//
// The triangles follow torchaudio.compliance.kaldi.get_mel_banks (no VTLN): num_bins + 2
// equally spaced points on the mel scale mel(f) = 1127 ln(1 + f / 700) between lowFreq and
// highFreq; bin m rises from point m to m+1 and falls to m+2; FFT bin k sits at
// k * sampleRate / fftSize Hz for k < fftSize / 2 (the Nyquist bin always has weight 0).
// torchaudio evaluates this in float32; makeMelBanks repeats the same float32 operations in
// the same order so that weights agree to a few float32 ulps (weights near a triangle's foot
// are relatively sensitive, and a single-FFT-bin triangle passes that error straight into
// the log energy). Each triangle covers a contiguous run of FFT bins, so a bin is stored as
// (start, count, weights): about 2 * fftSize / 2 weights in all instead of
// numBins * fftSize / 2.
//
// Thread-safety: plain value type; makeMelBanks is a pure function.
#include <vector>

namespace avt::audio {

struct SparseMelBanks {
    int numBins = 0;            // mel bins
    int numFftBins = 0;         // fftSize / 2: FFT bins 0 .. fftSize/2 - 1 are covered
    std::vector<int> start;     // [numBins] first FFT bin with a non-zero weight
    std::vector<int> count;     // [numBins] number of consecutive FFT bins (0: empty triangle)
    std::vector<int> offset;    // [numBins] index of the bin's first weight in `weights`
    std::vector<float> weights; // all non-zero weights, bin after bin

    // Dense [numBins, numFftBins] row-major copy, as torchaudio's get_mel_banks returns it.
    std::vector<float> dense() const;
};

// Preconditions (checked by the caller, see FbankOptions::validate): numBins > 3,
// fftSize even, 0 <= lowFreq < highFreq <= sampleRate / 2.
SparseMelBanks makeMelBanks(int numBins, int fftSize, double sampleRate, double lowFreq, double highFreq);

} // namespace avt::audio
