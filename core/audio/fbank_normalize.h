#pragma once
// From a raw log-mel fbank to AST's model input: pad with zeros at the end (or cut) to the
// dataset's target length, then normalise (x - mean) / (2 * std) with the dataset's
// statistics (AST src/dataloader.py; values in /work/shared/REFERENCE.md).
//
//   auto stats = avt::audio::findFbankStats(QStringLiteral("audioset")); // mean, std, 1024
//   FbankMatrix x = padOrCut(raw, stats->targetLength);
//   normalizeFbank(x, *stats);
//
// Shapes: [frames, bins] in, [targetLength, bins] out. Padding happens before normalising,
// so padded rows hold (0 - mean) / (2 std), exactly as in AST. Arithmetic is float32 with
// mean and 2 * std rounded to float first, as torch does with Python scalars.
// Thread-safety: pure functions; the preset table is immutable.
#include "core/audio/fbank.h"

#include <QString>

#include <optional>
#include <vector>

namespace avt::audio {

struct FbankStats {
    QString name;         // preset key ("audioset", "esc50", "speechcommands") or "custom"
    double mean = 0.0;    // dataset mean of the raw log-mel values
    double std = 1.0;     // dataset standard deviation (> 0)
    int targetLength = 0; // frames the dataset's model expects (1024 = 10.24 s)
};

// AudioSet (-4.2677393, 4.5689974, 1024), ESC-50 (-6.6268077, 5.358466, 512),
// SpeechCommands (-6.845978, 5.5654526, 128).
const std::vector<FbankStats> &fbankStatsPresets();
// A preset by name (case-insensitive; "esc-50" and "speech-commands" also accepted).
std::optional<FbankStats> findFbankStats(const QString &name);

// First targetFrames rows of x, with zero rows appended when x is shorter. targetFrames >= 0.
FbankMatrix padOrCut(const FbankMatrix &x, int64_t targetFrames);

// In place: v = (v - mean) / (2 * std).
void normalizeFbank(FbankMatrix &x, double mean, double std);
inline void normalizeFbank(FbankMatrix &x, const FbankStats &s) { normalizeFbank(x, s.mean, s.std); }

} // namespace avt::audio
