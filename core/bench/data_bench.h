#pragma once
// Throughput of loading model inputs with the training loader itself (loader::ClipLoader in
// eval mode, one centre view, no cache): for each clip the window [0, audioSeconds), N frames
// resized and centre-cropped, the window's audio at 16 kHz mono, the Kaldi fbank (128 bins)
// padded or cut to the model's length and normalised, frames normalised, batches of 4
// collated. Used by `bench data` and tests/bench/compare_loader.py.
//
//   auto r = avt::bench::benchLoading(files, avt::bench::kBasePreset, 2, 3);
//   qDebug() << r.clipsPerSecond;
//
// Workers are the loader's worker threads (each decodes with one FFmpeg thread and runs ATen
// single-threaded); one untimed warm-up clip comes first.
// Thread-safety: call from one thread.
#include "core/loader/loader_types.h"
#include "core/util/result.h"

#include <QString>
#include <QStringList>

namespace avt::model {
struct ModelConfig;
}

namespace avt::bench {

struct LoadPreset {
    const char *name;
    int frames;          // frames sampled uniformly over the window
    int size;            // short side and centre crop, pixels
    double audioSeconds; // window length, seconds (also the audio length)
    int fbankFrames;     // fbank rows after padOrCut
};

inline constexpr LoadPreset kBasePreset{"base", 16, 224, 10.0, 1024}; // avt-base: 16 x 224^2, 10.24 s
inline constexpr LoadPreset kTinyPreset{"tiny", 8, 112, 3.0, 300};    // avt-tiny / demo: 8 x 112^2, 3 s

struct LoadResult {
    int clips = 0;        // clips loaded (files x passes), failures included
    int failures = 0;     // clips whose decode or fbank failed
    QString firstError;   // message of the first failure
    double seconds = 0.0; // wall time of all clips
    double clipsPerSecond = 0.0;
    double msPerClip = 0.0; // wall time x workers / clips: one clip's share of one worker
};

// The model config and loader options the benchmark loads a preset with.
Result<model::ModelConfig> presetModelConfig(const LoadPreset &preset);
loader::LoaderOptions presetLoaderOptions(int workers);

// Loads every file `passes` times with `workers` threads (after one untimed warm-up clip).
// decodeThreads: FFmpeg threads per clip (0: cores / workers).
LoadResult benchLoading(const QStringList &files, const LoadPreset &preset, int workers, int passes,
                        int decodeThreads = 1);

} // namespace avt::bench
