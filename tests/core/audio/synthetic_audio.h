#pragma once
// Deterministic test waveforms, rebuilt sample for sample from the recipes that
// tests/fixtures/gen_fbank_fixtures.py used (same double-precision formulas with std::sin,
// same 32-bit LCG for noise, rounded to float32 at the end), so fixtures need no waveforms.
#include <QJsonObject>

#include <vector>

namespace avt::test {

// Recipe keys: kind (sine | chirp | noise | silence | clicks | am_noise), sample_rate,
// num_samples, amplitude, and per kind freq, dc, f0, f1, seed, period, offset.
std::vector<float> makeSignal(const QJsonObject &recipe);

} // namespace avt::test
