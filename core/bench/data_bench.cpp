// Model-input loading throughput through the training loader (ClipLoader in eval mode).
#include "core/bench/data_bench.h"

#include "core/loader/clip_loader.h"
#include "core/loader/loader_bench.h"
#include "model/config/model_config.h"

#include <QThread>

namespace avt::bench {

Result<model::ModelConfig> presetModelConfig(const LoadPreset &preset)
{
    auto cfg = model::ModelConfig::preset("avt-base");
    if (!cfg)
        return makeError(QStringLiteral("internal"), QStringLiteral("the avt-base preset is missing"));
    cfg->audio.melBins = 128;
    cfg->audio.frames = preset.fbankFrames;
    cfg->video.frames = preset.frames;
    cfg->video.size = preset.size;
    return *cfg;
}

loader::LoaderOptions presetLoaderOptions(int workers)
{
    loader::LoaderOptions o;
    o.mode = loader::LoaderMode::Eval;
    o.batchSize = 4;
    o.numWorkers = workers;
    o.prefetchBatches = 2;
    o.clipSeconds = 0.0; // the item's window: [0, audioSeconds)
    o.temporalViews = 1;
    o.spatialViews = 1;
    o.cacheMiB = 0;
    return o;
}

LoadResult benchLoading(const QStringList &files, const LoadPreset &preset, int workers, int passes, int decodeThreads)
{
    LoadResult r;
    if (files.isEmpty() || workers < 1 || passes < 1)
        return r;
    auto cfg = presetModelConfig(preset);
    if (!cfg) {
        r.firstError = cfg.error().message;
        return r;
    }
    QStringList all;
    for (int p = 0; p < passes; ++p)
        all << files;
    loader::LoaderOptions o = presetLoaderOptions(workers);
    o.decodeThreads = decodeThreads;
    // Warm-up (codec tables, fbank plans), untimed.
    (void)loader::benchmarkLoader(files.mid(0, 1), o, *cfg, 1, 0.0, preset.audioSeconds);
    auto b = loader::benchmarkLoader(all, o, *cfg, 1, 0.0, preset.audioSeconds);
    if (!b) {
        r.firstError = b.error().message;
        r.clips = int(all.size());
        r.failures = r.clips;
        return r;
    }
    r.clips = int(all.size());
    r.failures = b->failures;
    r.firstError = b->firstError;
    r.seconds = b->seconds;
    r.clipsPerSecond = b->seconds > 0 ? r.clips / b->seconds : 0.0;
    r.msPerClip = r.clips > 0 ? 1000.0 * b->seconds * workers / r.clips : 0.0;
    return r;
}

} // namespace avt::bench
