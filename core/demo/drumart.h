#pragma once
// DrumArt-10: the demo dataset (DATASETS.md). Ten classes, each one audio type (a drum
// one-shot repeated at random intervals) with one picture type (a clip-art picture moving
// over a plain background), chosen so that neither modality alone separates all classes:
//
//   class      c0    c1    c2     c3   c4     c5      c6       c7      c8    c9
//   audio      kick  snare hihat  tom  cymbal cymbal  handperc handperc kick hihat
//   picture    birds birds bugs   bugs fruit  mammals music    plants  music fruit
//
// Each clip: 3 s, 224x224 at 15 fps, H.264 + AAC (16 kHz mono) in MP4. Train and test never
// share a source sample or picture (sources are split by file). The same seed gives the same
// files. Output folder:
//   clips/<class>_<split>_<nnnn>.mp4
//   drumart10.csv      path,label,split   (import with --format csv)
//   manifest.json      seed, parameters, per clip: class, split, sources, hit times and gains,
//                      the picture's bounding box per frame [x, y, w, h] (for Grad-CAM checks),
//                      and the sources skipped because they did not decode
#include "core/demo/demo_sources.h"
#include "core/util/result.h"

#include <QString>

#include <atomic>
#include <functional>

namespace avt::demo {

struct DemoOptions {
    QString outDir;
    int clipsPerClass = 100;
    quint64 seed = 1;
    double testFraction = 0.3; // share of each source pool kept for the test split
    int width = 224;
    int height = 224;
    double fps = 15;
    double seconds = 3.0;
    int audioRate = 16000;
    int threads = 2;    // clips encoded in parallel (one ffmpeg each, single-threaded)
    QString sourcesDir; // empty: installed packages or the cache
    QString cacheDir;   // empty: defaultCacheDir()
    bool allowDownload = true;
};

struct DemoSummary {
    int clips = 0;
    int trainClips = 0;
    int testClips = 0;
    QStringList skippedSources; // "path: reason"
    QString csvPath;
    QString manifestPath;
    double seconds = 0;
};

QStringList drumArtClassNames(); // "c0-kick-birds", ...
int drumArtAudioType(int cls);
int drumArtPictureType(int cls);

// Builds the dataset. progress(done, total) is called from the calling thread.
Result<DemoSummary> makeDrumArt(const DemoOptions &options, const std::function<void(int, int)> &progress = {},
                                const std::atomic_bool *cancel = nullptr);

} // namespace avt::demo
