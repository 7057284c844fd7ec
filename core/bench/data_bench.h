#pragma once
// Throughput of loading model inputs: for each clip, decodeClip() (N frames resized and
// centre-cropped, the window's audio at 16 kHz mono), then the Kaldi fbank, padOrCut to the
// model's length and AudioSet normalisation. Used by `bench data` and tests/bench/compare_loader.py.
//
//   auto r = avt::bench::benchLoading(files, avt::bench::kBasePreset, 2, 3);
//   qDebug() << r.clipsPerSecond;
//
// Workers are std::threads that take clips from a shared counter; each decodes with one FFmpeg
// thread, and ATen's intra-op thread count is set to 1 while the benchmark runs (restored after),
// as in a data loader with one worker per core.
// Thread-safety: changes ATen's global thread count while it runs; call from one thread.
#include <QString>
#include <QStringList>

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
    double msPerClip = 0.0; // mean wall time of one clip inside one worker
};

// Loads every file `passes` times with `workers` threads (after one untimed warm-up clip).
LoadResult benchLoading(const QStringList &files, const LoadPreset &preset, int workers, int passes);

} // namespace avt::bench
