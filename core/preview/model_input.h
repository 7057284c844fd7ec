#pragma once
// The audio input exactly as the model sees it: the clip's Kaldi log-mel fbank (fbank.h),
// padded with zeros at the end or cut to the target length, then normalised
// (x - mean) / (2 std) with a dataset's statistics (fbank_normalize.h).
//
//   ModelInputOptions o;                       // AudioSet statistics, 1024 frames
//   auto in = avt::preview::loadModelAudioInput(path, clip.startS, clip.endS, o);
//   // in->input is [targetFrames, 128]; rows >= in->contentFrames are padding.
//
// Cost: one audio decode and one fbank (milliseconds for seconds of audio). Worker threads only.
// Thread-safety: reentrant.
#include "core/audio/fbank.h"
#include "core/audio/fbank_normalize.h"
#include "core/util/result.h"

#include <QString>

#include <cstdint>

namespace avt::preview {

struct ModelInputOptions {
    QString statsPreset = QStringLiteral("audioset"); // fbankStatsPresets() name
    int targetFrames = -1; // -1: the preset's length (1024 for AudioSet); 0: the clip's own length
    double timeoutS = 20.0;
};

struct ModelAudioInput {
    audio::FbankMatrix input;       // [targetFrames, 128] normalised, as fed to the encoder
    std::int64_t contentFrames = 0; // rows that come from the clip; the rest is padding
    audio::FbankStats stats;        // the statistics used
    double start = 0.0;             // the window decoded, seconds in the file
    double length = 0.0;
};

// From a raw fbank (pure; fails for an unknown preset or a negative target).
Result<ModelAudioInput> modelAudioInput(const audio::FbankMatrix &raw, const ModelInputOptions &options);

// Decodes the window's audio (16 kHz mono), computes its fbank and forms the model input.
Result<ModelAudioInput> loadModelAudioInput(const QString &path, double startS, double endS,
                                            const ModelInputOptions &options = {});

} // namespace avt::preview
